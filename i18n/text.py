"""A message as data: an English message id with named parameters, rendered per language.

`Text` is a `str` whose value is the English sentence, so code, logs and tests that treat a
message as text keep working; the edge asks `render(value, language)` for another language.
Parameters that read differently by language (money, lists, quoted input) are wrapped so the
catalogue's sentence stays one template: `Money` is `1200000.00` in English and
`1,200,000.00` in Chinese (the sentence itself adds 元).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .catalogue import ENGLISH, translate

CENT = Decimal("0.01")


class Money:
    """Yuan, two places, half up; grouped by thousands when shown in Chinese."""

    def __init__(self, value: Decimal | str) -> None:
        self.value = Decimal(value).quantize(CENT, ROUND_HALF_UP)

    def render(self, language: str) -> str:
        return f"{self.value:.2f}" if language == ENGLISH else f"{self.value:,.2f}"

    def to_data(self) -> dict[str, str]:
        return {"money": f"{self.value:.2f}"}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Money) and other.value == self.value

    def __hash__(self) -> int:
        return hash(self.value)


class Yuan(Money):
    """Money in an explanation a person checks by hand: grouped by thousands in every language."""

    def render(self, language: str) -> str:
        return f"{self.value:,.2f}"

    def to_data(self) -> dict[str, str]:
        return {"yuan": f"{self.value:.2f}"}


class Percent:
    """A ratio shown as a percentage: 0.30 is 30%."""

    def __init__(self, ratio: Decimal | str) -> None:
        self.ratio = Decimal(ratio)

    def render(self, language: str) -> str:
        return f"{(self.ratio * 100).normalize():f}%"

    def to_data(self) -> dict[str, str]:
        return {"percent": str(self.ratio)}


class Quoted:
    """A value the caller sent, quoted as they sent it."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def render(self, language: str) -> str:
        if language == ENGLISH or not isinstance(self.value, str):
            return repr(self.value)
        return f"“{self.value}”"

    def to_data(self) -> dict[str, Any]:
        return {"quoted": self.value}


class Series:
    """Several values in a row: `a, b` in English, `a、b` in Chinese."""

    def __init__(self, items: Any) -> None:
        self.items = list(items)

    def render(self, language: str) -> str:
        return (", " if language == ENGLISH else "、").join(render(i, language) for i in self.items)

    def to_data(self) -> dict[str, Any]:
        return {"series": [encode(i) for i in self.items]}


class ClauseId:
    """A clause of the policy by its id: `1.1` in English, `第1.1条` in Chinese; a rule named by
    its word (不重复, review) keeps it."""

    WORDS = {"review": "审核", "payment": "拨付", "recovery": "追回", "void": "贷款登记作废"}

    def __init__(self, clause: str) -> None:
        self.clause = clause

    def render(self, language: str) -> str:
        if language == ENGLISH:
            return self.clause
        if self.clause[:1].isdigit():
            return f"第{self.clause}条"
        return self.WORDS.get(self.clause, self.clause)

    def to_data(self) -> dict[str, str]:
        return {"clause": self.clause}


class Term:
    """A word with its own Chinese (a field's label, as the workbook and the forms show it):
    `achievement` in English, `科技成果` in Chinese."""

    def __init__(self, english: str, chinese: str) -> None:
        self.english, self.chinese = english, chinese

    def render(self, language: str) -> str:
        return self.english if language == ENGLISH else self.chinese

    def to_data(self) -> dict[str, list[str]]:
        return {"term": [self.english, self.chinese]}


class Bilingual:
    """Policy data written `中文 / English`: whole in English (as the data has it), the Chinese half
    in Chinese, keeping a bracketed tail (a project) the English half ends with."""

    def __init__(self, text: str) -> None:
        self.text = text

    def render(self, language: str) -> str:
        chinese, _, english = self.text.partition(" / ")
        if language == ENGLISH or not english:
            return self.text
        if english.endswith(")") and " (" in english:
            # The tail opens at the English wording's own bracket: a project's name may hold
            # brackets of its own (钠电池 (二期)).
            return f"{chinese}（{english[english.find(' (') + 2:-1]}）"
        return chinese

    @property
    def english(self) -> str:
        """The English half alone, for a reader who chose English (the console): the whole text
        when it has no English half."""
        return self.text.partition(" / ")[2] or self.text

    def to_data(self) -> dict[str, str]:
        return {"bilingual": self.text}


class Text(str):
    """A sentence for a person; `Text("cap %(cap)s", cap=Money(x))`."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, **params: Any) -> Text:
        self = super().__new__(cls, _fill(msgid, msgid, params, ENGLISH))
        self.msgid = msgid
        self.params = params
        return self

    def render(self, language: str) -> str:
        if language == ENGLISH:
            return str.__str__(self)
        return _fill(translate(self.msgid, language), self.msgid, self.params, language)

    def to_data(self) -> dict[str, Any]:
        return {"text": self.msgid, "params": {k: encode(v) for k, v in self.params.items()}}

    def __repr__(self) -> str:
        return f"Text({self.msgid!r}, **{self.params!r})"


def _fill(template: str, msgid: str, params: dict[str, Any], language: str) -> str:
    values = {k: render(v, language) for k, v in params.items()}
    try:
        return template % values if params else template
    except (KeyError, ValueError, TypeError):
        # A translation whose placeholders do not match: the English is better than nothing
        # (tests/unit/test_i18n.py holds the catalogue to the msgids' placeholders).
        return msgid % values if params else msgid


def then(before: str, after: str) -> Text:
    """Two steps of an explanation, in order: `a; b` in English, `a；b` in Chinese."""
    return Text("%(before)s; %(after)s", before=before, after=after)


def render(value: Any, language: str) -> str:
    """Any message or parameter in `language`: Text, Money, … or a plain value as it is."""
    if hasattr(value, "render"):
        return value.render(language)
    return str(value)


def encode(value: Any) -> Any:
    """A JSON-able form of a message or parameter, so read models store it once for all languages."""
    if hasattr(value, "to_data"):
        return value.to_data()
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    return value if isinstance(value, (int, float, bool, type(None))) else str(value)


def decode(data: Any) -> Any:
    """The inverse of `encode`."""
    if not isinstance(data, dict):
        return data
    if "text" in data:
        msgid = data["text"]
        return Text(msgid, **{k: decode(v) for k, v in data.get("params", {}).items()})
    if "money" in data:
        return Money(data["money"])
    if "yuan" in data:
        return Yuan(data["yuan"])
    if "term" in data:
        return Term(*data["term"])
    if "bilingual" in data:
        return Bilingual(data["bilingual"])
    if "clause" in data:
        return ClauseId(data["clause"])
    if "percent" in data:
        return Percent(data["percent"])
    if "quoted" in data:
        return Quoted(data["quoted"])
    if "series" in data:
        return Series(decode(i) for i in data["series"])
    if "decimal" in data:
        return Decimal(data["decimal"])
    return data


def message_of(exc: BaseException) -> str:
    """An exception's message as raised: its Text when the raiser built one, else its English."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, Text) else str(exc)


def N_(msgid: str) -> str:  # noqa: N802 (gettext's own name for it, which the extractor knows)
    """Marks a message id kept in a constant, for `make messages`; build the Text where it is used."""
    return msgid
