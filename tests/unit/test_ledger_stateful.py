"""The ledger invariant across every payment kind, in any interleaving (F-PAY-1..3, F-QRY-1).

The law: an account's balance is its opening balance plus the sum of its ledger entries, and
every payment that delivered (a top-up credited, a bill payment or an auto-debit handed to
billing) has exactly one ledger entry under its id, worth what it credited; a payment that
did not deliver has none; a redeemed recharge card has exactly one entry under its id. The
machine mixes top-ups, bill payments (what is owed, or an amount), card redemptions, the
auto-debit of bills, refunds of top-ups, late answers, notifications and the reconciler, on
memory storage and the programmable sandbox, and checks the law after every step and once
everything is settled.
"""

# The rules tell legal refusals from bugs by their codes, inside the machine: PT017.
# ruff: noqa: PT017

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from unicom_payments import Behaviour, SandboxPaymentGateway, Step

from unicom_core.domain.payments import PaymentOutcome, PaymentStatus
from unicom_core.domain.shared import BillingCycle, Money
from unicom_core.errors import Conflict, Refused
from unicom_core.testing.worlds.payments import PaymentWorld

NUMBER = "18612345678"
KEYS = [f"k{n}" for n in range(4)]
BEHAVIOURS = [
    Step(Behaviour.SUCCEED),
    Step(Behaviour.DECLINE),
    Step(Behaviour.ANSWER_LATE),
    Step(Behaviour.ANSWER_LATE, late_outcome=PaymentOutcome.FAILED),
    Step(Behaviour.TIME_OUT),
]
CARDS = 3
BILL_CODES = {
    "payment.nothing_owed",
    "payment.bill_payment_open",
    "payment.key_reused",
}


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.gateway = SandboxPaymentGateway()
        self.world = PaymentWorld(self.gateway)
        self.subscriber, token = self.world.customer(NUMBER)
        self.world.auto_debit.sign(token, "工商银行", "6222020200112233446")
        self.cards = self.world.cards.issue_batch("recharge-card-50", CARDS).cards
        self.redeemed: set[str] = set()
        self.cycles = iter(BillingCycle(2015, month) for month in range(1, 13))

    def _token(self):
        return self.world.login(NUMBER)  # sessions expire as the clock moves

    def _ids(self):
        return sorted({key for verb, key in self.gateway.calls if verb == "charge"})

    # ---------------------------------------------------------------- the payment kinds

    @rule(
        key=st.sampled_from(KEYS),
        fen=st.sampled_from([3000, 5000, 10000]),
        step=st.sampled_from(BEHAVIOURS),
    )
    def top_up(self, key, fen, step):
        self.gateway.script(step)
        try:
            self.world.payments.top_up(self._token(), f"top-up-{fen // 100}", idempotency_key=key)
        except Conflict as clash:
            assert clash.code == "payment.key_reused"

    @rule(fen=st.integers(1, 20000))
    def a_bill_is_issued(self, fen):
        cycle = next(self.cycles, None)
        if cycle is None:
            return
        self.world.owe(self.subscriber, Money(fen), cycle)

    @rule(
        key=st.sampled_from(KEYS),
        amount=st.none() | st.integers(1, 30000).map(Money),
        step=st.sampled_from(BEHAVIOURS),
    )
    def pay_bill(self, key, amount, step):
        self.gateway.script(step)
        try:
            self.world.payments.pay_bill(
                self._token(), idempotency_key="bill-" + key, amount=amount
            )
        except (Conflict, Refused) as refusal:
            assert refusal.code in BILL_CODES

    @rule(index=st.integers(0, CARDS - 1))
    def redeem(self, index):
        card = self.cards[index]
        try:
            self.world.cards.redeem(self._token(), card.secret)
        except Conflict as clash:
            assert clash.code == "recharge_card.already_redeemed"
            assert card.serial in self.redeemed
        else:
            self.redeemed.add(card.serial)

    @rule(step=st.sampled_from(BEHAVIOURS))
    def bill_run(self, step):
        self.gateway.script(step)
        self.world.auto_debit.debit_bills()

    @rule(days=st.integers(1, 4), step=st.sampled_from(BEHAVIOURS))
    def retries_fall_due(self, days, step):
        self.gateway.script(step)
        self.world.clock.advance(dt.timedelta(days=days))
        self.world.auto_debit.run_due()

    @rule(
        pick=st.integers(0, 63),
        key=st.sampled_from("ab"),
        behaviour=st.sampled_from([Behaviour.SUCCEED, Behaviour.DECLINE]),
    )
    def refund(self, pick, key, behaviour):
        # The draws never depend on the state: which payments exist may vary with the order
        # in which sets of random ids are walked, and hypothesis replays draws, not ids.
        ids = self._ids()
        if not ids:
            return
        self.gateway.script_refunds(behaviour)
        target = ids[pick % len(ids)]
        try:
            self.world.payments.refund(target, idempotency_key=key)
        except Refused as refused:
            assert refused.code in {"payment.not_refundable", "account.insufficient_funds"}

    # ---------------------------------------------------------------- the gateway's side

    @rule()
    def gateway_answers_late(self):
        self.gateway.settle_late()
        for notice in self.gateway.take_notifications():
            self.world.payments.handle_notification(notice)

    @rule(minutes=st.integers(0, 45))
    def reconcile(self, minutes):
        self.world.clock.advance(dt.timedelta(minutes=minutes))
        self.world.payments.reconcile()

    # ---------------------------------------------------------------- the law

    @invariant()
    def the_ledger_adds_up_to_the_balance(self):
        with self.world.storage.transaction() as tx:
            account = tx.accounts.get(self.subscriber.account_id)
            attempts = [tx.payment_attempts.get(pid) for pid in self._ids()]
        posted = Money.total(entry.amount for entry in account.ledger)
        assert account.opening_balance == Money.zero()
        assert account.balance == posted
        entries = Counter(entry.reference for entry in account.ledger)
        amounts = {entry.reference: entry.amount for entry in account.ledger}
        for attempt in attempts:
            if attempt.fulfilled_at is not None:
                assert entries[attempt.id] == 1
                assert amounts[attempt.id] == attempt.credit
            else:
                assert entries[attempt.id] == 0
        for card in self.cards:
            assert entries[card.serial] == (1 if card.serial in self.redeemed else 0)

    def teardown(self):
        self.gateway.settle_late()
        self.world.clock.advance(dt.timedelta(hours=2))
        self.world.payments.reconcile()
        for notice in self.gateway.take_notifications():
            self.world.payments.handle_notification(notice)
        self.world.payments.reconcile()
        self.the_ledger_adds_up_to_the_balance()
        with self.world.storage.transaction() as tx:
            attempts = [tx.payment_attempts.get(pid) for pid in self._ids()]
            collecting = tx.accounts.get(self.subscriber.account_id).collecting
        assert all(attempt.is_settled for attempt in attempts)
        paid = {PaymentStatus.SUCCEEDED, PaymentStatus.REFUNDED}
        assert all(a.fulfilled_at is not None for a in attempts if a.status in paid)
        assert collecting is None or collecting not in {a.id for a in attempts if a.is_settled}


LedgerMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_the_ledger_adds_up_whatever_happens = LedgerMachine.TestCase
