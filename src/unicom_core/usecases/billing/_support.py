"""What the billing use cases share: settings, the retrying transaction, small look-ups."""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs

from unicom_core.domain.billing import (
    Bill,
    BillingCalendar,
    BillingProfile,
    BillPolicy,
    CalendarSettings,
    DefaultRates,
    UsageTotals,
    charge_cycle,
    compose_bill,
)
from unicom_core.domain.catalog import DEFAULT_CATALOG_ID, Catalog
from unicom_core.domain.shared import (
    BillingCycle,
    BroadbandAccount,
    FixedLineNumber,
    MobileNumber,
    instance_of,
    to_shanghai,
)
from unicom_core.errors import Conflict, InvalidInput, NotFound
from unicom_core.ports.billing import BillingUnitOfWork
from unicom_core.ports.shared import PageRequest

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from unicom_core.domain.shared import DomainEvent
    from unicom_core.domain.subscribers import Account, Subscriber
    from unicom_core.ports.billing import BillingStorage
    from unicom_core.ports.shared import Clock, Repository

__all__ = [
    "BillingSettings",
    "ChunkBiller",
    "OwnerCache",
    "Versioned",
    "load_catalog",
    "publish",
    "put",
    "resolve_number",
    "run",
    "subscribers_of",
]

_T = TypeVar("_T")
_PAGE = 500


def _at_least(minimum: int) -> Callable[[object, attrs.Attribute[int], object], None]:
    def check(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise InvalidInput(
                "billing.settings", f"{attribute.name} is >= {minimum}", field=attribute.name
            )

    return check


@attrs.frozen(slots=True, kw_only=True)
class BillingSettings:
    """Every configurable of the billing area, with the published defaults (F-CAL, F-QRY).

    ``open_months``: how many cycles, the current one included, take usage records (default 2:
    late records of last month are still taken until its bill run starts);
    ``chunk_size``: accounts billed per bill-run transaction (what a crash may redo);
    ``conflict_retries``: how often a use case re-runs after a concurrent write.
    """

    calendar: CalendarSettings = attrs.field(
        factory=CalendarSettings, validator=instance_of(CalendarSettings, "billing.settings")
    )
    bills: BillPolicy = attrs.field(
        factory=BillPolicy, validator=instance_of(BillPolicy, "billing.settings")
    )
    rates: DefaultRates = attrs.field(
        factory=DefaultRates, validator=instance_of(DefaultRates, "billing.settings")
    )
    catalog_id: str = attrs.field(default=DEFAULT_CATALOG_ID)
    open_months: int = attrs.field(default=2, validator=_at_least(1))
    chunk_size: int = attrs.field(default=100, validator=_at_least(1))
    conflict_retries: int = attrs.field(default=5, validator=_at_least(1))

    @property
    def billing_calendar(self) -> BillingCalendar:
        """The calendar these settings configure."""
        return BillingCalendar(self.calendar)


class Versioned(Protocol):
    """An aggregate with a version (0: not stored yet)."""

    version: int


_A = TypeVar("_A", bound=Versioned)


def put(repository: Repository[_A, Any], record: _A) -> None:
    """Add a new record (version 0) or save a loaded one."""
    if record.version == 0:
        repository.add(record)
    else:
        repository.save(record)


def publish(tx: BillingUnitOfWork, events: Iterable[DomainEvent]) -> None:
    """Append ``events`` to the transaction's outbox."""
    for event in events:
        tx.outbox.append(event)


def run(
    storage: BillingStorage,
    clock: Clock,
    work: Callable[[BillingUnitOfWork, datetime], _T],
    retries: int,
    retry_on: frozenset[str] = frozenset({"storage.version_conflict"}),
) -> _T:
    """Run ``work`` in one transaction at the clock's instant; re-run it on a clash in ``retry_on``.

    A bill-run chunk also retries ``storage.duplicate``: a concurrent run of the same cycle
    issued the bill first, and the retry reads its cursor and moves on.
    """
    for attempt in range(retries):
        try:
            with storage.transaction() as tx:
                return work(tx, to_shanghai(clock.now(), field="clock"))
        except Conflict as clash:
            if clash.code not in retry_on or attempt == retries - 1:
                raise
    raise AssertionError(retries)  # pragma: no cover - retries >= 1 by the settings


def load_catalog(tx: BillingUnitOfWork, catalog_id: str) -> Catalog:
    """The stored catalogue; ``NotFound`` ``catalog.not_installed`` without one."""
    catalog = tx.catalogs.find(catalog_id)  # type: ignore[arg-type]  # a CatalogId
    if catalog is None:
        raise NotFound(
            "catalog.not_installed",
            f"no catalogue {catalog_id!r} is stored; install one (bootstrap does)",
            catalog_id=catalog_id,
        )
    return catalog


def resolve_number(tx: BillingUnitOfWork, text: str) -> Subscriber | None:
    """The subscriber of a number as a switch writes it: mobile, fixed line or broadband."""
    for kind in (MobileNumber, FixedLineNumber, BroadbandAccount):
        try:
            identifier = kind.parse(text)
        except InvalidInput:
            continue
        found = tx.subscribers.find_by_number(identifier)
        if found is not None:
            return found
    return None


class OwnerCache:
    """Which subscriber and account hold a number, remembered across batches (F-QRY-2).

    Safe to remember: a number is never recycled (the storage port's uniqueness rule) and a
    subscriber's id and account never change (guarded fields), so a found owner stays right.
    Unknown numbers are not remembered (a number may be provisioned later). Bounded, oldest
    forgotten first; thread-safe.
    """

    def __init__(self, size: int = 200_000) -> None:
        self._size = size
        self._found: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self._lock = threading.Lock()

    def resolve(self, tx: BillingUnitOfWork, number: str) -> tuple[str, str] | None:
        """The (subscriber id, account id) holding ``number`` as written by a switch, or None."""
        with self._lock:
            found = self._found.get(number)
        if found is not None:
            return found
        subscriber = resolve_number(tx, number)
        if subscriber is None:
            return None
        owner = (subscriber.id, subscriber.account_id)
        with self._lock:
            self._found[number] = owner
            if len(self._found) > self._size:
                self._found.popitem(last=False)
        return owner


def subscribers_of(tx: BillingUnitOfWork, account: Account) -> list[Subscriber]:
    """The subscribers an account pays for, by id (its customer's numbers on that account)."""
    found: list[Subscriber] = []
    page = PageRequest(0, _PAGE)
    while True:
        batch = tx.subscribers.list_by_customer(account.customer_id, page)
        found += [s for s in batch.items if s.account_id == account.id]
        if not batch.has_more:
            return found
        page = page.next()


@attrs.frozen
class ChunkBiller:
    """What billing one chunk of accounts shares: the transaction, the cycle, the data read."""

    tx: BillingUnitOfWork
    now: datetime
    cycle: BillingCycle
    catalog: Catalog
    profiles: dict[str, BillingProfile]
    totals: dict[str, UsageTotals]
    settings: BillingSettings

    def issue(self, account: Account, members: Sequence[Subscriber]) -> Bill:
        """Rate, price and issue the account's bill; settle it from a positive balance."""
        charges = [
            charge_cycle(
                self.catalog,
                s,
                self.profiles.get(s.id),
                self.cycle,
                self.totals.get(s.id, UsageTotals()),
                defaults=self.settings.rates,
            )
            for s in members
        ]
        bill, events = compose_bill(
            account.id, self.cycle, charges, self.settings.bills, at=self.now
        )
        events += self._settle_from_balance(account, bill)
        self.tx.bills.add(bill)
        publish(self.tx, events)
        return bill

    def _settle_from_balance(self, account: Account, bill: Bill) -> tuple[DomainEvent, ...]:
        """A credit bill credits the account; a positive balance pays the bill at once."""
        events: tuple[DomainEvent, ...] = ()
        if bill.total.is_negative:
            events = account.credit(-bill.total, at=self.now)
        elif account.balance.is_positive and bill.principal:
            paid, events = bill.pay(f"balance:{bill.id}", account.balance, at=self.now)
            if paid:
                events += account.debit(paid, at=self.now)
        if events:
            self.tx.accounts.save(account)
        return events
