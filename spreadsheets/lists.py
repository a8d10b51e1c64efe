"""The 公示名单 and the 资金拨付明细: which entitlements each lists, and their columns."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from contract.entitlements import REVIEWED, publicised, reviewed_amount, year_of

CENT = Decimal("0.01")

Entity = Mapping[str, Any]
Entitlement = Mapping[str, Any]
Documents = Iterable[tuple[Entity, list[Entitlement]]]
# (clause, policy version) -> the clause's Chinese title
Titles = Callable[[str, str | None], str]


@dataclass(frozen=True)
class ListSpec:
    """A list's file name, headers, column widths (in characters) and which columns are money."""

    name: str
    title: str
    headers: tuple[str, ...]
    widths: tuple[int, ...]
    money: tuple[int, ...]
    rows: Callable[[Documents, int, Titles], Iterator[list[Any]]]


def _money(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(CENT)


def titles_of(book: Any) -> Titles:
    """(clause, policy version) -> the clause's Chinese title, from the policy data itself."""
    by_version = {(c.id, v.id): c.title_zh for v in book.versions for c in v.clauses.values()}
    latest = {c.id: c.title_zh for v in book.versions for c in v.clauses.values()}
    return lambda clause, version: by_version.get((clause, version)) or latest.get(clause, clause)


def publicity_rows(documents: Documents, year: int, titles: Titles) -> Iterator[list[Any]]:
    number = 0
    for entity, found in documents:
        for e in found:
            if publicised(e) and year_of(e) == year:
                number += 1
                yield [number, entity["name"], entity["credit_code"], e["clause"],
                       titles(e["clause"], e.get("policy_version")), _money(reviewed_amount(e))]


def payment_rows(documents: Documents, year: int, titles: Titles) -> Iterator[list[Any]]:
    for entity, found in documents:
        for e in found:
            # Money a contract pays itself (4.2, not fiscal) is not the finance bureau's to pay.
            if e["status"] not in REVIEWED or year_of(e) != year or e["amount"] is None \
                    or not e.get("fiscal", True):
                continue
            approved, paid = _money(reviewed_amount(e)), _money(e.get("disbursed") or "0")
            if approved > paid:
                yield [entity["name"], entity["credit_code"], e["clause"],
                       "、".join(e.get("responsible_units") or ()), approved, paid, approved - paid]


PUBLICITY = ListSpec("publicity", "公示名单",
                     ("序号", "主体名称", "统一社会信用代码", "条款", "支持事项", "金额（元）"),
                     (8, 36, 24, 10, 40, 18), (5,), publicity_rows)
PAYMENTS = ListSpec("payments", "资金拨付明细",
                    ("主体名称", "统一社会信用代码", "条款", "责任单位", "核定金额", "已拨付", "待拨付"),
                    (36, 24, 10, 40, 18, 18, 18), (4, 5, 6), payment_rows)
LISTS = {spec.name: spec for spec in (PUBLICITY, PAYMENTS)}
