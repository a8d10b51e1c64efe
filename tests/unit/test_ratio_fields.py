"""A ratio (比例, 利率, 费率) is taken as the API has always taken it, a decimal from 0 to 1, or as
an official writes it, a percentage: the same exact value either way."""

from __future__ import annotations

from decimal import Decimal

import pytest

from contract.fields import Field
from i18n import render
from i18n.catalogue import CHINESE

RATE, SHARE = Field("ratio", allow_zero=True), Field("ratio")


@pytest.mark.parametrize(("sent", "kept"), [("4.35%", "0.0435"), ("0.0435", "0.0435"), ("35%", "0.35"),
                                            ("100%", "1"), ("12.3456%", "0.123456"), ("0%", "0")])
def test_a_percentage_is_the_same_exact_ratio(sent: str, kept: str) -> None:
    assert RATE.parse(sent) == Decimal(kept)


@pytest.mark.parametrize("sent", ["100.0001%", "101%", "4.12345%", "4.35 %", "-1%", "%", "4.35", "1.01"])
def test_what_is_no_ratio_nor_percentage_is_refused_saying_both_forms(sent: str) -> None:
    with pytest.raises(ValueError) as refused:
        RATE.parse(sent)
    assert render(refused.value.args[0], CHINESE).endswith('请填写 0 至 1 之间的小数，例如 "0.0435"，或百分数，例如 "4.35%"')


def test_a_share_that_must_be_above_zero_refuses_zero_percent() -> None:
    with pytest.raises(ValueError) as refused:
        SHARE.parse("0%")
    assert "大于 0" in render(refused.value.args[0], CHINESE)
