"""How the console shows values: money `1,000,000.00`, dates `2025-03-01`, times in the park's
zone; and the helpers every template has (`_`, the signed-in principal, may it write)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import Blueprint, g

from api.languages import in_language
from console import i18n
from i18n import Bilingual, Text, render
from i18n.catalogue import ENGLISH
from i18n.text import decode
from registry.clock import PARK_TZ


def money(value: Any) -> str:
    if value is None or value == "":
        return ""
    return f"{Decimal(str(value)):,.2f}"


def day(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(PARK_TZ).date().isoformat()
    return value.isoformat() if isinstance(value, date) else str(value)


def moment(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.astimezone(PARK_TZ).strftime("%Y-%m-%d %H:%M")


def spoken(value: Any) -> str:
    """Policy data written `中文 / English` (a deadline's `what`) in the page's language: its Chinese
    half as the API renders it for its Chinese readers, its English half alone in English."""
    if value is None:
        return ""
    said = Bilingual(str(value))
    return said.english if i18n.language() == ENGLISH else said.render(i18n.language())


def alert_message(row: dict[str, Any]) -> str:
    """An alert's message in the page's language, rendered from its stored terms as the API does;
    in English, its `中文 / English` terms say their English half alone."""
    terms = row.get("terms")
    if i18n.language() == ENGLISH and isinstance(terms, dict):
        return render(english_only(decode(terms)), ENGLISH)
    return in_language(row, "message")["message"]


def english_only(value: Any) -> Any:
    """A message whose `中文 / English` parameters (i18n.Bilingual) are replaced by their English."""
    if isinstance(value, Bilingual):
        return value.english
    if isinstance(value, Text):
        return Text(value.msgid, **{k: english_only(v) for k, v in value.params.items()})
    return value


def install(bp: Blueprint) -> None:
    bp.add_app_template_filter(money, "money")
    bp.add_app_template_filter(spoken, "spoken")
    bp.add_app_template_filter(alert_message, "alert_message")
    bp.add_app_template_filter(day, "day")
    bp.add_app_template_filter(moment, "moment")

    @bp.context_processor
    def helpers() -> dict[str, Any]:
        from console import labels
        from console.session import may_write

        principal = g.get("principal")
        return {"principal": principal, "may_write": may_write(),
                "language": i18n.language(), "languages": i18n.LANGUAGES, "labels": labels}
