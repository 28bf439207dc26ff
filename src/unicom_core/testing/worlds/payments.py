"""A ready payments area on memory ports and a gateway of the caller's (F-PAY tests).

Used by our own tests and usable by an embedder's: give it any
:class:`~unicom_core.ports.payments.gateway.PaymentGateway` (the sandbox of ``unicom-payments``,
your
own adapter) and a storage (memory by default); :meth:`PaymentWorld.customer` provisions a
customer, an account and a number, and logs in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.billing import Bill, BillLine, LineKind, bill_id
from unicom_core.domain.shared import BillingCycle, LoginType, Rate
from unicom_core.domain.subscribers import Account, ServiceKind, Subscriber
from unicom_core.hall import BusinessHall
from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.memory.invoicing import MemoryInvoicing
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.memory.oauth import MemoryOAuthProvider
from unicom_core.memory.storage import MemoryStorage
from unicom_core.ports.payments import PaymentGateway
from unicom_core.testing.worlds.access import START, AccessWorld
from unicom_core.usecases.billing import BillingService
from unicom_core.usecases.payments import (
    AutoDebitService,
    InvoiceService,
    PaymentEngine,
    PaymentSettings,
    PaymentsService,
    RechargeCardService,
)

if TYPE_CHECKING:
    from unicom_core.domain.shared import Money

__all__ = ["PaymentWorld", "monthly_fee_bill"]

_LOGIN = {
    ServiceKind.MOBILE: LoginType.MOBILE,
    ServiceKind.DATA_CARD: LoginType.MOBILE,
    ServiceKind.FIXED_LINE: LoginType.FIXED_LINE,
    ServiceKind.BROADBAND: LoginType.BROADBAND,
}
_PASSWORD = "284615"  # noqa: S105 - a test fixture's password


APRIL_2016 = BillingCycle(2016, 4)
"""The cycle :meth:`PaymentWorld.owe` bills by default."""


def monthly_fee_bill(subscriber: Subscriber, amount: Money, cycle: BillingCycle) -> Bill:
    """A bill of ``amount`` for ``cycle`` on the subscriber's account, not stored.

    One monthly-fee line, due on the last day of the next month, late fee 3 per mille a day.
    """
    line = BillLine(
        subscriber.id, subscriber.number.value, LineKind.ADJUSTMENT, "fee", "月费", amount
    )
    return Bill(
        bill_id(subscriber.account_id, cycle),
        subscriber.account_id,
        cycle,
        cycle.end,
        cycle.next().last_day,
        Rate.per_mille(3),
        (line,),
    )


@attrs.define
class PaymentWorld:
    """Memory storage (unless given), a settable clock, the gateway, and every payment area."""

    gateway: PaymentGateway
    storage: Any = attrs.field(factory=MemoryStorage)
    clock: SettableClock = attrs.field(factory=lambda: SettableClock(START))
    settings: PaymentSettings = attrs.field(factory=PaymentSettings)
    invoicing: MemoryInvoicing = attrs.field(factory=MemoryInvoicing)
    hall: BusinessHall = attrs.field(init=False)
    access: AccessWorld = attrs.field(init=False)
    billing: BillingService = attrs.field(init=False)
    engine: PaymentEngine = attrs.field(init=False)
    payments: PaymentsService = attrs.field(init=False)
    cards: RechargeCardService = attrs.field(init=False)
    invoices: InvoiceService = attrs.field(init=False)
    auto_debit: AutoDebitService = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        """Bootstrap the hall (default catalogue installed) and name its payment areas."""
        hasher, messages = MemoryPasswordHasher(), MemoryMessageSender()
        captcha, oauth = MemoryCaptcha(), MemoryOAuthProvider()
        self.hall = bootstrap(
            storage=self.storage,
            clock=self.clock,
            hasher=hasher,
            messages=messages,
            captcha=captcha,
            oauth=oauth,
            payment_gateway=self.gateway,
            invoicing=self.invoicing,
            payment_settings=self.settings,
        )
        self.access = AccessWorld(
            self.storage,
            self.clock,
            hasher,
            messages,
            captcha,
            oauth,
            hall=self.hall,
        )
        self.billing, self.payments = self.hall.billing, self.hall.payments
        self.cards, self.invoices = self.hall.recharge_cards, self.hall.invoices
        self.auto_debit, self.engine = self.hall.auto_debit, self.hall.payments.engine

    def customer(
        self, number: str, *, kind: ServiceKind = ServiceKind.MOBILE, balance: Money | None = None
    ) -> tuple[Subscriber, str]:
        """A new customer holding ``number`` with an account (and ``balance``), logged in."""
        subscriber = self.access.enrolled(number, _PASSWORD, kind=kind)
        with self.storage.transaction() as tx:
            account = Account(subscriber.account_id, subscriber.customer_id)
            if balance is not None and balance.is_positive:
                account.credit(balance, at=self.clock.now())
            tx.accounts.add(account)
        return subscriber, self.login(number, kind=kind)

    def login(self, number: str, *, kind: ServiceKind = ServiceKind.MOBILE) -> str:
        """A fresh session token of ``number`` (sessions expire as the clock moves)."""
        result = self.access.service.login_with_password(
            _LOGIN[kind], number, _PASSWORD, client="test", captcha=self.access.captcha.solve()
        )
        return result.token

    def owe(self, subscriber: Subscriber, amount: Money, cycle: BillingCycle = APRIL_2016) -> Bill:
        """Store a bill of ``amount`` for ``cycle`` on the subscriber's account, and return it.

        One monthly-fee line, due on the last day of the next month, late fee 3 per mille a day.
        """
        bill = monthly_fee_bill(subscriber, amount, cycle)
        with self.storage.transaction() as tx:
            tx.bills.add(bill)
        return bill

    def balance(self, subscriber: Subscriber) -> Money:
        """The stored balance of the subscriber's account."""
        with self.storage.transaction() as tx:
            balance: Money = tx.accounts.get(subscriber.account_id).balance
        return balance
