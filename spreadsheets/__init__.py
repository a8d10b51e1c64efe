"""Workbooks in and out: the import template, reading a filled one, the 公示 and payment lists.

Knows the contract's catalogue and vocabularies (`contract/`) and i18n's labels, nothing of the
registry or the web: the API and `jcg` wire it.
"""
