"""/console/policy reads as the policy does: each parameter by its Chinese name, money in 元, rates
as percentages, terms with their unit, the one-matter rule and the readings as sentences; never
an engine key."""

from __future__ import annotations

import re

from tests.console.conftest import Browser


def _parameters(html: str, clause: str) -> dict[str, tuple[str, str]]:
    row = re.search(rf'<tr data-clause="{re.escape(clause)}">.*?</tr>', html, re.S).group(0)
    return {key: (label, value) for label, key, value
            in re.findall(r'<dt>([^<]*)</dt><dd data-parameter="([a-z_]+)">([^<]*)</dd>', row)}


def _rule(html: str, clause: str) -> str:
    row = re.search(rf'<tr data-clause="{re.escape(clause)}">.*?</tr>', html, re.S).group(0)
    return re.search(r'<p class="rule" data-rule>([^<]*)</p>', row).group(1)


def test_money_reads_in_yuan_and_rates_as_percentages(admin: Browser) -> None:
    html = admin.html("/console/policy")
    # 一(一): 给予30万—100万元创新资金支持.
    assert _parameters(html, "1.1")["cap"] == ("上限", "1,000,000.00 元")
    assert _parameters(html, "1.1")["min_amount"] == ("下限", "300,000.00 元")
    # 十二: 科技成果转化类贷款本金损失的35%给予补偿; 担保费率低于1.5%.
    assert _parameters(html, "12.1")["rate"] == ("比例", "35%")
    assert _parameters(html, "12.3")["fee_rate_ceiling"] == ("担保费率低于", "1.5%")
    # 二(一): 每年最高不超过100万元，补助期限最多3年.
    assert _parameters(html, "2.1")["annual_cap"] == ("每年上限", "1,000,000.00 元")
    assert _parameters(html, "2.1")["max_years"] == ("最长年限", "3 年")
    # 一(二): 最长不超过3年 (the data counts it in months).
    assert _parameters(html, "1.2")["max_months"] == ("最长期限", "36 个月")


def test_flags_choices_and_readings_are_words(admin: Browser) -> None:
    html = admin.html("/console/policy")
    assert _parameters(html, "6.2")["requires_first_completing_unit"] == ("须为第一完成单位", "是")
    assert _parameters(html, "6.1")["match_ratio"] == ("配套比例", "1:1")
    assert _parameters(html, "4.2")["fiscal"] == ("是否财政资金", "否")
    assert _parameters(html, "12.1")["loan_category"] == ("贷款类别", "科技成果转化类贷款")
    assert _parameters(html, "6.3")["cap_scope"] == ("上限口径", "每个项目累计，不是每年")
    assert _parameters(html, "8.1")["highest_with"] == ("就高（与之比较）", "第8.2条")


def test_the_one_matter_rule_is_one_sentence(admin: Browser) -> None:
    html = admin.html("/console/policy")
    assert _rule(html, "1.1") == "按“科技创新成果认定”登记，同一成果只享受一次"
    assert _rule(html, "1.2") == "按“免费使用办公空间和公共中试基地”登记，同一项目累计计算"
    assert _rule(html, "13") == "按“基金投资项目结果”登记，同一项目后一次更正前一次"
    assert _rule(html, "11") == "按“股权投资实际到位”登记，同一主体累计计算"


def test_the_documents_readings_are_sentences(admin: Browser) -> None:
    html = admin.html("/console/policy")
    readings = re.search(r'<ul class="readings"[^>]*>(.*?)</ul>', html, re.S).group(1)
    assert "从优、就高、不重复" in readings and "迁出之日起" in readings and "四舍五入" in readings
    assert not re.search(r"[a-z_]{3,}", readings), readings


def test_no_engine_key_is_shown_in_chinese(admin: Browser) -> None:
    main = re.search(r"<main.*</main>", admin.html("/console/policy"), re.S).group(0)
    text = re.sub(r"<[^>]*>", " ", main)
    assert "<code>" not in main
    assert re.findall(r"[A-Za-z_]{3,}", text) == []


def test_in_english_the_parameters_read_in_english(admin: Browser) -> None:
    admin.post("/console/language", {"lang": "en", "next": "/console/policy"}, form_page="/console/")
    html = admin.html("/console/policy")
    assert _parameters(html, "1.1")["cap"] == ("Cap", "1,000,000.00 yuan")
    assert _rule(html, "1.1") == "Recorded as Achievement recognised; the same achievement is supported once"
    assert "实验室/中试" not in html
