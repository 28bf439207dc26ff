"""The shared base of the storage contract: the factory method and the helpers its parts use."""

from __future__ import annotations

import abc
import datetime as dt
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from hypothesis import HealthCheck, settings

from unicom_core.domain.shared import SHANGHAI
from unicom_core.domain.subscribers import Account, Customer, Subscriber

if TYPE_CHECKING:
    from collections.abc import Iterator

    from unicom_core.ports.shared import Repository
    from unicom_core.ports.storage import Storage, UnitOfWork

__all__ = [
    "AT",
    "FEW",
    "SOME",
    "Aggregate",
    "InjectedFailure",
    "StorageContractBase",
    "inject_failure",
    "repository_for",
]

AT = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
"""The instant the contract's domain changes happen at (the 517 festival)."""

_CHECKS = [HealthCheck.differing_executors, HealthCheck.too_slow]
# ``differing_executors``: the same test runs on one subclass per adapter, by design.
FEW = settings(max_examples=8, deadline=None, suppress_health_check=_CHECKS)
"""Scenario tests: a few drawn examples, each on a fresh storage."""
SOME = settings(max_examples=25, deadline=None, suppress_health_check=_CHECKS)
"""Round-trip properties: more examples."""

Aggregate = Customer | Subscriber | Account


class InjectedFailure(Exception):
    """Raised inside a ``with storage.transaction()`` block to check the rollback."""


def inject_failure() -> None:
    """Raise :class:`InjectedFailure` (typed as returning, so the code after it type-checks)."""
    raise InjectedFailure


def repository_for(tx: UnitOfWork, aggregate: Aggregate) -> Repository[Any, Any]:
    """The repository of the unit of work that stores ``aggregate``'s kind."""
    if isinstance(aggregate, Customer):
        return tx.customers
    if isinstance(aggregate, Subscriber):
        return tx.subscribers
    return tx.accounts


class StorageContractBase(abc.ABC):
    """The factory method every storage contract test calls, and its helpers."""

    @abc.abstractmethod
    def make_storage(self) -> Storage:
        """Return a new, empty storage; the test closes it when done."""

    @contextmanager
    def opened(self) -> Iterator[Storage]:
        """A storage from :meth:`make_storage`, closed after the block."""
        storage = self.make_storage()
        try:
            yield storage
        finally:
            storage.close()

    def store(self, storage: Storage, *aggregates: Aggregate) -> None:
        """Add new aggregates in one committed transaction."""
        with storage.transaction() as tx:
            for aggregate in aggregates:
                repository_for(tx, aggregate).add(aggregate)

    def reload(self, storage: Storage, aggregate: Aggregate) -> Aggregate:
        """The stored copy of ``aggregate``, read in a transaction of its own."""
        with storage.transaction() as tx:
            stored: Aggregate = repository_for(tx, aggregate).get(aggregate.id)
        return stored
