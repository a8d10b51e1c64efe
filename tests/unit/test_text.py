"""The one text check: control characters and broken characters refused, the rest kept."""

from __future__ import annotations

import re

import pytest

from contract.fields import Field
from contract.text import FREE_TEXT_PATTERN, PATTERN, check_text, printable, text_problem


@pytest.mark.parametrize("code", [*range(0x00, 0x20), 0x7F])
def test_every_control_character_is_refused_in_a_name(code: int) -> None:
    problem = text_problem(f"ab{chr(code)}c")
    assert problem is not None and f"U+{code:04X} at position 3" in problem
    assert not re.match(PATTERN, f"ab{chr(code)}c")


@pytest.mark.parametrize("code", [0x09, 0x0A, 0x0D])
def test_free_text_keeps_tab_and_line_breaks(code: int) -> None:
    assert text_problem(f"a{chr(code)}b", free_text=True) is None
    assert re.match(FREE_TEXT_PATTERN, f"a{chr(code)}b")


@pytest.mark.parametrize("code", [0x00, 0x07, 0x0B, 0x0C, 0x1B, 0x7F])
def test_free_text_refuses_the_other_control_characters(code: int) -> None:
    assert text_problem(f"a{chr(code)}b", free_text=True) is not None
    assert not re.match(FREE_TEXT_PATTERN, f"a{chr(code)}b")


@pytest.mark.parametrize("value", ["\ud800", "a\udbffb", "\udc00", "x\udfff"])
def test_an_unpaired_surrogate_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="broken in copying"):
        check_text(value)
    with pytest.raises(ValueError, match="broken in copying"):
        check_text(value, free_text=True)


@pytest.mark.parametrize("value", ["", "晋创谷·阳泉", "Ａｃｍｅ", "🚀 rocket", "a\u00a0b", "\u200b", "€"])
def test_printable_text_of_any_script_is_kept(value: str) -> None:
    assert check_text(value) == value


def test_printable_escapes_what_the_check_refuses_and_only_that() -> None:
    assert printable("a\x00b\ud800c\n晋") == "a\\u0000b\\ud800c\\u000a晋"
    printable("\ud800").encode("utf-8")


def test_event_data_text_fields_use_the_same_check() -> None:
    with pytest.raises(ValueError, match="U\\+0000"):
        Field("text").parse("GB\x00")
    assert Field("text", free_text=True).parse("line one\nline two") == "line one\nline two"
    with pytest.raises(ValueError, match="one line"):
        Field("text").parse("line one\nline two")
