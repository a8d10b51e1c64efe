"""What an official reads for the policy's own data on the console's 政策 page: each parameter
of a clause by name and unit, each reading the registry takes, and the one-matter rule, in
Chinese and English. Beside i18n/labels.py (the catalogue's words), from the same pairs."""

from __future__ import annotations

from types import MappingProxyType

from .labels import pick

# The policy data's parameters (projections/policy/versions/*.toml), as the console's policy
# page names them, with how their values read: money in 元, a rate as a percentage, a term with
# its unit, a reading in words (READINGS below). A test fails on a parameter missing here.
PARAMETERS = MappingProxyType({
    "matter": ("不重复", "One matter, one benefit", "rule"),
    "events": ("登记事项", "Recorded as", "rule"),
    "repeat": ("再次登记", "A further record", "rule"),
    "min_amount": ("下限", "At least", "money"),
    "cap": ("上限", "Cap", "money"),
    "annual_cap": ("每年上限", "Cap a year", "money"),
    "total_cap": ("累计上限", "Cap in total", "money"),
    "default_amount": ("未核定金额时按", "When no amount is decided", "money"),
    "threshold": ("门槛（累计达到）", "Threshold", "money"),
    "min_budget": ("项目预算下限", "Budget at least", "money"),
    "national": ("国家级", "National level", "money"),
    "provincial": ("省级", "Provincial level", "money"),
    "phd": ("博士", "PhD", "money"),
    "master": ("硕士", "Master", "money"),
    "quankedai_line": ("“泉科贷”支小再贷款专项额度", "Quankedai relending line", "money"),
    "amount_limit": ("单户担保金额上限", "Guaranteed amount per enterprise at most", "money"),
    "rate": ("比例", "Rate", "rate"),
    "max_share": ("占项目总投资比例上限", "Share of the total investment at most", "rate"),
    "fee_rate_ceiling": ("担保费率低于", "Fee rate below", "rate"),
    "failure_ceiling": ("失败率上限", "Failure rate at most", "rate"),
    "match_ratio": ("配套比例", "Match", "match"),
    "max_months": ("最长期限", "Longest term", "months"),
    "window_months": ("时限", "Window", "months"),
    "early_stage_months": ("早期、初创期：入驻未满", "Early stage: entered less than", "months"),
    "max_years": ("最长年限", "Years at most", "years"),
    "consecutive_years": ("连续年限", "Consecutive years", "years"),
    "fiscal": ("是否财政资金", "Fiscal money", "flag"),
    "benefit": ("是否为主体可享受的支持（缺口）", "A benefit an entity can lack (gaps)", "flag"),
    "requires_first_completing_unit": ("须为第一完成单位", "First completing unit only", "flag"),
    "requires_good_standing": ("须进展绩效正常和状态良好", "Good standing required", "flag"),
    "requires_cnipa_filing": ("须在国家知识产权局备案", "CNIPA filing required", "flag"),
    "requires_ip_pledge_loan": ("须获得知识产权质押贷款", "IP-pledge loan required", "flag"),
    "incubating_is_early_stage": ("在孵企业视为早期、初创期", "Incubating counts as early stage", "flag"),
    "amount_limit_inclusive": ("上限含本数（以下）", "The limit itself included", "flag"),
    "loan_category": ("贷款类别", "Loan category", "choice"),
    "highest_with": ("就高（与之比较）", "The higher of this and", "clause"),
    "same_person": ("同一人才按", "The same person by", "fields"),
    "window_starts": ("时限起算", "Window starts", "reading"),
    "after_policy": ("政策到期后", "After the policy's end", "reading"),
    "threshold_basis": ("门槛口径", "Threshold on", "reading"),
    "subsidised_years": ("补助年度", "Years subsidised", "reading"),
    "year_basis": ("年度口径", "Year by", "reading"),
    "cap_scope": ("上限口径", "Cap applies", "reading"),
    "reward_year": ("奖励年度", "Rewarded in", "reading"),
    "share_basis": ("补偿比例口径", "Share paid", "reading"),
    "early_stage": ("早期、初创期认定", "Early stage means", "reading"),
    "amount_basis": ("担保金额口径", "Amount counted", "reading"),
    "fee_gap": ("补差计算", "Gap paid", "reading"),
    "day_count": ("天数计算", "Day count", "reading"),
    # The whole document's readings: said as sentences (READINGS), under no label of their own.
    "non_duplication": ("从优、就高、不重复", "No double support", "reading"),
    "term_end": ("期限届满日", "Last day of a term", "reading"),
    "periods": ("施行期间", "Periods", "reading"),
    "limits": ("限额比较", "Limits", "reading"),
    "after_departure": ("迁出", "Departure", "reading"),
})

# How a value of each unit reads ({} is the value as the console shows it).
UNITS = MappingProxyType({"money": ("{} 元", "{} yuan"), "months": ("{} 个月", "{} months"),
                          "years": ("{} 年", "{} years"), "match": ("1:{}", "1:{}")})

# Each reading the policy data takes (`parameter=value`), in words.
READINGS = MappingProxyType({
    "window_starts=pilot_maturation_completed": ("自完成中试熟化之日起算",
                                                 "from the completion of pilot maturation"),
    "window_starts=first_reported_year": ("自政策施行后首个申报年度起算",
                                          "from the first year reported under the policy"),
    "after_policy=awaiting_renewal_while_window_open": ("时限未满的，待修订后的政策明确",
                                                        "awaits the revised policy while the window is open"),
    "after_policy=ineligible": ("不予支持", "not supported"),
    "threshold_basis=cumulative": ("截至评定年度末累计购置额",
                                   "purchases cumulated to the end of the year assessed"),
    "threshold_basis=per_year": ("当年购置额", "the year's purchases"),
    "subsidised_years=first_granted": ("最先获得补助的年度", "the first years in which a subsidy is granted"),
    "year_basis=year_assessed": ("按所评价的年度，不论何时登记",
                                 "the year assessed, whenever it is recorded"),
    "cap_scope=per_project_total": ("每个项目累计，不是每年", "per project in total, not per year"),
    "cap_scope=per_year": ("每年", "per year"),
    "cap_scope=per_investor_term": ("每家投资机构在政策有效期内累计", "per investor over the policy's term"),
    "cap_scope=per_investment": ("每笔投资", "per investment"),
    "reward_year=following_year": ("上年度经费于次年奖励",
                                   "a year's allocation is rewarded the following year"),
    "reward_year=same_year": ("当年经费当年奖励", "a year's allocation is rewarded the same year"),
    "share_basis=provincial_share_stated": ("比照登记的省财政分担比例，不超过上述比例",
                                            "the provincial share stated on the loss, at most the rate"),
    "share_basis=ceiling": ("按上述比例", "the rate itself"),
    "early_stage=entered_or_incubating": ("起贷时入驻未满规定期限，或在孵",
                                          "entered recently, or incubating, when the loan starts"),
    "amount_basis=outstanding_per_beneficiary": ("该企业在同一担保机构的在保金额（含本笔）",
                                                 "the enterprise's guarantees outstanding with the "
                                                 "guarantor, this one included"),
    "amount_basis=per_guarantee": ("按单笔担保", "per guarantee"),
    "fee_gap=ceiling_minus_rate_pro_rata": ("（费率上限 − 实际费率）× 担保金额，按担保期在各自然年的天数折算",
                                            "(ceiling − actual rate) × amount guaranteed, pro rata to the "
                                            "days in each calendar year"),
    "day_count=actual_actual": ("实际天数 / 当年实际天数", "actual / actual"),
    "day_count=actual_365": ("实际天数 / 365", "actual / 365"),
    "non_duplication=top_up": (
        "同一事项已享受其他政策支持的，从优、就高、不重复：已享受金额低于本政策的，只补足差额；不低于的，不再支持。",
        "Support already received elsewhere for the same matter is topped up to this policy's figure, "
        "never paid twice."),
    "term_end=day_before_corresponding_day": (
        "以月计的期限，至期满当月对应日的前一日止；当月无对应日的，至该月末日止。",
        "A term of months ends the day before the same day that many months later, or at that month's end."),
    "periods=begin_inside_window": (
        "政策施行前开始的期间不予支持，其事实也不计入任何门槛；政策到期后开始的期间，待修订后的政策明确。",
        "A period beginning before the policy came into force is not paid and counts toward no threshold; "
        "one beginning after its end awaits the revised policy."),
    "limits=exact": ("比例限额、上限按精确金额比较，不先四舍五入。",
                     "Limits are compared on the exact figure, never a rounded one."),
    "after_departure=ended_from_departure_day": (
        "迁出之日起开始的年度或实物支持期间终止，不再支持；重新入驻的，自重新入驻之日起开始的期间恢复支持。",
        "An annual or in-kind period beginning on or after the day of departure ends and owes nothing; "
        "after a re-entry, periods beginning from that day are owed again."),
    "after_departure=ended_after_departure_day": (
        "迁出之日以后开始的年度或实物支持期间终止，不再支持；重新入驻的，自重新入驻之日起开始的期间恢复支持。",
        "An annual or in-kind period beginning after the day of departure ends and owes nothing; "
        "after a re-entry, periods beginning from that day are owed again."),
})

# One matter, one benefit: what a clause's `matter` fields name, and what a further record of
# the same matter does (`repeat`), as one sentence.
MATTERS = MappingProxyType({
    "": ("主体", "entity"), "achievement": ("成果", "achievement"), "project": ("项目", "project"),
    "decision_ref": ("决定", "decision"), "year": ("年度", "year"), "contract_ref": ("合同", "contract"),
    "award": ("奖项", "award"), "case_no": ("案件", "case"), "standard": ("标准", "standard"),
    "talent": ("人才", "talent"), "researcher": ("研究生", "researcher"), "loan_ref": ("贷款", "loan"),
    "guarantee_ref": ("担保", "guarantee"),
})
REPEATS = MappingProxyType({
    "refused": ("按{events}登记，同一{matter}只享受一次",
                "Recorded as {events}; the same {matter} is supported once"),
    "adds_up": ("按{events}登记，同一{matter}累计计算",
                "Recorded as {events}; records of the same {matter} add up"),
    "corrects": ("按{events}登记，同一{matter}后一次更正前一次",
                 "Recorded as {events}; a later record of the same {matter} corrects the earlier one"),
})


def parameter(name: str, language: str = "zh") -> str:
    """A policy parameter's name as an official reads it, or the name itself."""
    return pick(PARAMETERS[name][:2], language) if name in PARAMETERS else name


def unit_of(name: str) -> str | None:
    return PARAMETERS[name][2] if name in PARAMETERS else None


def reading(name: str, value: str, language: str = "zh") -> str:
    """A reading (`cap_scope = per_project_total`) in words, or `name=value` as it is."""
    key = f"{name}={value}"
    return pick(READINGS[key], language) if key in READINGS else key
