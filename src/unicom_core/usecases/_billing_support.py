"""What the billing use cases share: settings, the retrying transaction, small look-ups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs

from unicom_core.domain._aggregate import instance_of
from unicom_core.domain.billing_calendar import BillingCalendar, CalendarSettings
from unicom_core.domain.bills import BillPolicy
from unicom_core.domain.calendar import to_shanghai
from unicom_core.domain.catalog import DEFAULT_CATALOG_ID, Catalog
from unicom_core.domain.phone import BroadbandAccount, FixedLineNumber, MobileNumber
from unicom_core.domain.rating import DefaultRates
from unicom_core.errors import Conflict, InvalidInput, NotFound
from unicom_core.ports.storage import PageRequest

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import datetime

    from unicom_core.domain.events import DomainEvent
    from unicom_core.domain.subscribers import Account, Subscriber
    from unicom_core.ports.billing_storage import BillingStorage, BillingUnitOfWork
    from unicom_core.ports.clock import Clock
    from unicom_core.ports.storage import Repository

__all__ = [
    "BillingSettings",
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
) -> _T:
    """Run ``work`` in one transaction at the clock's instant; re-run it on a version clash."""
    for attempt in range(retries):
        try:
            with storage.transaction() as tx:
                return work(tx, to_shanghai(clock.now(), field="clock"))
        except Conflict as clash:
            if clash.code != "storage.version_conflict" or attempt == retries - 1:
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
