"""The payment repositories in SQL: attempts, recharge cards, mandates, debits, invoices (F-PAY).

Each is an aggregate row like every other (id, version, the cattrs body) with the columns its
queries filter or order on: an attempt's subscriber, creation time and whether it is
``unsettled`` (the reconciler's worklist, kept in step with the body by every save); a card's
status, face value, order and secret digest (unique: a digest finds one card); a mandate's
account; a debit's mandate and whether it is ``open``; an invoice's subscriber and request
time. Times are UTC microseconds since the epoch, as in :mod:`unicom_sql.billing`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from unicom_core.domain.shared import PAGE_LIMIT, STORAGE_DUPLICATE_SECRET
from unicom_core.ports.payments import (
    AutoDebitRepository,
    InvoiceRepository,
    MandateRepository,
    PaymentAttemptRepository,
    RechargeCardBatchRepository,
    RechargeCardRepository,
)
from unicom_core.ports.shared import MAX_PAGE_LIMIT, Page, PageRequest
from unicom_sql import schema
from unicom_sql.repositories import _Kind, _Listing, _Repository, micros

if TYPE_CHECKING:
    from unicom_core.domain.shared import Money
    from unicom_sql._session import Session

__all__ = [
    "SqlAutoDebitRepository",
    "SqlInvoiceRepository",
    "SqlMandateRepository",
    "SqlPaymentAttemptRepository",
    "SqlPaymentRepositories",
    "SqlRechargeCardBatchRepository",
    "SqlRechargeCardRepository",
]

_OPEN_DEBITS = frozenset({AutoDebitStatus.DUE, AutoDebitStatus.IN_FLIGHT})


def _limit(limit: object) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_PAGE_LIMIT:
        raise PAGE_LIMIT.error(f"a limit is 1..{MAX_PAGE_LIMIT}, not {limit!r}")
    return limit


def _attempt_keys(attempt: PaymentAttempt) -> dict[str, object]:
    return {
        "subscriber_id": attempt.subscriber_id,
        "created_at_us": micros(attempt.created_at),
        "unsettled": not attempt.is_settled,
    }


def _card_keys(card: RechargeCard) -> dict[str, object]:
    return {
        "secret_digest": card.secret_digest,
        "status": card.status.value,
        "face_fen": card.face_value.fen,
        "order_id": card.order_id,
    }


def _mandate_keys(mandate: Mandate) -> dict[str, object]:
    return {"account_id": mandate.account_id}


def _debit_keys(debit: AutoDebit) -> dict[str, object]:
    return {"mandate_id": debit.mandate_id, "open": debit.status in _OPEN_DEBITS}


def _invoice_keys(invoice: Invoice) -> dict[str, object]:
    return {
        "subscriber_id": invoice.subscriber_id,
        "requested_at_us": micros(invoice.requested_at),
    }


def _no_keys(_aggregate: object) -> dict[str, object]:
    return {}


ATTEMPTS = _Kind("payment_attempt", schema.payment_attempts, PaymentAttempt, _attempt_keys)
BATCHES = _Kind("recharge_batch", schema.recharge_batches, RechargeCardBatch, _no_keys)
CARDS = _Kind(
    "recharge_card",
    schema.recharge_cards,
    RechargeCard,
    _card_keys,
    (("secret_digest", "secret", STORAGE_DUPLICATE_SECRET),),
)
MANDATES = _Kind("mandate", schema.mandates, Mandate, _mandate_keys)
DEBITS = _Kind("auto_debit", schema.auto_debits, AutoDebit, _debit_keys)
INVOICES = _Kind("invoice", schema.invoices, Invoice, _invoice_keys)


class SqlPaymentAttemptRepository(_Listing, PaymentAttemptRepository):
    """Payment attempts in table ``payment_attempts``."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, ATTEMPTS)

    def unsettled_after(self, after_id: str | None, limit: int, /) -> list[PaymentAttempt]:
        """Attempts not settled with an id above ``after_id``, by id."""
        t = self._table
        query = self._bodies(t.c.unsettled.is_(True))
        if after_id is not None:
            query = query.where(t.c.id > after_id)
        return self._rows(query.order_by(t.c.id).limit(_limit(limit)))

    def list_by_subscriber(self, subscriber_id: str, page: PageRequest, /) -> Page[PaymentAttempt]:
        """A number's payments, newest first."""
        return self._newest_first(
            self._table.c.subscriber_id == subscriber_id, "created_at_us", page
        )


class SqlRechargeCardBatchRepository(_Repository[RechargeCardBatch], RechargeCardBatchRepository):
    """Recharge-card batches in table ``recharge_batches``."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, BATCHES)


class SqlRechargeCardRepository(_Listing, RechargeCardRepository):
    """Recharge cards in table ``recharge_cards``, unique by secret digest."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, CARDS)

    def find_by_secret(self, digest: str, /) -> RechargeCard | None:
        """The card with this secret digest, or None."""
        found: RechargeCard | None = self._find_by(self._table.c.secret_digest == digest)
        return found

    def in_stock(self, face_value: Money, limit: int, /) -> list[RechargeCard]:
        """Cards of ``face_value`` in stock, by serial."""
        t = self._table
        query = self._bodies(t.c.status == CardStatus.STOCK.value, t.c.face_fen == face_value.fen)
        return self._rows(query.order_by(t.c.id).limit(_limit(limit)))

    def of_order(self, order_id: str, /) -> list[RechargeCard]:
        """The cards of an order, by serial."""
        t = self._table
        return self._rows(self._bodies(t.c.order_id == order_id).order_by(t.c.id))


class SqlMandateRepository(_Listing, MandateRepository):
    """Mandates in table ``mandates``."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, MANDATES)

    def of_account(self, account_id: str, /) -> list[Mandate]:
        """The account's mandates, by id."""
        t = self._table
        return self._rows(self._bodies(t.c.account_id == account_id).order_by(t.c.id))


class SqlAutoDebitRepository(_Listing, AutoDebitRepository):
    """Bill debits in table ``auto_debits``."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, DEBITS)

    def open_after(self, after_id: str | None, limit: int, /) -> list[AutoDebit]:
        """Debits due or in flight with an id above ``after_id``, by id."""
        t = self._table
        query = self._bodies(t.c.open.is_(True))
        if after_id is not None:
            query = query.where(t.c.id > after_id)
        return self._rows(query.order_by(t.c.id).limit(_limit(limit)))

    def of_mandate(self, mandate_id: str, page: PageRequest, /) -> Page[AutoDebit]:
        """The debits of a mandate, by id."""
        found: Page[AutoDebit] = self._page(self._table.c.mandate_id == mandate_id, page)
        return found


class SqlInvoiceRepository(_Listing, InvoiceRepository):
    """Invoices in table ``invoices``."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, INVOICES)

    def list_by_subscriber(self, subscriber_id: str, page: PageRequest, /) -> Page[Invoice]:
        """A number's invoices, newest request first."""
        return self._newest_first(
            self._table.c.subscriber_id == subscriber_id, "requested_at_us", page
        )


class SqlPaymentRepositories:
    """The payment repositories of a SQL unit of work (mixed into ``SqlUnitOfWork``)."""

    _session: Session
    _payment_repositories: _PaymentRepositories | None

    def _init_payments(self, _session: Session) -> None:
        self._payment_repositories = None  # built on first use

    def _payments(self) -> _PaymentRepositories:
        self._session.check_open()
        if self._payment_repositories is None:
            self._payment_repositories = _PaymentRepositories(self._session)
        return self._payment_repositories

    @property
    def payment_attempts(self) -> SqlPaymentAttemptRepository:
        """The payment attempts (F-PAY-3)."""
        return self._payments().attempts

    @property
    def recharge_batches(self) -> SqlRechargeCardBatchRepository:
        """The recharge-card batches (F-PAY-1)."""
        return self._payments().batches

    @property
    def recharge_cards(self) -> SqlRechargeCardRepository:
        """The recharge cards (F-PAY-1)."""
        return self._payments().cards

    @property
    def mandates(self) -> SqlMandateRepository:
        """The auto-debit mandates (F-PAY-2)."""
        return self._payments().mandates

    @property
    def auto_debits(self) -> SqlAutoDebitRepository:
        """The bill debits under mandates (F-PAY-2)."""
        return self._payments().debits

    @property
    def invoices(self) -> SqlInvoiceRepository:
        """The electronic invoices (F-QRY-6)."""
        return self._payments().invoices


class _PaymentRepositories:
    def __init__(self, session: Session) -> None:
        self.attempts = SqlPaymentAttemptRepository(session)
        self.batches = SqlRechargeCardBatchRepository(session)
        self.cards = SqlRechargeCardRepository(session)
        self.mandates = SqlMandateRepository(session)
        self.debits = SqlAutoDebitRepository(session)
        self.invoices = SqlInvoiceRepository(session)
