"""The contract's vocabulary: the facts it names and their fields, the closed vocabularies (kinds,
zones, roles), the credit code, and what a text may hold.

The registry, the API, the console and the workbooks all speak it; it imports nothing but
`i18n` (enforced by a test), so a workbook or a form knows the contract without the store.
"""
