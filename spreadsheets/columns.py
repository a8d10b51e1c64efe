"""The import workbook's sheets and columns, derived from the catalogue so they cannot drift."""

from __future__ import annotations

from dataclasses import dataclass

from contract.catalogue import FACT_TYPES
from contract.vocabulary import KINDS, SUBTYPES, ZONE_ALIASES
from i18n import labels

ENTITIES = "entities"
README = "说明"
LABEL_ROW, KEY_ROW, FIRST_DATA_ROW = 1, 2, 3
# Excel's own limit on a sheet's name; a type longer than this could not have its sheet.
SHEET_NAME_MAX = 31


@dataclass(frozen=True)
class Column:
    """One column: its key in row 2, how its cells are read, and what a clerk may pick."""

    key: str
    kind: str  # a registry Field kind: text, money, date, choice, flag, year, months, ratio, ...
    choices: tuple[str, ...] = ()
    optional: bool = False

    @property
    def label(self) -> str:
        return labels.field(self.key) + ("（选填）" if self.optional else "")


REGISTRATION = (
    Column("kind", "choice", tuple(KINDS)),
    Column("subtype", "choice", tuple(SUBTYPES), optional=True),
    Column("name", "text"),
    Column("credit_code", "text"),
    # Staff write zones in Chinese; the API takes either spelling.
    Column("zone", "choice", tuple(ZONE_ALIASES)),
    Column("entered_on", "date"),
)


def sheets() -> dict[str, tuple[Column, ...]]:
    """Sheet name -> its columns: `entities` first, then one sheet per event type."""
    found = {ENTITIES: REGISTRATION}
    for name, fact_type in FACT_TYPES.items():
        found[name] = (Column("credit_code", "text"), Column("occurred_on", "date"),
                       *(Column(f"data.{field}", spec.kind, spec.choices, spec.optional)
                         for field, spec in fact_type.fields.items()))
    return found
