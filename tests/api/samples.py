"""One valid example of every contract event type, with the kind of entity it belongs to."""

from __future__ import annotations

from contract.credit_code import check_character


def credit_code(n: int) -> str:
    """A valid unified social credit code, different for each n."""
    first17 = f"91140300MA{n:07d}"
    return first17 + check_character(first17)


# 3.2 converts or recovers only money disbursed under 3.1: the samples pay it first.
NEEDS_DISBURSED = {"invest_first_converted": ("3.1", "5000000.00")}
# Facts the door derives and stores with an event of the type, beside what was sent.
DERIVED = {"loan_issued": {"borrower_registered_on", "borrower_incubating"}}


def sample_events(enterprise_id: str) -> list[tuple[str, str, dict]]:
    """(kind, type, data) for every type except the review events, which name entitlements."""
    return [
        ("enterprise", "incubation_started", {}),
        ("enterprise", "incubation_graduated", {}),
        ("enterprise", "details_amended", {"name": "阳泉新材料有限公司", "zone": "pingding"}),
        ("enterprise", "achievement_recognised", {"achievement": "碳化硅中试", "stage": "pilot", "amount": "800000.00"}),
        ("enterprise", "space_granted", {"project": "P1", "space": "office", "start_on": "2025-03-01", "months": 36}),
        ("enterprise", "pilot_maturation_completed", {"project": "P1"}),
        ("enterprise", "industrialised", {"project": "P1", "amount": "2000000.00"}),
        ("enterprise", "case_by_case_support_granted", {"clause": "1.4", "decision_ref": "阳科〔2025〕1号", "amount": "3000000.01", "replaces": []}),
        ("pilot_platform", "equipment_purchased", {"year": 2025, "original_value": "12000000.00"}),
        ("pilot_platform", "pilot_service_revenue_reported", {"year": 2025, "revenue": "1234567.89"}),
        ("enterprise", "invest_first_approved", {"project": "P2", "total_investment": "10000000.00", "amount": "5000000.00", "equity_ratio": "0.20", "exit_deadline": "2030-06-30"}),
        ("enterprise", "invest_first_converted", {"project": "P2", "mode": "grant_to_equity", "amount": "5000000.00"}),
        ("enterprise", "invest_first_recovered", {"project": "P2", "amount": "1000000.00"}),
        ("tech_transfer_agency", "transfer_performance_assessed", {"year": 2025, "amount": "1000000.00"}),
        ("tech_transfer_agency", "technology_transfer_brokered", {"contract_ref": "HT-1", "contract_amount": "500000.00", "agreed_ratio": "0.05"}),
        ("enterprise", "self_initiated_project_filed", {"project": "P3", "budget": "300000.00"}),
        ("enterprise", "joint_funding_granted", {"project": "P8", "amount": "400000.00"}),
        ("enterprise", "award_received", {"award": "国家科技进步奖", "level": "national", "amount": "200000.00", "first_completing_unit": False}),
        ("enterprise", "major_project_funding_reported", {"project": "P4", "level": "provincial", "year": 2025, "allocation": "4000000.00", "in_good_standing": True}),
        ("ip_service_firm", "cnipa_filing_recorded", {"filing_no": "CNIPA-2025-001"}),
        ("ip_service_firm", "patent_case_won", {"case_no": "(2025)晋03知1号", "client_entity_id": enterprise_id}),
        ("enterprise", "standard_drafted", {"standard": "T/SXJCG 1-2025", "role": "lead", "amount": "300000.00"}),
        ("enterprise", "patent_navigation_funded", {"project": "P5", "amount": "299999.99"}),
        ("enterprise", "talent_introduced", {"talent": "张三", "level": "national", "start_on": "2025-02-28"}),
        ("enterprise", "talent_departed", {"talent": "张三"}),
        ("enterprise", "title_green_channel_granted", {"talent": "王五"}),
        ("enterprise", "graduate_project_funded", {"researcher": "李四", "degree": "phd", "project": "P6"}),
        ("enterprise", "ip_pledge_loan_subsidised", {"loan_ref": "L-1", "interest_subsidy": "12345.67", "guarantee_fee_subsidy": "0.00"}),
        ("fund", "fund_investment_made", {"investee_entity_id": enterprise_id, "amount_paid_in": "30000000.00"}),
        ("fund", "fund_project_outcome_recorded", {"project": "P7", "outcome": "failed"}),
        ("financial_institution", "loan_issued", {"loan_ref": "JCD-2025-001", "borrower_entity_id": enterprise_id, "category": "tech_transfer", "principal": "5000000.00", "annual_rate": "0.0435", "start_on": "2025-06-30", "end_on": "2027-06-29", "quankedai": True}),
        ("financial_institution", "loan_principal_lost", {"loan_ref": "JCD-2025-001", "amount": "1000000.00"}),
        ("financial_institution", "guarantee_issued", {"guarantee_ref": "DB-2025-001", "beneficiary_entity_id": enterprise_id, "amount": "10000000.00", "fee_rate": "0.012", "start_on": "2025-07-01", "end_on": "2026-06-30"}),
        ("enterprise", "registration_corrected", {"name": "阳泉新材料股份有限公司", "entered_on": "2025-01-03"}),
        ("enterprise", "departed", {"reason": "迁往太原"}),
        ("enterprise", "reentered", {}),
    ]
