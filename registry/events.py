"""Domain events: one class per contract event type, named in the past tense.

Each class's topic (`registry.events:ClassName`) is stored with every event of its type, so a
class must never be renamed or moved; change its shape only with an upcaster.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from eventsourcing.domain import Aggregate

from registry.catalogue import CORRECTABLE


class Fact(Aggregate.Event):
    """A fact of an entity's life in the park, as recorded through the registry."""

    type = ""
    occurred_on: date
    data: dict[str, Any]
    recorded_by: dict[str, str]
    recorded_at: datetime
    idempotency_key: str | None

    def apply(self, aggregate: Any) -> None:
        """Most facts change nothing of the entity's own state; the life events do."""


class IncubationStarted(Fact):
    type = "incubation_started"

    def apply(self, aggregate: Any) -> None:
        aggregate.status = "incubating"


class IncubationGraduated(Fact):
    type = "incubation_graduated"

    def apply(self, aggregate: Any) -> None:
        aggregate.status = "graduated"


class Departed(Fact):
    """迁出."""

    type = "departed"

    def apply(self, aggregate: Any) -> None:
        aggregate.status_before_departure = aggregate.status
        aggregate.status = "departed"
        aggregate.departed_on = self.occurred_on


class Reentered(Fact):
    """重新入驻: a departed entity comes back into the park."""

    type = "reentered"

    def apply(self, aggregate: Any) -> None:
        # Departure ended any incubation (finance_door.incubating_on reads it so); a graduation
        # stays a fact of the entity's past.
        before = getattr(aggregate, "status_before_departure", "registered")
        aggregate.status = "graduated" if before == "graduated" else "registered"
        aggregate.departed_on = None


class DetailsAmended(Fact):
    type = "details_amended"

    def apply(self, aggregate: Any) -> None:
        aggregate.name = self.data.get("name", aggregate.name)
        aggregate.zone = self.data.get("zone", aggregate.zone)


class RegistrationCorrected(Fact):
    """更正登记: a mistake made at registration, corrected; the registration itself stays."""

    type = "registration_corrected"

    def apply(self, aggregate: Any) -> None:
        for name in CORRECTABLE:
            if name in self.data:
                setattr(aggregate, name, self.data[name])


class AchievementRecognised(Fact):
    type = "achievement_recognised"


class SpaceGranted(Fact):
    type = "space_granted"


class PilotMaturationCompleted(Fact):
    type = "pilot_maturation_completed"


class Industrialised(Fact):
    type = "industrialised"


class CaseByCaseSupportGranted(Fact):
    type = "case_by_case_support_granted"


class EquipmentPurchased(Fact):
    type = "equipment_purchased"


class PilotServiceRevenueReported(Fact):
    type = "pilot_service_revenue_reported"


class InvestFirstApproved(Fact):
    type = "invest_first_approved"


class InvestFirstConverted(Fact):
    type = "invest_first_converted"


class InvestFirstRecovered(Fact):
    type = "invest_first_recovered"


class TransferPerformanceAssessed(Fact):
    type = "transfer_performance_assessed"


class TechnologyTransferBrokered(Fact):
    type = "technology_transfer_brokered"


class SelfInitiatedProjectFiled(Fact):
    type = "self_initiated_project_filed"


class JointFundingGranted(Fact):
    """5.2 应用基础研究联合资助."""

    type = "joint_funding_granted"


class AwardReceived(Fact):
    type = "award_received"


class MajorProjectFundingReported(Fact):
    type = "major_project_funding_reported"


class CnipaFilingRecorded(Fact):
    type = "cnipa_filing_recorded"


class PatentCaseWon(Fact):
    type = "patent_case_won"


class StandardDrafted(Fact):
    type = "standard_drafted"


class PatentNavigationFunded(Fact):
    type = "patent_navigation_funded"


class TalentIntroduced(Fact):
    type = "talent_introduced"


class TalentDeparted(Fact):
    type = "talent_departed"


class TitleGreenChannelGranted(Fact):
    """8.3 科技人才职称评审绿色通道."""

    type = "title_green_channel_granted"


class GraduateProjectFunded(Fact):
    type = "graduate_project_funded"


class IpPledgeLoanSubsidised(Fact):
    type = "ip_pledge_loan_subsidised"


class LoanIssued(Fact):
    """贷款发放: a financial institution lends to a resident enterprise."""

    type = "loan_issued"


class LoanPrincipalLost(Fact):
    """贷款本金损失."""

    type = "loan_principal_lost"


class GuaranteeIssued(Fact):
    """融资担保: a guarantor guarantees a resident enterprise's borrowing."""

    type = "guarantee_issued"


class FundInvestmentMade(Fact):
    type = "fund_investment_made"


class FundProjectOutcomeRecorded(Fact):
    type = "fund_project_outcome_recorded"


class ExternalSupportRecorded(Fact):
    type = "external_support_recorded"


class EntitlementApproved(Fact):
    type = "entitlement_approved"


class EntitlementDisbursed(Fact):
    type = "entitlement_disbursed"


class EntitlementRevoked(Fact):
    type = "entitlement_revoked"


FACT_CLASSES: dict[str, type[Fact]] = {cls.type: cls for cls in Fact.__subclasses__()}
