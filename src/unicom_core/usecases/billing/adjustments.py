"""Balance adjustments by an operator: a credit or a debit with a reason (F-QRY-1, F-AUTH-6).

A carrier's CRM corrects an account's balance (goodwill credit, a charge taken back by
hand) with :meth:`BalanceAdjustments.adjust` (TMF654 ``POST adjustBalance``): the account
is credited or debited **through the domain** (:meth:`~unicom_core.domain.subscribers.
Account.credit` / ``debit``), so a debit never takes the balance below what the account's
rules allow (``balance >= -credit_limit``: a prepaid account never goes below zero;
``Refused`` ``account.insufficient_funds`` otherwise). A credit is balance only: it settles
no bill by itself (the next bill run uses it).

Every adjustment needs a ``reason`` (1-200 printable characters; ``balance.adjust_reason``)
and a caller's ``key``; its id is ``adj_`` and 40 hex digits of the key, posted as the
reference of the account's ledger entry. It is written, in the transaction of the money, as
an audit entry ``balance.adjusted`` of the operator naming the account and number, the
kind, the amount in fen, the reason, the requestor and the balance after: the audit log is
the adjustments' record, and :meth:`BalanceAdjustments.adjustments` reads them back.

Idempotent: the key is taken once for the whole carrier (a counter, in the same
transaction); the same key again for the same request answers the stored adjustment and
moves no money; for another request (account, kind, amount or reason) it is ``Conflict``
``balance.adjustment_key_reused``.
"""

from __future__ import annotations

import enum
import hashlib
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import BALANCE_ADJUST, QUERY_BALANCE
from unicom_core.domain.billing import (
    BALANCE_ADJUST_KIND,
    BALANCE_ADJUST_REASON,
    BALANCE_ADJUST_REQUEST,
    BALANCE_ADJUSTMENT_KEY_REUSED,
    BALANCE_ADJUSTMENT_UNKNOWN,
    BILLING_UNKNOWN_ACCOUNT,
)
from unicom_core.domain.shared import Money
from unicom_core.domain.subscribers import NumberIdentifier, SubscriberStatus
from unicom_core.ports.access import AuditFilter
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.billing.lookups import subscribers_of
from unicom_core.usecases.billing.usage_posting import audit_operator
from unicom_core.usecases.shared import publish, run

if TYPE_CHECKING:
    from collections.abc import Iterator

    from unicom_core.domain.access import AuditEntry
    from unicom_core.domain.subscribers import Subscriber
    from unicom_core.errors import NotFound
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.billing import BillingStorage, BillingUnitOfWork
    from unicom_core.ports.shared import Clock, Granted
    from unicom_core.usecases.billing.settings import BillingSettings

__all__ = [
    "ADJUSTED",
    "AdjustKind",
    "AdjustmentRequest",
    "BalanceAdjustment",
    "BalanceAdjustments",
    "account_holder",
    "unknown_adjustment",
]

ADJUSTED = "balance.adjusted"
"""The audit action of an adjustment (its record)."""
_REASON_MAX = 200
_KEY_MAX = 64


class AdjustKind(enum.Enum):
    """Which way an adjustment moves the money."""

    CREDIT = "credit"
    DEBIT = "debit"


def _check_reason(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if (
        not isinstance(value, str)
        or not value.strip()
        or len(value) > _REASON_MAX
        or not value.isprintable()
    ):
        raise BALANCE_ADJUST_REASON.error(field="reason")


def _check_key(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if (
        not isinstance(value, str)
        or not 1 <= len(value) <= _KEY_MAX
        or not (value.isascii() and value.isprintable())
    ):
        raise BALANCE_ADJUST_REQUEST.error("a key is 1-64 printable ASCII characters", field="key")


def _check_kind(_instance: object, _attribute: attrs.Attribute[AdjustKind], value: object) -> None:
    if not isinstance(value, AdjustKind):
        raise BALANCE_ADJUST_KIND.error(field="kind")


def _check_amount(_instance: object, _attribute: attrs.Attribute[Money], value: object) -> None:
    if not isinstance(value, Money) or not value.is_positive:
        raise BALANCE_ADJUST_REQUEST.error("an amount is positive money", field="amount")


def _check_text(_instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and (
        not isinstance(value, str) or not 1 <= len(value) <= _KEY_MAX or not value.isprintable()
    ):
        raise BALANCE_ADJUST_REQUEST.error(
            f"{attribute.name} is 1-64 printable characters", field=attribute.name
        )


@attrs.frozen(slots=True, kw_only=True)
class AdjustmentRequest:
    """What an operator asks: the key, the kind, the amount, the reason, whose balance.

    Exactly one of ``account_id`` and ``number`` names the account (a number: its account).
    """

    key: str = attrs.field(validator=_check_key)
    kind: AdjustKind = attrs.field(validator=_check_kind)
    amount: Money = attrs.field(validator=_check_amount)
    reason: str = attrs.field(validator=_check_reason)
    account_id: str | None = None
    number: NumberIdentifier | None = None
    requestor: str | None = attrs.field(default=None, validator=_check_text)
    requestor_type: str | None = attrs.field(default=None, validator=_check_text)

    def __attrs_post_init__(self) -> None:
        """Refuse a request naming no account, or an account and a number both."""
        if (self.account_id is None) is (self.number is None):
            raise BALANCE_ADJUST_REQUEST.error(
                "name the account or the number, one of them", field="account"
            )

    @property
    def adjustment_id(self) -> str:
        """The adjustment's id: ``adj_`` and 40 hex digits of the key."""
        return "adj_" + hashlib.sha256(self.key.encode()).hexdigest()[:40]


@attrs.frozen(slots=True, kw_only=True)
class BalanceAdjustment:
    """An adjustment as recorded: who, which account and number, what, why, the balance after."""

    id: str
    account_id: str
    number: str | None
    kind: AdjustKind
    amount: Money
    reason: str
    requestor: str | None
    requestor_type: str | None
    client_id: str
    at: datetime
    balance: Money

    @classmethod
    def of(cls, entry: AuditEntry) -> BalanceAdjustment:
        """The adjustment an audit entry ``balance.adjusted`` records."""
        facts = entry.parameters
        return cls(
            id=facts["id"],
            account_id=entry.account_id or "",
            number=entry.number,
            kind=AdjustKind(facts["kind"]),
            amount=Money(int(facts["amount_fen"])),
            reason=facts["reason"],
            requestor=facts.get("requestor"),
            requestor_type=facts.get("requestor_type"),
            client_id=entry.client_id,
            at=entry.at,
            balance=Money(int(facts["balance_fen"])),
        )


def _entries(tx: BillingUnitOfWork, account_id: str) -> Iterator[AuditEntry]:
    """The adjustments' audit entries of an account, newest first."""
    page = PageRequest(0, MAX_PAGE_LIMIT)
    while True:
        found = tx.audit_log.query(AuditFilter(account_id=account_id), page)
        yield from (entry for entry in found.items if entry.action == ADJUSTED)
        if not found.has_more or not found.items:
            return
        page = page.next()


class BalanceAdjustments:
    """Operators' credits and debits with a reason (``hall.billing.adjust_balance``)."""

    def __init__(
        self,
        storage: BillingStorage,
        clock: Clock,
        *,
        authorizer: ScopedAuthorizer,
        settings: BillingSettings,
    ) -> None:
        self._storage, self._clock, self._authorizer = storage, clock, authorizer
        self._rule = settings.retry_rule
        self._reads = GrantedReads(storage, clock, authorizer, settings.retry_rule)

    def adjust(self, token: str, request: AdjustmentRequest) -> tuple[BalanceAdjustment, bool]:
        """Credit or debit the account once per key, audited; and whether this call did.

        Raises:
            Refused: ``operator.*`` (a token without ``balance.adjust``),
                ``access.capability_missing`` (a subscriber's session),
                ``account.insufficient_funds`` (a debit below what the account allows).
            NotFound: ``access.unknown_number``, ``billing.unknown_account``.
            Conflict: ``balance.adjustment_key_reused``.
        """
        granted = self._authorizer.authorize(token, BALANCE_ADJUST, request.number)
        named = granted.subscriber if request.number is not None else None

        def work(tx: BillingUnitOfWork, now: datetime) -> tuple[BalanceAdjustment, bool]:
            subject = named or account_holder(tx, request.account_id or "")
            adjustment_id = request.adjustment_id
            if not tx.counters.try_take(f"balance.adjust:{adjustment_id}", 1, 1):
                return _replayed(tx, subject.account_id, request), False
            account = tx.accounts.get(subject.account_id)
            move = account.credit if request.kind is AdjustKind.CREDIT else account.debit
            events = move(request.amount, at=now, reference=adjustment_id)
            tx.accounts.save(account)
            publish(tx, events)
            facts = _facts(request, account.balance)
            entry = audit_operator(tx, granted, ADJUSTED, now, facts, subject=subject)
            if entry is None:  # pragma: no cover - only operators hold balance.adjust
                return _replayed(tx, account.id, request), True
            return BalanceAdjustment.of(entry), True

        return run(self._storage, self._clock, work, self._rule)

    def adjustments(
        self, token: str, number: NumberIdentifier | None = None
    ) -> tuple[BalanceAdjustment, ...]:
        """The adjustments of the number's account, newest first (F-QRY-1).

        A subscriber's session reads its own account's; an operator with ``tmf.read``
        names the number. The check and the reads are one transaction (``GrantedReads``).
        """

        def work(
            tx: BillingUnitOfWork, _now: datetime, grant: Granted
        ) -> tuple[BalanceAdjustment, ...]:
            return tuple(BalanceAdjustment.of(e) for e in _entries(tx, grant.subscriber.account_id))

        return self._reads.read(token, QUERY_BALANCE, number, work)


def _facts(request: AdjustmentRequest, balance: Money) -> dict[str, str]:
    """The audit parameters of an adjustment: its record (no secret)."""
    facts = {
        "id": request.adjustment_id,
        "kind": request.kind.value,
        "amount_fen": str(request.amount.fen),
        "reason": request.reason,
        "balance_fen": str(balance.fen),
    }
    if request.requestor is not None:
        facts["requestor"] = request.requestor
    if request.requestor_type is not None:
        facts["requestor_type"] = request.requestor_type
    return facts


def account_holder(tx: BillingUnitOfWork, account_id: str) -> Subscriber:
    """A live number the account pays for (the audit entry names it), or not found."""
    account = tx.accounts.find(account_id)  # type: ignore[arg-type]  # an AccountId
    live = [
        s
        for s in (subscribers_of(tx, account) if account is not None else ())
        if s.status is not SubscriberStatus.CANCELLED
    ]
    if not live:
        raise BILLING_UNKNOWN_ACCOUNT.error(id=account_id)
    return live[0]


def _replayed(
    tx: BillingUnitOfWork, account_id: str, request: AdjustmentRequest
) -> BalanceAdjustment:
    """The stored adjustment of the request's key, if it was made for this same request."""
    for entry in _entries(tx, account_id):
        if entry.parameters.get("id") == request.adjustment_id:
            stored = BalanceAdjustment.of(entry)
            if (stored.kind, stored.amount, stored.reason) == (
                request.kind,
                request.amount,
                request.reason,
            ):
                return stored
            break
    raise BALANCE_ADJUSTMENT_KEY_REUSED.error(id=request.adjustment_id)


def unknown_adjustment(adjustment_id: str) -> NotFound:
    """The one answer for an unknown adjustment id and another customer's."""
    return BALANCE_ADJUSTMENT_UNKNOWN.error(id=adjustment_id)
