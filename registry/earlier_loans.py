"""Loans claimed before the borrowers' loan indexes existed (registry.borrower_standing), listed
once in their borrowers' indexes by `jcg db upgrade` and `jcg restore`, as they stand: a loan
voided since (贷款登记作废) stays off its borrower's listing."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from eventsourcing.persistence import IntegrityError
from eventsourcing.utils import get_topic

from registry.borrower_standing import EarlierLoansListed, Listing
from registry.lending import BorrowerLoan


class EarlierLoans:
    """Mixed into the Registry application (it provides `find`, `recorder`, `mapper`, `save`
    and `loans_of`)."""

    find: Any
    recorder: Any
    mapper: Any
    save: Any
    loans_of: Any

    def list_earlier_loans(self, batch: int = 500) -> int:
        """List in each borrower's index the loans claimed before indexes existed (a database
        from before them; `jcg db upgrade` and `jcg restore` run this). Returns how many it
        listed; once done, it is not done again."""
        if self.find(EarlierLoansListed.create_id()) is not None:
            return 0
        if not self.recorder.max_notification_id():
            # A new, empty store has no earlier loan: nothing is recorded, so that it stays
            # empty for `jcg restore` (deploy/README.md: `jcg db upgrade`, then restore).
            return 0
        claims: dict[str, list[Listing]] = defaultdict(list)
        for borrower, listing in self._claims_standing(batch):
            claims[borrower].append(listing)
        listed = sum(self._list_missing(borrower, listings) for borrower, listings in claims.items())
        try:
            self.save(EarlierLoansListed(listed))
        except IntegrityError:
            pass  # another upgrade finished the same listing first
        return listed

    def _claims_standing(self, batch: int) -> list[tuple[str, Listing]]:
        """Each claim not voided (贷款登记作废), by borrower, as its last recording holds it: a
        restored registry's voided loans stay off the listing their void took them from."""
        topics = [get_topic(c) for c in (BorrowerLoan.Claimed, BorrowerLoan.Reclaimed, BorrowerLoan.Voided)]
        start, named, standing = 0, {}, {}
        while found := self.recorder.select_notifications(start, batch, topics=topics,
                                                          inclusive_of_start=False):
            for notification in found:
                e = self.mapper.to_domain_event(notification)
                if isinstance(e, BorrowerLoan.Claimed):
                    named[e.originator_id] = (e.borrower_id, e.loan_ref)
                borrower, ref = named[e.originator_id]
                standing[e.originator_id] = None if isinstance(e, BorrowerLoan.Voided) else (
                    borrower, (ref, e.lender_id, e.start_on))
            start = found[-1].id
        return [claim for claim in standing.values() if claim is not None]

    def _list_missing(self, borrower_id: str, listings: list[Listing]) -> int:
        for _ in range(50):
            index = self.loans_of(borrower_id)
            missing = [x for x in listings if x[0] not in {ref for ref, _, _ in index.loans}]
            for listing in missing:
                index.list_loan(*listing)
            try:
                if missing:
                    self.save(index)
                return len(missing)
            except IntegrityError:
                continue  # a loan to the borrower was recorded meanwhile: look again
        raise IntegrityError(f"gave up listing the loans of {borrower_id}")
