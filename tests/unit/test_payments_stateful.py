"""Any interleaving of charges, notifications, timeouts, queries, refunds and crashes (F-PAY-3).

The machine drives the payments area on memory storage and the programmable sandbox. After
every step the balance is exactly what the attempts say: the face values of the fulfilled
top-ups less those whose refund is under way or done (a refund holds the money back when it is
asked). At the end the gateway finishes what it left late, the clock moves past every payment
window and the reconciler runs: every attempt is then settled, the balance is the sum of the
succeeded top-ups less the refunds, and it agrees with the sandbox's own ledger. All in
integer fen: no float ever touches an amount.
"""

# The rules tell legal refusals from bugs by their codes, inside the machine: PT017.
# ruff: noqa: PT017

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from unicom_payments import Behaviour, Notify, SandboxPaymentGateway, Step

from unicom_core.domain.payments import PaymentStatus, RefundStatus
from unicom_core.domain.shared import Money
from unicom_core.errors import Conflict, Refused
from unicom_core.testing.worlds.payments import PaymentWorld

PRODUCTS = ["top-up-30", "top-up-50", "top-up-100"]
KEYS = [f"order-{n}" for n in range(6)]


class Crash(BaseException):
    """The use case is killed between the charge and the credit."""


class CrashingSandbox(SandboxPaymentGateway):
    crash = False

    def charge(self, request):
        result = super().charge(request)
        if self.crash:
            self.crash = False
            raise Crash
        return result


class TopUpMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.gateway = CrashingSandbox()
        self.world = PaymentWorld(self.gateway)
        self.subscriber, _ = self.world.customer("18612345678")
        self.products: dict[str, str] = {}  # the product each key first asked for
        self.ids: set[str] = set()

    def _attempts(self):
        return [self.world.engine.current(payment_id) for payment_id in sorted(self.ids)]

    @rule(
        key=st.sampled_from(KEYS),
        product=st.sampled_from(PRODUCTS),
        behaviour=st.sampled_from(Behaviour),
        notify=st.sampled_from(Notify),
        crash=st.booleans(),
    )
    def top_up(self, key, product, behaviour, notify, crash):
        self.gateway.script(Step(behaviour, notify))
        self.gateway.crash = crash
        try:
            token = self.world.login("18612345678")  # sessions expire as the clock moves
            result = self.world.payments.top_up(token, product, idempotency_key=key)
        except Crash:
            pass
        except Conflict as clash:
            assert clash.code == "payment.key_reused"
            assert self.products[key] != product
        else:
            self.ids.add(result.payment.id)
        self.products.setdefault(key, product)
        self.gateway.crash = False
        self.gateway.forget_scripts()  # a replayed key charged nothing: its script goes too
        self.ids.update(pid for verb, pid in self.gateway.calls if verb == "charge")

    @rule(data=st.data())
    def deliver_notifications(self, data):
        notices = self.gateway.take_notifications()
        order = data.draw(st.permutations(notices))
        repeats = data.draw(st.lists(st.sampled_from(notices), max_size=2)) if notices else []
        for notice in [*order, *repeats]:
            self.world.payments.handle_notification(notice)

    @rule()
    def forged_notification(self):
        if self.ids:
            target = min(self.ids)
            forged = self.gateway.forged_notification(target, Money(5000))
            try:
                self.world.payments.handle_notification(forged)
            except Refused as refused:
                assert refused.code == "payment.notification_forged"
            else:
                raise AssertionError

    @rule()
    def gateway_answers_late(self):
        self.gateway.settle_late()

    @rule(minutes=st.integers(0, 45))
    def reconcile(self, minutes):
        self.world.clock.advance(dt.timedelta(minutes=minutes))
        self.world.payments.reconcile()

    @rule(data=st.data(), behaviour=st.sampled_from(Behaviour))
    def refund(self, data, behaviour):
        if not self.ids:
            return
        target = data.draw(st.sampled_from(sorted(self.ids)))
        self.gateway.script_refunds(behaviour)
        try:
            self.world.payments.refund(target, idempotency_key=data.draw(st.sampled_from("ab")))
        except Refused as refused:
            assert refused.code in {"payment.not_refundable", "account.insufficient_funds"}
        finally:
            # a replayed key or a refusal never reaches the gateway: the reaction scripted for
            # this refund must not become the reconciler's retry's, later
            self.gateway.forget_scripts()

    @invariant()
    def balance_is_what_the_attempts_say(self):
        credited = Money.zero()
        for attempt in self._attempts():
            if attempt.fulfilled_at is not None:
                credited += attempt.credit
            held = attempt.refund is not None and attempt.refund.status is not RefundStatus.FAILED
            if held:
                credited -= attempt.credit
        balance = self.world.balance(self.subscriber)
        assert isinstance(balance.fen, int)
        assert balance == credited

    def teardown(self):
        self.gateway.crash = False
        self.gateway.settle_late()
        self.world.clock.advance(dt.timedelta(hours=2))
        self.world.payments.reconcile()
        for notice in self.gateway.take_notifications():
            self.world.payments.handle_notification(notice)
        self.world.payments.reconcile()
        attempts = self._attempts()
        assert all(attempt.is_settled for attempt in attempts)
        succeeded = Money.total(a.credit for a in attempts if a.fulfilled_at is not None)
        refunded = Money.total(a.credit for a in attempts if a.status is PaymentStatus.REFUNDED)
        assert self.world.balance(self.subscriber) == succeeded - refunded
        ledger = self.gateway.captured
        for attempt in attempts:
            if attempt.status is PaymentStatus.SUCCEEDED:
                assert ledger[attempt.id] == attempt.amount
            elif attempt.status is PaymentStatus.REFUNDED:
                assert ledger[attempt.id] == Money.zero()
            else:
                assert attempt.id not in ledger


TopUpMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_top_ups_credit_exactly_once_whatever_happens = TopUpMachine.TestCase
