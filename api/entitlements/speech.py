"""Entitlements and deadlines in the reader's language, rendered here from what is stored once.

An entitlement's explanation is stored as data (`terms`, i18n.Text) beside its English; its
title is the clause's own (`title_zh`, `title_en` in the policy data). English readers get the
stored rows untouched, as before; a Chinese reader gets the Chinese title and the explanation
rendered from the same terms. A deadline's `what` is written 中文 / English by the engine: the
Chinese reader gets the Chinese half (i18n.Bilingual).
"""

from __future__ import annotations

from typing import Any

from api.languages import language
from i18n import Bilingual, render
from i18n.catalogue import ENGLISH
from i18n.text import decode
from projections.policy import PolicyBook


def entitlements_in_language(rows: list[dict[str, Any]], book: PolicyBook) -> list[dict[str, Any]]:
    spoken = language()
    if spoken == ENGLISH:
        return rows
    return [_entitlement(row, spoken, book) for row in rows]


def titles_in_language(rows: list[dict[str, Any]], book: PolicyBook) -> list[dict[str, Any]]:
    """The rows with their titles alone in the reader's language: an explanation costs a
    hundred times a title, so a page renders those of the rows it shows only."""
    if language() == ENGLISH:
        return rows
    return [{**row, "title": _title(row, book)} for row in rows]


def _title(row: dict[str, Any], book: PolicyBook) -> str:
    clause = book.latest_clause(row["clause"])
    return clause.title_zh if clause else row["title"]


def _entitlement(row: dict[str, Any], spoken: str, book: PolicyBook) -> dict[str, Any]:
    terms = row.get("terms")
    return {**row, "title": _title(row, book),
            "explanation": render(decode(terms), spoken) if isinstance(terms, dict) else row["explanation"]}


def deadlines_in_language(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    spoken = language()
    if spoken == ENGLISH:
        return rows
    return [{**row, "what": Bilingual(row["what"]).render(spoken)} for row in rows]
