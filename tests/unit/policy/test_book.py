"""The policy as versioned data: what the packaged version says, and how versions are chosen."""

import io
import json
import re
import tokenize
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import projections.policy as policy
from projections.policy import PolicyBook, PolicyVersion, load_book

VERSION = "阳政发〔2024〕15号"
PACKAGE = Path(policy.__file__).parent
TEXT = PACKAGE.parents[1] / "docs" / "policy" / "yangzhengfa-2024-15.zh.txt"
ALL_CLAUSES = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1",
               "5.2", "6.1", "6.2", "6.3", "7.1", "7.2", "7.3", "8.1", "8.2", "8.3", "9", "10",
               "11", "12.1", "12.2", "12.3", "13"]


def raw_version() -> dict:
    return tomllib.loads((PACKAGE / "versions" / "yangzhengfa-2024-15.toml").read_text("utf-8"))


def test_the_policy_is_in_force_from_its_first_day_to_its_last_day_inclusive():
    """本措施自2024年12月16日起实施，有效期3年。"""
    book = load_book()
    assert book.in_force_on(date(2024, 12, 15)) is None
    assert book.in_force_on(date(2024, 12, 16)).id == VERSION
    assert book.in_force_on(date(2027, 12, 15)).id == VERSION
    assert book.in_force_on(date(2027, 12, 16)) is None


def test_every_clause_of_all_thirteen_articles_is_in_the_data_with_its_titles_and_units():
    v = load_book().in_force_on(date(2025, 1, 1))
    assert sorted(v.clauses, key=lambda c: [int(p) for p in c.split(".")]) == ALL_CLAUSES
    for clause in v.clauses.values():
        assert clause.title_zh and clause.title_en and clause.responsible_units
        assert clause.kind in ("one_time", "annual", "in_kind", "status")
    assert v.clause("7.1").responsible_units[0] == "市市场监管局"
    assert "市委人才办" in v.clause("8.1").responsible_units
    assert {c.split(".")[0] for c in v.clauses} == {str(n) for n in range(1, 14)}
    assert v.clause("12.3").responsible_units == ("市政府办", "市财政局", "市科技局",
                                                  "国家金融监督管理总局阳泉监管分局")


def test_readings_the_readme_names_are_parameters_of_the_version():
    v = load_book().in_force_on(date(2025, 1, 1))
    assert v.clause("2.1").params["threshold_basis"] == "cumulative"
    assert v.clause("2.1").params["subsidised_years"] == "first_granted"
    assert v.clause("1.3").params["window_starts"] == "pilot_maturation_completed"
    assert v.clause("6.3").params["cap_scope"] == "per_project_total"
    assert v.clause("11").params["cap_scope"] == "per_investor_term"
    assert v.clause("7.1").money("default_amount") == Decimal("5000.00")
    assert v.clause("13").money("failure_ceiling") == Decimal("0.80")
    assert v.params["non_duplication"] == "top_up"
    assert v.clause("12.2").params["early_stage"] == "entered_or_incubating"
    assert v.clause("12.2").params["early_stage_months"] == 36
    assert v.clause("12.3").params["amount_basis"] == "outstanding_per_beneficiary"
    assert v.clause("12.3").params["amount_limit_inclusive"] is True
    assert v.clause("10").money("quankedai_line") == Decimal("500000000.00")


# Each figure the text states, with the words that state it: (clause, parameter, figure).
FIGURES = [
    ("1.1", "min_amount", "300000.00", "经评审给予30万元-100万元的创新资金"),
    ("1.1", "cap", "1000000.00", "经评审给予30万元-100万元的创新资金"),
    ("1.2", "max_months", 36, "最多不超过3年"),
    ("1.3", "window_months", 36, "在三年内实现产业化"),
    ("1.3", "cap", "2000000.00", "一次性给予企业最高200万元的奖补资金"),
    ("2.1", "threshold", "10000000.00", "中试设备购置费达到 1000 万以上的"),
    ("2.1", "rate", "0.30", "按照年度新购置设备总原值的 30%"),
    ("2.1", "annual_cap", "1000000.00", "给予不超过 100 万元的补助"),
    ("2.1", "max_years", 3, "最多不超过 3 年"),
    ("2.2", "rate", "0.30", "按其年度中试服务收入的 30%"),
    ("2.2", "total_cap", "1000000.00", "连续 3 年累计不超过 100 万元"),
    ("2.2", "consecutive_years", 3, "连续 3 年累计不超过 100 万元"),
    ("3.1", "max_share", "0.50", "不超过项目总投资的 50%"),
    ("3.1", "cap", "5000000.00", "且不超过 500 万元"),
    ("4.1", "annual_cap", "1000000.00", "按其年度在区内科技成果转化服务绩效给予最高 100 万元资助"),
    ("5.1", "min_budget", "300000.00", "30万元（含）以上的开放课题、自主研究课题等项目"),
    ("6.1", "match_ratio", "1", "按国家奖励额1:1配套奖励资金"),
    ("6.2", "match_ratio", "1", "按省级奖励额1:1配套奖励资金"),
    ("6.3", "rate", "0.03", "按项目上年度实际国拨、省拨经费的3%奖励研发团队"),
    ("6.3", "cap", "500000.00", "每个项目最高奖励50万元"),
    ("7.1", "cap", "5000.00", "按照每案不高于5000元的标准给予一次性奖励"),
    ("7.2", "cap", "300000.00", "给予最高30万元的一次性奖励"),
    ("7.3", "cap", "300000.00", "给予最高30万元的资金支持"),
    ("8.1", "national", "100000.00", "每年分别为引才单位发放10万元、5万元补贴"),
    ("8.1", "provincial", "50000.00", "每年分别为引才单位发放10万元、5万元补贴"),
    ("8.1", "max_years", 5, "最多不超过5年"),
    ("8.2", "phd", "100000.00", "经评审分别给予10万元、5万元项目经费支持"),
    ("8.2", "master", "50000.00", "经评审分别给予10万元、5万元项目经费支持"),
    ("10", "quankedai_line", "500000000.00", "设立5亿元“泉科贷”支小再贷款专项额度"),
    ("11", "rate", "0.01", "按其实际到位投资额的1%给予奖励"),
    ("11", "cap", "2000000.00", "最高奖励200万元"),
    ("12.1", "rate", "0.35", "比照省财政分担比例给予35%补偿"),
    ("12.2", "rate", "0.45", "给予最高不超过45%补偿"),
    ("12.3", "amount_limit", "10000000.00", "对单户担保金额1000万元以下"),
    ("12.3", "fee_rate_ceiling", "0.015", "且担保费率低于1.5%"),
    ("13", "failure_ceiling", "0.80", "政府投资基金允许不超过80%比例项目失败率"),
]


@pytest.mark.parametrize(("clause", "name", "figure", "words"), FIGURES)
def test_the_data_holds_each_figure_the_text_states(clause, name, figure, words):
    """Every figure of 阳政发〔2024〕15号 in the version's data exactly as the text states it
    (the words quoted are the original's, docs/policy/yangzhengfa-2024-15.zh.txt)."""
    assert re.sub(r"\s", "", words) in re.sub(r"\s", "", TEXT.read_text("utf-8"))
    value = load_book().in_force_on(date(2025, 1, 1)).clause(clause).params[name]
    assert value == (Decimal(figure) if isinstance(figure, str) else figure)
    assert type(value) is (Decimal if isinstance(figure, str) else int)


def test_money_loads_as_exact_decimals_never_floats():
    v = load_book().in_force_on(date(2025, 1, 1))
    for clause in v.clauses.values():
        assert not any(isinstance(x, float) for x in clause.params.values()), clause.id
    assert v.clause("2.1").money("rate") == Decimal("0.30")


def test_the_book_as_json_shows_money_as_strings_with_two_decimals():
    doc = json.loads(json.dumps(load_book().to_json(), ensure_ascii=False))
    [version] = doc["versions"]
    assert (version["id"], version["valid_from"], version["valid_to"]) == (
        VERSION, "2024-12-16", "2027-12-15")
    clauses = {c["id"]: c for c in version["clauses"]}
    assert clauses["1.1"]["params"] == {"min_amount": "300000.00", "cap": "1000000.00",
                                        "matter": ["achievement"],
                                        "events": ["achievement_recognised"],
                                        "repeat": "refused"}
    assert clauses["4.2"]["params"]["fiscal"] is False


def test_an_unknown_reading_is_refused_when_the_version_loads():
    raw = raw_version()
    raw["clauses"]["6.3"]["cap_scope"] = "per_decade"
    with pytest.raises(ValueError, match="cap_scope"):
        PolicyVersion.from_mapping(raw)


def test_versions_that_overlap_are_refused():
    first = PolicyVersion.from_mapping(raw_version())
    raw = raw_version()
    raw["id"], raw["valid_from"], raw["valid_to"] = "v2", date(2027, 12, 15), date(2030, 12, 15)
    with pytest.raises(ValueError, match="overlap"):
        PolicyBook([first, PolicyVersion.from_mapping(raw)])


def test_a_book_with_a_revised_version_answers_by_date():
    first = PolicyVersion.from_mapping(raw_version())
    raw = raw_version()
    raw["id"], raw["valid_from"], raw["valid_to"] = "修订版", date(2027, 12, 16), date(2030, 12, 15)
    book = PolicyBook([PolicyVersion.from_mapping(raw), first])
    assert book.in_force_on(date(2027, 12, 15)).id == VERSION
    assert book.in_force_on(date(2027, 12, 16)).id == "修订版"
    assert [v["id"] for v in book.to_json()["versions"]] == [VERSION, "修订版"]


def _policy_figures() -> set[str]:
    """Figures a reader would recognise as the policy's: money, rates and terms."""
    figures = set()
    for clause in raw_version()["clauses"].values():
        for value in clause.values():
            if isinstance(value, str) and value[:1].isdigit():
                number = Decimal(value)
                if number >= 100 or number in (Decimal("0.30"), Decimal("0.03"),
                                               Decimal("0.50"), Decimal("0.80")):
                    figures.add(format(number.normalize(), "f"))
            elif isinstance(value, int) and not isinstance(value, bool) and value >= 3:
                figures.add(str(value))
    return figures


def test_no_policy_figure_is_written_into_the_engine_code():
    figures = _policy_figures()
    assert {"1000000", "0.3", "36", "5"} <= figures
    for path in PACKAGE.glob("*.py"):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline)
        for tok in tokens:
            text = tok.string.replace("_", "").strip("\"'")
            if tok.type in (tokenize.NUMBER, tokenize.STRING) and re.fullmatch(r"\d+(\.\d+)?", text):
                assert format(Decimal(text).normalize(), "f") not in figures, (
                    f"{path.name}:{tok.start[0]} writes the policy figure {tok.string}")
