"""Storage contract: the TMF event hubs' listeners and deliveries.

A listener and a delivery read back equal under the same optimistic versions as every
aggregate; a delivery added twice (its id comes from listener and event) is
``storage.duplicate``; ``due`` lists only undelivered deliveries due now of ACTIVE
listeners, in event order; a suspended listener's deliveries stay stored; deletions of a
listener's deliveries and purges of delivered ones take effect in bounded batches.
"""

# A contract suite is tests shipped as a library: S101 (it asserts).
# ruff: noqa: S101

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from unicom_core.domain.shared import (
    SHANGHAI,
    Delivery,
    HubSubscription,
    SubscriptionState,
    delivery_id,
)
from unicom_core.errors import Conflict, NotFound
from unicom_core.testing.contracts._storage_base import StorageContractBase

__all__ = ["HubStorageContract", "delivery_of", "listener_of"]

_T0 = datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
_MINUTE = timedelta(minutes=1)


def listener_of(n: int, api: str = "TMF678") -> HubSubscription:
    """Listener ``s<n>`` of ``api``, registered at the start."""
    return HubSubscription(f"s{n}", api, f"https://l{n}.example/cb", "", f"secret-{n}", _T0)


def delivery_of(listener: str, sequence: int, minutes: int = 0) -> Delivery:
    """The delivery of event ``e<sequence>`` to ``listener``, due ``minutes`` after the start."""
    event = f"e{sequence}"
    due = _T0 + minutes * _MINUTE
    return Delivery(
        delivery_id(listener, event), listener, event, sequence, "T", '{"a":1}', _T0, due
    )


class HubStorageContract(StorageContractBase):
    """What every storage does with the hubs' listeners and deliveries."""

    def test_a_listener_and_a_delivery_read_back_equal_and_a_listener_is_removed(self) -> None:
        """Round trips as version 1; ``remove`` deletes the version read, once."""
        with self.opened() as storage:
            first, delivery = listener_of(1), delivery_of("s1", 7)
            with storage.transaction() as tx:
                tx.hub_subscriptions.add(listener_of(2))
                tx.hub_subscriptions.add(first)
                tx.hub_deliveries.add(delivery)
            with storage.read() as tx:
                assert tx.hub_subscriptions.get("s1") == first
                assert [s.id for s in tx.hub_subscriptions.list_all(10)] == ["s1", "s2"]
                assert tx.hub_subscriptions.count() == 2  # noqa: PLR2004
                stored = tx.hub_deliveries.get(delivery_id("s1", "e7"))
                assert stored == delivery
                assert stored.version == 1
            with storage.transaction() as tx:
                tx.hub_subscriptions.remove(tx.hub_subscriptions.get("s1"))
            with storage.read() as tx:
                assert tx.hub_subscriptions.find("s1") is None
                assert tx.hub_subscriptions.count() == 1

    def test_removing_a_stale_or_unknown_listener_is_refused(self) -> None:
        """A copy saved since it was read is a version conflict; an unknown one not found."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.hub_subscriptions.add(listener_of(1))
            with storage.read() as tx:
                stale = tx.hub_subscriptions.get("s1")
            with storage.transaction() as tx:
                fresh = tx.hub_subscriptions.get("s1")
                fresh.record_failure(_T0, "http.500", timedelta(hours=24))
                tx.hub_subscriptions.save(fresh)
            with pytest.raises(Conflict), storage.transaction() as tx:
                tx.hub_subscriptions.remove(stale)
            with pytest.raises(NotFound), storage.transaction() as tx:
                tx.hub_subscriptions.remove(listener_of(9))

    def test_a_delivery_is_queued_once_per_listener_and_event(self) -> None:
        """The id comes from listener and event: a second add is ``storage.duplicate``."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.hub_deliveries.add(delivery_of("s1", 1))
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                tx.hub_deliveries.add(delivery_of("s1", 1))
            assert raised.value.code == "storage.duplicate"

    def test_due_lists_pending_deliveries_of_active_listeners_in_event_order(self) -> None:
        """Not yet due, delivered, or of a suspended or removed listener: not listed."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.hub_subscriptions.add(listener_of(1))
                tx.hub_subscriptions.add(listener_of(2))
                down = listener_of(3)
                down.record_failure(_T0, "http.500", timedelta(minutes=1))
                down.record_failure(_T0 + _MINUTE, "http.500", timedelta(minutes=1))
                assert down.state is SubscriptionState.SUSPENDED
                tx.hub_subscriptions.add(down)
                for delivery in (
                    delivery_of("s2", 5),
                    delivery_of("s1", 5),
                    delivery_of("s1", 3),
                    delivery_of("s1", 9, minutes=10),  # not due yet
                    delivery_of("s3", 1),  # suspended listener
                    delivery_of("s4", 1),  # no such listener
                ):
                    tx.hub_deliveries.add(delivery)
                done = delivery_of("s2", 2)
                done.delivered(_T0, 200)
                tx.hub_deliveries.add(done)
            with storage.read() as tx:
                due = tx.hub_deliveries.due(_T0, 10)
                assert [(d.subscription_id, d.sequence) for d in due] == [
                    ("s1", 3),
                    ("s1", 5),
                    ("s2", 5),
                ]
                assert len(tx.hub_deliveries.due(_T0 + 10 * _MINUTE, 10)) == 4  # noqa: PLR2004
                assert len(tx.hub_deliveries.due(_T0, 1)) == 1
                kept = tx.hub_deliveries.pending_of("s3", -1, 10)
                assert [d.sequence for d in kept] == [1]
                after = tx.hub_deliveries.pending_of("s1", 3, 10)
                assert [d.sequence for d in after] == [5, 9]

    def test_deletions_take_a_listeners_deliveries_and_purge_delivered_ones(self) -> None:
        """``delete_of`` takes one listener's, ``purge_delivered`` the old delivered ones."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                for sequence in range(1, 4):
                    tx.hub_deliveries.add(delivery_of("s1", sequence))
                old = delivery_of("s2", 1)
                old.delivered(_T0, 204)
                tx.hub_deliveries.add(old)
                tx.hub_deliveries.add(delivery_of("s2", 2))
            with storage.transaction() as tx:
                assert tx.hub_deliveries.delete_of("s1", 2) == 2  # noqa: PLR2004
                assert tx.hub_deliveries.purge_delivered(_T0 + _MINUTE, 10) == 1
            with storage.read() as tx:
                assert len(tx.hub_deliveries.pending_of("s1", -1, 10)) == 1
                assert [d.sequence for d in tx.hub_deliveries.pending_of("s2", -1, 10)] == [2]
            with storage.transaction() as tx:
                assert tx.hub_deliveries.delete_of("s1", 10) == 1
                assert tx.hub_deliveries.purge_delivered(_T0 + _MINUTE, 10) == 0
