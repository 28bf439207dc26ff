"""The demo hall's customers, numbers, accounts and billing history, seeded idempotently.

Running the demo twice changes nothing the first run stored: every record has a fixed id
and is added only when absent, a number's service password is set only once, usage records
are ingested by id, a bill run is run once per month, and the settling payment of a month
has an id of its own. The printed passwords are the demo's, on purpose: this is a sandbox.

The history: each number holds packs of the 4G combination plan from six months back;
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
from unicom_core.domain.shared import BillingCycle, LoginType, Money, ResidentId, check_character
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
from unicom_core.errors import Conflict
from unicom_core.ports.billing import UsageBatch
from unicom_core.usecases.numbers import PoolEntry

if TYPE_CHECKING:
    from unicom_core.hall import BusinessHall

__all__ = ["DEMO_NUMBERS", "DemoNumber", "seed", "seed_billing"]

COMBO = "4g-national-combo"
INITIAL_PASSWORD = "135790"  # noqa: S105 - the demo's published initial password
READY_PASSWORD = "284615"  # noqa: S105 - the demo's published changed password


@attrs.frozen
class DemoNumber:
    """A number of the demo: who holds it, its account, and how it logs in."""

    customer: str
    holder: str
    birth: str
    account: str
    subscriber: str
    number: str
    payment_mode: PaymentMode
    balance: str
    credit_limit: str
    ready: bool
    """True: the service password was changed already; False: still the initial one."""
    packs: tuple[str, ...] = ()
    """The packs of the combination plan the number holds."""
    plan: str = COMBO
    """The number's plan (the 4G combination plan unless said)."""
    generation: NetworkGeneration = NetworkGeneration.G4
    """The number's network: 3G for the one that shows the 4G upgrade (F-BIZ-4)."""

    @property
    def password(self) -> str:
        """The service password the demo gives this number."""
        return READY_PASSWORD if self.ready else INITIAL_PASSWORD


DEMO_NUMBERS = (
    DemoNumber(
        "demo-c1",
        "张三",
        "19491231",
        "demo-a1",
        "demo-s1",
        "18612345678",
        PaymentMode.PREPAID,
        "52.30",
        "0",
        ready=True,
        packs=("data-1gb", "voice-200min"),
    ),
    DemoNumber(
        "demo-c1",
        "张三",
        "19491231",
        "demo-a1",
        "demo-s2",
        "18612340001",
        PaymentMode.PREPAID,
        "52.30",
        "0",
        ready=False,
        packs=("data-100mb",),
    ),
    DemoNumber(
        "demo-c2",
        "李四",
        "19850517",
        "demo-a2",
        "demo-s3",
        "18687654321",
        PaymentMode.POSTPAID,
        "-12.00",
        "100",
        ready=True,
        packs=("data-300mb", "sms-200"),
    ),
    DemoNumber(
        "demo-c3",
        "王五",
        "19900305",
        "demo-a3",
        "demo-s4",
        "18687650000",
        PaymentMode.PREPAID,
        "80.00",
        "0",
        ready=True,
        plan="3g-basic-a-46",
        generation=NetworkGeneration.G3,
    ),
)
"""The demo's numbers: two of 张三's (one still on its initial password), one of 李四's,
and 王五's 3G number on a 3G plan, which may upgrade to 4G (F-BIZ-4)."""


def _resident_id(birth: str, sequence: int) -> ResidentId:
    first17 = f"110105{birth}{sequence:03d}"
    return ResidentId(first17 + check_character(first17))


def _store(hall: BusinessHall, demo: DemoNumber, sequence: int) -> bool:
    """Store the demo number's records that are missing; True if the number is new."""
    with hall.storage.transaction() as tx:
        if tx.customers.find(CustomerId(demo.customer)) is None:
            holder = _resident_id(demo.birth, sequence)
            tx.customers.add(Customer(CustomerId(demo.customer), demo.holder, holder))
        if tx.accounts.find(AccountId(demo.account)) is None:
            tx.accounts.add(
                Account(
                    AccountId(demo.account),
                    CustomerId(demo.customer),
                    Money.of_yuan(demo.balance),
                    Money.of_yuan(demo.credit_limit),
                )
            )
        if tx.subscribers.find(SubscriberId(demo.subscriber)) is not None:
            return False
        tx.subscribers.add(
            Subscriber(
                SubscriberId(demo.subscriber),
                CustomerId(demo.customer),
                AccountId(demo.account),
                ServiceNumber.parse(ServiceKind.MOBILE, demo.number),
                demo.plan,
                dt.date(2012, 3, 1),
                demo.payment_mode,
                demo.generation,
                "12345678",
            )
        )
        return True


def seed(hall: BusinessHall) -> tuple[DemoNumber, ...]:
    """Store the demo's customers, accounts and numbers unless stored; return them."""
    for sequence, demo in enumerate(DEMO_NUMBERS, start=1):
        if _store(hall, demo, sequence):
            hall.access.enroll(SubscriberId(demo.subscriber), INITIAL_PASSWORD)
            if demo.ready:
                hall.access.change_password(
                    LoginType.MOBILE,
                    demo.number,
                    INITIAL_PASSWORD,
                    READY_PASSWORD,
                    client="demo-seed",
                )
    return DEMO_NUMBERS


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
            record_id = f"demo-{cycle}-{number.subscriber}-{index}"
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


def seed_billing(hall: BusinessHall) -> None:
    """Packs held from six months back, usage, the last five months billed and paid."""
    current = BillingCycle.containing(hall.clock.now())
    since = BillingCycle.from_anchor(current, -HISTORY - 1).start
    for number in DEMO_NUMBERS:
        for pack in number.packs:
            try:
                hall.billing.hold_pack(number.subscriber, pack, starts=since)
            except Conflict as held:
                if held.code != "billing.pack_already_held":
                    raise
    last = current.previous()
    for cycle in (last, current):
        records = tuple(
            record for number in DEMO_NUMBERS for record in _usage(number, cycle, hall.clock.now())
        )
        hall.billing.ingest(UsageBatch(f"demo-usage-{cycle}", records))
    for back in range(HISTORY, 0, -1):
        hall.billing.close_cycle(BillingCycle.from_anchor(current, -back))
    for account in sorted({number.account for number in DEMO_NUMBERS}):
        _settle(hall, next(n for n in DEMO_NUMBERS if n.account == account), current)


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
