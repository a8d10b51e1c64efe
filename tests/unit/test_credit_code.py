"""Unified social credit codes are checked as GB 32100-2015 says."""

from __future__ import annotations

import pytest

from contract.credit_code import InvalidCreditCode, normalise_credit_code

# A real code, published with GB 32100-2015's worked examples.
REAL = "91350100M000100Y43"


def test_a_real_code_passes_its_check() -> None:
    assert normalise_credit_code(REAL) == REAL


def test_a_code_typed_in_lower_case_with_spaces_is_normalised() -> None:
    assert normalise_credit_code(f"  {REAL.lower()} ") == REAL


def test_a_changed_check_character_is_refused_naming_the_expected_one() -> None:
    with pytest.raises(InvalidCreditCode, match="gives '3'"):
        normalise_credit_code(REAL[:17] + "4")


def test_a_mistyped_body_character_is_caught_by_the_check_character() -> None:
    with pytest.raises(InvalidCreditCode, match="check character"):
        normalise_credit_code("91350100M000200Y43")


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_letters_the_standard_leaves_out_are_refused(letter: str) -> None:
    first17 = REAL[:9] + letter + REAL[10:17]
    with pytest.raises(InvalidCreditCode, match=f"'{letter}'.*leaves out I, O, Z, S and V"):
        normalise_credit_code(first17 + "0")


@pytest.mark.parametrize("text", ["", REAL[:17], REAL + "0"])
def test_a_code_of_the_wrong_length_is_refused_with_its_length(text: str) -> None:
    with pytest.raises(InvalidCreditCode, match=f"this one has {len(text)}"):
        normalise_credit_code(text)

