"""The policy as versioned data: a book of dated versions, each a set of clauses.

Every figure the engine uses comes from a version file under `versions/`; the engine reads
`clause.params[...]` and never names a number itself, so the park can revise the policy by
adding a file rather than a release.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache, cached_property
from importlib import resources
from typing import Any

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
KINDS = ("one_time", "annual", "in_kind", "status")
# Readings the engine knows how to apply; a version naming another one is refused on load.
READINGS = {
    "threshold_basis": ("cumulative", "per_year"),
    "subsidised_years": ("first_granted",),
    "cap_scope": ("per_project_total", "per_year", "per_investor_term", "per_investment"),
    "window_starts": ("pilot_maturation_completed", "first_reported_year"),
    "non_duplication": ("top_up",),
    "term_end": ("day_before_corresponding_day",),
    "early_stage": ("entered_or_incubating",),
    "amount_basis": ("outstanding_per_beneficiary", "per_guarantee"),
    "fee_gap": ("ceiling_minus_rate_pro_rata",),
    "day_count": ("actual_actual", "actual_365"),
    "periods": ("begin_inside_window",),
    "limits": ("exact",),
    "repeat": ("refused", "adds_up", "corrects"),
    "after_policy": ("awaiting_renewal_while_window_open", "ineligible"),
    "year_basis": ("year_assessed",),
    "reward_year": ("following_year", "same_year"),
    "share_basis": ("provincial_share_stated", "ceiling"),
    "after_departure": ("ended_from_departure_day", "ended_after_departure_day"),
}
# Every clause must say what identifies its matter, so a new clause cannot forget 不重复.
REQUIRED = ("matter", "events", "repeat")


@dataclass(frozen=True)
class Clause:
    """One clause (article.clause) of a version with its parameters."""

    id: str
    title_zh: str
    title_en: str
    kind: str
    responsible_units: tuple[str, ...]
    params: Mapping[str, Any] = field(default_factory=dict)

    @cached_property  # every entitlement carries its clause's title
    def title(self) -> str:
        return f"{self.title_zh} / {self.title_en}"

    def money(self, name: str) -> Decimal:
        return self.params[name]

    def to_json(self) -> dict[str, Any]:
        params = {k: str(v) if isinstance(v, Decimal) else v for k, v in self.params.items()}
        return {"id": self.id, "title_zh": self.title_zh, "title_en": self.title_en,
                "kind": self.kind, "responsible_units": list(self.responsible_units),
                "params": params}


@dataclass(frozen=True)
class PolicyVersion:
    """A dated version of the policy: in force from `valid_from` to `valid_to`, both inclusive."""

    id: str
    title_zh: str
    title_en: str
    valid_from: date
    valid_to: date
    clauses: Mapping[str, Clause]
    params: Mapping[str, Any] = field(default_factory=dict)

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_to

    def clause(self, clause_id: str) -> Clause:
        return self.clauses[clause_id]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title_zh": self.title_zh, "title_en": self.title_en,
                "valid_from": self.valid_from.isoformat(), "valid_to": self.valid_to.isoformat(),
                "params": dict(self.params),
                "clauses": [c.to_json() for c in self.clauses.values()]}

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> PolicyVersion:
        """Build a version from the parsed TOML document (or a test's edited copy of it)."""
        units = raw["units"]
        clauses = {cid: _clause(cid, body, units) for cid, body in raw["clauses"].items()}
        top = {k: v for k, v in raw.items() if k in READINGS}
        _check_readings("version", top)
        return cls(raw["id"], raw["title_zh"], raw["title_en"], raw["valid_from"],
                   raw["valid_to"], clauses, top)

    @classmethod
    def from_toml(cls, text: str) -> PolicyVersion:
        return cls.from_mapping(tomllib.loads(text))


def _clause(cid: str, body: Mapping[str, Any], units: Mapping[str, list[str]]) -> Clause:
    if body["kind"] not in KINDS:
        raise ValueError(f"{cid}: unknown kind {body['kind']!r}")
    params = {k: _value(v) for k, v in body.items() if k not in ("title_zh", "title_en", "kind")}
    missing = [name for name in REQUIRED if name not in params]
    if missing:
        raise ValueError(f"{cid}: declare {', '.join(missing)} (one matter, one benefit)")
    _check_readings(cid, params)
    article = cid.split(".")[0]
    return Clause(cid, body["title_zh"], body["title_en"], body["kind"],
                  tuple(units.get(article, ())), params)


def _value(v: Any) -> Any:
    # Money and rates are written as strings so that they load exactly, never through float.
    return Decimal(v) if isinstance(v, str) and _NUMBER.match(v) else v


def _check_readings(where: str, params: Mapping[str, Any]) -> None:
    for name, allowed in READINGS.items():
        if name in params and params[name] not in allowed:
            raise ValueError(f"{where}: reading {name}={params[name]!r} is not one of {allowed}")


class PolicyBook:
    """Several policy versions side by side; none may overlap another."""

    def __init__(self, versions: Iterable[PolicyVersion]) -> None:
        self.versions = tuple(sorted(versions, key=lambda v: v.valid_from))
        for a, b in zip(self.versions, self.versions[1:], strict=False):
            if b.valid_from <= a.valid_to:
                raise ValueError(f"policy versions {a.id} and {b.id} overlap")
        # The rules ask this of every fact, and a park's facts fall on a few thousand days.
        self._in_force: dict[date, PolicyVersion | None] = {}

    def in_force_on(self, day: date) -> PolicyVersion | None:
        try:
            return self._in_force[day]
        except KeyError:
            found = self._in_force[day] = next((v for v in self.versions if v.in_force_on(day)), None)
            return found

    def latest_clause(self, clause_id: str) -> Clause | None:
        """The clause as the newest version words it (titles for matters under no version)."""
        for version in reversed(self.versions):
            if clause_id in version.clauses:
                return version.clauses[clause_id]
        return None

    def to_json(self) -> dict[str, Any]:
        return {"versions": [v.to_json() for v in self.versions]}


@cache
def load_book() -> PolicyBook:
    """The packaged policy versions, read once."""
    folder = resources.files(__package__).joinpath("versions")
    texts = [f.read_text(encoding="utf-8") for f in folder.iterdir() if f.name.endswith(".toml")]
    return PolicyBook(PolicyVersion.from_toml(t) for t in texts)
