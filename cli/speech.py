"""What a command prints for a person, in JCG_LANGUAGE (en unless set), as the API would say it."""

from __future__ import annotations

import os
from typing import Any

from i18n import language_of, render, translate_library
from i18n.catalogue import ENGLISH
from i18n.text import decode


def spoken_language() -> str:
    """JCG_LANGUAGE's language; English when unset (or not a language of the registry)."""
    return language_of(os.environ.get("JCG_LANGUAGE")) or ENGLISH


def spoken(message: Any, terms: Any = None) -> str:
    """A message (a Text, its stored `terms`, or a library's English) in the command's language."""
    language = spoken_language()
    if isinstance(terms, dict):
        message = decode(terms)
    if hasattr(message, "render"):
        return render(message, language)
    return translate_library(str(message), language)
