"""How a top-up or a bill payment is made and charged, whoever pays (F-PAY-1, F-PAY-3).

:class:`~unicom_core.usecases.payments.service.PaymentsService` (a holder paying for a number
of their own) and :class:`~unicom_core.usecases.payments.others.OtherNumberPayments` (anyone
paying for a number of this carrier, 代充/代缴) build the same attempts here: the holder's
account gets the credit, the attempt's id is scoped by whoever asked (their idempotency key
never meets another payer's), and a payer who is not the holder is named on the attempt
(``payer_id``), so the receipt is theirs too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.billing import PaymentAdvice
from unicom_core.domain.catalog import ProductKind
from unicom_core.domain.payments import (
    PaymentAttempt,
    PaymentMethod,
    PaymentPurpose,
    request_digest,
)
from unicom_core.ports.payments import ChargeRequest
from unicom_core.usecases.payments import bill_collection as collection
from unicom_core.usecases.payments.pricing import catalog_quote

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime
    from typing import TypeAlias

    from unicom_core.domain.catalog import Channel
    from unicom_core.domain.shared import DomainEvent, Money
    from unicom_core.domain.subscribers import Subscriber
    from unicom_core.ports.payments import PaymentUnitOfWork
    from unicom_core.usecases.payments.engine import PaymentEngine

    Events: TypeAlias = tuple[DomainEvent, ...]
    Make: TypeAlias = Callable[[PaymentUnitOfWork, datetime], tuple[PaymentAttempt, Events]]

__all__ = ["PaymentResult", "bill_request", "charge_opened", "top_up_request"]


@attrs.frozen(slots=True)
class PaymentResult:
    """A payment as it stands after the call, and the calendar's notice (F-CAL-2).

    ``advice`` is set for a bill payment: ``advice.may_post_late`` inside a bill-generation
    window, with ``advice.window.ends`` the instant from which a payment posts at once.
    """

    payment: PaymentAttempt
    advice: PaymentAdvice | None = None
    duplicate: bool = False


def top_up_request(  # noqa: PLR0913 - a top-up is exactly these facts
    engine: PaymentEngine,
    payment_id: str,
    holder: Subscriber,
    product_code: str,
    *,
    method: PaymentMethod,
    channel: Channel | None,
    payer_id: str | None = None,
) -> tuple[Make, str]:
    """How to make the top-up attempt of ``holder``'s number, and the request's digest."""
    digest = request_digest(
        PaymentPurpose.TOP_UP,
        holder.id,
        holder.account_id,
        method,
        product_code,
        None if payer_id is None else f"payer:{payer_id}",
    )

    def make(tx: PaymentUnitOfWork, now: datetime) -> tuple[PaymentAttempt, Events]:
        buyer = payer_id or holder.id
        quote = catalog_quote(
            tx, product_code, ProductKind.TOP_UP, engine, now, channel, buyer=buyer
        )
        return PaymentAttempt.create(
            payment_id,
            purpose=PaymentPurpose.TOP_UP,
            subscriber_id=holder.id,
            account_id=holder.account_id,
            amount=quote.price,
            credit=quote.list_price,
            method=method,
            gateway=engine.gateway.name,
            at=now,
            expires_in=engine.settings.payment_window,
            product_code=product_code,
            subject=f"{quote.list_price.format_yuan()}话费充值 {holder.number.value}",
            digest=digest,
            payer_id=payer_id,
        )

    return make, digest


def bill_request(  # noqa: PLR0913 - a bill payment is exactly these facts
    engine: PaymentEngine,
    payment_id: str,
    holder: Subscriber,
    amount: Money | None,
    *,
    method: PaymentMethod,
    payer_id: str | None = None,
) -> tuple[Make, str]:
    """How to make the bill payment of ``holder``'s account, and the request's digest."""
    item = "owed" if amount is None else str(amount.fen)

    digest = request_digest(
        PaymentPurpose.BILL,
        holder.id,
        holder.account_id,
        method,
        item_id=item if payer_id is None else f"{item}:payer:{payer_id}",
    )

    def make(tx: PaymentUnitOfWork, now: datetime) -> tuple[PaymentAttempt, Events]:
        due = collection.bill_amount(tx, holder, now, amount, engine.settings.max_bill_advance)
        return PaymentAttempt.create(
            payment_id,
            purpose=PaymentPurpose.BILL,
            subscriber_id=holder.id,
            account_id=holder.account_id,
            amount=due,
            credit=due,
            method=method,
            gateway=engine.gateway.name,
            at=now,
            expires_in=engine.settings.payment_window,
            subject=f"交费 {holder.number.value}",
            item_id=item,
            digest=digest,
            payer_id=payer_id,
        )

    return make, digest


def charge_opened(  # noqa: PLR0913 - an opened attempt and how to charge it
    engine: PaymentEngine,
    attempt: PaymentAttempt,
    *,
    new: bool,
    method: PaymentMethod,
    return_url: str | None,
    advice: PaymentAdvice | None = None,
) -> PaymentResult:
    """Charge an attempt :meth:`PaymentEngine.open` stored, or answer it as it stands."""
    if not attempt.is_open:
        return PaymentResult(engine.finish(attempt), advice, duplicate=not new)
    request = ChargeRequest(
        idempotency_key=attempt.id,
        amount=attempt.amount,
        subject=attempt.subject,
        method=method,
        return_url=return_url,
    )
    return PaymentResult(engine.charge(request), advice, duplicate=not new)
