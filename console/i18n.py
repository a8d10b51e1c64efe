"""The console's language: Chinese unless its user picks English (kept in the session).

Strings are marked with Flask-Babel's `gettext` (`_`) and `lazy_gettext` (by that name, so
`make messages` finds them), English ids in the one catalogue (i18n/translations); each console
request is answered in the session's language through `api.languages.prefer`, so the
registry's messages follow it too.
"""

from __future__ import annotations

from flask import g, has_request_context, session
from flask_babel import gettext

LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT = "zh_CN"

_ = gettext


def language() -> str:
    if not has_request_context():
        return DEFAULT
    chosen = g.get("console_lang")
    if chosen is None:  # read from the session once a request: a page asks hundreds of times
        chosen = g.console_lang = session.get("lang") if session.get("lang") in LANGUAGES else DEFAULT
    return chosen


def choose() -> None:
    """Answer this request in the console's language (messages of the registry included)."""
    from api.languages import prefer

    prefer(language())
