"""What the console calls each field, event type and value, in Chinese and English.

# TODO(issue 23): field labels move to the spreadsheets' one label table when it lands on main.
"""

from __future__ import annotations

from console.i18n import language
from registry.vocabulary import KINDS, STATUSES, SUBTYPES, ZONES

FIELDS = {
    "kind": ("主体类型", "Kind"), "subtype": ("机构类别", "Subtype"), "name": ("名称", "Name"),
    "credit_code": ("统一社会信用代码", "Unified social credit code"), "zone": ("所在区域", "Zone"),
    "entered_on": ("入驻日期", "Entered on"), "occurred_on": ("发生日期", "Occurred on"),
    "reason": ("原因", "Reason"), "achievement": ("成果名称", "Achievement"), "stage": ("阶段", "Stage"),
    "amount": ("金额（元）", "Amount (yuan)"), "project": ("项目", "Project"),
    "space": ("场地类型", "Space"), "start_on": ("开始日期", "Start on"),
    "months": ("期限（月）", "Months"), "clause": ("条款", "Clause"),
    "decision_ref": ("决定文号", "Decision reference"), "year": ("年度", "Year"),
    "original_value": ("设备原值（元）", "Original value (yuan)"),
    "revenue": ("中试服务收入（元）", "Revenue (yuan)"),
    "total_investment": ("项目总投资（元）", "Total investment (yuan)"),
    "equity_ratio": ("股权比例", "Equity ratio"), "exit_deadline": ("退出期限", "Exit deadline"),
    "mode": ("方式", "Mode"), "contract_ref": ("合同编号", "Contract reference"),
    "contract_amount": ("合同金额（元）", "Contract amount (yuan)"),
    "agreed_ratio": ("约定比例", "Agreed ratio"), "agreed_amount": ("约定金额（元）", "Agreed amount (yuan)"),
    "budget": ("项目预算（元）", "Budget (yuan)"), "award": ("奖项", "Award"), "level": ("级别", "Level"),
    "first_completing_unit": ("第一完成单位", "First completing unit"),
    "allocation": ("拨付资金（元）", "Allocation (yuan)"),
    "in_good_standing": ("运行良好", "In good standing"),
    "filing_no": ("备案号", "Filing number"), "case_no": ("案件号", "Case number"),
    "client_entity_id": ("委托主体编号", "Client entity id"), "standard": ("标准名称", "Standard"),
    "role": ("角色", "Role"), "talent": ("人才姓名", "Talent"), "researcher": ("科研人员", "Researcher"),
    "degree": ("学位", "Degree"), "loan_ref": ("贷款编号", "Loan reference"),
    "interest_subsidy": ("贴息（元）", "Interest subsidy (yuan)"),
    "guarantee_fee_subsidy": ("担保费补贴（元）", "Guarantee fee subsidy (yuan)"),
    "borrower_entity_id": ("借款主体编号", "Borrower entity id"), "category": ("贷款类别", "Category"),
    "principal": ("本金（元）", "Principal (yuan)"), "annual_rate": ("年利率", "Annual rate"),
    "end_on": ("结束日期", "End on"), "quankedai": ("泉科贷", "Quankedai"),
    "guarantee_ref": ("担保编号", "Guarantee reference"),
    "beneficiary_entity_id": ("受益主体编号", "Beneficiary entity id"), "fee_rate": ("费率", "Fee rate"),
    "investee_entity_id": ("被投主体编号", "Investee entity id"),
    "amount_paid_in": ("实缴金额（元）", "Amount paid in (yuan)"), "outcome": ("结果", "Outcome"),
    "entitlement_id": ("支持事项编号", "Entitlement id"), "policy": ("其他政策名称", "Other policy"),
    "paid_on": ("拨付日期", "Paid on"), "provincial_share_rate": ("省级分担比例", "Provincial share rate"),
    "replaces": ("替代的支持事项", "Replaces"), "token": ("令牌", "Token"), "label": ("用途说明", "Label"),
    "entity_id": ("主体", "Entity"), "if_match": ("版本", "Version"), "data": ("数据", "Data"),
}

TYPES = {
    "registered": "入驻登记", "reentered": "重新入驻", "registration_corrected": "更正登记",
    "incubation_started": "开始孵化", "incubation_graduated": "孵化毕业", "departed": "迁出",
    "details_amended": "变更登记信息", "achievement_recognised": "科技创新成果认定",
    "space_granted": "免费提供办公场地/中试基地", "pilot_maturation_completed": "完成中试熟化",
    "industrialised": "实现产业化", "case_by_case_support_granted": "一事一议支持",
    "equipment_purchased": "购置中试设备", "pilot_service_revenue_reported": "中试服务收入申报",
    "invest_first_approved": "先投后股立项", "invest_first_converted": "先投后股转换",
    "invest_first_recovered": "先投后股收回", "transfer_performance_assessed": "技术转移绩效评价",
    "technology_transfer_brokered": "促成技术转移交易", "self_initiated_project_filed": "自主立项备案",
    "joint_funding_granted": "联合资助", "award_received": "获得科技奖励",
    "major_project_funding_reported": "重大项目资金申报", "cnipa_filing_recorded": "国家知识产权局备案",
    "patent_case_won": "专利案件胜诉", "standard_drafted": "制定标准",
    "patent_navigation_funded": "专利导航项目", "talent_introduced": "引进人才",
    "talent_departed": "人才离开", "title_green_channel_granted": "职称评审绿色通道",
    "graduate_project_funded": "博士/硕士科研项目资助", "ip_pledge_loan_subsidised": "知识产权质押融资补贴",
    "loan_issued": "发放贷款", "loan_principal_lost": "贷款本金损失", "guarantee_issued": "提供担保",
    "fund_investment_made": "基金实缴投资", "fund_project_outcome_recorded": "基金项目结果",
    "external_support_recorded": "已享受其他政策支持（不重复）", "entitlement_approved": "审核通过",
    "entitlement_disbursed": "资金拨付", "entitlement_revoked": "撤销支持事项",
}

CHOICES = {
    "lab": ("实验室", "lab"), "pilot": ("中试", "pilot"), "office": ("办公场地", "office"),
    "pilot_base": ("中试基地", "pilot base"), "1.4": ("第1.4条", "1.4"), "9": ("第9条", "9"),
    "grant_to_equity": ("拨改投", "grant to equity"), "equity_to_debt": ("股转债", "equity to debt"),
    "national": ("国家级", "national"), "provincial": ("省级", "provincial"),
    "lead": ("主持", "lead"), "participant": ("参与", "participant"), "phd": ("博士", "PhD"),
    "master": ("硕士", "master"), "tech_transfer": ("科技成果转化贷款", "tech transfer"),
    "early_rd_credit": ("早期研发信用贷款", "early R&D credit"),
    "ip_pledge": ("知识产权质押贷款", "IP pledge"),
    "other": ("其他", "other"), "succeeded": ("成功", "succeeded"), "failed": ("失败", "failed"),
    "true": ("是", "yes"), "false": ("否", "no"),
}

ENTITLEMENT_STATUSES = {
    "eligible": ("应享（待审核）", "eligible"), "approved": ("已审核", "approved"),
    "disbursed": ("已拨付", "disbursed"), "expired": ("已到期", "expired"),
    "superseded": ("已被替代（不重复）", "superseded"), "revoked": ("已撤销", "revoked"),
    "ineligible": ("不符合条件", "ineligible"), "awaiting_renewal": ("待续期", "awaiting renewal"),
    "overpaid": ("多拨付", "overpaid"), "overdue": ("逾期", "overdue"), "ended": ("已终止", "ended"),
}

ROLES = {"admin": ("园区管理", "park management"), "auditor": ("审计", "auditor"),
         "entity": ("主体自助", "entity")}


def _pick(pair: tuple[str, str]) -> str:
    return pair[1] if language() == "en" else pair[0]


def _split(described: str) -> tuple[str, str]:
    # The vocabulary holds "中文 (english)".
    zh, _, en = described.partition(" (")
    return zh, en.rstrip(")") or zh


def value(key: str, raw: object) -> str:
    """A recorded value as a person reads it: codes of the vocabularies named."""
    text = str(raw)
    if key == "kind":
        return kind(text)
    if key == "zone":
        return zone(text)
    if key == "subtype":
        return subtype(text)
    if isinstance(raw, bool):
        return choice("true" if raw else "false")
    return choice(text) if text in CHOICES and key not in ("clause", "name") else text


def field(key: str) -> str:
    return _pick(FIELDS.get(key.removeprefix("data."), (key, key)))


def event_type(name: str) -> str:
    return name if language() == "en" else TYPES.get(name, name)


def choice(value: str) -> str:
    return _pick(CHOICES.get(value, (value, value)))


def kind(value: str) -> str:
    return _pick(_split(KINDS[value])) if value in KINDS else value


def zone(value: str) -> str:
    return _pick(_split(ZONES[value])) if value in ZONES else value


def subtype(value: str | None) -> str:
    return _pick(_split(SUBTYPES[value])) if value in SUBTYPES else (value or "")


def entity_status(value: str) -> str:
    return _pick(_split(STATUSES[value])) if value in STATUSES else value


def status(value: str) -> str:
    return _pick(ENTITLEMENT_STATUSES.get(value, (value, value)))


def role(value: str) -> str:
    return _pick(ROLES.get(value, (value, value)))
