"""The money paths on SQL storage driven against the memory hall by a hypothesis state machine.

Two halls run in lockstep, one on :class:`~unicom_core.memory.storage.MemoryStorage` (the
reference) and one on ``SqlStorage`` (SQLite, PostgreSQL), each with its own sandbox
gateway scripted the same way: top-ups whose answers are lost, late, declined, notified
twice or out of order (F-PAY-1, F-PAY-3), notifications delivered late, again and in any
order, the reconciler, bills paid on the page (F-PAY-1) and under bank-card mandates by the
auto-debit (F-PAY-2), recharge-card orders in the shop paid, cancelled and redeemed
(F-SHOP-1), and refunds (F-PAY-3). Every step must give the same outcome on both halls (the
same value, or an error of the same class and code). After every step:

* every account's balance is its opening balance plus the sum of its ledger entries, and
  never below what its credit limit allows (F-PAY-1: no account is overdrawn by a payment);
* no payment, refund or card is credited twice (a ledger reference credits at most once);
* the two halls agree through their public queries: payment records, orders, mandates,
  balances and ledgers, the bills' settlement, and the money each gateway captured.

``make test`` runs the short form (15 examples of 15 steps per backend); ``make faults``
multiplies the examples by ``UNICOM_FAULTS_SCALE``.
"""

from __future__ import annotations

import collections
import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)
from tests.integration.money_halls import (
    CARD,
    EVERYONE,
    EVERYTHING,
    Side,
    attempt,
    order,
)
from unicom_payments import Behaviour, Notify, Step
from unicom_sql import create_storage
from unicom_sql.testing import empty, sqlite_database

from unicom_core.domain.payments import PaymentOutcome, PaymentPurpose
from unicom_core.domain.shared import BillingCycle, Money
from unicom_core.errors import UnicomError
from unicom_core.memory.storage import MemoryStorage
from unicom_core.testing.worlds.shop import ADDRESS
from unicom_core.usecases.shop import GoodsItem

SCALE = max(1, int(os.environ.get("UNICOM_FAULTS_SCALE", "1")))
WHO = st.sampled_from(EVERYONE)
KEYS = st.sampled_from(["key-a", "key-b", "key-c"])
CYCLES = (BillingCycle(2016, 3), BillingCycle(2016, 4))
BEHAVIOURS = st.sampled_from([Behaviour.SUCCEED] * 4 + list(Behaviour))  # mostly paid
STEPS = st.builds(
    Step,
    BEHAVIOURS,
    st.sampled_from([Notify.ONCE, *Notify]),
    st.sampled_from([PaymentOutcome.SUCCEEDED, PaymentOutcome.FAILED]),
)


def machine_settings(examples, steps):
    return settings(
        max_examples=examples,
        stateful_step_count=steps,
        deadline=None,
        report_multiple_bugs=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


def outcome(action, side):
    """What running ``action`` on ``side`` gave: ("ok", value) or ("error", class, code)."""
    try:
        return ("ok", action(side))
    except UnicomError as error:
        return ("error", type(error).__name__, error.code)


class MoneyAgainstMemory(RuleBasedStateMachine):
    """Subclassed per backend with ``make_sql``, a factory of new, empty SQL storages."""

    top_ups = Bundle("top_ups")
    orders = Bundle("orders")

    def __init__(self):
        super().__init__()
        self.sides = (Side(MemoryStorage()), Side(self.make_sql()))
        self.owed = set()
        self.touched = set(EVERYONE)  # whose public queries the invariant compares next

    def make_sql(self):
        raise NotImplementedError

    def teardown(self):
        for side in self.sides:
            side.close()

    def both(self, action):
        """Run ``action`` on each hall; the outcomes must agree; return it."""
        expected, actual = (outcome(action, side) for side in self.sides)
        assert actual == expected, f"SQL gave {actual}, memory gave {expected}"
        return expected

    def touch(self, *who):
        self.touched.update(who or EVERYONE)

    def script(self, *steps):
        for side in self.sides:
            side.gateway.script(*steps)

    # ------------------------------------------------------------------ top-ups, F-PAY-1
    @rule(
        target=top_ups,
        who=WHO,
        product=st.sampled_from(["top-up-30", "top-up-50", "top-up-100"]),
        key=KEYS,
        step=STEPS,
    )
    def top_up(self, who, product, key, step):
        self.touch(who)
        self.script(step)
        done = self.both(
            lambda side: attempt(
                side.hall.payments.top_up(side.token(who), product, idempotency_key=key).payment
            )
        )
        return done[1][0] if done[0] == "ok" else multiple()

    @rule(late=st.booleans(), data=st.data())
    def deliver_notifications(self, late, data):
        """Hand over notifications: any of those ever sent, again, late, in any order.

        ``late``: first the gateway finishes the trades that answered late (ANSWER_LATE).
        """
        self.touch()
        if late:
            self.both(lambda side: side.gateway.settle_late())
        for side in self.sides:
            side.collect()
        memory, sql = (side.mailbox for side in self.sides)
        assert [n["out_trade_no"] for n in memory] == [n["out_trade_no"] for n in sql]
        if not memory:
            return
        picked = data.draw(st.lists(st.integers(0, len(memory) - 1), min_size=1, max_size=4))
        for index in picked:
            self.both(
                lambda side, i=index: attempt(
                    side.hall.payments.handle_notification(side.mailbox[i])
                )
            )

    @rule()
    def reconcile(self):
        self.touch()

        def run(side):
            side.advance(dt.timedelta(minutes=3))
            report = side.hall.payments.reconcile()
            return report.examined, len(report.settled), len(report.open), report.errors

        self.both(run)

    @rule(payment_id=top_ups, key=KEYS, behaviour=BEHAVIOURS)
    def refund(self, payment_id, key, behaviour):
        self.touch()
        for side in self.sides:
            side.gateway.script_refunds(behaviour)
        self.both(lambda side: attempt(side.hall.payments.refund(payment_id, idempotency_key=key)))

    # ------------------------------------------------------------------ bills, F-PAY-1/2
    @rule(who=WHO, cycle=st.sampled_from(CYCLES), fen=st.integers(100, 30000))
    def owe(self, who, cycle, fen):
        self.touch(who)
        if (who, cycle) in self.owed:  # one bill per account and cycle
            return
        self.owed.add((who, cycle))
        self.both(lambda side: side.owe(who, Money(fen), cycle))

    @rule(who=WHO, key=KEYS, fen=st.none() | st.integers(1, 40000), step=STEPS)
    def pay_bill(self, who, key, fen, step):
        self.touch(who)
        self.script(step)
        amount = None if fen is None else Money(fen)
        self.both(
            lambda side: attempt(
                side.hall.payments.pay_bill(
                    side.token(who), idempotency_key=f"bill-{key}", amount=amount
                ).payment
            )
        )

    @rule(who=WHO)
    def sign_mandate(self, who):
        self.touch(who)

        self.both(lambda side: side.sign(who))

    @rule(steps=st.lists(STEPS, max_size=3))
    def auto_debit(self, steps):
        self.touch()
        self.script(*steps)

        def run(side):
            report = side.hall.auto_debit.debit_bills()
            return report.scheduled, len(report.charged), len(report.paid), len(report.gave_up)

        self.both(run)

    # ------------------------------------------------------------------ card orders, F-SHOP-1
    @rule(target=orders, who=WHO, quantity=st.integers(1, 2), request=KEYS)
    def place_card_order(self, who, quantity, request):
        self.touch(who)

        def place(side):
            return order(
                side.hall.shop.place(
                    side.token(who),
                    [GoodsItem(CARD, quantity)],
                    address=ADDRESS,
                    request_id=f"order-{request}",
                )
            )

        done = self.both(place)
        return (who, done[1][0]) if done[0] == "ok" else multiple()

    @rule(placed=orders, key=KEYS, step=STEPS)
    def pay_order(self, placed, key, step):
        who, order_id = placed
        self.touch(who)
        self.script(step)

        def pay(side):
            paid = side.hall.shop.pay(side.token(who), order_id, idempotency_key=f"shop-{key}")
            return order(paid.order), None if paid.payment is None else attempt(paid.payment)

        self.both(pay)

    @rule(placed=orders)
    def cancel_order(self, placed):
        who, order_id = placed
        self.touch(who)
        self.both(lambda side: order(side.hall.shop.cancel(side.token(who), order_id)))

    @rule(placed=consumes(orders), redeemer=WHO)
    def redeem_a_card(self, placed, redeemer):
        """The buyer reads the order's card secrets and someone redeems the first one."""
        who, order_id = placed
        self.touch(who, redeemer)

        def redeem(side):
            shown = side.hall.shop.card_secrets(side.token(who), order_id)
            if not shown:
                return None
            redeemed = side.hall.recharge_cards.redeem(side.token(redeemer), shown[0].secret)
            return redeemed.card.face_value, redeemed.balance

        self.both(redeem)

    # ------------------------------------------------------------------ invariants
    @invariant()
    def the_money_adds_up_and_the_halls_agree(self):
        """The ledger law, no overdraft, no double credit on each hall; then the same state."""
        memory, sql = (self.observe(side) for side in self.sides)
        assert sql == memory
        self.touched.clear()

    def observe(self, side):
        """The accounts and bills, and the public queries of the customers touched (laws checked).

        A step changes only what its customers (or, for a pass, everyone's) public queries
        show: comparing just those keeps the machine fast.
        """
        seen = {"captured": side.gateway.captured}
        accounts = side.accounts()
        for who, account in enumerate(accounts):
            seen[who] = (account.balance, [(entry.amount, entry.at) for entry in account.ledger])
            posted = Money.total(entry.amount for entry in account.ledger)
            assert account.balance == account.opening_balance + posted
            assert account.balance + account.credit_limit >= Money.zero()
            credited = [e.reference for e in account.ledger if e.amount.is_positive and e.reference]
            assert len(credited) == len(set(credited)), f"credited twice: {credited}"
        for who in sorted(self.touched):
            token = side.token(who)
            records = side.hall.payments.records(token, page=EVERYTHING).items
            credit_count = collections.Counter(
                entry.reference for entry in accounts[who].ledger if entry.amount.is_positive
            )
            for record in records:  # a fulfilled top-up is credited once, any other never
                if record.purpose is PaymentPurpose.TOP_UP:
                    assert credit_count[record.id] == (record.fulfilled_at is not None), record.id
            seen[f"queries {who}"] = (
                [attempt(a) for a in records],
                [order(o) for o in side.hall.shop.orders(token, EVERYTHING).items],
                [(m.id, m.status) for m in side.hall.auto_debit.mandates(token)],
            )
        with side.storage.read() as tx:
            seen["bills"] = {
                bill.id: (bill.settled_at, bill.payments)
                for s in side.subscribers
                for bill in tx.bills.list_by_account(s.account_id, EVERYTHING).items
            }
        return seen


def _check(make_sql, examples, steps):
    class Machine(MoneyAgainstMemory):
        pass

    Machine.make_sql = lambda _self: make_sql()
    run_state_machine_as_test(Machine, settings=machine_settings(examples, steps))


def _emptied(url):
    """A factory of storages on ``url``, emptied for each example."""

    def fresh():
        storage = create_storage(url)
        empty(storage)
        return storage

    return fresh


@pytest.mark.faults
def test_money_on_sqlite_behaves_like_the_memory_hall(tmp_path):
    _check(_emptied(sqlite_database(tmp_path / "hall.sqlite3")), examples=15 * SCALE, steps=15)


@pytest.mark.faults
@pytest.mark.postgres
def test_money_on_postgres_behaves_like_the_memory_hall(pg_url):
    _check(_emptied(pg_url), examples=15 * SCALE, steps=15)
