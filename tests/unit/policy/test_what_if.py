"""A what-if's draft of the book: new clauses with new parameters, the live book untouched."""

from decimal import Decimal

import pytest

from projections.policy import load_book
from projections.policy.what_if import DraftRefused, draft_book


def test_a_draft_changes_its_own_clause_and_never_the_live_books():
    """2.1: 30% of the year's new equipment. A draft at 40% is the draft's alone: the book every
    request shares (read once) still says 30%, before and after, and a refused draft leaves it so."""
    book = load_book()

    draft = draft_book(book, {"2.1": {"rate": "0.40"}})
    with pytest.raises(DraftRefused):
        draft_book(book, {"2.1": {"annual_cap": "2000000.00"}, "1.1": {"cap": "1.00"}})

    assert draft.versions[0].clause("2.1").params["rate"] == Decimal("0.40")
    assert book.versions[0].clause("2.1").params["rate"] == Decimal("0.30")
    assert book.versions[0].clause("2.1").params["annual_cap"] == Decimal("1000000.00")
    assert load_book() is book
    assert draft.versions[0].clause("1.1") is book.versions[0].clause("1.1")
