"""The storage the payment use cases need: attempts, recharge cards, mandates, invoices (F-PAY).

Part of the storage port (:class:`~unicom_core.ports.storage.UnitOfWork` offers these
repositories), kept here so the payments area reads in one place. Every repository keeps the
port's rules (copies, versions set in place, ``storage.version_conflict``,
``storage.duplicate``); besides, a recharge card's secret digest is unique in the store
(``storage.duplicate_secret``), so a digest finds at most one card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from unicom_core.domain.payments import (
    AutoDebit,
    Invoice,
    Mandate,
    PaymentAttempt,
    RechargeCard,
    RechargeCardBatch,
)
from unicom_core.ports.access import AccessRepositories
from unicom_core.ports.billing import BillingRepositories
from unicom_core.ports.catalog import CatalogRepositories
from unicom_core.ports.shared import Repository, SharedRepositories
from unicom_core.ports.subscribers import SubscriberRepositories

if TYPE_CHECKING:
    from collections.abc import Sequence
    from contextlib import AbstractContextManager

    from unicom_core.domain.shared import Money
    from unicom_core.ports.shared import Page, PageRequest

__all__ = [
    "AutoDebitRepository",
    "InvoiceRepository",
    "MandateRepository",
    "PaymentAttemptRepository",
    "PaymentRepositories",
    "PaymentStorage",
    "PaymentUnitOfWork",
    "RechargeCardBatchRepository",
    "RechargeCardRepository",
]


class PaymentAttemptRepository(Repository[PaymentAttempt, str], Protocol):
    """Payment attempts by id (the gateway's idempotency key; F-PAY-3)."""

    def unsettled_after(self, after_id: str | None, limit: int, /) -> Sequence[PaymentAttempt]:
        """At most ``limit`` (1..500) attempts not settled, with an id above ``after_id``, by id.

        Not settled: CREATED or PENDING, succeeded but not fulfilled, or a refund under way
        (:attr:`PaymentAttempt.is_settled
        <unicom_core.domain.payments.attempts.PaymentAttempt.is_settled>`).
        """
        ...

    def list_by_subscriber(self, subscriber_id: str, page: PageRequest, /) -> Page[PaymentAttempt]:
        """A number's payment records, newest first (then by id), one page (F-PAY-2)."""
        ...


class RechargeCardBatchRepository(Repository[RechargeCardBatch, str], Protocol):
    """Recharge-card batches by id (F-PAY-1)."""


class RechargeCardRepository(Repository[RechargeCard, str], Protocol):
    """Recharge cards by serial; unique by secret digest (F-PAY-1)."""

    def find_by_secret(self, digest: str, /) -> RechargeCard | None:
        """The card whose secret has this keyed digest, or None."""
        ...

    def in_stock(self, face_value: Money, limit: int, /) -> Sequence[RechargeCard]:
        """At most ``limit`` (1..500) cards of ``face_value`` in STOCK, by serial."""
        ...

    def of_order(self, order_id: str, /) -> Sequence[RechargeCard]:
        """The cards reserved for or sold to an order, by serial."""
        ...


class MandateRepository(Repository[Mandate, str], Protocol):
    """Auto-debit mandates by id (F-PAY-2)."""

    def of_account(self, account_id: str, /) -> Sequence[Mandate]:
        """The account's mandates, active or not, by id."""
        ...


class AutoDebitRepository(Repository[AutoDebit, str], Protocol):
    """The debits of bills under mandates (F-PAY-2)."""

    def open_after(self, after_id: str | None, limit: int, /) -> Sequence[AutoDebit]:
        """At most ``limit`` (1..500) debits DUE or IN_FLIGHT with an id above ``after_id``."""
        ...

    def of_mandate(self, mandate_id: str, page: PageRequest, /) -> Page[AutoDebit]:
        """The debits made under a mandate, by id, one page."""
        ...


class InvoiceRepository(Repository[Invoice, str], Protocol):
    """Electronic invoices by id: one per billable item by construction (F-QRY-6)."""

    def list_by_subscriber(self, subscriber_id: str, page: PageRequest, /) -> Page[Invoice]:
        """A number's invoices, newest request first (then by id), one page."""
        ...


class PaymentRepositories(Protocol):
    """The repositories of the payments area, as a unit of work offers them."""

    @property
    def payment_attempts(self) -> PaymentAttemptRepository:
        """The payment attempts."""
        ...

    @property
    def recharge_batches(self) -> RechargeCardBatchRepository:
        """The recharge-card batches."""
        ...

    @property
    def recharge_cards(self) -> RechargeCardRepository:
        """The recharge cards."""
        ...

    @property
    def mandates(self) -> MandateRepository:
        """The auto-debit mandates."""
        ...

    @property
    def auto_debits(self) -> AutoDebitRepository:
        """The debits of bills under mandates."""
        ...

    @property
    def invoices(self) -> InvoiceRepository:
        """The electronic invoices."""
        ...


class PaymentUnitOfWork(
    SharedRepositories,
    SubscriberRepositories,
    CatalogRepositories,
    BillingRepositories,
    PaymentRepositories,
    AccessRepositories,
    Protocol,
):
    """What one transaction offers the payment use cases.

    The access repositories too: a query asks the permission check in its own transaction
    (:class:`~unicom_core.ports.access.ScopedAuthorizer`); the audit log records operators'
    changes.
    """


class PaymentStorage(Protocol):
    """A store whose transactions offer the payment repositories (every ``Storage`` does)."""

    def transaction(self) -> AbstractContextManager[PaymentUnitOfWork]:
        """A new unit of work (see :meth:`unicom_core.ports.storage.Storage.transaction`)."""
        ...

    def read(self) -> AbstractContextManager[PaymentUnitOfWork]:
        """A read-only unit of work (see :meth:`unicom_core.ports.storage.Storage.read`)."""
        ...
