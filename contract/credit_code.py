"""Unified social credit codes (统一社会信用代码), GB 32100-2015."""

from __future__ import annotations

import re

from i18n import Quoted, Text

# The code's alphabet leaves out I, O, Z, S and V so that they are never misread.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_SHAPE = re.compile(f"^[{ALPHABET}]{{18}}$")


class InvalidCreditCode(ValueError):
    """The text is not a unified social credit code."""


def check_character(first17: str) -> str:
    """The 18th character that GB 32100-2015 derives from the first 17."""
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalise_credit_code(text: str) -> str:
    """Return the code upper-cased and stripped, or raise with a message a person can act on."""
    code = text.strip().upper()
    if len(code) != 18:
        raise InvalidCreditCode(Text(
            "a unified social credit code has 18 characters, this one has %(length)s", length=len(code)))
    if not _SHAPE.match(code):
        bad = sorted({ch for ch in code if ch not in ALPHABET})
        raise InvalidCreditCode(Text(
            "characters %(characters)s are not used in unified social credit codes "
            "(GB 32100-2015 leaves out I, O, Z, S and V)", characters=Quoted("".join(bad))))
    expected = check_character(code[:17])
    if code[17] != expected:
        raise InvalidCreditCode(Text(
            "check character is %(found)s but GB 32100-2015 gives %(expected)s "
            "for the first 17 characters: a character was probably mistyped",
            found=Quoted(code[17]), expected=Quoted(expected)))
    return code
