"""Hypothesis strategies for payments, recharge cards, mandates and invoices (F-PAY, F-QRY-6)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st

from unicom_core.domain.payments import (
    AutoDebit,
    BatchKind,
    Invoice,
    InvoiceKind,
    InvoiceNumber,
    Mandate,
    PaymentAttempt,
    PaymentMethod,
    PaymentOutcome,
    PaymentPurpose,
    RechargeCard,
    RechargeCardBatch,
    RetrySchedule,
    attempt_id,
    invoice_id,
    mask_card,
)
from unicom_core.domain.shared import Money
from unicom_core.testing.strategies.calendar import after, shanghai_instants

__all__ = [
    "auto_debits",
    "bank_card_numbers",
    "idempotency_keys",
    "invoice_numbers",
    "invoices",
    "mandates",
    "payment_attempts",
    "payment_outcomes",
    "recharge_batches",
    "recharge_cards",
    "retry_schedules",
]

_IDS = st.text("0123456789abcdef", min_size=8, max_size=32)


def idempotency_keys() -> st.SearchStrategy[str]:
    """Idempotency keys as callers choose them: 1-64 printable ASCII characters, no spaces."""
    return st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=64)


def payment_outcomes() -> st.SearchStrategy[PaymentOutcome]:
    """Any gateway outcome (SUCCEEDED, PENDING, FAILED, UNKNOWN)."""
    return st.sampled_from(PaymentOutcome)


@st.composite
def payment_attempts(draw: st.DrawFn, subscriber_id: str | None = None) -> PaymentAttempt:
    """Payment attempts of any purpose, moved through a few gateway outcomes (F-PAY-3)."""
    at = draw(shanghai_instants(2015, 2030))
    sid = subscriber_id if subscriber_id is not None else draw(_IDS)
    amount = Money(draw(st.integers(1, 10**7)))
    attempt, _ = PaymentAttempt.create(
        attempt_id(sid, draw(idempotency_keys())),
        purpose=draw(st.sampled_from(PaymentPurpose)),
        subscriber_id=sid,
        account_id=draw(_IDS),
        amount=amount,
        credit=amount + Money(draw(st.integers(0, 200))),
        method=draw(st.sampled_from(PaymentMethod)),
        gateway=draw(st.sampled_from(["sandbox", "alipay"])),
        at=at,
        expires_in=timedelta(minutes=draw(st.integers(1, 120))),
        subject=draw(st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=30)),
        product_code=draw(st.none() | st.just("top-up-50")),
        payer_id=draw(st.none() | _IDS),  # another payer (代充/代缴, F-PAY-1)
    )
    for outcome in draw(st.lists(payment_outcomes(), max_size=3)):
        attempt.record_outcome(outcome, at=at, reference=draw(st.none() | _IDS))
    if attempt.awaits_fulfilment and draw(st.booleans()):
        attempt.fulfil(at=at)
    return attempt


@st.composite
def recharge_batches(draw: st.DrawFn) -> RechargeCardBatch:
    """Recharge-card batches of 1-50 cards, printed or online (F-PAY-1)."""
    issued = draw(shanghai_instants(2015, 2030))
    return RechargeCardBatch(
        draw(_IDS),
        draw(st.integers(1, 9_999_999)),
        draw(st.sampled_from(BatchKind)),
        "recharge-card-50",
        Money(draw(st.sampled_from([1000, 5000, 10000]))),
        draw(st.integers(1, 50)),
        issued,
        after(issued, timedelta(days=draw(st.integers(1, 2000)))),
    )


@st.composite
def recharge_cards(draw: st.DrawFn) -> RechargeCard:
    """Recharge cards in stock or active (with a random 64-hex secret digest)."""
    batch = draw(recharge_batches())
    digest = draw(st.none() | st.text("0123456789abcdef", min_size=64, max_size=64))
    return batch.card(draw(st.integers(1, batch.count)), digest)


def bank_card_numbers() -> st.SearchStrategy[str]:
    """Bank card numbers of 16-19 digits with a valid Luhn check digit."""

    def with_check_digit(body: str) -> str:
        total = 0
        for position, char in enumerate(reversed(body)):
            value = int(char) * (2 if position % 2 == 0 else 1)
            total += value - 9 if value > 9 else value  # noqa: PLR2004 - Luhn's rule
        return body + str((10 - total % 10) % 10)

    return st.text("0123456789", min_size=15, max_size=18).map(with_check_digit)


def retry_schedules() -> st.SearchStrategy[RetrySchedule]:
    """Retry schedules of 0-4 growing delays of 1 hour to 10 days."""
    hours = st.lists(st.integers(1, 240), max_size=4, unique=True).map(sorted)
    return hours.map(lambda h: RetrySchedule(tuple(timedelta(hours=x) for x in h)))


@st.composite
def mandates(draw: st.DrawFn) -> Mandate:
    """Signed mandates; a card masked, a limit or none (F-PAY-2)."""
    return Mandate(
        draw(_IDS),
        draw(_IDS),
        draw(_IDS),
        draw(st.sampled_from(["工商银行", "招商银行"])),
        mask_card(draw(bank_card_numbers())),
        draw(_IDS),
        draw(shanghai_instants(2015, 2030)),
        draw(st.none() | st.builds(Money, st.integers(1, 10**6))),
        card_digest=draw(st.just("") | st.text("0123456789abcdef", min_size=40, max_size=40)),
    )


@st.composite
def auto_debits(draw: st.DrawFn, mandate: Mandate | None = None) -> AutoDebit:
    """Bill debits under a mandate, due at once."""
    chosen = mandate if mandate is not None else draw(mandates())
    return AutoDebit.schedule(
        chosen,
        f"{chosen.account_id}:2016-05",
        Money(draw(st.integers(1, 10**6))),
        at=draw(shanghai_instants(2015, 2030)),
    )


def invoice_numbers() -> st.SearchStrategy[InvoiceNumber]:
    """Invoice numbers: 12-digit code, 8-digit number, 20-digit check code."""
    digits = "0123456789"
    return st.builds(
        InvoiceNumber,
        st.text(digits, min_size=12, max_size=12),
        st.text(digits, min_size=8, max_size=8),
        st.text(digits, min_size=20, max_size=20),
    )


@st.composite
def invoices(draw: st.DrawFn, subscriber_id: str | None = None) -> Invoice:
    """Blue invoices, requested or issued (F-QRY-6)."""
    item = draw(_IDS)
    at = draw(shanghai_instants(2015, 2030))
    invoice = Invoice(
        invoice_id(item),
        InvoiceKind.BLUE,
        item,
        subscriber_id if subscriber_id is not None else draw(_IDS),
        draw(st.sampled_from(["个人", "某某科技有限公司"])),
        "话费充值",
        Money(draw(st.integers(1, 10**7))),
        at,
    )
    if draw(st.booleans()):
        invoice.issue(draw(invoice_numbers()), at=at)
    return invoice
