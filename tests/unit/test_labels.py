"""Every field, event type and choice a clerk fills in has its label in Chinese and English, in
one table that the workbook and the console both read, in the policy's own words."""

from __future__ import annotations

from contract.catalogue import FACT_TYPES, SYSTEM_TYPES
from i18n import labels, policy_labels
from spreadsheets.columns import sheets


def test_every_field_of_the_catalogue_has_a_label() -> None:
    fields = {name for t in (*FACT_TYPES.values(), *SYSTEM_TYPES.values()) for name in t.fields}
    assert sorted(fields - labels.FIELDS.keys()) == []


def test_every_event_type_has_a_name() -> None:
    assert sorted((FACT_TYPES.keys() | SYSTEM_TYPES.keys()) - labels.TYPES.keys()) == []


def test_every_choice_of_the_catalogue_has_a_label() -> None:
    choices = {c for t in FACT_TYPES.values() for f in t.fields.values() for c in f.choices}
    assert sorted(choices - labels.CHOICES.keys()) == []


def test_a_data_field_is_labelled_by_its_bare_name_and_an_unknown_one_by_itself() -> None:
    assert labels.field("data.amount") == labels.field("amount") == "金额（元）"
    assert labels.field("data.amount", "en") == "Amount (yuan)"
    assert labels.field("data.no_such_field") == "data.no_such_field"
    assert labels.event_type("no_such_type", "en") == "no_such_type"


def test_the_labels_are_the_policys_own_terms() -> None:
    # 三 以拨转股、股转债等方式; 十 “泉科贷”; 十二 科技成果转化类贷款; 一 科技创新成果.
    assert [labels.choice(m) for m in ("grant_to_equity", "equity_to_debt")] == ["拨转股", "股转债"]
    assert labels.field("quankedai") == "是否泉科贷"
    assert labels.choice("tech_transfer") == "科技成果转化类贷款"
    assert labels.event_type("achievement_recognised") == "科技创新成果认定"
    assert labels.event_type("achievement_recognised", "en") == "Achievement recognised"


def test_the_workbook_row_1_says_what_the_table_says() -> None:
    award = sheets()["award_received"]
    assert [c.label for c in award][:3] == ["统一社会信用代码", "发生日期", "奖项名称"]
    assert [c.label for c in sheets()["patent_case_won"]][-1] == "金额（元）（选填）"


def _policy_parameters() -> list[tuple[str, object]]:
    from projections.policy.book import load_book

    return [(k, v) for version in load_book().versions
            for params in (version.params, *(c.params for c in version.clauses.values()))
            for k, v in params.items()]


def test_every_parameter_of_the_policy_data_has_a_name_in_both_languages() -> None:
    # A parameter added to a version file without a label would show on /console/policy as its key.
    assert sorted({k for k, _ in _policy_parameters()} - policy_labels.PARAMETERS.keys()) == []


def test_every_reading_of_the_policy_data_is_said_in_words() -> None:
    readings = {f"{k}={v}" for k, v in _policy_parameters() if policy_labels.unit_of(k) == "reading"}
    assert sorted(readings - policy_labels.READINGS.keys()) == []


def test_every_matter_and_repeat_of_the_policy_data_is_named() -> None:
    matters = {m for k, v in _policy_parameters() if k == "matter" for m in v}
    repeats = {v for k, v in _policy_parameters() if k == "repeat"}
    assert sorted(matters - policy_labels.MATTERS.keys()) == [] and sorted(repeats - policy_labels.REPEATS.keys()) == []


def test_every_unit_a_parameter_names_is_one_the_console_shows() -> None:
    shown = {*policy_labels.UNITS, "rate", "flag", "choice", "clause", "fields", "reading", "rule"}
    assert sorted({u for _zh, _en, u in policy_labels.PARAMETERS.values()} - shown) == []


def test_every_other_party_an_event_names_is_called_as_a_clerk_knows_it() -> None:
    # The form asks for it by name and the history shows its name: 借款企业, not 借款企业编号.
    refs = {n for t in FACT_TYPES.values() for n, f in t.fields.items() if f.kind == "reference"}
    assert sorted(refs - {"entitlement_id"} - labels.PARTIES.keys()) == []
    assert labels.party("data.borrower_entity_id") == "借款企业" and labels.party("amount") == "金额（元）"
