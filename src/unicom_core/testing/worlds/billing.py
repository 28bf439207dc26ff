"""A ready billing area on memory ports, with helpers to provision and log in (F-CAL, F-QRY).

The whole hall is bootstrapped on a storage (memory by default) with a settable clock and
the default catalogue; :meth:`BillingWorld.add_number` provisions a customer, an account and
a number in one go, :meth:`BillingWorld.login` opens a session with the service password or
a random password, and :meth:`BillingWorld.usage` builds usage records.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

import attrs

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.billing import UsageKind, UsageRecord
from unicom_core.domain.shared import SHANGHAI, LoginType, MobileNumber, ResidentId, check_character
from unicom_core.domain.subscribers import (
    Account,
    AccountId,
    Customer,
    CustomerId,
    NetworkGeneration,
    PaymentMode,
    ServiceKind,
    ServiceNumber,
    Subscriber,
    SubscriberId,
)
from unicom_core.hall import BusinessHall
from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.memory.storage import MemoryStorage
from unicom_core.ports.billing import UsageBatch
from unicom_core.ports.storage import Storage
from unicom_core.usecases.billing import BillingSettings

if TYPE_CHECKING:
    from unicom_core.domain.shared import Money
    from unicom_core.usecases.billing import IngestReport

__all__ = ["COMBO", "BillingWorld"]

COMBO = "4g-national-combo"
"""The 4G national combination plan of the default catalogue."""
_PASSWORD = "284615"  # noqa: S105 - a test fixture's password
_INITIAL = "135790"


def _resident_id(n: int) -> ResidentId:
    first17 = f"11010519800101{n % 1000:03d}"
    return ResidentId(first17 + check_character(first17))


@attrs.define
class BillingWorld:
    """A hall on ``storage`` at a settable instant, for billing tests and examples."""

    start: dt.datetime = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
    storage: Storage = attrs.field(factory=MemoryStorage)
    settings: BillingSettings | None = None
    clock: SettableClock = attrs.field(init=False)
    messages: MemoryMessageSender = attrs.field(init=False, factory=MemoryMessageSender)
    captcha: MemoryCaptcha = attrs.field(init=False, factory=MemoryCaptcha)
    hall: BusinessHall = attrs.field(init=False)
    _ids: itertools.count[int] = attrs.field(init=False, factory=lambda: itertools.count(1))
    _enrolled: set[str] = attrs.field(init=False, factory=set)

    def __attrs_post_init__(self) -> None:
        """Bootstrap the hall on the ports."""
        self.clock = SettableClock(self.start)
        self.hall = bootstrap(
            storage=self.storage,
            clock=self.clock,
            messages=self.messages,
            captcha=self.captcha,
            billing_settings=self.settings,
        )

    def add_number(  # noqa: PLR0913 - each is a fact of the number a test may fix
        self,
        number: str,
        *,
        plan: str = COMBO,
        payment_mode: PaymentMode = PaymentMode.POSTPAID,
        generation: NetworkGeneration = NetworkGeneration.G4,
        joined_on: dt.date = dt.date(2010, 1, 1),
        account: Account | None = None,
        packs: tuple[str, ...] = (),
    ) -> Subscriber:
        """Store a mobile number (a new customer and account unless ``account`` is given)."""
        n = next(self._ids)
        with self.storage.transaction() as tx:
            if account is None:
                customer = Customer(CustomerId(f"c{n:04d}"), "张三", _resident_id(n))
                tx.customers.add(customer)
                account = Account(AccountId(f"a{n:04d}"), customer.id)
                tx.accounts.add(account)
            subscriber = Subscriber(
                SubscriberId(f"s{n:04d}"),
                account.customer_id,
                account.id,
                ServiceNumber.parse(ServiceKind.MOBILE, number),
                plan,
                joined_on,
                payment_mode,
                generation,
                "12345678",
            )
            tx.subscribers.add(subscriber)
        long_ago = dt.datetime.combine(joined_on, dt.time(), tzinfo=SHANGHAI)
        for pack in packs:
            self.hall.billing.hold_pack(subscriber.id, pack, starts=long_ago)
        return subscriber

    def login(self, subscriber: Subscriber, *, random_password: bool = False) -> str:
        """A session token for ``subscriber``, by service password or random password."""
        access, number = self.hall.access, subscriber.number.value
        if random_password:
            access.request_random_password(number)
            code = self.messages.last_code(MobileNumber(number))
            return access.login_with_random_password(number, code, client="test").token
        if subscriber.id not in self._enrolled:
            access.enroll(subscriber.id, _INITIAL)
            access.change_password(
                LoginType.MOBILE,
                number,
                _INITIAL,
                _PASSWORD,
                client="test",
                captcha=self.captcha.solve(),
            )
            self._enrolled.add(subscriber.id)
        return access.login_with_password(LoginType.MOBILE, number, _PASSWORD, client="test").token

    def usage(  # noqa: PLR0913 - a record is these facts
        self,
        record_id: str,
        number: str,
        kind: UsageKind,
        quantity: int,
        *,
        at: dt.datetime | None = None,
        detail: str = "",
        fee: Money | None = None,
    ) -> UsageRecord:
        """A usage record of ``number`` at ``at`` (default: now)."""
        when = self.clock.now() if at is None else at
        return UsageRecord(record_id, number, kind, when, quantity, detail, fee)

    def ingest(self, batch_id: str, *records: UsageRecord) -> IngestReport:
        """Ingest one batch of ``records``."""
        return self.hall.billing.ingest(UsageBatch(batch_id, records))

    def move_to(self, instant: dt.datetime) -> None:
        """Set the clock."""
        self.clock.set(instant)
