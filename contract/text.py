"""What a text the registry keeps may hold: printable characters, nothing that breaks a store.

PostgreSQL cannot keep U+0000 in a text column, an unpaired UTF-16 surrogate is not a character
(it cannot even be encoded as UTF-8), and other control characters are invisible on a screen and
in a spreadsheet. Every text that comes in (the API's fields, event data, query strings,
headers, imports) is checked here, once, before anything is recorded or looked up.
"""

from __future__ import annotations

import re

from i18n import N_, Text

# Free text (a reason, a note) may keep tab, line feed and carriage return; names and codes not.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_FREE_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")

# The JSON-schema patterns the OpenAPI document gives, so that clients know before they send.
PATTERN = "^[^\\u0000-\\u001f\\u007f]*$"
FREE_TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$"

# The messages, in one place (i18n.Text: translated in i18n/translations).
CONTROL_CHARACTER = N_("contains the invisible control character U+%(code)s at position %(position)s: "
                        "delete it (it often comes with text copied from another program) and send "
                        "the text again")
CONTROL_CHARACTER_IN_LINE = N_("contains the control character U+%(code)s at position %(position)s: "
                                "this text must be one line of printable characters")
SURROGATE = N_("contains U+%(code)s at position %(position)s, half of a character that was broken "
                "in copying: type the text again")


def text_problem(value: str, *, free_text: bool = False) -> str | None:
    """What is wrong with `value` as a text to keep, or None when it is clean.

    Positions count from 1, as a person counts the characters they typed.
    """
    found = (_CONTROL_IN_FREE_TEXT if free_text else _CONTROL).search(value)
    if found is not None:
        code = ord(found.group())
        template = CONTROL_CHARACTER_IN_LINE if code in (9, 10, 13) else CONTROL_CHARACTER
        return Text(template, code=f"{code:04X}", position=found.start() + 1)
    found = _SURROGATE.search(value)
    if found is not None:
        return Text(SURROGATE, code=f"{ord(found.group()):04X}", position=found.start() + 1)
    return None


def check_text(value: str, *, free_text: bool = False) -> str:
    """`value` itself when it is clean; ValueError saying what to fix otherwise."""
    problem = text_problem(value, free_text=free_text)
    if problem is not None:
        raise ValueError(problem)
    return value


def printable(value: str) -> str:
    """`value` with what `text_problem` refuses shown as escapes, for echoing input in a message
    (an error body must itself be valid UTF-8 and readable)."""
    def escape(found: re.Match[str]) -> str:
        return f"\\u{ord(found.group()):04x}"
    return _SURROGATE.sub(escape, _CONTROL.sub(escape, value))
