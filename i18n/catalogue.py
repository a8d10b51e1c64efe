"""The message catalogues of translations/<language>/LC_MESSAGES/messages.po, read as they are.

The .po file is the only source: it is compiled (Babel's own `write_mo`) in memory the first time
a process needs a language. No compiled .mo lives in the repository or the install, so there is
no binary to merge, no build step an editable install could skip, and no stale catalogue when
someone edits the .po and runs pytest directly.

Two kinds of entry, both plain msgids:
- our own messages: the msgid is the English sentence with `%(name)s` parameters, as `Text`
  builds it;
- the libraries' own messages (i18n/library.py: marshmallow, webargs, werkzeug), whose English
  reaches us already formatted; their msgid is the library's template with `{name}`
  placeholders, matched against the finished sentence to recover the values.
"""

from __future__ import annotations

import re
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

ENGLISH = "en"
CHINESE = "zh_CN"
# The catalogue a language tag reads: en is the source language and needs no catalogue.
LANGUAGES = (ENGLISH, CHINESE)
DIRECTORY = Path(__file__).parent / "translations"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def language_of(tag: str | None) -> str | None:
    """The language of an Accept-Language tag or a setting: zh, zh-CN, zh-Hans, zh_CN → zh_CN."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").lower().split("-")[0]
    return {"zh": CHINESE, "en": ENGLISH}.get(primary)


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalogue of a language (Flask-Babel's domain serves the same object)."""
    path = DIRECTORY / language / "LC_MESSAGES" / "messages.po"
    if language == ENGLISH or not path.exists():
        return NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def translate(msgid: str, language: str) -> str:
    return translations(language).gettext(msgid)


@cache
def _library_templates(language: str) -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    from .library import TEMPLATES

    exact: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    for template in TEMPLATES:
        translated = translate(template, language)
        if translated == template:
            continue
        if _PLACEHOLDER.search(template):
            pieces = _PLACEHOLDER.split(template)
            regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(pieces))
            patterns.append((re.compile(f"^{regex}$", re.DOTALL), translated))
        else:
            exact[template] = translated
    return exact, patterns


def translate_library(message: str, language: str) -> str:
    """A library's finished English sentence in `language`, or as it is when the catalogue lacks it."""
    if language == ENGLISH:
        return message
    exact, patterns = _library_templates(language)
    if message in exact:
        return exact[message]
    for pattern, template in patterns:
        found = pattern.match(message)
        if found:
            return template.format_map(found.groupdict())
    return message
