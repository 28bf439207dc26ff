"""Recharge cards (充值卡): batches, serials and secrets, sale and redemption (F-PAY-1).

A :class:`RechargeCardBatch` is issued by the back office: ``count`` cards of one face value
that expire together. A card has a public **serial** (16 digits: face value in yuan, batch
number, index) and a 19-digit **secret** (卡密) that tops up a number once. Secrets are
never stored: a card keeps :func:`secret_digest`, an HMAC-SHA256 of the secret under a
server-side key (the "pepper"). Why a keyed digest and not a slow salted hash: a subscriber
types the secret alone, so the card is found by its digest (a unique index); the secret
has about 63 bits of entropy, so guessing online is hopeless under the rate limit on wrong
secrets, and a stolen table is useless without the key.

Batches are of two kinds:

* ``PRINTED``: the secrets are handed out once, at issue, to be printed under a scratch
  panel; the cards are ACTIVE (redeemable) at once and never sold online;
* ``ONLINE``: stock for the hall's shop. The cards have no secret until sold: an order
  RESERVES cards while it is paid, and delivery mints each card's secret and shows it to the
  buyer once (showing it again mints a new one, so a lost page costs nothing).

``STOCK → RESERVED → SOLD → ACTIVE → REDEEMED`` (online) and ``ACTIVE → REDEEMED`` (printed); a
second redemption is ``Conflict`` ``recharge_card.already_redeemed``, an expired card
``Refused`` ``recharge_card.expired``.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.payments.codes import (
    RECHARGE_CARD_ALREADY_REDEEMED,
    RECHARGE_CARD_BATCH,
    RECHARGE_CARD_COUNT,
    RECHARGE_CARD_EXPIRED,
    RECHARGE_CARD_EXPIRY,
    RECHARGE_CARD_FACE_VALUE,
    RECHARGE_CARD_INACTIVE,
    RECHARGE_CARD_KIND,
    RECHARGE_CARD_NOT_IN_STOCK,
    RECHARGE_CARD_NOT_ORDERED,
    RECHARGE_CARD_SECRET_FORMAT,
    RECHARGE_CARD_STATUS,
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

if TYPE_CHECKING:
    from attrs import Attribute

    from unicom_core.errors import Conflict

__all__ = [
    "SECRET_LENGTH",
    "BatchKind",
    "CardStatus",
    "RechargeCard",
    "RechargeCardBatch",
    "RechargeCardRedeemed",
    "RechargeCardsIssued",
    "card_serial",
    "check_secret",
    "secret_digest",
]

SECRET_LENGTH = 19
_MAX_CARDS = 10_000
_MAX_BATCH = 10_000_000


def check_secret(secret: object) -> str:
    """A card secret as typed: 19 digits, spaces ignored (``recharge_card.secret_format``)."""
    text = secret.replace(" ", "") if isinstance(secret, str) else ""
    if len(text) != SECRET_LENGTH or not text.isascii() or not text.isdigit():
        raise RECHARGE_CARD_SECRET_FORMAT.error(
            f"a recharge card secret is {SECRET_LENGTH} digits", field="secret"
        )
    return text


def secret_digest(secret: str, pepper: bytes) -> str:
    """The keyed digest a card stores instead of its secret (HMAC-SHA256, hex)."""
    return hmac.new(pepper, check_secret(secret).encode(), hashlib.sha256).hexdigest()


def card_serial(face_value: Money, batch_number: int, index: int) -> str:
    """The 16-digit serial: face value in yuan (3), batch number (7), index in batch (6)."""
    yuan = face_value.fen // 100
    return f"{yuan:03d}{batch_number:07d}{index:06d}"


def _instant(value: datetime) -> datetime:
    return to_shanghai(value, field="at")


class BatchKind(enum.Enum):
    """Printed cards sold anywhere, or stock for the hall's online shop."""

    PRINTED = "printed"
    ONLINE = "online"


class CardStatus(enum.Enum):
    """Where a card stands (see the module docstring)."""

    STOCK = "stock"
    RESERVED = "reserved"
    SOLD = "sold"
    """Paid for; its secret is minted when the buyer is shown it."""
    ACTIVE = "active"
    REDEEMED = "redeemed"


@domain_event("recharge_card.issued")
@attrs.frozen(slots=True, kw_only=True)
class RechargeCardsIssued(DomainEvent):
    """A batch of recharge cards was issued (aggregate: the batch)."""

    count: int
    face_value: Money
    kind: BatchKind


@domain_event("recharge_card.redeemed")
@attrs.frozen(slots=True, kw_only=True)
class RechargeCardRedeemed(DomainEvent):
    """A card's face value went onto a number's account (aggregate: the card)."""

    subscriber_id: str
    account_id: str
    face_value: Money


def _count(_instance: object, attribute: Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _MAX_CARDS:
        raise RECHARGE_CARD_COUNT.error(f"a batch holds 1-{_MAX_CARDS} cards", field=attribute.name)


def _batch_number(_instance: object, attribute: Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value < _MAX_BATCH:
        raise RECHARGE_CARD_BATCH.error(field=attribute.name)


def _whole_yuan(_instance: object, attribute: Attribute[Money], value: object) -> None:
    check_positive(_instance, attribute, value)
    if isinstance(value, Money) and (value.fen % 100 or value.fen >= 100_000):  # noqa: PLR2004
        raise RECHARGE_CARD_FACE_VALUE.error(field=attribute.name)


@attrs.define(slots=True)
class RechargeCardBatch:
    """A batch of recharge cards issued together (F-PAY-1)."""

    id: str = attrs.field(on_setattr=guarded)
    number: int = attrs.field(validator=_batch_number, on_setattr=guarded)
    kind: BatchKind = attrs.field(
        validator=instance_of(BatchKind, RECHARGE_CARD_KIND), on_setattr=guarded
    )
    product_code: str = attrs.field(on_setattr=guarded)
    face_value: Money = attrs.field(validator=_whole_yuan, on_setattr=guarded)
    count: int = attrs.field(validator=_count, on_setattr=guarded)
    issued_at: datetime = attrs.field(converter=_instant, on_setattr=guarded)
    expires_at: datetime = attrs.field(converter=_instant, on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)

    def __attrs_post_init__(self) -> None:
        """A batch expires after it is issued."""
        if self.expires_at <= self.issued_at:
            raise RECHARGE_CARD_EXPIRY.error(field="expires_at")

    def issued(self) -> tuple[DomainEvent, ...]:
        """The event of this batch's issue."""
        event = RechargeCardsIssued(
            aggregate_id=self.id,
            occurred_at=self.issued_at,
            count=self.count,
            face_value=self.face_value,
            kind=self.kind,
        )
        return (event,)

    def card(self, index: int, digest: str | None) -> RechargeCard:
        """Card ``index`` (1-based) of the batch: ACTIVE with a digest, else in STOCK."""
        status = CardStatus.STOCK if digest is None else CardStatus.ACTIVE
        return RechargeCard(
            card_serial(self.face_value, self.number, index),
            self.id,
            self.face_value,
            self.expires_at,
            status,
            digest,
        )


@attrs.define(slots=True)
class RechargeCard:
    """One recharge card: its serial, face value, expiry and keyed secret digest (F-PAY-1)."""

    id: str = attrs.field(on_setattr=guarded)
    batch_id: str = attrs.field(on_setattr=guarded)
    face_value: Money = attrs.field(validator=check_positive, on_setattr=guarded)
    expires_at: datetime = attrs.field(converter=_instant, on_setattr=guarded)
    status: CardStatus = attrs.field(
        validator=instance_of(CardStatus, RECHARGE_CARD_STATUS), on_setattr=guarded
    )
    secret_digest: str | None = attrs.field(default=None, on_setattr=guarded)
    order_id: str | None = attrs.field(default=None, on_setattr=guarded)
    redeemed_by: str | None = attrs.field(default=None, on_setattr=guarded)
    redeemed_at: datetime | None = attrs.field(default=None, on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)

    def is_expired(self, at: datetime) -> bool:
        """True from the card's expiry on."""
        return to_shanghai(at, field="at") >= self.expires_at

    def reserve(self, order_id: str, *, at: datetime) -> None:
        """Hold a card in stock for an order being paid (``recharge_card.not_in_stock``)."""
        if self.status is not CardStatus.STOCK or self.is_expired(at):
            raise RECHARGE_CARD_NOT_IN_STOCK.error(serial=self.id)
        update(self, status=CardStatus.RESERVED, order_id=order_id)

    def release(self, order_id: str) -> None:
        """Put a reserved card back in stock (its order was not paid); others are left alone."""
        if self.status is CardStatus.RESERVED and self.order_id == order_id:
            update(self, status=CardStatus.STOCK, order_id=None)

    def sell(self, order_id: str) -> None:
        """The order holding the card is paid: the card is the buyer's (no secret yet)."""
        if self.status is CardStatus.RESERVED and self.order_id == order_id:
            update(self, status=CardStatus.SOLD)

    def deliver(self, order_id: str, digest: str) -> None:
        """Give the card of a paid order a (new) secret; a redeemed card keeps its state.

        Raises:
            Conflict: ``recharge_card.not_ordered`` for a card of another order.
            Conflict: ``recharge_card.already_redeemed`` once redeemed.
        """
        if self.order_id != order_id or self.status in {CardStatus.STOCK, CardStatus.RESERVED}:
            raise RECHARGE_CARD_NOT_ORDERED.error(serial=self.id)
        if self.status is CardStatus.REDEEMED:
            raise self._redeemed()
        update(self, status=CardStatus.ACTIVE, secret_digest=digest)

    def redeem(
        self, subscriber_id: str, account_id: str, *, at: datetime
    ) -> tuple[DomainEvent, ...]:
        """Redeem the card onto a number once (F-PAY-1).

        Raises:
            Conflict: ``recharge_card.already_redeemed``.
            Refused: ``recharge_card.expired`` (data ``expired_at``), ``recharge_card.inactive``.
        """
        if self.status is CardStatus.REDEEMED:
            raise self._redeemed()
        if self.status is not CardStatus.ACTIVE:
            raise RECHARGE_CARD_INACTIVE.error(serial=self.id)
        instant = to_shanghai(at, field="at")
        if self.is_expired(instant):
            raise RECHARGE_CARD_EXPIRED.error(
                f"this card expired at {self.expires_at.isoformat()}", expired_at=self.expires_at
            )
        update(self, status=CardStatus.REDEEMED, redeemed_by=subscriber_id, redeemed_at=instant)
        event = RechargeCardRedeemed(
            aggregate_id=self.id,
            occurred_at=instant,
            subscriber_id=subscriber_id,
            account_id=account_id,
            face_value=self.face_value,
        )
        return (event,)

    def _redeemed(self) -> Conflict:
        return RECHARGE_CARD_ALREADY_REDEEMED.error(redeemed_at=self.redeemed_at)
