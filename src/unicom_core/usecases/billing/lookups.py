"""Small look-ups the billing use cases share: the catalogue, a number's owner, members."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, TypeVar

from unicom_core.domain.catalog import CATALOG_NOT_INSTALLED
from unicom_core.domain.shared import BroadbandAccount, FixedLineNumber, MobileNumber
from unicom_core.errors import InvalidInput
from unicom_core.ports.shared import PageRequest

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from unicom_core.domain.catalog import Catalog
    from unicom_core.domain.subscribers import Account, Subscriber
    from unicom_core.ports.billing import BillingUnitOfWork

__all__ = ["OwnerCache", "chunks", "load_catalog", "resolve_number", "subscribers_of"]

_PAGE = 500
_T = TypeVar("_T")


def chunks(items: Sequence[_T], size: int) -> list[Sequence[_T]]:
    """``items`` cut in runs of ``size`` (the last one shorter)."""
    return [items[start : start + size] for start in range(0, len(items), size)]


def load_catalog(tx: BillingUnitOfWork, catalog_id: str) -> Catalog:
    """The stored catalogue; ``NotFound`` ``catalog.not_installed`` without one."""
    catalog = tx.catalogs.find(catalog_id)  # type: ignore[arg-type]  # a CatalogId
    if catalog is None:
        raise CATALOG_NOT_INSTALLED.error(
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

    def resolve_many(
        self, tx: BillingUnitOfWork, numbers: Iterable[str]
    ) -> dict[str, tuple[str, str] | None]:
        """:meth:`resolve` for each distinct number of a batch, the cache locked once."""
        wanted = set(numbers)
        with self._lock:
            found: dict[str, tuple[str, str] | None] = {
                number: self._found.get(number) for number in wanted
            }
        for number, owner in found.items():
            if owner is None:
                found[number] = self.resolve(tx, number)
        return found


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
