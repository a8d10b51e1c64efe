"""An entity's entitlements for its page, as the API's entitlements route reads them: the
stored projection for today, or a replay of what was known by `as_of` (or so on `on`); their
titles and explanations in the page's language, as the API renders them."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from api.entitlements.speech import entitlements_in_language, titles_in_language
from console.i18n import language
from i18n.catalogue import ENGLISH
from projections.policy import entitlements
from projections.replay import replayed


def entity_entitlements(svc: Any, entity_id: UUID, today: date, as_of: date | None,
                        on: date | None = None) -> list[dict[str, Any]]:
    return in_language(read_entitlements(svc, entity_id, today, as_of, on), svc.policy)


def in_language(rows: list[dict[str, Any]], book: Any) -> list[dict[str, Any]]:
    """Titles and explanations in the page's language, as the API renders them."""
    return _titled_in_english(entitlements_in_language(rows, book), book)


def titled(rows: list[dict[str, Any]], book: Any) -> list[dict[str, Any]]:
    """Titles alone in the page's language (explanations cost a hundred times more)."""
    return _titled_in_english(titles_in_language(rows, book), book)


def _titled_in_english(rows: list[dict[str, Any]], book: Any) -> list[dict[str, Any]]:
    # Stored titles read `中文 / English`, as the API's English readers have always had them; the
    # console's English reader gets the clause's English title alone.
    return [_english_title(r, book) for r in rows] if language() == ENGLISH else rows


def _english_title(row: dict[str, Any], book: Any) -> dict[str, Any]:
    clause = book.latest_clause(row["clause"])
    return {**row, "title": clause.title_en} if clause else row


def read_entitlements(svc: Any, entity_id: UUID, today: date, as_of: date | None,
                      on: date | None) -> list[dict[str, Any]]:
    """As stored or replayed, in English: the caller renders the rows it shows."""
    if as_of is not None or on is not None:
        return replayed(svc.registry, svc.policy, entity_id, as_of, on)
    stored = svc.model.entitlements_on(str(entity_id), today)
    if stored is not None:
        return stored
    history = svc.registry.history(entity_id)
    return [e.to_json() for e in entitlements(history, svc.policy, today=today)]
