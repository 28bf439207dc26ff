"""A ready access area on memory ports, with helpers to provision numbers (F-AUTH tests).

Used by our own tests and usable by an embedder's: the hall is bootstrapped
(:func:`unicom_core.bootstrap.bootstrap`) on memory doubles, the clock stands still until
moved, and :meth:`AccessWorld.add_subscriber` provisions a customer, an account and a
number in one go.
"""

from __future__ import annotations

import datetime as dt
import itertools

import attrs

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.shared import SHANGHAI, LoginType, MobileNumber, ResidentId, check_character
from unicom_core.domain.subscribers import (
    AccountId,
    Customer,
    CustomerId,
    NetworkGeneration,
    PaymentMode,
    ServiceKind,
    ServiceNumber,
    Subscriber,
    SubscriberId,
    SubscriberStatus,
)
from unicom_core.hall import BusinessHall
from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.memory.oauth import MemoryOAuthProvider
from unicom_core.memory.storage import MemoryStorage
from unicom_core.ports.storage import Storage
from unicom_core.usecases.access import AccessService, AccessSettings

__all__ = ["START", "AccessWorld"]

START = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
"""Where the world's clock starts: the 517 festival."""

_BIRTH_PREFIX = "11010519491231"  # every holder is born on 1949-12-31


def _resident_id(n: int) -> ResidentId:
    """The ``n``-th holder's resident ID: same birthday, sequence ``n`` (n < 1000)."""
    first17 = f"{_BIRTH_PREFIX}{n % 1000:03d}"
    return ResidentId(first17 + check_character(first17))


_LOGIN_TYPES = {
    ServiceKind.MOBILE: LoginType.MOBILE,
    ServiceKind.DATA_CARD: LoginType.MOBILE,
    ServiceKind.FIXED_LINE: LoginType.FIXED_LINE,
    ServiceKind.BROADBAND: LoginType.BROADBAND,
}


@attrs.define
class AccessWorld:
    """Memory ports, a settable clock and the access service of a hall over them.

    ``hall``: a hall already bootstrapped on these very ports (the payments world shares
    its own); by default one is bootstrapped here.
    """

    storage: Storage = attrs.field(factory=MemoryStorage)
    clock: SettableClock = attrs.field(factory=lambda: SettableClock(START))
    hasher: MemoryPasswordHasher = attrs.field(factory=MemoryPasswordHasher)
    messages: MemoryMessageSender = attrs.field(factory=MemoryMessageSender)
    captcha: MemoryCaptcha = attrs.field(factory=MemoryCaptcha)
    oauth: MemoryOAuthProvider = attrs.field(factory=MemoryOAuthProvider)
    settings: AccessSettings = attrs.field(factory=AccessSettings)
    hall: BusinessHall | None = attrs.field(default=None, kw_only=True)
    _ids: itertools.count[int] = attrs.field(factory=itertools.count)
    service: AccessService = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        """Bootstrap the hall on the ports (unless one is given); its access is the service."""
        if self.hall is None:
            self.hall = bootstrap(
                storage=self.storage,
                clock=self.clock,
                hasher=self.hasher,
                messages=self.messages,
                captcha=self.captcha,
                oauth=self.oauth,
                access_settings=self.settings,
            )
        self.service = self.hall.access

    def add_subscriber(
        self,
        number: str,
        *,
        kind: ServiceKind = ServiceKind.MOBILE,
        customer: Customer | None = None,
        resident_id: str | None = None,
        status: SubscriberStatus = SubscriberStatus.ACTIVE,
    ) -> Subscriber:
        """Store a subscriber holding ``number`` (with a new customer unless one is given).

        Built by hand, never through ``hall.subscribers.enrol``: the access tests need numbers
        of every kind (fixed line, broadband, data card) in any ``status``, on plan ``4G-76``
        (not in the catalogue) and an account id that is not stored, which no enrolment
        makes (a mobile number, ACTIVE, on a catalogue plan, with its account). The ``n``-th
        is ``s{n}`` of customer ``c{n}`` on account ``a{n}``; no service password until
        :meth:`enrolled` gives one. For an enrolled number, call the hall's
        ``subscribers.enrol`` (or ``BillingWorld.add_number``).
        """
        n = next(self._ids)
        with self.storage.transaction() as tx:
            if customer is None:
                holder = ResidentId.parse(resident_id) if resident_id else _resident_id(n)
                customer = Customer(CustomerId(f"c{n}"), "张三", holder)
                tx.customers.add(customer)
            sim = kind.has_sim
            subscriber = Subscriber(
                SubscriberId(f"s{n}"),
                customer.id,
                AccountId(f"a{n}"),  # accounts are another area's; not stored here
                ServiceNumber.parse(kind, number),
                "4G-76",
                dt.date(2010, 1, 1),
                PaymentMode.PREPAID,
                NetworkGeneration.G4 if sim else None,
                "12345678" if sim else None,
                status,
            )
            tx.subscribers.add(subscriber)
        return subscriber

    def customer_of(self, subscriber: Subscriber) -> Customer:
        """The stored customer of ``subscriber``."""
        with self.storage.transaction() as tx:
            return tx.customers.get(subscriber.customer_id)

    def enrolled(
        self,
        number: str,
        password: str = "284615",  # noqa: S107 - a test fixture's password
        *,
        kind: ServiceKind = ServiceKind.MOBILE,
        customer: Customer | None = None,
    ) -> Subscriber:
        """A subscriber of ``number`` whose service password is ``password`` (not initial)."""
        subscriber = self.add_subscriber(number, kind=kind, customer=customer)
        self.service.enroll(subscriber.id, "135790")
        login_type = _LOGIN_TYPES[kind]
        self.service.change_password(
            login_type, number, "135790", password, client="setup", captcha=self.captcha.solve()
        )
        return subscriber

    def code_for(self, number: str) -> str:
        """The last random password sent to mobile ``number``."""
        return self.messages.last_code(MobileNumber.parse(number))
