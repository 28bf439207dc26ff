"""The TMF event hubs in memory: listeners and their deliveries.

:class:`HubTables` holds the committed rows inside a
:class:`~unicom_core.memory.storage.MemoryStorage`; :class:`MemoryHubRepositories` mixes
``tx.hub_subscriptions`` and ``tx.hub_deliveries`` into the memory unit of work. Deletions
are staged until the transaction commits, like every write. ``due`` reads the listeners as
the same transaction sees them (a suspended listener's deliveries are not due).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from unicom_core.domain.shared import Delivery, HubSubscription, to_shanghai
from unicom_core.memory._repositories import Table
from unicom_core.memory.access_storage import _PurgeableRepository
from unicom_core.ports.shared import (
    DeliveryRepository,
    HubSubscriptionRepository,
    check_limit,
    check_outbox_limit,
)

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable
    from datetime import datetime

__all__ = [
    "HubTables",
    "MemoryDeliveryRepository",
    "MemoryHubRepositories",
    "MemoryHubSubscriptionRepository",
]


class HubTables:
    """The committed listeners and deliveries of one memory store (the store's lock)."""

    def __init__(self) -> None:
        self.subscriptions = Table[HubSubscription]("hub_subscription")
        self.deliveries = Table[Delivery]("delivery")


class _Visible(_PurgeableRepository[Any]):
    def _live(self, wanted: Callable[[Any], bool]) -> list[Any]:
        """Copies of the rows ``wanted`` selects as this transaction sees them."""
        self._check_open()
        with self._lock:
            ids = {*self._table.rows, *self._writes} - self._deleted.keys()
            return copy.deepcopy([row for i in ids if wanted(row := self._visible(i))])

    def _delete_where(
        self, wanted: Callable[[Any], bool], order: Callable[[Any], Any], n: int
    ) -> int:
        """Stage the deletion of at most ``n`` rows ``wanted`` selects, first by ``order``."""
        chosen = sorted(self._live(wanted), key=order)[:n]
        for row in chosen:
            self.remove(row)
        return len(chosen)


class MemoryHubSubscriptionRepository(_Visible, HubSubscriptionRepository):
    """Listeners in memory."""

    def list_all(self, limit: int, /) -> list[HubSubscription]:
        """At most ``limit`` listeners, by id."""
        count = check_limit(limit)
        return sorted(self._live(lambda _: True), key=lambda s: s.id)[:count]

    def count(self) -> int:
        """How many listeners this transaction sees."""
        return len(self._live(lambda _: True))


class MemoryDeliveryRepository(_Visible, DeliveryRepository):
    """Deliveries in memory; ``due`` looks their listeners up in the same transaction."""

    def __init__(
        self,
        table: Table[Delivery],
        lock: threading.Lock,
        check_open: Callable[[], None],
        subscriptions: MemoryHubSubscriptionRepository,
    ) -> None:
        super().__init__(table, lock, check_open)
        self._subscriptions = subscriptions

    def due(self, now: datetime, limit: int, /) -> list[Delivery]:
        """Undelivered deliveries due at ``now`` of active listeners, by sequence."""
        count, at = check_outbox_limit(limit), to_shanghai(now, field="now")
        active = {s.id for s in self._subscriptions._live(lambda s: s.active)}  # noqa: SLF001
        found = self._live(
            lambda d: d.pending and d.next_attempt_at <= at and d.subscription_id in active
        )
        return sorted(found, key=lambda d: (d.sequence, d.subscription_id))[:count]

    def pending_of(self, subscription_id: str, after: int, limit: int, /) -> list[Delivery]:
        """Undelivered deliveries of one listener with a sequence above ``after``, in order."""
        count = check_outbox_limit(limit)
        found = self._live(
            lambda d: d.pending and d.subscription_id == subscription_id and d.sequence > after
        )
        return sorted(found, key=lambda d: (d.sequence, d.id))[:count]

    def delete_of(self, subscription_id: str, limit: int, /) -> int:
        """Delete at most ``limit`` deliveries of one listener (staged until commit)."""
        count = check_outbox_limit(limit)
        return self._delete_where(
            lambda d: d.subscription_id == subscription_id, lambda d: (d.sequence, d.id), count
        )

    def purge_delivered(self, before: datetime, limit: int, /) -> int:
        """Delete at most ``limit`` deliveries delivered before ``before``."""
        count, at = check_outbox_limit(limit), to_shanghai(before, field="before")
        return self._delete_where(
            lambda d: d.delivered_at is not None and d.delivered_at < at,
            lambda d: (d.delivered_at, d.id),
            count,
        )


class MemoryHubRepositories:
    """``tx.hub_subscriptions`` and ``tx.hub_deliveries`` of a memory unit of work."""

    _hub_subscriptions: MemoryHubSubscriptionRepository
    _hub_deliveries: MemoryDeliveryRepository

    def _check_open(self) -> None:
        raise NotImplementedError

    def _init_hubs(
        self, tables: HubTables, lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        self._hub_subscriptions = MemoryHubSubscriptionRepository(
            tables.subscriptions, lock, check_open
        )
        self._hub_deliveries = MemoryDeliveryRepository(
            tables.deliveries, lock, check_open, self._hub_subscriptions
        )

    def _hub_repositories(self) -> tuple[_Visible, _Visible]:
        return (self._hub_subscriptions, self._hub_deliveries)

    @property
    def hub_subscriptions(self) -> MemoryHubSubscriptionRepository:
        """The registered TMF listeners."""
        self._check_open()
        return self._hub_subscriptions

    @property
    def hub_deliveries(self) -> MemoryDeliveryRepository:
        """The deliveries of notifications to listeners."""
        self._check_open()
        return self._hub_deliveries
