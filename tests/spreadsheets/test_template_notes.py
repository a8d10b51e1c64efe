"""The template's 说明 sheet names where each event type sits in the policy as the console does."""

from __future__ import annotations

from tests.api.conftest import Park
from tests.spreadsheets.conftest import template


def test_the_notes_name_each_event_types_clause_in_the_policys_words(park: Park) -> None:
    notes = [row[0] or "" for row in template(park)["说明"].iter_rows(values_only=True)]
    line = {text.split("：")[0].strip(): text for text in notes if text.startswith("  ")}
    assert "（登记事项；" in line["departed"] and "（审核；" in line["entitlement_approved"]
    assert "（第6.1、6.2条；" in line["award_received"] and "（第1.1条；" in line["achievement_recognised"]
    assert not [text for text in notes if "第 life 条" in text or "第 review 条" in text]
