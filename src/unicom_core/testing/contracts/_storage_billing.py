"""Storage contract, part 5: usage log, bills, bill runs, billing profiles (F-QRY).

What every adapter must do for the billing area: usage entries stored once by record id
(a replay changes nothing), totals equal to adding the entries one by one, detail pages in
time order; bills, bill runs and profiles read back equal under the usual versions; bills
listed newest first and found by settlement; accounts walked in id order.
"""

# A contract suite is tests shipped as a library, so the test-file rules apply here too:
# S101 (it asserts), PLR2004 (expected values are written out), PT012 (a Conflict may come
# from the commit at the end of a ``with`` block, so the whole block is under pytest.raises).
# ruff: noqa: S101, PLR2004, PT012

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.billing import (
    Bill,
    BillLine,
    BillRun,
    LineKind,
    UsageEntry,
    UsageKind,
    UsageTotals,
    bill_id,
)
from unicom_core.domain.shared import BillingCycle, Money, Rate
from unicom_core.domain.subscribers import Account, AccountId, CustomerId, Subscriber
from unicom_core.errors import Conflict, InvalidInput
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.contracts._storage_base import (
    AT,
    FEW,
    SOME,
    InjectedFailure,
    StorageContractBase,
    inject_failure,
)
from unicom_core.testing.strategies.billing import (
    bill_runs,
    billing_profiles,
    bills,
    usage_entries,
)
from unicom_core.testing.strategies.subscribers import subscribers

if TYPE_CHECKING:
    from unicom_core.domain.billing import BillingProfile
    from unicom_core.ports.storage import Storage

__all__ = ["BillingContract"]

CYCLE = BillingCycle(2016, 5)
OWNERS = ("s-1", "s-2", "s-3")


class BillingContract(StorageContractBase):
    """The billing repositories of the storage port (F-QRY-1..3, F-CAL-4)."""

    @SOME
    @given(st.lists(usage_entries(OWNERS, CYCLE), max_size=30, unique_by=lambda e: e.record_id))
    def test_usage_totals_equal_the_entries_added_one_by_one(
        self, entries: list[UsageEntry]
    ) -> None:
        """The GROUP BY of the store equals the reference sum, per subscriber (F-QRY-2)."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.usage.add_new(entries)
            with storage.transaction() as tx:
                totals = tx.usage.totals(CYCLE, OWNERS)
                assert tx.usage.known([e.record_id for e in entries]) == {
                    e.record_id for e in entries
                }
        for owner in OWNERS:
            mine = [e for e in entries if e.subscriber_id == owner]
            expected = UsageTotals.of_entries(mine)
            assert totals.get(owner, UsageTotals()) == expected
            assert (owner in totals) == bool(mine)

    @FEW
    @given(st.lists(usage_entries(OWNERS, CYCLE), min_size=1, max_size=10))
    def test_a_record_id_is_stored_once_and_the_first_wins(self, entries: list[UsageEntry]) -> None:
        """Adding a record id again, in the same or a later transaction, changes nothing."""
        first = entries[0]
        again = [attrs.evolve(e, record_id=first.record_id) for e in entries]
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.usage.add_new([first])
                tx.usage.add_new([first])
            with storage.transaction() as tx:
                tx.usage.add_new(again)
            with storage.transaction() as tx:
                page = tx.usage.records(first.subscriber_id, list(UsageKind), CYCLE, PageRequest())
                others = [
                    tx.usage.records(o, list(UsageKind), CYCLE, PageRequest()).total for o in OWNERS
                ]
        assert page.items == (first,)
        assert sum(others) == 1

    @FEW
    @given(st.lists(usage_entries(("s-1",), CYCLE), max_size=25, unique_by=lambda e: e.record_id))
    def test_detail_pages_are_in_time_order_then_id(self, entries: list[UsageEntry]) -> None:
        """Detail records page by time, then record id, filtered by kind (F-QRY-3)."""
        kinds = [UsageKind.VOICE, UsageKind.DATA]
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.usage.add_new(entries)
            seen: list[UsageEntry] = []
            request = PageRequest(0, 4)
            while True:
                with storage.transaction() as tx:
                    page = tx.usage.records("s-1", kinds, CYCLE, request)
                seen += page.items
                if not page.has_more:
                    break
                request = request.next()
        expected = sorted(
            (e for e in entries if e.kind in kinds), key=lambda e: (e.started_at, e.record_id)
        )
        assert [e.record_id for e in seen] == [e.record_id for e in expected]
        assert all(a.started_at == b.started_at for a, b in zip(seen, expected, strict=True))

    def test_usage_of_a_rolled_back_transaction_is_gone(self) -> None:
        """A failed ingestion leaves no record behind."""
        with self.opened() as storage:
            entry = _an_entry()
            with pytest.raises(InjectedFailure), storage.transaction() as tx:
                tx.usage.add_new([entry])
                assert tx.usage.known([entry.record_id]) == {entry.record_id}
                inject_failure()
            with storage.transaction() as tx:
                assert tx.usage.known([entry.record_id]) == frozenset()
                assert tx.usage.totals(CYCLE, ["s-1"]) == {}

    @SOME
    @given(bills(), billing_profiles(), bill_runs())
    def test_bills_profiles_and_runs_read_back_equal(
        self, bill: Bill, profile: BillingProfile, bill_run: BillRun
    ) -> None:
        """Every billing aggregate survives the store unchanged (money in fen, times aware)."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.bills.add(bill)
                tx.billing_profiles.add(profile)
                tx.bill_runs.add(bill_run)
            with storage.transaction() as tx:
                assert tx.bills.get(bill.id) == bill
                assert tx.billing_profiles.get(profile.id) == profile
                assert tx.billing_profiles.find_many([profile.id, "nobody"]) == {
                    profile.id: profile
                }
                assert tx.bill_runs.get(bill_run.id) == bill_run
                assert tx.bills.existing([bill.id, "x:2016-01"]) == {bill.id}

    @FEW
    @given(bills(account_id="acc-1", cycle=CYCLE))
    def test_one_bill_per_account_and_cycle(self, bill: Bill) -> None:
        """A second bill of the same account and cycle is refused (``storage.duplicate``)."""
        twin = type(bill)(
            bill.id,
            bill.account_id,
            bill.cycle,
            bill.issued_at,
            bill.due_date,
            bill.late_fee_rate,
            bill.lines,
        )
        with self.opened() as storage:
            self._add(storage, bill)
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                tx.bills.add(twin)
        assert raised.value.code == "storage.duplicate"

    def test_bills_list_newest_first_and_by_settlement(self) -> None:
        """An account's bills come newest first; a paid bill leaves the unsettled lists."""
        with self.opened() as storage:
            made = [_bill(BillingCycle(2016, month)) for month in (3, 1, 2)]
            self._add(storage, *made)
            with storage.transaction() as tx:
                listed = tx.bills.list_by_account("acc-1", PageRequest(0, 2))
                assert [str(b.cycle) for b in listed.items] == ["2016-03", "2016-02"]
                assert listed.total == 3
                oldest = tx.bills.unsettled_of_account("acc-1")[0]
                assert str(oldest.cycle) == "2016-01"
                oldest.pay("p1", Money(10**6), at=AT)
                tx.bills.save(oldest)
            with storage.transaction() as tx:
                open_ones = [str(b.cycle) for b in tx.bills.unsettled_of_account("acc-1")]
                after = [b.id for b in tx.bills.unsettled_after(None, 10)]
                assert tx.bills.unsettled_after(after[0], 10)[0].id == after[1]
        assert open_ones == ["2016-02", "2016-03"]
        assert after == [bill_id("acc-1", BillingCycle(2016, m)) for m in (2, 3)]

    def test_a_stale_bill_run_is_refused(self) -> None:
        """Bill runs keep the versions (the run and ingestion serialise on them)."""
        with self.opened() as storage:
            bill_run = BillRun.of(CYCLE)
            with storage.transaction() as tx:
                tx.bill_runs.add(bill_run)
            with storage.transaction() as tx:
                next_run = tx.bill_runs.get(bill_run.id)
            with storage.transaction() as tx:
                fresh = tx.bill_runs.get(bill_run.id)
                fresh.start(at=AT)
                tx.bill_runs.save(fresh)
            with pytest.raises(Conflict), storage.transaction() as tx:
                next_run.accept_usage(1)
                tx.bill_runs.save(next_run)

    def test_accounts_are_walked_in_id_order(self) -> None:
        """``list_after`` pages accounts by id (keyset), for the bill run."""
        ids = ["a-07", "a-01", "a-10", "a-03"]
        with self.opened() as storage:
            with storage.transaction() as tx:
                for account_id in ids:
                    tx.accounts.add(Account(AccountId(account_id), CustomerId("c1")))
            with storage.transaction() as tx:
                first = [a.id for a in tx.accounts.list_after(None, 3)]
                rest = [a.id for a in tx.accounts.list_after(first[-1], 3)]
        assert first + rest == sorted(ids)

    def test_add_many_stores_every_bill_at_version_1(self) -> None:
        """``add_many`` is ``add`` of each bill: version 1 in place, read back equal (F-QRY-3)."""
        made = [_bill(BillingCycle(2016, month)) for month in (1, 2, 3)]
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.bills.add_many(made)
                tx.bills.add_many([])
            assert [bill.version for bill in made] == [1, 1, 1]
            with storage.transaction() as tx:
                assert [tx.bills.get(bill.id) for bill in made] == made
                assert tx.bills.existing([bill.id for bill in made]) == {b.id for b in made}

    def test_add_many_refuses_a_stored_repeated_or_old_bill(self) -> None:
        """A stored or repeated id is ``storage.duplicate`` and nothing of the call stays."""
        stored, fresh = _bill(BillingCycle(2016, 1)), _bill(BillingCycle(2016, 2))
        with self.opened() as storage:
            self._add(storage, stored)
            twin = attrs.evolve(stored, version=0)
            for batch in ([fresh, twin], [fresh, attrs.evolve(fresh)]):
                with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                    tx.bills.add_many(batch)
                assert raised.value.code == "storage.duplicate"
            with pytest.raises(InvalidInput) as refused, storage.transaction() as tx:
                tx.bills.add_many([attrs.evolve(fresh), stored])
            assert refused.value.code == "storage.not_new"
            with storage.transaction() as tx:
                assert tx.bills.existing([fresh.id, stored.id]) == {stored.id}

    @SOME
    @given(
        st.lists(
            st.sampled_from(("c-1", "c-2", "c-3")).flatmap(
                lambda c: subscribers(customer_id=CustomerId(c))
            ),
            max_size=8,
            unique_by=(lambda s: s.id, lambda s: s.number.key),
        )
    )
    def test_subscribers_of_customers_in_one_call(self, made: list[Subscriber]) -> None:
        """``of_customers``: each asked customer's subscribers by id, no one else's (F-QRY-3)."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                for subscriber in made:
                    tx.subscribers.add(subscriber)
            with storage.transaction() as tx:
                found = tx.subscribers.of_customers([CustomerId("c-1"), CustomerId("c-2")])
                with pytest.raises(InvalidInput) as refused:
                    tx.subscribers.of_customers([CustomerId(f"c{n}") for n in range(1001)])
        assert refused.value.code == "storage.too_many"
        expected: dict[str, list[Subscriber]] = {}
        for subscriber in sorted(made, key=lambda s: s.id):
            if subscriber.customer_id != "c-3":
                expected.setdefault(subscriber.customer_id, []).append(subscriber)
        assert {c: list(found_) for c, found_ in found.items()} == expected

    def _add(self, storage: Storage, *items: Bill) -> None:
        with storage.transaction() as tx:
            for item in items:
                tx.bills.add(item)


def _an_entry() -> UsageEntry:
    return UsageEntry("r-1", "s-1", "a-s-1", CYCLE, UsageKind.SMS, CYCLE.start, 1, 1)


def _bill(cycle: BillingCycle) -> Bill:
    line = BillLine("s-1", "18612345678", LineKind.PLAN_FEE, "plan", "月租", Money(7600))
    due = cycle.next().last_day
    return Bill(bill_id("acc-1", cycle), "acc-1", cycle, cycle.end, due, Rate.per_mille(3), (line,))
