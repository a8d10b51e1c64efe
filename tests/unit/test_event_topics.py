"""Each fact's class keeps the name under which its events are stored (registry.events:ClassName):
a renamed class would leave every stored event of its type undecodable."""

from __future__ import annotations

from eventsourcing.utils import get_topic, resolve_topic

from contract.catalogue import FACT_TYPES, SYSTEM_TYPES
from registry.events import FACT_CLASSES

# The classes as they were written out, one by one, when their events were first stored.
STORED = {
    "incubation_started": "IncubationStarted",
    "incubation_graduated": "IncubationGraduated",
    "departed": "Departed",
    "reentered": "Reentered",
    "details_amended": "DetailsAmended",
    "registration_corrected": "RegistrationCorrected",
    "achievement_recognised": "AchievementRecognised",
    "space_granted": "SpaceGranted",
    "pilot_maturation_completed": "PilotMaturationCompleted",
    "industrialised": "Industrialised",
    "case_by_case_support_granted": "CaseByCaseSupportGranted",
    "equipment_purchased": "EquipmentPurchased",
    "pilot_service_revenue_reported": "PilotServiceRevenueReported",
    "invest_first_approved": "InvestFirstApproved",
    "invest_first_converted": "InvestFirstConverted",
    "invest_first_recovered": "InvestFirstRecovered",
    "transfer_performance_assessed": "TransferPerformanceAssessed",
    "technology_transfer_brokered": "TechnologyTransferBrokered",
    "self_initiated_project_filed": "SelfInitiatedProjectFiled",
    "joint_funding_granted": "JointFundingGranted",
    "award_received": "AwardReceived",
    "major_project_funding_reported": "MajorProjectFundingReported",
    "cnipa_filing_recorded": "CnipaFilingRecorded",
    "patent_case_won": "PatentCaseWon",
    "standard_drafted": "StandardDrafted",
    "patent_navigation_funded": "PatentNavigationFunded",
    "talent_introduced": "TalentIntroduced",
    "talent_departed": "TalentDeparted",
    "title_green_channel_granted": "TitleGreenChannelGranted",
    "graduate_project_funded": "GraduateProjectFunded",
    "ip_pledge_loan_subsidised": "IpPledgeLoanSubsidised",
    "loan_issued": "LoanIssued",
    "loan_principal_lost": "LoanPrincipalLost",
    "loan_record_voided": "LoanRecordVoided",
    "guarantee_issued": "GuaranteeIssued",
    "fund_investment_made": "FundInvestmentMade",
    "fund_project_outcome_recorded": "FundProjectOutcomeRecorded",
    "external_support_recorded": "ExternalSupportRecorded",
    "entitlement_approved": "EntitlementApproved",
    "entitlement_disbursed": "EntitlementDisbursed",
    "entitlement_recovered": "EntitlementRecovered",
    "entitlement_revoked": "EntitlementRevoked",
    "loan_borrower_standing_restated": "LoanBorrowerStandingRestated",
}


def test_every_fact_type_has_a_class_under_the_name_its_events_are_stored_with() -> None:
    assert set(STORED) == set(FACT_TYPES) | set(SYSTEM_TYPES) == set(FACT_CLASSES)
    for type_name, class_name in STORED.items():
        topic = f"registry.events:{class_name}"
        assert resolve_topic(topic) is FACT_CLASSES[type_name]
        assert get_topic(FACT_CLASSES[type_name]) == topic

