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
    "recovered_on": ("追回日期", "Recovered on"),
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
    "loan_record_voided": ("贷款登记作废", "Loan record voided"),
    "guarantee_issued": ("提供担保", "Guarantee issued"),
    "fund_investment_made": ("股权投资实际到位", "Fund investment made"),
    "fund_project_outcome_recorded": ("基金投资项目结果", "Fund project outcome recorded"),
    "external_support_recorded": ("已享受其他政策支持（不重复）", "External support recorded"),
    "entitlement_approved": ("享受政策项审核通过", "Entitlement approved"),
    "entitlement_disbursed": ("资金拨付", "Entitlement disbursed"),
    "entitlement_recovered": ("资金追回", "Entitlement recovered"),
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
    "recovery": ("追回", "recovery"), "correction": ("更正", "correction"),
    "不重复": ("不重复", "no double support")})


def clause_of(fact_type_clause: str, language: str = "zh") -> str:
    """Where an event type sits in the policy: 第1.1条, 第6.1、6.2条, or 审核 for one no clause pays."""
    if fact_type_clause in NOT_CLAUSES:
        return pick(NOT_CLAUSES[fact_type_clause], language)
    if language == ENGLISH:
        return f"Clause {fact_type_clause}"
    return f"第{fact_type_clause.replace(', ', '、')}条"


def pick(pair: tuple[str, str], language: str) -> str:
    """The pair's Chinese, or its English for an English reader."""
    return pair[1] if language == ENGLISH else pair[0]


def field(name: str, language: str = "zh") -> str:
    """A field's label (registration or `data.<field>`, by its bare name), or the name itself."""
    bare = name.removeprefix("data.")
    return pick(FIELDS[bare], language) if bare in FIELDS else name


def party(name: str, language: str = "zh") -> str:
    """The other party a field names, as a clerk knows it (借款企业), or the field's own label."""
    bare = name.removeprefix("data.")
    return pick(PARTIES[bare], language) if bare in PARTIES else field(name, language)


def event_type(name: str, language: str = "zh") -> str:
    """An event type's name as a person reads it, or the type itself."""
    return pick(TYPES[name], language) if name in TYPES else name


def choice(value: str, language: str = "zh") -> str:
    """A closed choice's value as a person reads it, or the value itself."""
    return pick(CHOICES[value], language) if value in CHOICES else value
