"""Where a payment stands, in the subscriber's words, in Chromium, zh and en, 1280 and 390 px.

Each of the six stages of a payment (F-PAY-3) has its own words and its own next step on
the payment's page: back from the cashier without paying, it is pending (finish paying at
the cashier, or cancel it); cancelled there, it is cancelled (start a new one); paid, it
succeeded (the e-invoice); refunded by the back office, it is refunded; declined by the
gateway, it failed (try again); left open past its payment window, it expired (start a new
one). The gateway's decline is scripted on the demo's sandbox; the window's end is reached
by moving the payment's deadline into the past, as the clock would.

Each walk runs in the four combinations of ``journeys.ALL``, logged in as 张三 (one session
reused); each stage is a payment of its own. Screenshots go to ``test-artifacts/browser/``
(``u1-status-<lang>-<width>-<step>.png``).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from tests.browser.journeys import ALL, accessible, money, shot, visit
from unicom_payments import Behaviour, Step

from unicom_core.domain.payments import PaymentOutcome
from unicom_core.domain.shared import update

WORDS = {
    "zh": {
        "pending": ("待支付", "您还没有完成支付。请前往收银台完成支付，或取消本次支付；"),
        "cancelled": ("已取消", "您已取消本次支付，没有扣款。如需充值交费请重新发起。"),
        "succeeded": ("支付成功", "款项已到账，可开具电子发票，或返回首页查看余额。"),
        "refunded": ("已退款", "款项已原路退回。"),
        "failed": ("支付失败", "支付未成功，没有扣款。您可以重新发起支付。"),
        "expired": ("已超时关闭", "支付已超时关闭，没有扣款。如需充值交费请重新发起。"),
        "go_pay": "前往收银台完成支付",
        "cancel": "取消支付",
        "again": "重新发起",
        "invoice": "开具电子发票",
    },
    "en": {
        "pending": ("Awaiting payment", "You have not paid yet. Finish paying at the cashier"),
        "cancelled": (
            "Cancelled",
            "You cancelled this payment and nothing was charged. Start a new one if you wish.",
        ),
        "succeeded": (
            "Paid",
            "The money has arrived: get the e-invoice, or see the balance on the home page.",
        ),
        "refunded": ("Refunded", "The money went back to where it came from."),
        "failed": (
            "Payment failed",
            "The payment did not go through and nothing was charged. You may try again.",
        ),
        "expired": (
            "Expired",
            "The time to pay ran out and nothing was charged. Start a new one if you wish.",
        ),
        "go_pay": "Finish paying at the cashier",
        "cancel": "Cancel the payment",
        "again": "Start a new payment",
        "invoice": "Get the e-invoice",
    },
}


def _stage(page, lang: str, stage: str) -> None:
    """The payment's page shows ``stage`` in words and its next step."""
    status, next_step = WORDS[lang][stage]
    expect(page.locator("#payment")).to_have_attribute("data-stage", stage)
    expect(page.get_by_test_id("payment-status")).to_have_text(status)
    expect(page.get_by_test_id("payment-next")).to_contain_text(next_step)


def _start_top_up(page, base: str, lang: str) -> str:
    """A ¥30 top-up of the session's number, sent to the cashier; its payment id."""
    visit(page, base, lang, "/top-up")
    page.check("input[name=product_code][value=top-up-30]")
    page.click("#top-up-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/sandbox/checkout/pa_"))
    return page.url.rsplit("/", 1)[1]


def _pay(page) -> None:
    page.click("#sandbox-pay")
    expect(page).to_have_url(re.compile(r"/payments/pa_"))


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_pay_3_pending_then_cancelled_each_in_its_words(demo, signed_in, lang, width):
    _, base = demo
    words = WORDS[lang]
    page = signed_in(lang, width)
    _start_top_up(page, base, lang)
    page.click("a[href*='payment-return']")  # back from the cashier without paying
    expect(page).to_have_url(re.compile(r"/payments/pa_"))
    _stage(page, lang, "pending")
    expect(page.get_by_test_id("payment-amount")).to_have_text(money(lang, "30.00"))
    expect(page.locator("#go-pay")).to_have_text(words["go_pay"])
    expect(page.locator("#cancel-payment")).to_have_text(words["cancel"])
    shot(page, "status", lang, width, "1-pending")
    page.click("#cancel-payment")
    _stage(page, lang, "cancelled")
    expect(page.locator("#cancel-payment")).to_have_count(0)
    expect(page.locator("#pay-again")).to_have_text(words["again"])
    shot(page, "status", lang, width, "2-cancelled")
    accessible(page)
    page.click("#pay-again")
    expect(page).to_have_url(re.compile(r"/top-up$"))


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_pay_3_succeeded_then_refunded_each_in_its_words(demo, signed_in, lang, width):
    built, base = demo
    words = WORDS[lang]
    page = signed_in(lang, width)
    payment_id = _start_top_up(page, base, lang)
    _pay(page)
    _stage(page, lang, "succeeded")
    expect(page.locator("#invoice")).to_have_text(words["invoice"])
    expect(page.locator("#pay-again")).to_have_count(0)
    shot(page, "status", lang, width, "3-succeeded")
    built.hall.payments.refund(payment_id, idempotency_key=f"refund-{lang}-{width}")
    page.reload()
    _stage(page, lang, "refunded")
    expect(page.locator("#invoice")).to_have_count(0)
    shot(page, "status", lang, width, "4-refunded")
    accessible(page)


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_pay_3_failed_and_expired_each_in_its_words(demo, signed_in, lang, width):
    built, base = demo
    words = WORDS[lang]
    page = signed_in(lang, width)
    # The demo's gateway queues a plain late answer per page payment and takes the oldest
    # step first: the one scripted here must be the next, whatever earlier walks queued.
    built.gateway._charges.clear()
    built.gateway.script(Step(Behaviour.ANSWER_LATE, late_outcome=PaymentOutcome.FAILED))
    _start_top_up(page, base, lang)
    _pay(page)  # the gateway declines it
    _stage(page, lang, "failed")
    expect(page.locator("#pay-again")).to_have_text(words["again"])
    shot(page, "status", lang, width, "5-failed")
    payment_id = _start_top_up(page, base, lang)
    with built.hall.storage.transaction() as tx:  # its payment window ends: the clock moved
        attempt = tx.payment_attempts.get(payment_id)
        update(attempt, expires_at=attempt.created_at)
        tx.payment_attempts.save(attempt)
    visit(page, base, lang, f"/payments/{payment_id}")
    _stage(page, lang, "expired")
    expect(page.locator("#cancel-payment")).to_have_count(0)
    expect(page.locator("#pay-again")).to_have_text(words["again"])
    shot(page, "status", lang, width, "6-expired")
    accessible(page)
