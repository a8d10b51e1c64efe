"""What a person reads for each field, event type and choice of the catalogue: Chinese and English.

One table for every place a person reads them (the import workbook's row 1, the console's forms
and pages, the policy's refusals), so that a field is called the same everywhere. The Chinese
words are the policy's own where it has them (阳政发〔2024〕15号: 拨转股, 泉科贷, 科技成果转化类贷款…).
Keys are the API's names; a name missing here is shown as itself, and a test lists the
catalogue's names that lack a label.
"""

from __future__ import annotations

from types import MappingProxyType

from .catalogue import ENGLISH

# Registration (入驻登记), the event's own date, `data.<field>`, and the console's own inputs.
FIELDS = MappingProxyType({
    "kind": ("主体类型", "Kind"),
    "subtype": ("金融机构类别", "Kind of financial institution"),
    "name": ("主体名称", "Name"),
    "credit_code": ("统一社会信用代码", "Unified social credit code"),
    "zone": ("所在区域", "Zone"),
    "entered_on": ("入驻日期", "Entered on"),
    "occurred_on": ("发生日期", "Occurred on"),
    "reason": ("原因", "Reason"),
    "achievement": ("科技创新成果", "Achievement"),
    "stage": ("阶段", "Stage"),
    "amount": ("金额（元）", "Amount (yuan)"),
    "project": ("项目名称", "Project"),
    "space": ("场地类型", "Space"),
    "start_on": ("起始日期", "Start on"),
    "end_on": ("截止日期", "End on"),
    "months": ("期限（月）", "Months"),
    "clause": ("条款", "Clause"),
    "decision_ref": ("决定文号", "Decision reference"),
    "replaces": ("替代的享受政策项（就高）", "Replaces"),
    "year": ("年度", "Year"),
    "original_value": ("新购置设备原值（元）", "Original value (yuan)"),
    "revenue": ("中试服务收入（元）", "Pilot service revenue (yuan)"),
    "total_investment": ("项目总投资（元）", "Total investment (yuan)"),
    "equity_ratio": ("股权比例", "Equity ratio"),
    "exit_deadline": ("退出期限", "Exit deadline"),
    "mode": ("转换方式", "Mode"),
    "contract_ref": ("合同编号", "Contract reference"),
    "contract_amount": ("合同金额（元）", "Contract amount (yuan)"),
    "agreed_ratio": ("约定比例", "Agreed ratio"),
    "agreed_amount": ("约定金额（元）", "Agreed amount (yuan)"),
    "budget": ("项目预算（元）", "Budget (yuan)"),
    "award": ("奖项名称", "Award"),
    "level": ("级别", "Level"),
    "first_completing_unit": ("是否第一完成单位", "First completing unit"),
    "allocation": ("国拨、省拨经费（元）", "Allocation (yuan)"),
    "in_good_standing": ("是否进展绩效正常和状态良好", "In good standing"),
    "filing_no": ("备案编号", "Filing number"),
    "case_no": ("案号", "Case number"),
    "client_entity_id": ("委托企业编号", "Client entity id"),
    "standard": ("标准名称", "Standard"),
    "role": ("角色", "Role"),
    "talent": ("人才姓名", "Talent"),
    "researcher": ("研究生姓名", "Researcher"),
    "degree": ("学位", "Degree"),
    "loan_ref": ("贷款编号", "Loan reference"),
    "interest_subsidy": ("贴息金额（元）", "Interest subsidy (yuan)"),
    "guarantee_fee_subsidy": ("担保费补助（元）", "Guarantee fee subsidy (yuan)"),
    "borrower_entity_id": ("借款企业编号", "Borrower entity id"),
    # Written beside a loan or a loss when it is recorded, so the policy reads one history.
    "borrower_registered_on": ("借款企业入驻日期", "Borrower entered on"),
    "borrower_incubating": ("借款企业是否在孵", "Borrower incubating"),
    # What caused a restatement of a loan's borrower standing (a system fact).
    "cause_entity_id": ("引起重新认定的主体", "Caused by entity"),
    "cause_event_id": ("引起重新认定的事项编号", "Caused by event id"),
    "cause_type": ("引起重新认定的事项类型", "Caused by event type"),
    "loan_event_id": ("贷款发放事项编号", "Loan event id"),
    "lender_entity_id": ("贷款机构编号", "Lender entity id"),
    "loan_category": ("贷款类别", "Loan category"),
    "category": ("贷款类别", "Category"),
    "principal": ("贷款本金（元）", "Principal (yuan)"),
    "annual_rate": ("年利率", "Annual rate"),
    "quankedai": ("是否泉科贷", "Quankedai"),
    "provincial_share_rate": ("省财政分担比例", "Provincial share rate"),
    "guarantee_ref": ("担保编号", "Guarantee reference"),
    "beneficiary_entity_id": ("被担保企业编号", "Beneficiary entity id"),
    "fee_rate": ("担保费率", "Fee rate"),
    "investee_entity_id": ("被投企业编号", "Investee entity id"),
    "amount_paid_in": ("实际到位投资额（元）", "Amount paid in (yuan)"),
    "outcome": ("项目结果", "Outcome"),
    "entitlement_id": ("享受政策项编号", "Entitlement id"),
    "policy": ("其他政策名称", "Other policy"),
    "paid_on": ("拨付日期", "Paid on"),
    "token": ("令牌", "Token"),
    "label": ("用途说明", "Label"),
    "entity_id": ("主体", "Entity"),
    "if_match": ("版本", "Version"),
    "data": ("数据", "Data"),
})

TYPES = MappingProxyType({
    "registered": ("入驻登记", "Registered"),
    "incubation_started": ("开始孵化", "Incubation started"),
    "incubation_graduated": ("孵化毕业", "Incubation graduated"),
    "departed": ("迁出", "Departed"),
    "reentered": ("重新入驻", "Re-entered"),
    "details_amended": ("变更登记信息", "Details amended"),
    "registration_corrected": ("更正登记信息", "Registration corrected"),
    "achievement_recognised": ("科技创新成果认定", "Achievement recognised"),
    "space_granted": ("免费使用办公空间和公共中试基地", "Space granted"),
    "pilot_maturation_completed": ("完成中试熟化", "Pilot maturation completed"),
    "industrialised": ("实现产业化", "Industrialised"),
    "case_by_case_support_granted": ("一事一议支持", "Case-by-case support granted"),
    "equipment_purchased": ("购置中试设备", "Equipment purchased"),
    "pilot_service_revenue_reported": ("中试服务收入申报", "Pilot service revenue reported"),
    "invest_first_approved": ("先投后股立项", "Invest first approved"),
    "invest_first_converted": ("先投后股转换", "Invest first converted"),
    "invest_first_recovered": ("先投后股退出", "Invest first recovered"),
    "transfer_performance_assessed": ("科技成果转化服务绩效评价", "Transfer performance assessed"),
    "technology_transfer_brokered": ("促成技术转移交易", "Technology transfer brokered"),
    "self_initiated_project_filed": ("自主立项项目备案", "Self-initiated project filed"),
    "joint_funding_granted": ("应用基础研究联合资助", "Joint funding granted"),
    "award_received": ("获得科学技术奖", "Award received"),
    "major_project_funding_reported": ("重大专项经费申报", "Major project funding reported"),
    "cnipa_filing_recorded": ("国家知识产权局备案", "CNIPA filing recorded"),
    "patent_case_won": ("专利案件胜诉", "Patent case won"),
    "standard_drafted": ("主持、参与标准制修订", "Standard drafted"),
    "patent_navigation_funded": ("重点产业专利导航项目", "Patent navigation funded"),
    "talent_introduced": ("柔性引进人才", "Talent introduced"),
    "talent_departed": ("人才离开", "Talent departed"),
    "title_green_channel_granted": ("职称评审绿色通道", "Title green channel granted"),
    "graduate_project_funded": ("博士、硕士研究生科研项目资助", "Graduate project funded"),
    "ip_pledge_loan_subsidised": ("知识产权质押贷款贴息和担保费补助", "IP pledge loan subsidised"),
    "loan_issued": ("发放贷款", "Loan issued"),
    "loan_principal_lost": ("贷款本金损失", "Loan principal lost"),
    "guarantee_issued": ("提供担保", "Guarantee issued"),
    "fund_investment_made": ("股权投资实际到位", "Fund investment made"),
    "fund_project_outcome_recorded": ("基金投资项目结果", "Fund project outcome recorded"),
    "external_support_recorded": ("已享受其他政策支持（不重复）", "External support recorded"),
    "entitlement_approved": ("享受政策项审核通过", "Entitlement approved"),
    "entitlement_disbursed": ("资金拨付", "Entitlement disbursed"),
    "entitlement_revoked": ("撤销享受政策项", "Entitlement revoked"),
    # Recorded by the registry itself (catalogue.SYSTEM_TYPES).
    "loan_borrower_standing_restated": ("重新认定借款企业起贷时情况", "Borrower's standing restated"),
})

# The values of closed choices, by value: the same words mean the same thing in every field.
CHOICES = MappingProxyType({
    "lab": ("实验室", "lab"),
    "pilot": ("中试", "pilot"),
    "office": ("办公空间", "office"),
    "pilot_base": ("公共中试基地（实验厂房）", "pilot base"),
    "1.4": ("第1.4条", "1.4"),
    "9": ("第9条", "9"),
    "grant_to_equity": ("拨转股", "grant to equity"),
    "equity_to_debt": ("股转债", "equity to debt"),
    "national": ("国家级", "national"),
    "provincial": ("省级", "provincial"),
    "lead": ("主持", "lead"),
    "participant": ("参与", "participant"),
    "phd": ("博士", "PhD"),
    "master": ("硕士", "master"),
    "tech_transfer": ("科技成果转化类贷款", "tech transfer"),
    "early_rd_credit": ("早期、初创期研发类信用贷款", "early R&D credit"),
    "ip_pledge": ("知识产权质押贷款", "IP pledge"),
    "other": ("其他", "other"),
    "succeeded": ("成功", "succeeded"),
    "failed": ("失败", "failed"),
    "bank": ("银行", "bank"),
    "guarantor": ("融资担保机构", "guarantor"),
    "insurer": ("保险机构", "insurer"),
    "true": ("是", "yes"),
    "false": ("否", "no"),
})


# The other party an event names by its id (a loan's borrower, an investee…), as a clerk knows
# it: by name. The console's forms and histories say these; the workbook's column holds the id.
PARTIES = MappingProxyType({
    "client_entity_id": ("委托企业", "Client"), "borrower_entity_id": ("借款企业", "Borrower"),
    "beneficiary_entity_id": ("被担保企业", "Beneficiary"), "investee_entity_id": ("被投企业", "Investee"),
    "lender_entity_id": ("贷款机构", "Lender"),
})

# Event types that no clause pays for: the catalogue files them under a word, not a number.
NOT_CLAUSES = MappingProxyType({
    "life": ("登记事项", "registration"), "review": ("审核", "review"), "payment": ("拨付", "payment"),
    "correction": ("更正", "correction"), "不重复": ("不重复", "no double support")})


def clause_of(fact_type_clause: str, language: str = "zh") -> str:
    """Where an event type sits in the policy: 第1.1条, 第6.1、6.2条, or 审核 for one no clause pays."""
    if fact_type_clause in NOT_CLAUSES:
        return _pick(NOT_CLAUSES[fact_type_clause], language)
    if language == ENGLISH:
        return f"Clause {fact_type_clause}"
    return f"第{fact_type_clause.replace(', ', '、')}条"


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[1] if language == ENGLISH else pair[0]


def field(name: str, language: str = "zh") -> str:
    """A field's label (registration or `data.<field>`, by its bare name), or the name itself."""
    bare = name.removeprefix("data.")
    return _pick(FIELDS[bare], language) if bare in FIELDS else name


def party(name: str, language: str = "zh") -> str:
    """The other party a field names, as a clerk knows it (借款企业), or the field's own label."""
    bare = name.removeprefix("data.")
    return _pick(PARTIES[bare], language) if bare in PARTIES else field(name, language)


def event_type(name: str, language: str = "zh") -> str:
    """An event type's name as a person reads it, or the type itself."""
    return _pick(TYPES[name], language) if name in TYPES else name


def choice(value: str, language: str = "zh") -> str:
    """A closed choice's value as a person reads it, or the value itself."""
    return _pick(CHOICES[value], language) if value in CHOICES else value


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
    return _pick(PARAMETERS[name][:2], language) if name in PARAMETERS else name


def unit_of(name: str) -> str | None:
    return PARAMETERS[name][2] if name in PARAMETERS else None


def reading(name: str, value: str, language: str = "zh") -> str:
    """A reading (`cap_scope = per_project_total`) in words, or `name=value` as it is."""
    key = f"{name}={value}"
    return _pick(READINGS[key], language) if key in READINGS else key
