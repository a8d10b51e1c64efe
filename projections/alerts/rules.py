"""Loads the alert rules once from their data file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class ReportRule:
    kind: str
    clauses: tuple[str, ...]
    types: tuple[str, ...]
    what: str


@dataclass(frozen=True)
class AlertRules:
    id: str
    effective_from: date
    deadline_clauses: tuple[str, ...]
    deadline_days: tuple[int, ...]
    catch_up_days: int
    report_due: tuple[int, int]
    report_opens: tuple[int, int]
    report_days_before: tuple[int, ...]
    overdue_every_days: int
    reports: tuple[ReportRule, ...]
    renewal_days: tuple[int, ...]
    delivery: dict[str, int]

    @classmethod
    def from_mapping(cls, raw: dict[str, Any]) -> AlertRules:
        report = raw["annual_report"]
        return cls(
            id=raw["id"], effective_from=date.fromisoformat(raw["effective_from"]),
            deadline_clauses=tuple(raw["deadline"]["clauses"]),
            deadline_days=tuple(sorted(raw["deadline"]["days_before"], reverse=True)),
            catch_up_days=raw["deadline"]["catch_up_days"],
            report_due=_month_day(report["due"]), report_opens=_month_day(report["opens"]),
            report_days_before=tuple(sorted(report["days_before_due"], reverse=True)),
            overdue_every_days=report["overdue_every_days"],
            reports=tuple(ReportRule(r["kind"], tuple(r["clauses"]), tuple(r["types"]), r["what"])
                          for r in report["reports"]),
            renewal_days=tuple(sorted(raw["renewal"]["days_before"], reverse=True)),
            delivery=dict(raw["delivery"]),
        )


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


@cache
def load_rules() -> AlertRules:
    text = resources.files("projections.alerts").joinpath("rules.toml").read_text(encoding="utf-8")
    return AlertRules.from_mapping(tomllib.loads(text))
