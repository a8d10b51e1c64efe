"""Workbooks in and out: the import template, reading a filled one, the 公示 and payment lists.

Knows the registry's catalogue and labels, and nothing of the web: the API and `jcg` wire it.
"""
