"""The other party of an event (a loan's borrower, a guarantee's beneficiary, a fund's investee,
a patent case's client) as a clerk knows it: by name, picked from the park's enterprises, or by
its 统一社会信用代码. The registry records its id; the form turns what the clerk gave into it."""

from __future__ import annotations

import re
from typing import Any

from api.languages import say
from console.i18n import _
from contract.credit_code import InvalidCreditCode, normalise_credit_code
from contract.text import text_problem
from i18n import labels
from i18n.text import message_of

# Up to this many enterprises the form offers them all by name; a bigger park types a name or
# a code, which the form looks up (a list of 100,000 names would weigh megabytes per form).
OFFERED_MOST = 2_000
# What the list offers: `name（credit code）`, so that two enterprises of one name stay apart.
PICKED = re.compile(r"^(?P<name>.*)[（(](?P<code>[0-9A-Za-z]{18})[）)]$")
# An entity's id as the API gives it.
AN_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


def fields_of(fact_type: Any) -> list[str]:
    """The fields of an event type that name another entity."""
    return [name for name in fact_type.fields if name in labels.PARTIES]


def offered(svc: Any) -> list[str]:
    """The park's enterprises as the form's list offers them, or none when there are too many."""
    rows = svc.model.entity_page("enterprise", None, 0, OFFERED_MOST + 1)
    return [] if len(rows) > OFFERED_MOST else [f"{r['name']}（{r['credit_code']}）" for r in rows]


def resolve(svc: Any, data: dict[str, Any], fact_type: Any, prefix: str) -> dict[str, list[str]]:
    """Each party given by name or credit code replaced by its holder's id (in `data`); why
    not, by field."""
    errors: dict[str, list[str]] = {}
    for name in fields_of(fact_type):
        given = data.get(name)
        if not given or AN_ID.match(given):
            continue
        problem = text_problem(given)
        if problem:  # said as for any text, and never looked up (PostgreSQL refuses U+0000)
            errors[prefix + name] = [say(problem)]
            continue
        found, problem = _holder(svc, given)
        if problem:
            errors[prefix + name] = [problem]
        else:
            data[name] = found
    return errors


def _holder(svc: Any, given: str) -> tuple[str | None, str | None]:
    picked = PICKED.match(given)
    code = picked.group("code") if picked else given if len(given) == 18 and given.isalnum() else None
    if code is not None:
        return _by_code(svc, code)
    same = svc.model.entities_named(given, 1_000)
    if len(same) == 1:
        return str(same[0]["id"]), None
    if not same:
        return None, _("No entity of the park is named “%(name)s”: pick one from the list, or give "
                       "its unified social credit code.", name=given)
    return None, _("%(count)s entities of the park are named “%(name)s”: give the unified social "
                   "credit code of the one you mean.", count=len(same), name=given)


def _by_code(svc: Any, text: str) -> tuple[str | None, str | None]:
    try:
        code = normalise_credit_code(text)
    except InvalidCreditCode as exc:
        return None, say(message_of(exc))
    holder = svc.registry.holder_of(code)
    if holder is None:
        return None, _("No entity of the park holds the credit code %(code)s.", code=code)
    return str(holder), None
