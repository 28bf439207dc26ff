"""The two halls of the money state machine (``test_money_state_machine``): ports and customers.

A :class:`Side` is a hall bootstrapped as
:class:`~unicom_core.testing.worlds.payments.PaymentWorld` does, on the storage it is given,
with a sandbox gateway of its own, three customers with accounts (F-PAY-1), online recharge
cards in stock (F-SHOP-1) and the last customer's bank-card mandate (F-PAY-2).
:func:`attempt` and :func:`order` are what the two halls must agree on about a payment
and an order: no random id in them.
"""

from __future__ import annotations

from unicom_payments import SandboxPaymentGateway

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.payments import BatchKind
from unicom_core.domain.shared import LoginType, Money
from unicom_core.domain.subscribers import Account
from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.memory.oauth import MemoryOAuthProvider
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_core.testing.worlds.access import START, AccessWorld
from unicom_core.testing.worlds.payments import monthly_fee_bill
from unicom_core.usecases.numbers import NumbersSettings

NUMBERS_SETTINGS = NumbersSettings()  # the shipped number classes, read once
PASSWORD = "284615"  # noqa: S105 - a test customer's service password
CUSTOMERS = (("18612345670", 0), ("18612345671", 3000), ("18612345672", 20000))
EVERYONE = range(len(CUSTOMERS))
CARD = "recharge-card-50"
CARDS_ISSUED = 4
CARD_NUMBER = "6222020200112233446"
EVERYTHING = PageRequest(0, MAX_PAGE_LIMIT)


def attempt(found):
    """What both halls must agree on about a payment attempt (no random ids in it)."""
    refund = found.refund
    return (
        found.id,
        found.purpose,
        found.status,
        found.amount,
        found.credit,
        found.reference,
        found.failure_reason,
        found.settled_at,
        found.fulfilled_at,
        None if refund is None else (refund.status, refund.amount),
    )


def order(found):
    return (found.id, found.status, found.total, [c.status for c in found.history])


class Side:
    """One hall: its ports, its sandbox, its customers with accounts, every notification sent.

    Bootstrapped as :class:`~unicom_core.testing.worlds.payments.PaymentWorld` does, with the
    number classes read once for all halls (reading them is most of a bootstrap's time).
    """

    def __init__(self, storage):
        self.storage, self.clock = storage, SettableClock(START)
        self.gateway = SandboxPaymentGateway()
        hasher, messages = MemoryPasswordHasher(), MemoryMessageSender()
        captcha, oauth = MemoryCaptcha(), MemoryOAuthProvider()
        self.hall = bootstrap(
            storage=storage,
            clock=self.clock,
            hasher=hasher,
            messages=messages,
            captcha=captcha,
            oauth=oauth,
            payment_gateway=self.gateway,
            numbers_settings=NUMBERS_SETTINGS,
        )
        self.access = AccessWorld(
            storage, self.clock, hasher, messages, captcha, oauth, hall=self.hall
        )
        self.subscribers = [self._customer(number, Money(fen)) for number, fen in CUSTOMERS]
        self.hall.recharge_cards.issue_batch(CARD, CARDS_ISSUED, kind=BatchKind.ONLINE)
        self.mailbox = []  # every notification the sandbox ever sent, in order
        self.tokens = {}
        self.sign(len(CUSTOMERS) - 1)  # the last customer pays by mandate from the start

    def sign(self, who):
        """Sign customer ``who``'s mandate (once: the same key gives the same mandate)."""
        mandate = self.hall.auto_debit.sign(
            self.token(who), "工商银行", CARD_NUMBER, idempotency_key=f"mandate-{who}"
        )
        return mandate.id, mandate.card, mandate.status

    def _customer(self, number, balance):
        subscriber = self.access.enrolled(number, PASSWORD)
        with self.storage.transaction() as tx:
            account = Account(subscriber.account_id, subscriber.customer_id)
            if balance.is_positive:
                account.credit(balance, at=START)
            tx.accounts.add(account)
        return subscriber

    def token(self, who):
        """A session of customer ``who`` (a new one after the clock moved)."""
        if who not in self.tokens:
            self.tokens[who] = self.hall.access.login_with_password(
                LoginType.MOBILE,
                CUSTOMERS[who][0],
                PASSWORD,
                client="test",
                captcha=self.access.captcha.solve(),
            ).token
        return self.tokens[who]

    def advance(self, delta):
        self.clock.advance(delta)
        self.tokens.clear()

    def owe(self, who, amount, cycle):
        """Store a bill of ``amount`` for ``cycle`` (as ``PaymentWorld.owe``); its id."""
        bill = monthly_fee_bill(self.subscribers[who], amount, cycle)
        with self.storage.transaction() as tx:
            tx.bills.add(bill)
        return bill.id

    def collect(self):
        self.mailbox.extend(self.gateway.take_notifications())

    def accounts(self):
        with self.storage.read() as tx:
            return [tx.accounts.get(s.account_id) for s in self.subscribers]

    def close(self):
        self.hall.close()
