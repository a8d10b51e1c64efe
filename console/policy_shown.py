"""The policy in force as an official reads it: each parameter by its Chinese name with its value
in 元, %, months or years, the one-matter rule as one sentence, the document's readings as
sentences. Every word comes from the policy's table of labels (i18n/policy_labels.py)."""

from __future__ import annotations

from typing import Any

from console import labels
from console.format import money
from console.i18n import language
from i18n import Percent
from i18n import policy_labels as table
from i18n.labels import pick

# The clause's parameters said together as its one-matter rule, not one by one.
RULE = ("matter", "events", "repeat")


def versions(book: Any) -> list[dict[str, Any]]:
    """Each version of the policy with its readings and clauses, ready to be placed."""
    return [{"id": v.id, "title": v.title_en if language() == "en" else v.title_zh,
             "valid_from": v.valid_from.isoformat(), "valid_to": v.valid_to.isoformat(),
             "readings": [table.reading(k, str(value), language()) for k, value in v.params.items()],
             "clauses": [_clause(c) for c in v.clauses.values()]}
            for v in book.versions]


def _clause(c: Any) -> dict[str, Any]:
    return {"id": c.id, "title": c.title_en if language() == "en" else c.title_zh,
            "kind": labels.clause_kind(c.kind), "units": "、".join(c.responsible_units),
            "rule": rule(c.params),
            "params": [{"key": k, "label": table.parameter(k, language()), "value": shown(k, value)}
                       for k, value in c.params.items() if k not in RULE]}


def rule(params: dict[str, Any]) -> str:
    """`matter` + `events` + `repeat` as one sentence: 按“科技创新成果认定”登记，同一成果只享受一次."""
    en = language() == "en"
    events = (", " if en else "、").join(
        labels.event_type(e) if en else f"“{labels.event_type(e)}”" for e in params["events"])
    matters = params["matter"] or [""]  # no field: the entity itself is the matter
    matter = (" and " if en else "、").join(pick(table.MATTERS.get(m, (m, m)), language()) for m in matters)
    return pick(table.REPEATS[params["repeat"]], language()).format(events=events, matter=matter)


def shown(key: str, value: Any) -> str:
    """A parameter's value with its unit: 1,000,000.00 元, 35%, 36 个月, 是, a reading in words."""
    unit = table.unit_of(key)
    if unit in table.UNITS:
        return pick(table.UNITS[unit], language()).format(money(value) if unit == "money" else value)
    if unit == "rate":
        return Percent(value).render(language())
    if unit == "flag":
        return labels.choice("true" if value else "false")
    if unit == "choice":
        return labels.choice(str(value))
    if unit == "clause":
        return labels.clause_of(str(value))
    if unit == "fields":
        return ("、" if language() != "en" else ", ").join(labels.field(f) for f in value)
    if unit == "reading":
        return table.reading(key, str(value), language())
    return str(value)
