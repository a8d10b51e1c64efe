"""Languages: what the registry says to a person, kept as data and rendered in their language.

Flask-free on purpose: `registry/` and `projections/` build `Text`s (an English message id and
its parameters); `api/` (and the console, the jobs) render them in the language chosen at the
edge. How to add a message: see the "Languages" section of README.md.
"""

from .catalogue import LANGUAGES, language_of, translate, translate_library
from .text import (
           N_,
           Bilingual,
           ClauseId,
           Money,
           Percent,
           Quoted,
           Series,
           Term,
           Text,
           Yuan,
           message_of,
           render,
           then,
)

__all__ = ["LANGUAGES", "N_", "Bilingual", "ClauseId", "Money", "Percent", "Quoted", "Series", "Term", "Text",
           "Yuan", "language_of", "message_of", "render", "then", "translate", "translate_library"]
