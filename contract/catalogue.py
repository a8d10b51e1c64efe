"""The contract's event types: which kinds may record each, and the fields of its data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from contract.fields import Field
from contract.vocabulary import KINDS, SUBTYPES
from i18n import Series, Text, message_of

TEXT = Field("text")
FREE_TEXT = Field("text", free_text=True)
MONEY = Field("money")
DAY = Field("date")
YEAR = Field("year")
FLAG = Field("flag")
REF = Field("reference")
LEVEL = Field("choice", ("national", "provincial"))
# A registration's fields, parsed the same way at registration and at its correction.
NAME = TEXT
ZONE = Field("zone")
CREDIT_CODE = Field("credit_code")
SUBTYPE = Field("choice", tuple(SUBTYPES))
ANY = tuple(KINDS)
ENTERPRISE = ("enterprise",)


class InvalidFact(ValueError):
    """The data of an event does not fit its type; `errors` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class FactType:
    """One row of the contract's event table."""

    name: str
    kinds: tuple[str, ...]
    clause: str
    fields: dict[str, Field] = field(default_factory=dict)
    # Groups of fields of which at least one must be given.
    one_of: tuple[str, ...] = ()
    # Checks across fields, run once every field parses: each returns field -> messages.
    checks: tuple[Callable[[dict[str, Any]], dict[str, list[str]]], ...] = ()

    def parse(self, data: Any) -> dict[str, Any]:
        """Typed data, or InvalidFact listing every field that is wrong."""
        if not isinstance(data, dict):
            raise InvalidFact({"data": [Text("must be a JSON object")]})
        errors: dict[str, list[str]] = {}
        for name in data.keys() - self.fields.keys():
            errors[name] = [Text("is not a field of %(type)s; its fields are %(fields)s", type=self.name,
                                 fields=self._names())]
        parsed: dict[str, Any] = {}
        for name, spec in self.fields.items():
            if name not in data or data[name] is None:
                if not spec.optional:
                    errors[name] = [Text("is required")]
                continue
            try:
                parsed[name] = spec.parse(data[name])
            except ValueError as exc:
                errors[name] = [message_of(exc)]
        if self.one_of and not errors and not any(n in parsed for n in self.one_of):
            errors[self.one_of[0]] = [Text("give at least one of %(fields)s", fields=Series(self.one_of))]
        for check in () if errors else self.checks:
            errors.update(check(parsed))
        if errors:
            raise InvalidFact({k: errors[k] for k in sorted(errors)})
        return parsed

    def _names(self) -> str:
        return ", ".join(self.fields) or "none"


CORRECTABLE = ("name", "zone", "entered_on", "credit_code", "subtype")


def _t(type_name: str, kinds: tuple[str, ...], clause: str, one_of: tuple[str, ...] = (), /,
       **fields: Field) -> FactType:
    return FactType(type_name, kinds, clause, dict(fields), one_of)


def _opt(f: Field) -> Field:
    return replace(f, optional=True)


def _term(parsed: dict[str, Any]) -> dict[str, list[str]]:
    if parsed["end_on"] <= parsed["start_on"]:
        return {"end_on": [Text("%(end)s must be after start_on %(start)s", end=parsed["end_on"],
                                start=parsed["start_on"])]}
    return {}



RATE = Field("ratio", allow_zero=True)
LENDER = ("financial_institution",)

_TYPES = [
    _t("incubation_started", ANY, "life"),
    _t("incubation_graduated", ANY, "life"),
    _t("departed", ANY, "life", reason=FREE_TEXT),
    _t("reentered", ANY, "life"),
    _t("details_amended", ANY, "life", ("name", "zone"), name=_opt(TEXT),
       zone=_opt(Field("zone"))),
    # 更正登记: a mistake made at registration, corrected field by field (subtype only for a
    # financial institution: the registry checks it against the entity's kind).
    _t("registration_corrected", ANY, "life", CORRECTABLE, name=_opt(NAME), zone=_opt(ZONE),
       entered_on=_opt(DAY), credit_code=_opt(CREDIT_CODE), subtype=_opt(SUBTYPE)),
    _t("achievement_recognised", ENTERPRISE, "1.1", achievement=TEXT,
       stage=Field("choice", ("lab", "pilot")), amount=MONEY),
    _t("space_granted", ENTERPRISE, "1.2", project=TEXT,
       space=Field("choice", ("office", "pilot_base")), start_on=DAY, months=Field("months")),
    _t("pilot_maturation_completed", ENTERPRISE, "1.3", project=TEXT),
    _t("industrialised", ENTERPRISE, "1.3", project=TEXT, amount=MONEY),
    # `replaces`: the entitlements the decision supersedes (就高), possibly none.
    _t("case_by_case_support_granted", ANY, "1.4, 9", clause=Field("choice", ("1.4", "9")),
       decision_ref=TEXT, amount=MONEY, replaces=_opt(Field("references"))),
    _t("equipment_purchased", ("pilot_platform",), "2.1", year=YEAR, original_value=MONEY),
    _t("pilot_service_revenue_reported", ("pilot_platform",), "2.2", year=YEAR, revenue=MONEY),
    _t("invest_first_approved", ENTERPRISE, "3.1", project=TEXT, total_investment=MONEY,
       amount=MONEY, equity_ratio=Field("ratio"), exit_deadline=DAY),
    _t("invest_first_converted", ENTERPRISE, "3.2", project=TEXT,
       mode=Field("choice", ("grant_to_equity", "equity_to_debt")), amount=MONEY),
    _t("invest_first_recovered", ENTERPRISE, "3.2", project=TEXT, amount=MONEY),
    _t("transfer_performance_assessed", ("tech_transfer_agency",), "4.1", year=YEAR, amount=MONEY),
    _t("technology_transfer_brokered", ("tech_transfer_agency",), "4.2",
       ("agreed_ratio", "agreed_amount"), contract_ref=TEXT, contract_amount=MONEY,
       agreed_ratio=_opt(Field("ratio")), agreed_amount=_opt(MONEY)),
    _t("self_initiated_project_filed", ENTERPRISE, "5.1", project=TEXT, budget=MONEY),
    _t("joint_funding_granted", ENTERPRISE, "5.2", project=TEXT, amount=MONEY),
    _t("award_received", ENTERPRISE, "6.1, 6.2", award=TEXT, level=LEVEL, amount=MONEY,
       first_completing_unit=FLAG),
    _t("major_project_funding_reported", ENTERPRISE, "6.3", project=TEXT, level=LEVEL,
       year=YEAR, allocation=MONEY, in_good_standing=FLAG),
    _t("cnipa_filing_recorded", ("ip_service_firm",), "7.1", filing_no=TEXT),
    _t("patent_case_won", ("ip_service_firm",), "7.1", case_no=TEXT, client_entity_id=REF,
       amount=_opt(MONEY)),
    _t("standard_drafted", ENTERPRISE, "7.2", standard=TEXT,
       role=Field("choice", ("lead", "participant")), amount=MONEY),
    _t("patent_navigation_funded", ENTERPRISE, "7.3", project=TEXT, amount=MONEY),
    _t("talent_introduced", ENTERPRISE, "8.1", talent=TEXT, level=LEVEL, start_on=DAY),
    _t("talent_departed", ENTERPRISE, "8.1", talent=TEXT),
    _t("title_green_channel_granted", ENTERPRISE, "8.3", talent=TEXT),
    _t("graduate_project_funded", ENTERPRISE, "8.2", researcher=TEXT,
       degree=Field("choice", ("phd", "master")), project=TEXT),
    _t("ip_pledge_loan_subsidised", ENTERPRISE, "10", loan_ref=TEXT,
       interest_subsidy=Field("money", allow_zero=True),
       guarantee_fee_subsidy=Field("money", allow_zero=True)),
    # 贷款登记作废: a loan recorded by mistake (its principal, category or 泉科贷 flag typed wrong)
    # taken back by its lender, so that it can be recorded again as it is; the history keeps
    # both. Refused while principal lost on it, or a borrower's subsidy, arose from it. Before
    # loan_issued, so that an import workbook's voids are decided before the loans recorded again.
    _t("loan_record_voided", LENDER, "correction", loan_ref=TEXT, reason=FREE_TEXT),
    replace(_t("loan_issued", LENDER, "10, 12", loan_ref=TEXT, borrower_entity_id=REF,
               category=Field("choice", ("tech_transfer", "early_rd_credit", "ip_pledge", "other")),
               principal=MONEY, annual_rate=RATE, start_on=DAY, end_on=DAY, quankedai=FLAG),
            checks=(_term,)),
    # `provincial_share_rate`: 12.2's 比照省财政分担比例, required for an early-stage R&D credit
    # loan (the door knows the loan's category).
    _t("loan_principal_lost", LENDER, "12.1, 12.2", loan_ref=TEXT, amount=MONEY,
       provincial_share_rate=_opt(RATE)),
    replace(_t("guarantee_issued", LENDER, "12.3", guarantee_ref=TEXT,
               beneficiary_entity_id=REF, amount=MONEY, fee_rate=RATE, start_on=DAY, end_on=DAY),
            checks=(_term,)),
    _t("fund_investment_made", ("fund",), "11", investee_entity_id=REF, amount_paid_in=MONEY),
    _t("fund_project_outcome_recorded", ("fund",), "13", project=TEXT,
       outcome=Field("choice", ("succeeded", "failed"))),
    _t("external_support_recorded", ANY, "不重复", entitlement_id=REF, policy=TEXT, amount=MONEY),
    _t("entitlement_approved", ANY, "review", entitlement_id=REF),
    _t("entitlement_disbursed", ANY, "payment", entitlement_id=REF, amount=MONEY, paid_on=DAY),
    # 追回: money paid beyond what is owed (应追回), returned to the treasury.
    _t("entitlement_recovered", ANY, "recovery", entitlement_id=REF, amount=MONEY, recovered_on=DAY),
    _t("entitlement_revoked", ANY, "correction", entitlement_id=REF, reason=FREE_TEXT),
]

FACT_TYPES: MappingProxyType[str, FactType] = MappingProxyType({t.name: t for t in _TYPES})

# Facts the registry records itself, as the consequence of a fact recorded on another entity;
# no client may record them (the API refuses them, the console and the workbook offer no form).
# `loan_borrower_standing_restated` (重新认定借款企业起贷时情况): a borrower's fact changed what a
# lender's loan captured of it at the door for 12.2 (its entry date, corrected, or whether it
# was incubating at the loan's start, by an incubation fact recorded late); saved on the lender
# in the same save() as the borrower's fact, naming that fact (`cause_*`). The policy reads the
# latest standing of each loan.
SYSTEM_TYPES: MappingProxyType[str, FactType] = MappingProxyType({t.name: t for t in [
    _t("loan_borrower_standing_restated", LENDER, "12.2", loan_ref=TEXT, borrower_entity_id=REF,
       borrower_registered_on=DAY, borrower_incubating=FLAG, cause_entity_id=REF,
       cause_event_id=REF, cause_type=TEXT),
]})
