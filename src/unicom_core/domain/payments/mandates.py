"""Bank-card auto-debit (银行卡代扣): mandates, and the debit of each bill with retries (F-PAY-2).

A :class:`Mandate` authorises the carrier to debit one bank card for one account's bills. The
card number is never stored: the gateway keeps the card and gives back a reference
(``agreement``); the hall keeps only the bank and the masked card (``6222 **** **** 1234``).

On the bill run each unsettled bill of an account with an active mandate gets one
:class:`AutoDebit` (its id is the mandate's and the bill's, so a bill is never debited twice
by one mandate). A debit charges what the bill owes through the payment port; a declined
charge is tried again per the :class:`RetrySchedule` (by default after 1, 3 and 7 days), then
given up; a cancelled mandate or a bill paid meanwhile stops it.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import re
from datetime import datetime, timedelta

import attrs

from unicom_core.domain.payments.codes import (
    AUTO_DEBIT_STATUS,
    MANDATE_BANK,
    MANDATE_CARD,
    MANDATE_OVER_LIMIT,
    MANDATE_RETRY_SCHEDULE,
)
from unicom_core.domain.payments.values import check_positive
from unicom_core.domain.shared import (
    DomainEvent,
    Money,
    check_version,
    domain_event,
    guarded,
    instance_of,
    to_shanghai,
    update,
)

__all__ = [
    "AutoDebit",
    "AutoDebitStatus",
    "Mandate",
    "MandateCancelled",
    "MandateSigned",
    "MandateStatus",
    "RetrySchedule",
    "auto_debit_id",
    "card_fingerprint",
    "mask_card",
]

_CARD = re.compile(r"\d{12,19}")
_BANK_MAX = 40
_LUHN_DOUBLE_OVER = 9
_MAX_RETRIES = 10


def _instant(value: datetime) -> datetime:
    return to_shanghai(value, field="at")


def _optional_instant(value: datetime | None) -> datetime | None:
    return None if value is None else to_shanghai(value, field="at")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            value -= _LUHN_DOUBLE_OVER if value > _LUHN_DOUBLE_OVER else 0
        total += value
    return total % 10 == 0


def mask_card(card_number: str) -> str:
    """A bank card number as shown: first four and last four digits (``mandate.card``).

    Raises:
        InvalidInput: ``mandate.card`` unless 12-19 digits with a valid Luhn check digit.
    """
    digits = card_number.replace(" ", "") if isinstance(card_number, str) else ""
    if not _CARD.fullmatch(digits) or not _luhn_ok(digits):
        raise MANDATE_CARD.error()
    return f"{digits[:4]} **** **** {digits[-4:]}"


def card_fingerprint(pepper: bytes, card_number: str) -> str:
    """A keyed digest of a card (``mandate.card`` unless valid): one card, one mandate (F-PAY-2).

    Keyed with the server's pepper, so the short card number cannot be found again from the
    digest by trying every number; two mandates of one card share it.
    """
    mask_card(card_number)
    digits = card_number.replace(" ", "").encode()
    return hmac.new(pepper, b"mandate-card\x1f" + digits, hashlib.sha256).hexdigest()[:40]


def auto_debit_id(mandate_id: str, bill_id: str) -> str:
    """The id of the one debit of ``bill_id`` under ``mandate_id`` (``ad_`` + 40 hex)."""
    return "ad_" + hashlib.sha256(f"{mandate_id}\x1f{bill_id}".encode()).hexdigest()[:40]


def _delays(values: object) -> tuple[timedelta, ...]:
    items = tuple(values) if isinstance(values, tuple | list) else ()
    if (
        len(items) > _MAX_RETRIES
        or not all(isinstance(d, timedelta) and d > timedelta(0) for d in items)
        or list(items) != sorted(items)
    ):
        raise MANDATE_RETRY_SCHEDULE.error(
            f"retries are at most {_MAX_RETRIES} growing, positive delays", field="delays"
        )
    return items


@attrs.frozen(slots=True)
class RetrySchedule:
    """When a declined debit is tried again, counted from the first try (configurable)."""

    delays: tuple[timedelta, ...] = attrs.field(
        default=(timedelta(days=1), timedelta(days=3), timedelta(days=7)), converter=_delays
    )

    @property
    def tries(self) -> int:
        """How many tries in all, the first included."""
        return 1 + len(self.delays)

    def next_try(self, first_try: datetime, tries_made: int) -> datetime | None:
        """When try ``tries_made + 1`` is due, or None when every try is spent."""
        if tries_made >= self.tries:
            return None
        return first_try + self.delays[tries_made - 1]


class MandateStatus(enum.Enum):
    """Signed and in force, or cancelled."""

    ACTIVE = "active"
    CANCELLED = "cancelled"


@domain_event("mandate.signed")
@attrs.frozen(slots=True, kw_only=True)
class MandateSigned(DomainEvent):
    """A bank-card auto-debit mandate was signed (F-PAY-2)."""

    account_id: str
    bank: str
    card: str


@domain_event("mandate.cancelled")
@attrs.frozen(slots=True, kw_only=True)
class MandateCancelled(DomainEvent):
    """A mandate was cancelled; no bill is debited under it any more (F-PAY-2)."""

    account_id: str


def _bank(value: object) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not 1 <= len(text) <= _BANK_MAX:
        raise MANDATE_BANK.error(f"a bank name is 1-{_BANK_MAX} characters")
    return text


@attrs.define(slots=True)
class Mandate:
    """A bank card signed for the auto-debit of one account's bills (F-PAY-2)."""

    id: str = attrs.field(on_setattr=guarded)
    subscriber_id: str = attrs.field(on_setattr=guarded)
    account_id: str = attrs.field(on_setattr=guarded)
    bank: str = attrs.field(converter=_bank, on_setattr=guarded)
    card: str = attrs.field(on_setattr=guarded)
    agreement: str = attrs.field(on_setattr=guarded)
    signed_at: datetime = attrs.field(converter=_instant, on_setattr=guarded)
    limit: Money | None = attrs.field(default=None, on_setattr=guarded)
    status: MandateStatus = attrs.field(default=MandateStatus.ACTIVE, on_setattr=guarded)
    cancelled_at: datetime | None = attrs.field(
        default=None, converter=_optional_instant, on_setattr=guarded
    )
    card_digest: str = attrs.field(default="", on_setattr=guarded)
    """The card's :func:`card_fingerprint` ("" for a mandate signed before it was kept)."""
    version: int = attrs.field(default=0, validator=check_version)

    def signed(self) -> tuple[DomainEvent, ...]:
        """The event of this mandate's signature."""
        event = MandateSigned(
            aggregate_id=self.id,
            occurred_at=self.signed_at,
            account_id=self.account_id,
            bank=self.bank,
            card=self.card,
        )
        return (event,)

    @property
    def is_active(self) -> bool:
        """True while bills may be debited under it."""
        return self.status is MandateStatus.ACTIVE

    def cancel(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Cancel the mandate; cancelling it again changes nothing."""
        if not self.is_active:
            return ()
        instant = _instant(at)
        update(self, status=MandateStatus.CANCELLED, cancelled_at=instant)
        return (
            MandateCancelled(aggregate_id=self.id, occurred_at=instant, account_id=self.account_id),
        )

    def debit_amount(self, owed: Money) -> Money:
        """What may be debited for ``owed`` (``mandate.over_limit`` above the mandate's limit)."""
        if self.limit is not None and owed > self.limit:
            raise MANDATE_OVER_LIMIT.error(
                f"{owed} is above this mandate's limit of {self.limit}", limit=self.limit
            )
        return owed


class AutoDebitStatus(enum.Enum):
    """Where one bill's debit stands."""

    DUE = "due"
    """A try is due at ``next_try_at``."""
    IN_FLIGHT = "in_flight"
    """A charge was made; its outcome is not known yet."""
    PAID = "paid"
    GAVE_UP = "gave_up"
    """Every try was declined, or the mandate was cancelled or the bill paid otherwise."""


@attrs.define(slots=True)
class AutoDebit:
    """The debit of one bill under one mandate, with its tries (F-PAY-2)."""

    id: str = attrs.field(on_setattr=guarded)
    mandate_id: str = attrs.field(on_setattr=guarded)
    account_id: str = attrs.field(on_setattr=guarded)
    bill_id: str = attrs.field(on_setattr=guarded)
    amount: Money = attrs.field(validator=check_positive, on_setattr=guarded)
    first_try_at: datetime = attrs.field(converter=_instant, on_setattr=guarded)
    next_try_at: datetime | None = attrs.field(converter=_optional_instant, on_setattr=guarded)
    status: AutoDebitStatus = attrs.field(
        default=AutoDebitStatus.DUE,
        validator=instance_of(AutoDebitStatus, AUTO_DEBIT_STATUS),
        on_setattr=guarded,
    )
    payments: tuple[str, ...] = attrs.field(default=(), converter=tuple, on_setattr=guarded)
    reason: str = attrs.field(default="", on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)

    @classmethod
    def schedule(cls, mandate: Mandate, bill_id: str, amount: Money, *, at: datetime) -> AutoDebit:
        """The first try of ``bill_id`` under ``mandate``, due at ``at``."""
        return cls(
            auto_debit_id(mandate.id, bill_id),
            mandate.id,
            mandate.account_id,
            bill_id,
            amount,
            at,
            at,
        )

    @property
    def next_key(self) -> str:
        """The idempotency key of the next try (one per try: a retry is a new charge)."""
        return f"{self.id}-{len(self.payments) + 1}"

    def is_due(self, at: datetime) -> bool:
        """True when a try should be made at ``at``."""
        return (
            self.status is AutoDebitStatus.DUE
            and self.next_try_at is not None
            and (self.next_try_at <= _instant(at))
        )

    def started(self, payment_id: str) -> None:
        """A try was charged under ``payment_id``; its outcome follows."""
        update(self, status=AutoDebitStatus.IN_FLIGHT, payments=(*self.payments, payment_id))

    def succeeded(self) -> None:
        """The current try moved the money."""
        update(self, status=AutoDebitStatus.PAID, next_try_at=None, reason="")

    def declined(self, schedule: RetrySchedule, reason: str = "declined") -> None:
        """The current try failed: schedule the next one, or give up when none is left."""
        due = schedule.next_try(self.first_try_at, len(self.payments))
        status = AutoDebitStatus.DUE if due is not None else AutoDebitStatus.GAVE_UP
        update(self, status=status, next_try_at=due, reason=reason)

    def stop(self, reason: str) -> None:
        """Stop trying (mandate cancelled, bill paid otherwise)."""
        if self.status in {AutoDebitStatus.DUE, AutoDebitStatus.IN_FLIGHT}:
            update(self, status=AutoDebitStatus.GAVE_UP, next_try_at=None, reason=reason)
