"""The Chinese labels (中文标签) of what a clerk fills in: event types, fields and choices.

One table for every place a person reads them (the import workbook, the console's forms), so
that a field is called the same everywhere. Keys are the API's names; a name missing here is
shown as itself (`label_of`), and a test lists the catalogue's names that lack a label.
"""

from __future__ import annotations

from types import MappingProxyType

# Registration (入驻登记) and the event's own date; `data.<field>` labels follow.
FIELD_LABELS = MappingProxyType({
    "kind": "主体类型",
    "subtype": "金融机构类别",
    "name": "主体名称",
    "credit_code": "统一社会信用代码",
    "zone": "所在区域",
    "entered_on": "入驻日期",
    "occurred_on": "发生日期",
    "reason": "原因",
    "achievement": "科技成果",
    "stage": "阶段",
    "amount": "金额（元）",
    "project": "项目名称",
    "space": "空间类型",
    "start_on": "起始日期",
    "end_on": "截止日期",
    "months": "期限（月）",
    "clause": "条款",
    "decision_ref": "决策文号",
    "replaces": "替代的权益编号",
    "year": "年度",
    "original_value": "设备原值（元）",
    "revenue": "服务收入（元）",
    "total_investment": "项目总投资（元）",
    "equity_ratio": "股权比例",
    "exit_deadline": "退出期限",
    "mode": "转换方式",
    "contract_ref": "合同编号",
    "contract_amount": "合同金额（元）",
    "agreed_ratio": "约定比例",
    "agreed_amount": "约定金额（元）",
    "budget": "项目预算（元）",
    "award": "奖项名称",
    "level": "级别",
    "first_completing_unit": "是否第一完成单位",
    "allocation": "下达资金（元）",
    "in_good_standing": "是否进展正常",
    "filing_no": "备案编号",
    "case_no": "案号",
    "client_entity_id": "委托企业编号",
    "standard": "标准名称",
    "role": "角色",
    "talent": "人才姓名",
    "researcher": "研究人员姓名",
    "degree": "学位",
    "loan_ref": "贷款编号",
    "interest_subsidy": "贴息金额（元）",
    "guarantee_fee_subsidy": "担保费补贴（元）",
    "borrower_entity_id": "借款企业编号",
    "category": "贷款类别",
    "principal": "贷款本金（元）",
    "annual_rate": "年利率",
    "quankedai": "是否晋科贷",
    "provincial_share_rate": "省级分担比例",
    "guarantee_ref": "担保编号",
    "beneficiary_entity_id": "被担保企业编号",
    "fee_rate": "担保费率",
    "investee_entity_id": "被投企业编号",
    "amount_paid_in": "实缴金额（元）",
    "outcome": "项目结果",
    "entitlement_id": "权益编号",
    "policy": "其他政策名称",
    "paid_on": "拨付日期",
})

TYPE_LABELS = MappingProxyType({
    "incubation_started": "开始孵化",
    "incubation_graduated": "孵化毕业",
    "departed": "迁出",
    "reentered": "重新入驻",
    "details_amended": "变更信息",
    "registration_corrected": "更正登记信息",
    "achievement_recognised": "科技成果认定",
    "space_granted": "提供场地",
    "pilot_maturation_completed": "中试熟化完成",
    "industrialised": "实现产业化",
    "case_by_case_support_granted": "一事一议支持",
    "equipment_purchased": "中试平台购置设备",
    "pilot_service_revenue_reported": "中试服务收入申报",
    "invest_first_approved": "先投后股立项",
    "invest_first_converted": "先投后股转换",
    "invest_first_recovered": "先投后股收回",
    "transfer_performance_assessed": "技术转移绩效评价",
    "technology_transfer_brokered": "促成技术转移",
    "self_initiated_project_filed": "自主立项备案",
    "joint_funding_granted": "联合资助",
    "award_received": "获得奖励",
    "major_project_funding_reported": "重大项目资金申报",
    "cnipa_filing_recorded": "国家知识产权局备案",
    "patent_case_won": "专利案件胜诉",
    "standard_drafted": "主持或参与制定标准",
    "patent_navigation_funded": "专利导航项目",
    "talent_introduced": "引进人才",
    "talent_departed": "人才离开",
    "title_green_channel_granted": "职称评审绿色通道",
    "graduate_project_funded": "博士硕士项目资助",
    "ip_pledge_loan_subsidised": "知识产权质押融资补贴",
    "loan_issued": "发放贷款",
    "loan_principal_lost": "贷款本金损失",
    "guarantee_issued": "提供担保",
    "fund_investment_made": "基金投资",
    "fund_project_outcome_recorded": "基金项目结果",
    "external_support_recorded": "其他政策支持（不重复）",
    "entitlement_approved": "权益审核通过",
    "entitlement_disbursed": "资金拨付",
    "entitlement_revoked": "权益撤销",
})

# The values of closed choices, by value: the same words mean the same thing in every field.
CHOICE_LABELS = MappingProxyType({
    "lab": "实验室阶段", "pilot": "中试阶段",
    "office": "办公场地", "pilot_base": "中试基地",
    "1.4": "第1.4条", "9": "第9条",
    "grant_to_equity": "资助转股权", "equity_to_debt": "股权转债权",
    "national": "国家级", "provincial": "省级",
    "lead": "主持", "participant": "参与",
    "phd": "博士", "master": "硕士",
    "tech_transfer": "技术转移贷款", "early_rd_credit": "早期研发信用贷款",
    "ip_pledge": "知识产权质押贷款", "other": "其他",
    "succeeded": "成功", "failed": "失败",
    "bank": "银行", "guarantor": "融资担保机构", "insurer": "保险机构",
})


def label_of(name: str) -> str:
    """The Chinese label of a field (registration or `data.<field>`), or the name itself."""
    return FIELD_LABELS.get(name.removeprefix("data."), name)


def type_label(type_name: str) -> str:
    """The Chinese name of an event type, or the type itself."""
    return TYPE_LABELS.get(type_name, type_name)


def choice_label(value: str) -> str:
    return CHOICE_LABELS.get(value, value)
