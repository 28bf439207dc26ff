"""The ports of the TMF event hubs: listeners and deliveries in storage, and the sender.

Part of the storage port (:class:`~unicom_core.ports.storage.UnitOfWork` offers
``tx.hub_subscriptions`` and ``tx.hub_deliveries``). Rules every adapter keeps (the
contract suite :mod:`unicom_core.testing.contracts._storage_hubs` checks them):

- a delivery's id is derived from its listener and event
  (:func:`~unicom_core.domain.shared.delivery_id`), so adding one twice is
  ``storage.duplicate``: an event is queued once per listener;
- :meth:`DeliveryRepository.due` lists undelivered deliveries due at ``now`` of ACTIVE
  listeners only, by ``sequence`` (the order of their events) then listener; a suspended
  listener's deliveries stay stored and are not due;
- deletions (:meth:`DeliveryRepository.delete_of`, :meth:`DeliveryRepository.purge_delivered`)
  take effect with the transaction, a bounded batch at a time.

:class:`WebhookSender` POSTs one notification; adapters: the HTTP sender of the web adapter
(:mod:`unicom_web.webhooks`) and the memory fake (:mod:`unicom_core.memory.webhooks`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from unicom_core.domain.shared import Delivery, HubSubscription
from unicom_core.ports.shared.repositories import Repository

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import datetime

__all__ = [
    "DeliveryRepository",
    "HubRepositories",
    "HubSubscriptionRepository",
    "WebhookSender",
]


class HubSubscriptionRepository(Repository[HubSubscription, str], Protocol):
    """The registered listeners by id."""

    def list_all(self, limit: int, /) -> Sequence[HubSubscription]:
        """At most ``limit`` (1..500) listeners, by id."""
        ...

    def count(self) -> int:
        """How many listeners are registered."""
        ...

    def remove(self, subscription: HubSubscription, /) -> None:
        """Delete ``subscription`` if it is still the version read (``Conflict`` if not)."""
        ...


class DeliveryRepository(Repository[Delivery, str], Protocol):
    """The deliveries of notifications to listeners, by id (module docstring)."""

    def due(self, now: datetime, limit: int, /) -> Sequence[Delivery]:
        """At most ``limit`` (1..500) undelivered deliveries of ACTIVE listeners due at ``now``.

        Due: ``next_attempt_at`` not after ``now``. Ordered by ``sequence``, then listener.
        """
        ...

    def pending_of(self, subscription_id: str, after: int, limit: int, /) -> Sequence[Delivery]:
        """At most ``limit`` (1..500) undelivered deliveries of one listener, by ``sequence``.

        Only those whose ``sequence`` is above ``after`` (-1: from the first).
        """
        ...

    def delete_of(self, subscription_id: str, limit: int, /) -> int:
        """Delete at most ``limit`` (1..500) deliveries of one listener; return how many."""
        ...

    def purge_delivered(self, before: datetime, limit: int, /) -> int:
        """Delete at most ``limit`` (1..500) deliveries delivered before ``before``."""
        ...


class HubRepositories(Protocol):
    """The repositories of the event hubs, as a unit of work offers them."""

    @property
    def hub_subscriptions(self) -> HubSubscriptionRepository:
        """The registered listeners."""
        ...

    @property
    def hub_deliveries(self) -> DeliveryRepository:
        """The deliveries, pending and delivered."""
        ...


class WebhookSender(Protocol):
    """POSTs a notification to a listener's callback (TMF630 listener operations)."""

    def post(self, url: str, body: bytes, headers: Mapping[str, str], /) -> int:
        """Send ``body`` with ``headers``; return the HTTP status the listener answered.

        Raises:
            AdapterError: ``hubs.unreachable`` when no answer came (refused, timed out,
                TLS failure); the delivery is retried like a failing status.
        """
        ...
