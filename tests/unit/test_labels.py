"""Every field and event type a clerk fills in has its Chinese label, in one table."""

from __future__ import annotations

from registry.catalogue import FACT_TYPES
from registry.labels import CHOICE_LABELS, FIELD_LABELS, TYPE_LABELS, label_of, type_label


def test_every_field_of_the_catalogue_has_a_chinese_label() -> None:
    fields = {name for t in FACT_TYPES.values() for name in t.fields}
    assert sorted(fields - FIELD_LABELS.keys()) == []


def test_every_event_type_has_a_chinese_name() -> None:
    assert sorted(FACT_TYPES.keys() - TYPE_LABELS.keys()) == []


def test_every_choice_of_the_catalogue_has_a_chinese_label() -> None:
    choices = {c for t in FACT_TYPES.values() for f in t.fields.values() for c in f.choices}
    assert sorted(choices - CHOICE_LABELS.keys()) == []


def test_a_data_field_is_labelled_by_its_bare_name_and_an_unknown_one_by_itself() -> None:
    assert label_of("data.amount") == label_of("amount") == "金额（元）"
    assert label_of("data.no_such_field") == "data.no_such_field"
    assert type_label("award_received") == "获得奖励"
