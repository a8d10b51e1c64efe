"""What the console calls each field, event type and value, in the console's language.

Fields, event types and choices come from the one table (i18n/labels.py) the import workbook
reads too; what only the console shows (kinds, zones, statuses, roles) is here.
"""

from __future__ import annotations

from console.i18n import language
from contract.vocabulary import KINDS, STATUSES, SUBTYPES, ZONES
from i18n import labels

ENTITLEMENT_STATUSES = {
    "eligible": ("应享（待审核）", "eligible"), "approved": ("已审核", "approved"),
    "disbursed": ("已拨付", "disbursed"), "expired": ("已到期", "expired"),
    "superseded": ("已被替代（不重复）", "superseded"), "revoked": ("已撤销", "revoked"),
    "ineligible": ("不符合条件", "ineligible"), "awaiting_renewal": ("待续期", "awaiting renewal"),
    "overpaid": ("多拨付", "overpaid"), "overdue": ("逾期", "overdue"), "ended": ("已终止", "ended"),
}

# How a clause supports (the policy data's `kind`).
CLAUSE_KINDS = {"one_time": ("一次性资金支持", "one-time"), "annual": ("按年度资金支持", "annual"),
                "in_kind": ("实物支持（免费场地等）", "in kind"),
                "status": ("非资金事项（备案、通道、认定等）", "status")}

ROLES = {"admin": ("园区管理", "park management"), "auditor": ("审计", "auditor"),
         "entity": ("主体自助", "entity"), "system": ("登记系统（自动记录）", "the registry (automatic)")}


def _pick(pair: tuple[str, str]) -> str:
    return pair[1] if language() == "en" else pair[0]


def _split(described: str) -> tuple[str, str]:
    # The vocabulary holds "中文 (english)", the Chinese sometimes with a bracket of its own:
    # "金融机构 (银行/担保/保险) (financial institution)".
    zh = described.partition(" (")[0]
    en = described.rpartition(" (")[2]
    return zh, en.rstrip(")") if " (" in described else zh


def value(key: str, raw: object) -> str:
    """A recorded value as a person reads it: codes of the vocabularies named."""
    text = str(raw)
    if key == "kind":
        return kind(text)
    if key == "zone":
        return zone(text)
    if key == "subtype":
        return subtype(text)
    if key == "cause_type":
        return event_type(text)
    if isinstance(raw, bool):
        return choice("true" if raw else "false")
    return choice(text) if text in labels.CHOICES and key not in ("clause", "name") else text


def field(key: str) -> str:
    return labels.field(key, language())


def party(key: str) -> str:
    return labels.party(key, language())


def event_type(name: str) -> str:
    return labels.event_type(name, language())


def choice(value: str) -> str:
    return labels.choice(value, language())


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


def clause_kind(value: str) -> str:
    return _pick(CLAUSE_KINDS.get(value, (value, value)))


def role(value: str) -> str:
    return _pick(ROLES.get(value, (value, value)))


def clause_of(fact_type_clause: str) -> str:
    """Where an event type sits in the policy: 第1.1条, 第6.1、6.2条, or 审核 for one no clause pays."""
    return labels.clause_of(fact_type_clause, language())


def event_option(name: str, fact_type_clause: str) -> str:
    """An event type as the entity page's picker offers it: its name and where it sits."""
    return f"{event_type(name)}（{clause_of(fact_type_clause)}）" if language() != "en" \
        else f"{event_type(name)} ({clause_of(fact_type_clause)})"
