"""The console's language: Chinese unless its user picks English (kept in the session).

Every console string goes through `_` (and `_l` where a form class is built at import), with
English message ids, so moving to Flask-Babel's catalogues is an edit of this one module.
"""

from __future__ import annotations

from typing import Any

from flask import g, has_request_context, session

LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT = "zh_CN"


def language() -> str:
    if not has_request_context():
        return DEFAULT
    chosen = g.get("lang")
    if chosen is None:  # read from the session once a request: a page asks hundreds of times
        chosen = g.lang = session.get("lang") if session.get("lang") in LANGUAGES else DEFAULT
    return chosen


def gettext(message: str, **values: Any) -> str:
    text = message if language() == "en" else ZH.get(message, message)
    return text % values if values else text


class LazyString:
    """A message translated when shown, for labels made before any request."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __str__(self) -> str:
        return gettext(self.message)

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(str(self)))


_ = gettext
_l = LazyString

from console.zh import ZH  # noqa: E402  (the catalogue, kept apart from the mechanism)
