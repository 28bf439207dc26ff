"""Recharge cards: issue batches, sell them online, redeem a secret onto a number (F-PAY-1).

:class:`RechargeCardService` is ``hall.recharge_cards``.

* :meth:`~RechargeCardService.issue_batch` (back office) issues ``count`` cards of a recharge
  card product; a PRINTED batch answers the secrets once, for the printer, and stores only
  their keyed digests (:mod:`unicom_core.domain.payments.recharge_cards`).
* :meth:`~RechargeCardService.buy` sells cards of an ONLINE batch: the order reserves cards
  and is paid through the payment port at the catalogue's price (98.5 % of face value until
  2016-01-11, F-SHOP-4); once paid, :meth:`~RechargeCardService.reveal` mints and shows the
  secrets (again and again: each showing mints new ones, so a lost page costs nothing).
* :meth:`~RechargeCardService.redeem` a secret onto a number once. A wrong secret is counted
  (a storage counter per number per Beijing day) and refused; past the daily limit every try
  is refused until the next day (``recharge_card.too_many_attempts`` with ``retry_at``).
"""

from __future__ import annotations

import secrets
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import PAY, Capability
from unicom_core.domain.catalog import ProductKind
from unicom_core.domain.payments import (
    PAYMENT_UNKNOWN,
    RECHARGE_CARD_BATCHES_EXHAUSTED,
    RECHARGE_CARD_NOT_PAID,
    RECHARGE_CARD_OUT_OF_STOCK,
    RECHARGE_CARD_QUANTITY,
    RECHARGE_CARD_TOO_MANY_ATTEMPTS,
    RECHARGE_CARD_WRONG_SECRET,
    SECRET_LENGTH,
    BatchKind,
    CardStatus,
    PaymentAttempt,
    PaymentMethod,
    PaymentPurpose,
    RechargeCard,
    RechargeCardBatch,
    attempt_id,
    check_secret,
    request_digest,
    secret_digest,
)
from unicom_core.domain.shared import SHANGHAI, Money, new_id, to_shanghai
from unicom_core.ports.payments import ChargeRequest
from unicom_core.usecases.payments.charging import PaymentResult
from unicom_core.usecases.payments.fulfilment import card_order_item
from unicom_core.usecases.payments.pricing import catalog_quote
from unicom_core.usecases.shared import publish

if TYPE_CHECKING:
    from typing import TypeAlias

    from unicom_core.domain.shared import DomainEvent
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.errors import Refused, UnicomError
    from unicom_core.ports.payments import PaymentUnitOfWork
    from unicom_core.ports.shared import Authorizer
    from unicom_core.usecases.payments.engine import PaymentEngine
    from unicom_core.usecases.payments.needs import BillPayments

    Events: TypeAlias = tuple[DomainEvent, ...]

__all__ = ["IssuedBatch", "RechargeCardService", "Redemption", "RevealedCard", "reveal_cards"]

REDEEM = Capability("recharge_card.redeem")
_MAX_ORDER = 20
_BATCH_COUNTER = "recharge_card.batch_number"
_BATCH_LIMIT = 9_999_999


@attrs.frozen(slots=True)
class RevealedCard:
    """A card and its secret, shown once (hidden from ``repr``)."""

    serial: str
    face_value: Money
    expires_at: datetime
    secret: str = attrs.field(repr=False)


@attrs.frozen(slots=True)
class IssuedBatch:
    """A batch issued; ``cards`` holds the secrets of a PRINTED batch (empty for ONLINE)."""

    batch: RechargeCardBatch
    cards: tuple[RevealedCard, ...]


@attrs.frozen(slots=True)
class Redemption:
    """A card redeemed onto a number: the card, and the account's balance after it."""

    card: RechargeCard
    balance: Money


def _new_secret() -> str:
    return f"{secrets.randbelow(10**SECRET_LENGTH):0{SECRET_LENGTH}d}"


def reveal_cards(tx: PaymentUnitOfWork, order_id: str, pepper: bytes) -> tuple[RevealedCard, ...]:
    """Mint and show new secrets of the paid cards of ``order_id`` not yet redeemed.

    Only each new secret's keyed digest is stored; a lost page costs nothing, the next
    showing mints new ones (F-PAY-1; a shop order's cards too, F-SHOP-1).
    """
    shown = []
    for card in tx.recharge_cards.of_order(order_id):
        if card.status in {CardStatus.SOLD, CardStatus.ACTIVE}:
            secret = _new_secret()
            card.deliver(order_id, secret_digest(secret, pepper))
            tx.recharge_cards.save(card)
            shown.append(RevealedCard(card.id, card.face_value, card.expires_at, secret))
    return tuple(shown)


class RechargeCardService:
    """Issue, sell and redeem recharge cards (F-PAY-1, F-SHOP-4)."""

    def __init__(
        self, engine: PaymentEngine, *, authorizer: Authorizer, bills: BillPayments
    ) -> None:
        self._engine, self._authorizer, self._bills = engine, authorizer, bills

    def _digest(self, secret: str) -> str:
        return secret_digest(secret, self._engine.settings.card_pepper)

    # ------------------------------------------------------------------ issue

    def issue_batch(
        self, product_code: str, count: int, *, kind: BatchKind = BatchKind.PRINTED
    ) -> IssuedBatch:
        """Issue ``count`` (1-10,000) cards of a recharge-card product (back office).

        Raises:
            NotFound: ``catalog.unknown_product``; Refused: ``payment.not_recharge_card_product``.
        """
        engine = self._engine

        def work(tx: PaymentUnitOfWork, now: datetime) -> IssuedBatch:
            quote = catalog_quote(tx, product_code, ProductKind.RECHARGE_CARD, engine, now)
            if not tx.counters.try_take(_BATCH_COUNTER, 1, _BATCH_LIMIT):
                raise RECHARGE_CARD_BATCHES_EXHAUSTED.error()
            batch = RechargeCardBatch(
                new_id(),
                tx.counters.taken(_BATCH_COUNTER),
                kind,
                product_code,
                quote.list_price,
                count,
                now,
                now + engine.settings.card_validity,
            )
            tx.recharge_batches.add(batch)
            shown = []
            for index in range(1, count + 1):
                secret = _new_secret() if kind is BatchKind.PRINTED else None
                card = batch.card(index, self._digest(secret) if secret else None)
                tx.recharge_cards.add(card)
                if secret is not None:
                    shown.append(RevealedCard(card.id, card.face_value, card.expires_at, secret))
            publish(tx, batch.issued())
            return IssuedBatch(batch, tuple(shown))

        return engine.run(work)

    # ------------------------------------------------------------------ sell

    def buy(  # noqa: PLR0913 - the order form's fields
        self,
        token: str,
        product_code: str,
        quantity: int,
        *,
        idempotency_key: str,
        method: PaymentMethod = PaymentMethod.PAGE,
        return_url: str | None = None,
    ) -> PaymentResult:
        """Order ``quantity`` (1-20) online cards, paid through the port (F-PAY-1, F-SHOP-4).

        Raises:
            Refused: ``access.*``; Conflict: ``recharge_card.out_of_stock``.
        """
        if isinstance(quantity, bool) or not isinstance(quantity, int):
            raise RECHARGE_CARD_QUANTITY.error()
        if not 1 <= quantity <= _MAX_ORDER or method is PaymentMethod.MANDATE:
            raise RECHARGE_CARD_QUANTITY.error(f"buy 1-{_MAX_ORDER} cards, paying now")
        buyer = self._authorizer.authorize(token, PAY, None).subscriber
        payment_id, engine = attempt_id(buyer.id, idempotency_key), self._engine

        digest = request_digest(
            PaymentPurpose.CARD_ORDER,
            buyer.id,
            buyer.account_id,
            method,
            product_code,
            str(quantity),
        )

        def make(tx: PaymentUnitOfWork, now: datetime) -> tuple[PaymentAttempt, Events]:
            quote = catalog_quote(tx, product_code, ProductKind.RECHARGE_CARD, engine, now)
            return PaymentAttempt.create(
                payment_id,
                purpose=PaymentPurpose.CARD_ORDER,
                subscriber_id=buyer.id,
                account_id=buyer.account_id,
                amount=quote.price * quantity,
                credit=quote.list_price * quantity,
                method=method,
                gateway=engine.gateway.name,
                at=now,
                expires_in=engine.settings.payment_window,
                product_code=product_code,
                item_id=card_order_item(quote.list_price, quantity),
                digest=digest,
                subject=f"{quantity}张{quote.list_price.format_yuan()}充值卡",
            )

        def reserve(tx: PaymentUnitOfWork, attempt: PaymentAttempt, now: datetime) -> None:
            face = attempt.credit.split(quantity)[0]
            cards = list(tx.recharge_cards.in_stock(face, quantity))
            if len(cards) < quantity:
                raise RECHARGE_CARD_OUT_OF_STOCK.error(f"fewer than {quantity} cards are in stock")
            for card in cards:
                card.reserve(attempt.id, at=now)
                tx.recharge_cards.save(card)

        attempt, new = engine.open(payment_id, digest, make, reserve)
        if attempt.is_open:
            request = ChargeRequest(
                idempotency_key=attempt.id,
                amount=attempt.amount,
                subject=attempt.subject,
                method=method,
                return_url=return_url,
            )
            attempt = engine.charge(request)
        return PaymentResult(attempt, duplicate=not new)

    def reveal(self, token: str, payment_id: str) -> tuple[RevealedCard, ...]:
        """Mint and show the secrets of a paid order's cards not yet redeemed (F-PAY-1).

        Raises:
            NotFound: ``payment.unknown``; Refused: ``recharge_card.not_paid``.
        """
        buyer = self._authorizer.authorize(token, PAY, None).subscriber

        def work(tx: PaymentUnitOfWork, _now: datetime) -> tuple[RevealedCard, ...]:
            attempt = tx.payment_attempts.find(payment_id)
            if attempt is None or attempt.subscriber_id != buyer.id:
                raise PAYMENT_UNKNOWN.error("there is no such order")
            if attempt.purpose is not PaymentPurpose.CARD_ORDER or attempt.fulfilled_at is None:
                raise RECHARGE_CARD_NOT_PAID.error()
            return reveal_cards(tx, attempt.id, self._engine.settings.card_pepper)

        return self._engine.run(work)

    # ------------------------------------------------------------------ redeem

    def redeem(self, token: str, secret: str, number: NumberIdentifier | None = None) -> Redemption:
        """Top up a number with a card's face value, once (F-PAY-1).

        Redeeming onto a number credits its balance, so it is paying (交费充值): a number
        upgraded to 4G redeems only from 08:00 on the 2nd of the month its 4G plan takes
        effect (F-CAL-4); the card is not touched before.

        Raises:
            InvalidInput: ``recharge_card.secret_format``.
            Refused: ``recharge_card.wrong_secret`` (counted),
                ``recharge_card.too_many_attempts`` (``retry_at``), ``recharge_card.expired``,
                ``billing.upgrade_payment_pending`` (``retry_at``; F-CAL-4).
            Conflict: ``recharge_card.already_redeemed``.
        """
        digest = self._digest(check_secret(secret))
        subscriber = self._authorizer.authorize(token, REDEEM, number).subscriber
        self._bills.payment_advice(subscriber.id)  # F-CAL-4: refused before 08:00 on the 2nd
        limit = self._engine.settings.card_wrong_secrets_per_day

        def work(tx: PaymentUnitOfWork, now: datetime) -> Redemption | UnicomError:
            day = to_shanghai(now).date()
            key = f"recharge_card.wrong:{subscriber.id}:{day.isoformat()}"
            tomorrow = datetime.combine(day + timedelta(days=1), time(), tzinfo=SHANGHAI)
            if tx.counters.taken(key) >= limit:
                return _too_many(tomorrow)
            card = tx.recharge_cards.find_by_secret(digest)
            if card is None:
                tx.counters.try_take(key, 1, limit, expires_at=tomorrow)  # the day's end
                return RECHARGE_CARD_WRONG_SECRET.error()
            events: list[DomainEvent] = list(
                card.redeem(subscriber.id, subscriber.account_id, at=now)
            )
            account = tx.accounts.get(subscriber.account_id)
            events += account.credit(card.face_value, at=now, reference=card.id)
            tx.recharge_cards.save(card)
            tx.accounts.save(account)
            publish(tx, events)
            return Redemption(card, account.balance)

        return self._engine.run(work)


def _too_many(retry_at: datetime) -> Refused:
    return RECHARGE_CARD_TOO_MANY_ATTEMPTS.error(retry_at=retry_at)
