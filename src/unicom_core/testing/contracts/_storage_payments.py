"""Storage contract, part 7: the payment records (F-PAY-1..3, F-QRY-6).

Payment attempts, recharge-card batches and cards, mandates, bill debits and invoices read
back equal under the same optimistic versions as every other aggregate and roll back with
their transaction; the queries the payment use cases rely on (the reconciler's worklist,
payment records newest first, cards by secret digest and in stock, a mandate's debits, a
number's invoices) answer what the rules say, and a secret digest is unique.
"""

# A contract suite is tests shipped as a library: S101 (it asserts), PLR2004 (expected
# counts are written out), PT012 (a Conflict may come from the commit at the end of a block).
# ruff: noqa: S101, PLR2004, PT012

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.payments import (
    AutoDebit,
    BatchKind,
    CardStatus,
    Invoice,
    Mandate,
    PaymentAttempt,
    PaymentMethod,
    PaymentOutcome,
    PaymentPurpose,
    RechargeCard,
    RechargeCardBatch,
    attempt_id,
)
from unicom_core.domain.shared import Money
from unicom_core.errors import Conflict
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.contracts._storage_base import (
    AT,
    FEW,
    SOME,
    InjectedFailure,
    StorageContractBase,
    inject_failure,
)
from unicom_core.testing.strategies.payments import (
    auto_debits,
    invoices,
    mandates,
    payment_attempts,
    recharge_batches,
    recharge_cards,
)

if TYPE_CHECKING:
    from unicom_core.ports.shared import Repository
    from unicom_core.ports.storage import UnitOfWork

__all__ = ["PaymentStorageContract"]

Record = PaymentAttempt | RechargeCardBatch | RechargeCard | Mandate | AutoDebit | Invoice


def payment_repository(tx: UnitOfWork, record: Record) -> Repository[Any, Any]:
    """The repository of the unit of work that stores ``record``'s kind."""
    table: dict[type, Repository[Any, Any]] = {
        PaymentAttempt: tx.payment_attempts,
        RechargeCardBatch: tx.recharge_batches,
        RechargeCard: tx.recharge_cards,
        Mandate: tx.mandates,
        AutoDebit: tx.auto_debits,
        Invoice: tx.invoices,
    }
    return table[type(record)]


_RECORDS = st.one_of(
    payment_attempts(), recharge_batches(), recharge_cards(), mandates(), auto_debits(), invoices()
)


def _attempt(subscriber: str, key: str, minutes: int) -> PaymentAttempt:
    attempt, _ = PaymentAttempt.create(
        attempt_id(subscriber, key),
        purpose=PaymentPurpose.TOP_UP,
        subscriber_id=subscriber,
        account_id="a1",
        amount=Money(4925),
        credit=Money(5000),
        method=PaymentMethod.PAGE,
        gateway="sandbox",
        at=AT + timedelta(minutes=minutes),
        expires_in=timedelta(minutes=30),
    )
    return attempt


class PaymentStorageContract(StorageContractBase):
    """The payment repositories of the storage port (F-PAY-1..3)."""

    @SOME
    @given(_RECORDS)
    def test_a_payment_record_reads_back_equal_and_versioned(self, record: Record) -> None:
        """Every payment record reads back equal, versioned like any aggregate."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                payment_repository(tx, record).add(record)
            assert record.version == 1
            with storage.transaction() as tx:
                stored = payment_repository(tx, record).get(record.id)
            assert stored == record
            with storage.transaction() as tx:
                payment_repository(tx, stored).save(stored)
            assert stored.version == 2
            with pytest.raises(Conflict), storage.transaction() as tx:
                payment_repository(tx, record).save(record)  # version 1 is stale

    @FEW
    @given(_RECORDS)
    def test_a_payment_record_rolls_back_with_its_transaction(self, record: Record) -> None:
        """A payment record added in a failed transaction is not stored."""
        with self.opened() as storage:
            with pytest.raises(InjectedFailure), storage.transaction() as tx:
                payment_repository(tx, record).add(record)
                inject_failure()
            with storage.transaction() as tx:
                assert payment_repository(tx, record).find(record.id) is None

    def test_the_reconciler_worklist_holds_exactly_the_unsettled_attempts(self) -> None:
        """``unsettled_after`` lists open and unfulfilled attempts only."""
        with self.opened() as storage:
            open_one, failed, paid = (_attempt("s1", k, i) for i, k in enumerate("abc"))
            failed.record_outcome(PaymentOutcome.FAILED, at=AT)
            paid.record_outcome(PaymentOutcome.SUCCEEDED, at=AT)
            with storage.transaction() as tx:
                for attempt in (open_one, failed, paid):
                    tx.payment_attempts.add(attempt)
            with storage.transaction() as tx:
                work = {a.id for a in tx.payment_attempts.unsettled_after(None, 10)}
            assert work == {open_one.id, paid.id}  # paid but not fulfilled yet
            paid.fulfil(at=AT)
            with storage.transaction() as tx:
                tx.payment_attempts.save(paid)
                ids = [a.id for a in tx.payment_attempts.unsettled_after(None, 10)]
                assert ids == [open_one.id]
                assert tx.payment_attempts.unsettled_after(open_one.id, 10) == []

    def test_payment_records_come_newest_first(self) -> None:
        """A number's payment records page newest first."""
        with self.opened() as storage:
            attempts = [_attempt("s1", f"k{i}", i) for i in range(5)]
            with storage.transaction() as tx:
                for attempt in [*attempts, _attempt("s2", "other", 9)]:
                    tx.payment_attempts.add(attempt)
            with storage.transaction() as tx:
                page = tx.payment_attempts.list_by_subscriber("s1", PageRequest(1, 3))
            assert page.total == 5
            assert [a.id for a in page.items] == [a.id for a in reversed(attempts)][1:4]

    def test_cards_are_found_by_secret_in_stock_and_by_order(self) -> None:
        """Cards are found by secret digest, in stock by face value, and by order."""
        with self.opened() as storage:
            batch = RechargeCardBatch(
                "b1",
                7,
                BatchKind.ONLINE,
                "recharge-card-50",
                Money(5000),
                3,
                AT,
                AT + timedelta(days=365),
            )
            cards = [batch.card(i, None) for i in (1, 2, 3)]
            cards[0].reserve("order-1", at=AT)
            with storage.transaction() as tx:
                tx.recharge_batches.add(batch)
                for card in cards:
                    tx.recharge_cards.add(card)
            with storage.transaction() as tx:
                stock = tx.recharge_cards.in_stock(Money(5000), 10)
                assert [c.id for c in stock] == [cards[1].id, cards[2].id]
                assert tx.recharge_cards.in_stock(Money(10000), 10) == []
                assert [c.id for c in tx.recharge_cards.of_order("order-1")] == [cards[0].id]
                card = tx.recharge_cards.get(cards[0].id)
                card.sell("order-1")
                card.deliver("order-1", "d" * 64)
                tx.recharge_cards.save(card)
            with storage.transaction() as tx:
                found = tx.recharge_cards.find_by_secret("d" * 64)
                assert found is not None
                assert found.status is CardStatus.ACTIVE
                assert tx.recharge_cards.find_by_secret("e" * 64) is None

    def test_a_secret_digest_is_unique(self) -> None:
        """Two cards never share a secret digest."""
        with self.opened() as storage:
            batch = RechargeCardBatch(
                "b2",
                8,
                BatchKind.PRINTED,
                "recharge-card-50",
                Money(5000),
                2,
                AT,
                AT + timedelta(days=365),
            )
            with storage.transaction() as tx:
                tx.recharge_cards.add(batch.card(1, "f" * 64))
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                tx.recharge_cards.add(batch.card(2, "f" * 64))
            assert raised.value.code in {"storage.duplicate_secret", "storage.version_conflict"}

    @FEW
    @given(mandates())
    def test_mandates_debits_and_invoices_are_listed_by_owner(self, mandate: Mandate) -> None:
        """Mandates by account, debits by mandate and open debits are listed."""
        with self.opened() as storage:
            debit = AutoDebit.schedule(mandate, f"{mandate.account_id}:2016-05", Money(1), at=AT)
            with storage.transaction() as tx:
                tx.mandates.add(mandate)
                tx.auto_debits.add(debit)
            with storage.transaction() as tx:
                assert [m.id for m in tx.mandates.of_account(mandate.account_id)] == [mandate.id]
                assert [d.id for d in tx.auto_debits.open_after(None, 10)] == [debit.id]
                assert tx.auto_debits.of_mandate(mandate.id, PageRequest()).total == 1
                stored = tx.auto_debits.get(debit.id)
                stored.succeeded()
                tx.auto_debits.save(stored)
            with storage.transaction() as tx:
                assert tx.auto_debits.open_after(None, 10) == []

    @FEW
    @given(st.lists(invoices(subscriber_id="s1"), min_size=1, max_size=4, unique_by=lambda i: i.id))
    def test_invoices_come_newest_first(self, drawn: list[Invoice]) -> None:
        """A number's invoices page newest request first."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                for invoice in drawn:
                    tx.invoices.add(invoice)
            with storage.transaction() as tx:
                page = tx.invoices.list_by_subscriber("s1", PageRequest())
            expected = sorted(drawn, key=lambda i: i.id)
            expected.sort(key=lambda i: i.requested_at, reverse=True)
            assert [i.id for i in page.items] == [i.id for i in expected]
