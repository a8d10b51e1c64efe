"""An entity's entitlements for its page, as the API's entitlements route reads them: the
stored projection for today, or a replay of what was known by `as_of` (or so on `on`); their
titles and explanations in the page's language, as the API renders them."""

from __future__ import annotations

from typing import Any

from api.entitlements.speech import entitlements_in_language, titles_in_language
from console.i18n import language
from i18n.catalogue import ENGLISH


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
