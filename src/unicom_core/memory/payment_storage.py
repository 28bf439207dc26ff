"""The payment records in memory: attempts, recharge cards, mandates, debits, invoices (F-PAY).

:class:`PaymentTables` holds the committed state inside a
:class:`~unicom_core.memory.storage.MemoryStorage`; :class:`MemoryPayments` is one
transaction's view of it, offered by the memory unit of work. Every repository is a
:class:`~unicom_core.memory._repositories.MemoryRepository` view like the others; a recharge
card's secret digest is a unique index (``storage.duplicate_secret``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from unicom_core.domain.payments import (
    AutoDebit,
    AutoDebitStatus,
    CardStatus,
    Invoice,
    Mandate,
    PaymentAttempt,
    RechargeCard,
    RechargeCardBatch,
)
from unicom_core.domain.shared import STORAGE_DUPLICATE_SECRET
from unicom_core.memory._repositories import MemoryRepository, Table, Unique
from unicom_core.ports.payments import (
    AutoDebitRepository,
    InvoiceRepository,
    MandateRepository,
    PaymentAttemptRepository,
    RechargeCardBatchRepository,
    RechargeCardRepository,
)
from unicom_core.ports.shared import Page, PageRequest, check_limit

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

    from unicom_core.domain.shared import Money

__all__ = [
    "MemoryAutoDebitRepository",
    "MemoryInvoiceRepository",
    "MemoryMandateRepository",
    "MemoryPaymentAttemptRepository",
    "MemoryPaymentRepositories",
    "MemoryPayments",
    "MemoryRechargeCardBatchRepository",
    "MemoryRechargeCardRepository",
    "PaymentTables",
]


class _Versioned(Protocol):
    @property
    def id(self) -> str: ...

    version: int


_A = TypeVar("_A", bound=_Versioned)


class _Listing(MemoryRepository[_A]):
    """A repository that lists the merged view (committed and own writes) in any order."""

    def _after(self, wanted: Callable[[_A], bool], after_id: str | None, limit: int) -> list[_A]:
        count = check_limit(limit)
        found = self._merged(lambda a: wanted(a) and (after_id is None or a.id > after_id))
        return sorted(found, key=lambda a: a.id)[:count]


class PaymentTables:
    """The committed payment state of one memory store (guarded by the store's lock)."""

    def __init__(self) -> None:
        self.attempts = Table[PaymentAttempt]("payment_attempt")
        self.batches = Table[RechargeCardBatch]("recharge_batch")
        by_secret = Unique[RechargeCard](
            "secret", lambda c: c.secret_digest or f"\x00{c.id}", STORAGE_DUPLICATE_SECRET
        )
        self.cards = Table[RechargeCard]("recharge_card", by_secret)
        self.mandates = Table[Mandate]("mandate")
        self.debits = Table[AutoDebit]("auto_debit")
        self.invoices = Table[Invoice]("invoice")


class MemoryPaymentAttemptRepository(_Listing[PaymentAttempt], PaymentAttemptRepository):
    """Payment attempts in memory (F-PAY-3)."""

    def unsettled_after(self, after_id: str | None, limit: int, /) -> list[PaymentAttempt]:
        """Attempts not settled with an id above ``after_id``, by id."""
        return self._after(lambda a: not a.is_settled, after_id, limit)

    def list_by_subscriber(self, subscriber_id: str, page: PageRequest, /) -> Page[PaymentAttempt]:
        """A number's payments, newest first."""
        return self._newest_first(
            lambda a: a.subscriber_id == subscriber_id, lambda a: a.created_at, page
        )


class MemoryRechargeCardBatchRepository(
    MemoryRepository[RechargeCardBatch], RechargeCardBatchRepository
):
    """Recharge-card batches in memory."""


class MemoryRechargeCardRepository(_Listing[RechargeCard], RechargeCardRepository):
    """Recharge cards in memory, unique by secret digest."""

    def find_by_secret(self, digest: str, /) -> RechargeCard | None:
        """The card with this secret digest, or None."""
        return self._find_unique("secret", digest)

    def in_stock(self, face_value: Money, limit: int, /) -> list[RechargeCard]:
        """Cards of ``face_value`` in stock, by serial."""
        return self._after(
            lambda c: c.status is CardStatus.STOCK and c.face_value == face_value, None, limit
        )

    def of_order(self, order_id: str, /) -> list[RechargeCard]:
        """The cards of an order, by serial."""
        return sorted(self._merged(lambda c: c.order_id == order_id), key=lambda c: c.id)


class MemoryMandateRepository(_Listing[Mandate], MandateRepository):
    """Mandates in memory (F-PAY-2)."""

    def of_account(self, account_id: str, /) -> list[Mandate]:
        """The account's mandates, by id."""
        return sorted(self._merged(lambda m: m.account_id == account_id), key=lambda m: m.id)


_OPEN_DEBITS = frozenset({AutoDebitStatus.DUE, AutoDebitStatus.IN_FLIGHT})


class MemoryAutoDebitRepository(_Listing[AutoDebit], AutoDebitRepository):
    """Bill debits in memory (F-PAY-2)."""

    def open_after(self, after_id: str | None, limit: int, /) -> list[AutoDebit]:
        """Debits due or in flight with an id above ``after_id``, by id."""
        return self._after(lambda d: d.status in _OPEN_DEBITS, after_id, limit)

    def of_mandate(self, mandate_id: str, page: PageRequest, /) -> Page[AutoDebit]:
        """The debits of a mandate, by id."""
        return self._page(lambda d: d.mandate_id == mandate_id, page)


class MemoryInvoiceRepository(_Listing[Invoice], InvoiceRepository):
    """Invoices in memory (F-QRY-6)."""

    def list_by_subscriber(self, subscriber_id: str, page: PageRequest, /) -> Page[Invoice]:
        """A number's invoices, newest request first."""
        return self._newest_first(
            lambda i: i.subscriber_id == subscriber_id, lambda i: i.requested_at, page
        )


class MemoryPayments:
    """One transaction's payment repositories over :class:`PaymentTables`."""

    def __init__(
        self, tables: PaymentTables, lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        self.payment_attempts = MemoryPaymentAttemptRepository(tables.attempts, lock, check_open)
        self.recharge_batches = MemoryRechargeCardBatchRepository(tables.batches, lock, check_open)
        self.recharge_cards = MemoryRechargeCardRepository(tables.cards, lock, check_open)
        self.mandates = MemoryMandateRepository(tables.mandates, lock, check_open)
        self.auto_debits = MemoryAutoDebitRepository(tables.debits, lock, check_open)
        self.invoices = MemoryInvoiceRepository(tables.invoices, lock, check_open)

    def repositories(self) -> tuple[MemoryRepository[Any], ...]:
        """The aggregate repositories, in commit order."""
        return (
            self.payment_attempts,
            self.recharge_batches,
            self.recharge_cards,
            self.mandates,
            self.auto_debits,
            self.invoices,
        )


class MemoryPaymentRepositories:
    """The payment repositories of a memory unit of work (mixed into ``MemoryUnitOfWork``)."""

    _payments: MemoryPayments

    def _check_open(self) -> None:
        raise NotImplementedError

    @property
    def payment_attempts(self) -> MemoryPaymentAttemptRepository:
        """The payment attempts (F-PAY-3)."""
        self._check_open()
        return self._payments.payment_attempts

    @property
    def recharge_batches(self) -> MemoryRechargeCardBatchRepository:
        """The recharge-card batches (F-PAY-1)."""
        self._check_open()
        return self._payments.recharge_batches

    @property
    def recharge_cards(self) -> MemoryRechargeCardRepository:
        """The recharge cards (F-PAY-1)."""
        self._check_open()
        return self._payments.recharge_cards

    @property
    def mandates(self) -> MemoryMandateRepository:
        """The auto-debit mandates (F-PAY-2)."""
        self._check_open()
        return self._payments.mandates

    @property
    def auto_debits(self) -> MemoryAutoDebitRepository:
        """The bill debits under mandates (F-PAY-2)."""
        self._check_open()
        return self._payments.auto_debits

    @property
    def invoices(self) -> MemoryInvoiceRepository:
        """The electronic invoices (F-QRY-6)."""
        self._check_open()
        return self._payments.invoices
