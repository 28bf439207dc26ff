"""A ready billing area on memory ports, with helpers to provision and log in (F-CAL, F-QRY).

The whole hall is bootstrapped on a storage (memory by default) with a settable clock and
the default catalogue; :meth:`BillingWorld.add_number` provisions a customer, an account and
a number in one go (through the back office's enrolment, ``hall.subscribers.enrol``, when a
real enrolment can make that number; F-SHOP-3), :meth:`BillingWorld.login` opens a session
with the service password or a random password, and :meth:`BillingWorld.usage` builds usage
records.
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
    RealNameStatus,
    ServiceKind,
    ServiceNumber,
    Subscriber,
    SubscriberId,
)
from unicom_core.errors import InvalidInput, NotFound, Refused
from unicom_core.hall import BusinessHall
from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.memory.storage import MemoryStorage
from unicom_core.ports.billing import UsageBatch
from unicom_core.ports.storage import Storage
from unicom_core.usecases.access import AccessSettings
from unicom_core.usecases.billing import BillingSettings
from unicom_core.usecases.handling import EnrolmentIds, offered_packs, stored_catalog
from unicom_core.usecases.subscribers import NUMBERS_PER_RESIDENT_ID, live_numbers

if TYPE_CHECKING:
    from unicom_core.domain.shared import Money
    from unicom_core.usecases.billing import IngestReport

__all__ = ["COMBO", "BillingWorld"]

COMBO = "4g-national-combo"
"""The 4G national combination plan of the default catalogue."""
_PASSWORD = "284615"  # noqa: S105 - a test fixture's password
_INITIAL = "135790"


_HOLDERS = 1000  # resident IDs of their own (the sequence wraps after)


def _resident_id(n: int) -> ResidentId:
    first17 = f"11010519800101{n % _HOLDERS:03d}"
    return ResidentId(first17 + check_character(first17))


@attrs.frozen
class _Facts:
    """What the catalogue's rules read of an enrolment (``EnrolmentFacts``)."""

    plan_code: str
    payment_mode: PaymentMode
    packs: tuple[str, ...]


@attrs.define
class BillingWorld:
    """A hall on ``storage`` at a settable instant, for billing tests and examples."""

    start: dt.datetime = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
    storage: Storage = attrs.field(factory=MemoryStorage)
    settings: BillingSettings | None = None
    access_settings: AccessSettings | None = None
    clock: SettableClock = attrs.field(init=False)
    messages: MemoryMessageSender = attrs.field(init=False, factory=MemoryMessageSender)
    captcha: MemoryCaptcha = attrs.field(init=False, factory=MemoryCaptcha)
    hall: BusinessHall = attrs.field(init=False)
    _ids: itertools.count[int] = attrs.field(init=False, factory=lambda: itertools.count(1))
    _enrolled: set[str] = attrs.field(init=False, factory=set)
    _initial: set[str] = attrs.field(init=False, factory=set)

    def __attrs_post_init__(self) -> None:
        """Bootstrap the hall on the ports."""
        self.clock = SettableClock(self.start)
        self.hall = bootstrap(
            storage=self.storage,
            clock=self.clock,
            messages=self.messages,
            captcha=self.captcha,
            billing_settings=self.settings,
            access_settings=self.access_settings,
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
        real_name: RealNameStatus | None = None,
    ) -> Subscriber:
        """Store an ACTIVE mobile number (a new customer and account unless ``account`` is given).

        The ``n``-th number is ``s{n:04d}``; a new customer ``c{n:04d}`` (named 张三, a resident
        ID of its own) and its account ``a{n:04d}`` (credit limit zero). The number is enrolled
        through ``hall.subscribers.enrol`` (ids given, the initial password typed, so no SMS;
        its customer VERIFIED; its packs held from ``joined_on``) when a real enrolment can
        make it: ``plan`` is in the catalogue with ``generation`` as its network and offers
        ``payment_mode``, ``packs`` are what an enrolment accepts on it (a combination plan
        takes a valid bundle of its tiers, F-BUN-2: so not the default ``COMBO`` without
        packs), ``joined_on`` is no later than today, and ``account`` (if given) is stored,
        of a stored customer holding fewer than five numbers. Otherwise (a plan the catalogue
        lacks, a generation other than the plan's, a combination plan without its bundle, a
        sixth number of one holder...) the records are built by hand, as before: the customer
        UNVERIFIED, the packs held through ``hall.billing.hold_pack`` from ``joined_on``, and
        no service password until :meth:`login`. ``real_name`` other than VERIFIED (a holder
        whose real-name data is incomplete, F-REAL-2: what no enrolment makes) builds by hand
        too, with that status on a new customer.
        """
        n = next(self._ids)
        holder = self._holder(account) if account is not None else None
        verified = real_name in {None, RealNameStatus.VERIFIED}
        if (
            verified
            and self._enrollable(plan, payment_mode, generation, joined_on, packs)
            and ((account is None and self._new_holder(n)) or holder is not None)
        ):
            return self._enrol(
                n,
                number,
                plan=plan,
                payment_mode=payment_mode,
                joined_on=joined_on,
                account=account,
                packs=packs,
                holder=holder,
            )
        with self.storage.transaction() as tx:
            if account is None:
                status = real_name or RealNameStatus.UNVERIFIED
                customer = Customer(CustomerId(f"c{n:04d}"), "张三", _resident_id(n), status)
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

    def _enrollable(
        self,
        plan: str,
        payment_mode: PaymentMode,
        generation: NetworkGeneration,
        joined_on: dt.date,
        packs: tuple[str, ...],
    ) -> bool:
        """Whether the catalogue's rules let an enrolment make this number (add_number)."""
        now = self.clock.now()
        if joined_on > now.date():
            return False
        facts = _Facts(plan, payment_mode, packs)
        with self.storage.read() as tx:
            try:
                catalog = stored_catalog(tx, self.hall.billing.settings.catalog_id)
                offered_packs(catalog, facts, now)
            except (InvalidInput, NotFound, Refused):
                return False
            return catalog.plan(plan).generation is generation

    def _new_holder(self, n: int) -> bool:
        """Whether the ``n``-th holder's resident ID is free (n < 1000, no customer holds it)."""
        with self.storage.read() as tx:
            return n < _HOLDERS and tx.customers.find_by_resident_id(_resident_id(n)) is None

    def _holder(self, account: Account) -> Customer | None:
        """The stored customer of a stored ``account``, if it may hold one more number."""
        with self.storage.read() as tx:
            if tx.accounts.find(account.id) is None:
                return None
            customer = tx.customers.find(account.customer_id)
            if customer is None or live_numbers(tx, customer.id) >= NUMBERS_PER_RESIDENT_ID:
                return None
            return customer

    def _enrol(  # noqa: PLR0913 - add_number's facts
        self,
        n: int,
        number: str,
        *,
        plan: str,
        payment_mode: PaymentMode,
        joined_on: dt.date,
        account: Account | None,
        packs: tuple[str, ...],
        holder: Customer | None,
    ) -> Subscriber:
        """Enrol the ``n``-th number through ``hall.subscribers.enrol`` (add_number)."""
        own = account is None
        enrolled = self.hall.subscribers.enrol(
            request_id=f"world-enrol-{n:04d}",
            name=holder.name if holder is not None else "张三",
            resident_id=(holder.resident_id if holder is not None else _resident_id(n)).value,
            number=number,
            plan_code=plan,
            packs=packs,
            payment_mode=payment_mode,
            joined_on=joined_on,
            account_id=None if account is None else account.id,
            ids=EnrolmentIds(
                customer=f"c{n:04d}" if own else None,
                account=f"a{n:04d}" if own else None,
                subscriber=f"s{n:04d}",
            ),
            initial_password=_INITIAL,
        )
        self._initial.add(enrolled.subscriber.id)
        return enrolled.subscriber

    def login(self, subscriber: Subscriber, *, random_password: bool = False) -> str:
        """A session token for ``subscriber``, by service password or random password."""
        access, number = self.hall.access, subscriber.number.value
        if random_password:
            access.request_random_password(number)
            code = self.messages.last_code(MobileNumber(number))
            return access.login_with_random_password(number, code, client="test").token
        if subscriber.id not in self._enrolled:
            if subscriber.id not in self._initial:  # built by hand: no password yet
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
