"""The demo hall's customers, numbers, accounts and billing history, seeded idempotently.

The numbers are enrolled as the back office enrols any number, through
``hall.subscribers.enrol`` (F-REAL-1, F-REAL-2, F-SHOP-3): the holder's customer, a prepaid or
postpaid account (张三's second number joins the account of his first), the number on its
plan, and the initial service password (the demo's, typed at the counter).

Running the demo twice changes nothing the first run stored: each enrolment has a request
id of its own and, asked again, answers the stored one (its ids, no second password), a
number's service password is changed only once, usage records are ingested by id, a bill
run is run once per month, and the settling payment of a month has an id of its own. The
printed passwords are the demo's, on purpose: this is a sandbox.

The history: each number holds its packs (of the 4G combination plan) since it joined;
the five months before this one are billed (last month with some usage over the packs), and
the bills are paid, so the hall opens with bills to look at and nothing owed.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.billing import UsageKind, UsageRecord
from unicom_core.domain.catalog import Channel
from unicom_core.domain.numbers import NumberQuery
from unicom_core.domain.payments import BatchKind
from unicom_core.domain.shared import (
    BillingCycle,
    LoginType,
    MobileNumber,
    Money,
    check_character,
    update,
)
from unicom_core.domain.subscribers import AccountId, CustomerId, PaymentMode, RealNameStatus
from unicom_core.errors import Conflict
from unicom_core.ports.billing import UsageBatch
from unicom_core.usecases.numbers import PoolEntry

if TYPE_CHECKING:
    from unicom_core.hall import BusinessHall
    from unicom_core.usecases.handling import Enrolled

__all__ = ["DEMO_NUMBERS", "DemoNumber", "seed", "seed_billing"]

COMBO = "4g-national-combo"
INITIAL_PASSWORD = "135790"  # noqa: S105 - the demo's published initial password
READY_PASSWORD = "284615"  # noqa: S105 - the demo's published changed password


@attrs.frozen(kw_only=True)
class DemoNumber:
    """A number of the demo: who holds it, its account, and how it logs in."""

    holder: str
    birth: str
    sequence: int
    """The holder's resident ID: ``110105``, the birth day, this sequence, the check digit."""
    number: str
    payment_mode: PaymentMode
    balance: str
    """What the demo keeps on the number's account (pre-stored at enrolment, restored after)."""
    credit_limit: str
    ready: bool
    """True: the service password was changed already; False: still the initial one."""
    packs: tuple[str, ...] = ()
    """The packs the number holds (a combination plan's tiers form a valid bundle, F-BUN-2)."""
    plan: str = COMBO
    """The number's plan (the 4G combination plan unless said); it fixes the network."""
    joins: str | None = None
    """The demo number whose account this one joins (the holder's), or None: its own."""
    customer: str = ""
    account: str = ""
    subscriber: str = ""
    """The stored ids, once enrolled (:func:`seed` answers them)."""

    @property
    def password(self) -> str:
        """The service password the demo gives this number."""
        return READY_PASSWORD if self.ready else INITIAL_PASSWORD

    @property
    def request_id(self) -> str:
        """The enrolment's request id: asked again, it answers the stored enrolment."""
        return f"demo-enrol-{self.number}"


DEMO_NUMBERS = (
    DemoNumber(
        holder="张三",
        birth="19491231",
        sequence=1,
        number="18612345678",
        payment_mode=PaymentMode.PREPAID,
        balance="52.30",
        credit_limit="0",
        ready=True,
        packs=("data-1gb", "voice-200min"),
    ),
    DemoNumber(
        holder="张三",
        birth="19491231",
        sequence=1,
        number="18612340001",
        payment_mode=PaymentMode.PREPAID,
        balance="52.30",
        credit_limit="0",
        ready=False,
        packs=("data-100mb",),
        joins="18612345678",
    ),
    DemoNumber(
        holder="李四",
        birth="19850517",
        sequence=3,
        number="18687654321",
        payment_mode=PaymentMode.POSTPAID,
        balance="0",
        credit_limit="100",
        ready=True,
        packs=("data-300mb", "sms-200"),
    ),
    DemoNumber(
        holder="王五",
        birth="19900305",
        sequence=4,
        number="18687650000",
        payment_mode=PaymentMode.PREPAID,
        balance="80.00",
        credit_limit="0",
        ready=True,
        plan="3g-basic-a-46",
    ),
)
"""The demo's numbers: two of 张三's on one account (one still on its initial password), one
of 李四's (postpaid), and 王五's 3G number on a 3G plan, which may upgrade to 4G (F-BIZ-4)."""

JOINED = dt.date(2012, 3, 1)
"""The day the demo's numbers joined the network (their network age, F-BIZ-7)."""


def _resident_id(demo: DemoNumber) -> str:
    first17 = f"110105{demo.birth}{demo.sequence:03d}"
    return first17 + check_character(first17)


def _enrol(hall: BusinessHall, demo: DemoNumber, enrolled: dict[str, DemoNumber]) -> DemoNumber:
    """Enrol the demo number (F-SHOP-3, F-REAL-1) unless it is; the number with its ids.

    The holder types the demo's initial password at the counter; a number that is ``ready``
    changes it once, when first enrolled.
    """
    shared = enrolled[demo.joins].account if demo.joins is not None else None
    try:
        done = _enrolment(hall, demo, shared)
    except Conflict as held:  # a database seeded by an earlier demo: keep its number
        with hall.storage.read() as tx:
            stored = tx.subscribers.find_by_number(MobileNumber(demo.number))
        if held.code != "storage.duplicate_number" or stored is None:
            raise
        return attrs.evolve(
            demo, customer=stored.customer_id, account=stored.account_id, subscriber=stored.id
        )
    if demo.holder == LEGACY_HOLDER and shared is None and not done.replayed:
        _as_legacy(hall, done.customer.id)
    if demo.ready and not done.replayed:
        hall.access.change_password(
            LoginType.MOBILE, demo.number, INITIAL_PASSWORD, READY_PASSWORD, client="demo-seed"
        )
    return attrs.evolve(
        demo, customer=done.customer.id, account=done.account.id, subscriber=done.subscriber.id
    )


LEGACY_HOLDER = "张三"
"""The demo's holder from before the real-name rules, who re-registers (实名补登记, F-REAL-2)."""


def _as_legacy(hall: BusinessHall, customer_id: str) -> None:
    """Mark the holder's real name as never registered, as a pre-2013 import would bring it.

    Enrolment makes verified customers only (F-REAL-1); a carrier's old numbers arrive from its
    previous system without complete real-name data. The demo keeps one such holder, so that
    实名补登记 has someone to serve; this is the one record the seed writes by hand.
    """
    with hall.storage.transaction() as tx:
        customer = tx.customers.get(CustomerId(customer_id))
        update(customer, real_name_status=RealNameStatus.UNVERIFIED)
        tx.customers.save(customer)


def _enrolment(hall: BusinessHall, demo: DemoNumber, shared: str | None) -> Enrolled:
    new_account = shared is None
    return hall.subscribers.enrol(
        request_id=demo.request_id,
        name=demo.holder,
        resident_id=_resident_id(demo),
        number=demo.number,
        plan_code=demo.plan,
        packs=demo.packs,
        payment_mode=demo.payment_mode,
        credit_limit=Money.of_yuan(demo.credit_limit) if new_account else None,
        prestore=Money.of_yuan(demo.balance) if new_account else None,
        joined_on=JOINED,
        account_id=shared,
        initial_password=INITIAL_PASSWORD,
        actor="cli:demo-seed",
    )


def seed(hall: BusinessHall) -> tuple[DemoNumber, ...]:
    """Enrol the demo's numbers through ``hall.subscribers.enrol`` unless enrolled; with ids."""
    enrolled: dict[str, DemoNumber] = {}
    for demo in DEMO_NUMBERS:
        enrolled[demo.number] = _enrol(hall, demo, enrolled)
    return tuple(enrolled.values())


HISTORY = 5
"""How many months before this one are billed."""
_MB = 1024 * 1024


def _usage(number: DemoNumber, cycle: BillingCycle, now: dt.datetime) -> tuple[UsageRecord, ...]:
    """Some calls, messages and data of ``number`` early in ``cycle`` (never after ``now``)."""
    uses = (
        (UsageKind.VOICE, 14 * 60, "10010"),
        (UsageKind.SMS, 3, "10086"),
        (UsageKind.DATA, 300 * _MB, "3gnet"),
        (UsageKind.VOICE, 95 * 60, "18687654321"),
    )
    records = []
    for index, (kind, quantity, detail) in enumerate(uses):
        started = cycle.start + dt.timedelta(hours=1 + 7 * index)
        if started < now:
            record_id = f"demo-{cycle}-{number.number}-{index}"
            records.append(UsageRecord(record_id, number.number, kind, started, quantity, detail))
    return tuple(records)


def _settle(hall: BusinessHall, number: DemoNumber, month: BillingCycle) -> None:
    """Pay what the account's bills owe and restore its demo balance, once per month."""
    now = hall.clock.now()
    with hall.storage.transaction() as tx:
        bills = tx.bills.unsettled_of_account(number.account)
        owed = Money.total(bill.owed_at(now) for bill in bills)
        balance = tx.accounts.get(AccountId(number.account)).balance
    shortfall = Money.of_yuan(number.balance) - balance
    amount = owed + (shortfall if shortfall.is_positive else Money.zero())
    if amount.is_positive:
        payment_id = f"demo-settle-{number.account}-{month}"
        hall.billing.record_payment(number.account, amount, payment_id=payment_id)


def seed_billing(hall: BusinessHall, numbers: tuple[DemoNumber, ...] | None = None) -> None:
    """Usage, and the last five months billed and paid.

    ``numbers``: the enrolled demo numbers (:func:`seed`; enrolled here unless given).
    """
    enrolled = seed(hall) if numbers is None else numbers
    current = BillingCycle.containing(hall.clock.now())
    last = current.previous()
    for cycle in (last, current):
        records = tuple(
            record for number in enrolled for record in _usage(number, cycle, hall.clock.now())
        )
        hall.billing.ingest(UsageBatch(f"demo-usage-{cycle}", records))
    for back in range(HISTORY, 0, -1):
        hall.billing.close_cycle(BillingCycle.from_anchor(current, -back))
    for account in sorted({number.account for number in enrolled}):
        _settle(hall, next(n for n in enrolled if n.account == account), current)


CARD_STOCK = {"recharge-card-50": 20, "recharge-card-100": 20}
"""The online recharge cards the demo keeps in stock, by product."""


def seed_cards(hall: BusinessHall) -> None:
    """Issue online recharge cards until each product's stock is back to :data:`CARD_STOCK`."""
    for code, wanted in CARD_STOCK.items():
        face = hall.catalog.price(code, Channel.ONLINE_HALL).list_price
        with hall.storage.transaction() as tx:
            have = len(tx.recharge_cards.in_stock(face, wanted))
        if have < wanted:
            hall.recharge_cards.issue_batch(code, wanted - have, kind=BatchKind.ONLINE)


SHOP_STOCK = {"phone-4g-basic": 10, "data-card-4g": 20, "accessory-charger": 0}
"""The units of the shop's goods the demo keeps in stock (the charger is sold out, F-SHOP-1)."""


def seed_stock(hall: BusinessHall) -> None:
    """Restock the shop's goods until each is back to :data:`SHOP_STOCK` (operator)."""
    in_stock = {item.product.code: item.in_stock for item in hall.shop.products()}
    for code, wanted in SHOP_STOCK.items():
        have = in_stock.get(code, wanted)
        if have < wanted:
            hall.shop.restock(code, wanted - have)


POOL_SIZE = 3000
"""How many numbers the demo's shop offers (号码随心搜, F-NUM-1)."""
_POOL_CITIES = (("北京", "北京"), ("广东", "广州"), ("广东", "深圳"), ("上海", "上海"))


def seed_pool(hall: BusinessHall) -> int:
    """Put a few thousand numbers in the pool unless there are some; how many were added.

    Drawn from a fixed seed over 186, 185 and 156, with a premium tail every so often so that
    every tier shows; one in fifty is held back by the carrier.
    """
    if hall.numbers.search(NumberQuery(limit=1)).items:
        return 0
    draw = random.Random(186)  # noqa: S311 - demo data
    chosen: set[str] = set()
    while len(chosen) < POOL_SIZE:
        body = f"{draw.randrange(10**8):08d}"
        if draw.random() < 0.05:  # noqa: PLR2004 - a premium tail now and then
            body = body[:4] + draw.choice(("8888", "6666", "1234", "5678", "1314", "0520"))
        chosen.add(draw.choice(("186", "185", "156")) + body)
    entries = [
        PoolEntry(number, *_POOL_CITIES[index % len(_POOL_CITIES)], held=index % 50 == 0)
        for index, number in enumerate(sorted(chosen))
    ]
    return hall.numbers.load(entries)
