"""Top-ups, notifications, the reconciler and refunds on memory storage (F-PAY-1, F-PAY-3).

Expected amounts come from the published rule (F-SHOP-4): top-ups sold at 98.5 % of face
value until 2016-01-11, at face value from 2016-01-12; the face value is what is credited.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from unicom_payments import Behaviour, Notify, SandboxPaymentGateway, Step

from unicom_core.catalog_data import default_catalog_source
from unicom_core.domain.catalog import Channel, EffectiveWindow, PriceRule, ProductKind
from unicom_core.domain.payments import PaymentMethod, PaymentOutcome, PaymentStatus, RefundStatus
from unicom_core.domain.shared import SHANGHAI, Money, Rate
from unicom_core.domain.subscribers import ServiceKind
from unicom_core.errors import Conflict, InvalidInput, NotFound, Refused
from unicom_core.testing.worlds.payments import PaymentWorld
from unicom_core.usecases.catalog import CatalogService

BEFORE = dt.datetime(2016, 1, 11, 23, 59, tzinfo=SHANGHAI)
AFTER = dt.datetime(2016, 1, 12, 0, 0, tzinfo=SHANGHAI)


class Crash(BaseException):
    """The process dies (a kill): nothing after it runs, no handler catches it."""


class CrashAfterCharge(SandboxPaymentGateway):
    """The gateway charges, then the use case is killed before it records the answer."""

    crash = False

    def charge(self, request):
        result = super().charge(request)
        if self.crash:
            self.crash = False
            raise Crash
        return result


@pytest.fixture
def gateway():
    return CrashAfterCharge()


@pytest.fixture
def world(gateway):
    return PaymentWorld(gateway)


@pytest.fixture
def customer(world):
    return world.customer("18612345678")


def outbox_events(world, name):
    with world.storage.transaction() as tx:
        return [e.event for e in tx.outbox.pending(500) if e.event.event_type == name]


# ---------------------------------------------------------------- prices: F-SHOP-4, F-PAY-1


@pytest.mark.parametrize(
    ("instant", "product", "paid", "credited"),
    [
        (BEFORE, "top-up-50", Money(4925), Money(5000)),
        (BEFORE, "top-up-30", Money(2955), Money(3000)),  # 29.55 exactly
        (AFTER, "top-up-50", Money(5000), Money(5000)),
        (AFTER, "top-up-300", Money(30000), Money(30000)),
    ],
)
def test_a_top_up_charges_the_effective_price_and_credits_the_face_value(
    world, instant, product, paid, credited
):
    """F-PAY-1, F-SHOP-4: 98.5 % until 2016-01-11, face value from 2016-01-12."""
    world.clock.set(instant)
    subscriber, token = world.customer("18612345678")
    result = world.payments.top_up(token, product, idempotency_key="k1")
    assert result.payment.amount == paid
    assert result.payment.credit == credited
    assert result.payment.status is PaymentStatus.SUCCEEDED
    assert world.balance(subscriber) == credited


def test_a_data_card_is_topped_up_but_a_broadband_account_is_not(world):
    """F-PAY-1: top up a mobile or data-card number; fixed lines and broadband pay bills."""
    card, card_token = world.customer("14512345678", kind=ServiceKind.DATA_CARD)
    world.payments.top_up(card_token, "top-up-30", idempotency_key="k")
    assert world.balance(card) == Money(3000)
    _, token = world.customer("ad12345678", kind=ServiceKind.BROADBAND)
    with pytest.raises(Refused) as refused:
        world.payments.top_up(token, "top-up-30", idempotency_key="k")
    assert refused.value.code == "payment.not_top_up_number"


def test_only_top_up_products_are_topped_up(world, customer):
    _, token = customer
    with pytest.raises(Refused) as refused:
        world.payments.top_up(token, "recharge-card-50", idempotency_key="k")
    assert refused.value.code == "payment.not_top_up_product"
    with pytest.raises(InvalidInput):
        world.payments.top_up(token, "top-up-50", idempotency_key="k", method=PaymentMethod.MANDATE)


# ---------------------------------------------------------------- exactly once: F-PAY-3


def test_the_same_key_again_charges_and_credits_once(world, gateway, customer):
    """F-PAY-3: a retried or double-clicked top-up credits the balance exactly once."""
    subscriber, token = customer
    first = world.payments.top_up(token, "top-up-50", idempotency_key="order-1")
    second = world.payments.top_up(token, "top-up-50", idempotency_key="order-1")
    assert second.duplicate
    assert second.payment.id == first.payment.id
    assert [verb for verb, _ in gateway.calls] == ["charge"]
    assert world.balance(subscriber) == Money(5000)


def test_the_same_key_for_another_product_is_a_conflict(world, customer):
    _, token = customer
    world.payments.top_up(token, "top-up-50", idempotency_key="order-1")
    with pytest.raises(Conflict) as clash:
        world.payments.top_up(token, "top-up-30", idempotency_key="order-1")
    assert clash.value.code == "payment.key_reused"


def test_two_customers_may_choose_the_same_key(world):
    one, one_token = world.customer("18612345678")
    two, two_token = world.customer("18612345679")
    world.payments.top_up(one_token, "top-up-50", idempotency_key="1")
    world.payments.top_up(two_token, "top-up-30", idempotency_key="1")
    assert (world.balance(one), world.balance(two)) == (Money(5000), Money(3000))


def test_another_customers_payment_is_answered_like_an_unknown_one(world):
    """F-AUTH-6: no way to probe which payments exist, neither by id nor by session."""
    _, one_token = world.customer("18612345678")
    _, two_token = world.customer("18612345679")
    paid = world.payments.top_up(one_token, "top-up-50", idempotency_key="1").payment
    assert world.payments.payment(one_token, paid.id) == paid
    answers = []
    for payment_id in (paid.id, paid.id[:-1] + ("0" if paid.id[-1] != "0" else "1"), "nonsense"):
        with pytest.raises(NotFound) as caught:
            world.payments.payment(two_token, payment_id)
        answers.append((caught.value.code, caught.value.message, dict(caught.value.data)))
    assert len(set(map(repr, answers))) == 1
    assert answers[0][0] == "payment.unknown"
    with pytest.raises(Refused):
        world.payments.payment("not-a-session", paid.id)


@pytest.mark.parametrize("notify", [Notify.ONCE, Notify.TWICE, Notify.OUT_OF_ORDER])
def test_notifications_twice_or_out_of_order_credit_once(world, gateway, customer, notify):
    """F-PAY-3: duplicate and reordered notifications change nothing."""
    subscriber, token = customer
    gateway.script(Step(Behaviour.ANSWER_LATE, notify))
    pending = world.payments.top_up(token, "top-up-50", idempotency_key="k")
    assert pending.payment.status is PaymentStatus.PENDING
    assert pending.payment.action is not None
    assert world.balance(subscriber) == Money.zero()
    gateway.settle_late()
    notices = gateway.take_notifications()
    for notice in [*notices, *reversed(notices)]:
        world.payments.handle_notification(notice)
    assert world.balance(subscriber) == Money(5000)
    assert world.payments.settle(pending.payment.id).status is PaymentStatus.SUCCEEDED


def test_a_declined_charge_credits_nothing(world, gateway, customer):
    subscriber, token = customer
    gateway.script(Behaviour.DECLINE)
    result = world.payments.top_up(token, "top-up-50", idempotency_key="k")
    assert result.payment.status is PaymentStatus.FAILED
    assert world.balance(subscriber) == Money.zero()


def test_a_timeout_is_settled_by_the_reconciler(world, gateway, customer):
    """F-PAY-3: a lost answer (UNKNOWN) is settled by querying the gateway with the same key."""
    subscriber, token = customer
    gateway.script(Step(Behaviour.TIME_OUT, Notify.NONE))
    result = world.payments.top_up(token, "top-up-50", idempotency_key="k")
    assert result.payment.last_outcome is PaymentOutcome.UNKNOWN
    assert world.balance(subscriber) == Money.zero()
    assert world.payments.reconcile().open == (result.payment.id,)  # too young to ask yet
    world.clock.advance(dt.timedelta(minutes=3))
    report = world.payments.reconcile()
    assert report.settled == (result.payment.id,)
    assert world.balance(subscriber) == Money(5000)
    assert world.payments.reconcile().examined == 0


def test_a_request_lost_before_the_gateway_fails_after_the_payment_window(world, gateway, customer):
    subscriber, token = customer
    gateway.script(Behaviour.TIME_OUT_UNCHARGED)
    result = world.payments.top_up(token, "top-up-50", idempotency_key="k")
    world.clock.advance(dt.timedelta(minutes=10))
    assert world.payments.reconcile().open == (result.payment.id,)  # the buyer may still pay
    world.clock.advance(dt.timedelta(minutes=30))
    world.payments.reconcile()
    settled = world.engine.current(result.payment.id)  # the session has expired meanwhile
    assert settled.status is PaymentStatus.FAILED
    assert settled.failure_reason == "never_paid"
    assert world.balance(subscriber) == Money.zero()


def test_a_crash_between_charge_and_credit_is_recovered_once(world, gateway, customer):
    """F-PAY-3: the use case is killed after the charge; the reconciler credits exactly once."""
    subscriber, token = customer
    gateway.crash = True
    with pytest.raises(Crash):
        world.payments.top_up(token, "top-up-50", idempotency_key="k")
    assert world.balance(subscriber) == Money.zero()
    assert gateway.captured  # the money moved
    world.clock.advance(dt.timedelta(minutes=5))
    world.payments.reconcile()
    for notice in gateway.take_notifications():
        world.payments.handle_notification(notice)
    again = world.payments.top_up(token, "top-up-50", idempotency_key="k")
    assert again.duplicate
    assert world.balance(subscriber) == Money(5000)


def test_a_late_success_after_failure_still_credits(world, gateway, customer):
    subscriber, token = customer
    gateway.script(Behaviour.TIME_OUT_UNCHARGED)
    result = world.payments.top_up(token, "top-up-50", idempotency_key="k")
    world.clock.advance(dt.timedelta(hours=1))
    world.payments.reconcile()
    assert world.balance(subscriber) == Money.zero()
    late = gateway.notification(result.payment.id, result.payment.amount)  # the money moved
    assert world.payments.handle_notification(late).status is PaymentStatus.SUCCEEDED
    assert world.balance(subscriber) == Money(5000)
    assert outbox_events(world, "payment.succeeded")[-1].late


# ---------------------------------------------------------------- rejected notifications


def test_a_forged_notification_is_rejected_and_recorded(world, gateway, customer):
    """F-PAY-3: notifications are verified before they count."""
    subscriber, token = customer
    gateway.script(Step(Behaviour.ANSWER_LATE, Notify.NONE))
    result = world.payments.top_up(token, "top-up-50", idempotency_key="k")
    with pytest.raises(Refused) as refused:
        world.payments.handle_notification(
            gateway.forged_notification(result.payment.id, result.payment.amount)
        )
    assert refused.value.code == "payment.notification_forged"
    assert world.balance(subscriber) == Money.zero()
    [rejected] = outbox_events(world, "payment.notification_rejected")
    assert (rejected.aggregate_id, rejected.reason) == (result.payment.id, "bad_signature")


def test_a_notification_with_a_wrong_amount_is_rejected_and_recorded(world, gateway, customer):
    subscriber, token = customer
    gateway.script(Step(Behaviour.ANSWER_LATE, Notify.NONE))
    result = world.payments.top_up(token, "top-up-50", idempotency_key="k")
    with pytest.raises(Conflict) as clash:
        world.payments.handle_notification(gateway.notification(result.payment.id, Money(1)))
    assert clash.value.code == "payment.amount_mismatch"
    assert world.balance(subscriber) == Money.zero()
    assert outbox_events(world, "payment.notification_rejected")[0].reason == "wrong_amount"


def test_a_notification_about_an_unknown_trade_is_rejected_and_recorded(world, gateway):
    with pytest.raises(NotFound) as missing:
        world.payments.handle_notification(gateway.notification("pa_nothing", Money(100)))
    assert missing.value.code == "payment.unknown_trade"
    assert outbox_events(world, "payment.notification_rejected")[0].reason == "unknown_trade"


def test_a_malformed_notification_is_rejected(world):
    with pytest.raises(Refused):
        world.payments.handle_notification({"out_trade_no": "x y z"})
    [rejected] = outbox_events(world, "payment.notification_rejected")
    assert (rejected.aggregate_id, rejected.reason) == ("xyz", "bad_signature")


# ---------------------------------------------------------------- refunds


def test_a_refund_takes_the_credit_back_once(world, gateway, customer):
    """F-PAY-3: an idempotent refund; the balance falls by the credited face value."""
    subscriber, token = customer
    world.clock.set(BEFORE)
    paid = world.payments.top_up(token, "top-up-50", idempotency_key="k").payment
    refunded = world.payments.refund(paid.id, idempotency_key="r1")
    again = world.payments.refund(paid.id, idempotency_key="r1")
    assert refunded.status is again.status is PaymentStatus.REFUNDED
    assert world.balance(subscriber) == Money.zero()
    assert gateway.captured[paid.id] == Money.zero()  # ¥49.25 went back to the buyer


def test_a_refused_refund_gives_the_credit_back(world, gateway, customer):
    subscriber, token = customer
    paid = world.payments.top_up(token, "top-up-50", idempotency_key="k").payment
    gateway.script_refunds(Behaviour.DECLINE)
    refused = world.payments.refund(paid.id, idempotency_key="r1")
    assert refused.refund.status is RefundStatus.FAILED
    assert refused.status is PaymentStatus.SUCCEEDED
    assert world.balance(subscriber) == Money(5000)


def test_a_refund_whose_answer_is_lost_is_finished_by_the_reconciler(world, gateway, customer):
    subscriber, token = customer
    paid = world.payments.top_up(token, "top-up-50", idempotency_key="k").payment
    gateway.script_refunds(Behaviour.TIME_OUT)
    pending = world.payments.refund(paid.id, idempotency_key="r1")
    assert pending.refund.status is RefundStatus.PENDING
    assert world.balance(subscriber) == Money.zero()  # held back while the gateway refunds
    world.payments.reconcile()
    assert world.payments.payment(token, paid.id).status is PaymentStatus.REFUNDED


def test_a_spent_top_up_is_not_refunded(world, customer):
    subscriber, token = customer
    paid = world.payments.top_up(token, "top-up-50", idempotency_key="k").payment
    with world.storage.transaction() as tx:
        account = tx.accounts.get(subscriber.account_id)
        account.debit(Money(4000), at=world.clock.now())
        tx.accounts.save(account)
    with pytest.raises(Refused) as refused:
        world.payments.refund(paid.id, idempotency_key="r1")
    assert refused.value.code == "account.insufficient_funds"
    assert world.payments.payment(token, paid.id).refund is None


# ---------------------------------------------------------------- records, permissions


def test_payment_records_are_listed_newest_first_and_kept_private(world, customer):
    """F-PAY-2 payment records; F-AUTH-6: never another customer's."""
    _, token = customer
    first = world.payments.top_up(token, "top-up-30", idempotency_key="a").payment
    world.clock.advance(dt.timedelta(minutes=1))
    second = world.payments.top_up(token, "top-up-50", idempotency_key="b").payment
    page = world.payments.records(token)
    assert [p.id for p in page.items] == [second.id, first.id]
    _, other = world.customer("18612345679")
    with pytest.raises(NotFound):
        world.payments.payment(other, first.id)
    with pytest.raises(NotFound):
        world.payments.payment(token, "pa_nope")


def test_a_random_password_session_may_top_up(world, customer):
    """F-AUTH-5: a random-password session may pay and top up."""
    subscriber, _ = customer
    world.access.service.request_random_password("18612345678")
    code = world.access.code_for("18612345678")
    limited = world.access.service.login_with_random_password("18612345678", code, client="x")
    world.payments.top_up(limited.token, "top-up-30", idempotency_key="k")
    assert world.balance(subscriber) == Money(3000)


def test_a_channel_campaign_prices_a_top_up_on_its_channel(gateway):
    """F-SHOP-4, F-PRO-3: a campaign may discount top-ups on one channel (10 % in the app)."""
    world = PaymentWorld(gateway)
    world.clock.set(AFTER)
    catalog = default_catalog_source().load()
    campaign = PriceRule(
        "app-top-up-90",
        "手机营业厅充值9折",
        EffectiveWindow(),
        (ProductKind.TOP_UP,),
        (),
        (Channel.MOBILE_HALL,),
        Rate.percent(90),
    )
    newer = attrs.evolve(
        catalog, revision=catalog.revision + 1, price_rules=(*catalog.price_rules, campaign)
    )
    CatalogService(world.storage, world.clock).publish(newer)
    subscriber, token = world.customer("18612345678")
    app = world.payments.top_up(
        token, "top-up-50", idempotency_key="a", channel=Channel.MOBILE_HALL
    )
    web = world.payments.top_up(token, "top-up-50", idempotency_key="b")
    assert (app.payment.amount, web.payment.amount) == (Money(4500), Money(5000))
    assert world.balance(subscriber) == Money(10000)


def test_the_reconciler_reports_a_wrong_amount_and_goes_on(world, gateway):
    """F-PAY-3: an attempt the gateway reports another amount for stays open, reported."""
    subscriber, token = world.customer("18612345678")
    gateway.script(Step(Behaviour.ANSWER_LATE, Notify.NONE), Step(Behaviour.TIME_OUT, Notify.NONE))
    odd = world.payments.top_up(token, "top-up-30", idempotency_key="odd").payment
    fine = world.payments.top_up(token, "top-up-50", idempotency_key="fine").payment

    class LyingGateway(CrashAfterCharge):
        def query(self, key):
            answer = gateway.query(key)
            return attrs.evolve(answer, amount=Money(1)) if key == odd.id else answer

    world.engine.gateway = LyingGateway()
    gateway.settle_late()
    world.clock.advance(dt.timedelta(minutes=5))
    report = world.payments.reconcile()
    assert report.errors == ((odd.id, "payment.amount_mismatch"),)
    assert fine.id in report.settled
    assert world.balance(subscriber) == Money(5000)
