"""The TMF event hubs in SQL: listeners and their deliveries.

Both are aggregate rows like every other (id, version, the cattrs body) with the columns
their queries need. ``hub_subscriptions``: the API and the state (a suspended listener's
deliveries are not due). ``hub_deliveries``: the listener, the event order
(``sequence``), when it is due and when it was delivered (UTC microseconds,
:func:`unicom_sql.repositories.micros`; ``delivered_at_us`` NULL while pending). ``due``
joins the two so a suspended listener's deliveries stay stored and out of the way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, Column, Index, String, delete, func, select

from unicom_core.domain.shared import (
    STORAGE_VERSION_CONFLICT,
    Delivery,
    HubSubscription,
    SubscriptionState,
    to_shanghai,
)
from unicom_core.ports.shared import (
    DeliveryRepository,
    HubSubscriptionRepository,
    check_limit,
    check_outbox_limit,
)
from unicom_sql import schema
from unicom_sql.repositories import _Kind, _Listing, micros

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Select

    from unicom_sql._session import Session

__all__ = [
    "SqlDeliveryRepository",
    "SqlHubRepositories",
    "SqlHubSubscriptionRepository",
    "hub_deliveries",
    "hub_subscriptions",
]

_ACTIVE = SubscriptionState.ACTIVE.value

hub_subscriptions = schema.aggregate_table(
    "hub_subscriptions",
    Column("api", String(16), nullable=False),
    Column("state", String(16), nullable=False),
)
"""TMF listeners (TMF630 hubs): the API they listen to, active or suspended."""

hub_deliveries = schema.aggregate_table(
    "hub_deliveries",
    Column("subscription_id", schema.Id, nullable=False),
    Column("sequence", BigInteger, nullable=False),
    Column("next_attempt_at_us", BigInteger, nullable=False),
    Column("delivered_at_us", BigInteger, nullable=True),
    Index("ix_hub_deliveries_due", "delivered_at_us", "next_attempt_at_us"),
    Index("ix_hub_deliveries_subscription_id", "subscription_id", "sequence"),
)
"""Notifications on their way to listeners: due ones by event order (``sequence``)."""


def _subscription_keys(subscription: HubSubscription) -> dict[str, object]:
    return {"api": subscription.api, "state": subscription.state.value}


def _delivery_keys(delivery: Delivery) -> dict[str, object]:
    delivered = delivery.delivered_at
    return {
        "subscription_id": delivery.subscription_id,
        "sequence": delivery.sequence,
        "next_attempt_at_us": micros(delivery.next_attempt_at),
        "delivered_at_us": None if delivered is None else micros(delivered),
    }


SUBSCRIPTIONS = _Kind("hub_subscription", hub_subscriptions, HubSubscription, _subscription_keys)
DELIVERIES = _Kind("delivery", hub_deliveries, Delivery, _delivery_keys)


class SqlHubSubscriptionRepository(_Listing, HubSubscriptionRepository):
    """Listeners in table ``hub_subscriptions``."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, SUBSCRIPTIONS)

    def list_all(self, limit: int, /) -> list[HubSubscription]:
        """At most ``limit`` listeners, by id."""
        count = check_limit(limit)
        return self._rows(self._bodies().order_by(self._table.c.id).limit(count))

    def count(self) -> int:
        """How many listeners are registered."""
        total = select(func.count()).select_from(self._table)
        return int(self._session.execute(total).scalar_one())

    def remove(self, subscription: HubSubscription, /) -> None:
        """Delete the listener if its row still has the version read."""
        t = self._table
        statement = delete(t).where(t.c.id == subscription.id, t.c.version == subscription.version)
        if self._session.execute(statement).rowcount == 1:
            return
        if not self._exists(t.c.id == subscription.id):
            raise self._not_found(subscription.id)
        raise STORAGE_VERSION_CONFLICT.error(
            f"the listener changed since it was read (version {subscription.version})",
            kind=self._kind.name,
            id=subscription.id,
            version=subscription.version,
        )


class SqlDeliveryRepository(_Listing, DeliveryRepository):
    """Deliveries in table ``hub_deliveries``."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, DELIVERIES)

    def due(self, now: datetime, limit: int, /) -> list[Delivery]:
        """Undelivered deliveries due at ``now`` of active listeners, by sequence."""
        count, at = check_outbox_limit(limit), micros(to_shanghai(now, field="now"))
        t, s = self._table, hub_subscriptions
        active = select(s.c.id).where(s.c.id == t.c.subscription_id, s.c.state == _ACTIVE)
        query = self._bodies(
            t.c.delivered_at_us.is_(None), t.c.next_attempt_at_us <= at, active.exists()
        )
        return self._rows(query.order_by(t.c.sequence, t.c.subscription_id).limit(count))

    def pending_of(self, subscription_id: str, after: int, limit: int, /) -> list[Delivery]:
        """Undelivered deliveries of one listener with a sequence above ``after``, in order."""
        count, t = check_outbox_limit(limit), self._table
        query = self._bodies(
            t.c.subscription_id == subscription_id,
            t.c.delivered_at_us.is_(None),
            t.c.sequence > after,
        )
        return self._rows(query.order_by(t.c.sequence, t.c.id).limit(count))

    def delete_of(self, subscription_id: str, limit: int, /) -> int:
        """Delete at most ``limit`` deliveries of one listener."""
        count, t = check_outbox_limit(limit), self._table
        chosen = select(t.c.id).where(t.c.subscription_id == subscription_id).limit(count)
        return self._delete(chosen)

    def purge_delivered(self, before: datetime, limit: int, /) -> int:
        """Delete at most ``limit`` deliveries delivered before ``before``."""
        count = check_outbox_limit(limit)
        at, t = micros(to_shanghai(before, field="before")), self._table
        chosen = (
            select(t.c.id)
            .where(t.c.delivered_at_us.is_not(None), t.c.delivered_at_us < at)
            .order_by(t.c.delivered_at_us, t.c.id)
            .limit(count)
        )
        return self._delete(chosen)

    def _delete(self, chosen: Select[Any]) -> int:
        ids = [row.id for row in self._session.execute(chosen)]
        if not ids:
            return 0
        self._session.execute(delete(self._table).where(self._table.c.id.in_(ids)))
        return len(ids)


class SqlHubRepositories:
    """``tx.hub_subscriptions`` and ``tx.hub_deliveries`` of a SQL unit of work."""

    _session: Session
    _hub_subscriptions: SqlHubSubscriptionRepository | None
    _hub_deliveries: SqlDeliveryRepository | None

    def _init_hubs(self, _session: Session) -> None:
        self._hub_subscriptions = self._hub_deliveries = None  # built on first use

    @property
    def hub_subscriptions(self) -> SqlHubSubscriptionRepository:
        """The registered TMF listeners."""
        self._session.check_open()
        if self._hub_subscriptions is None:
            self._hub_subscriptions = SqlHubSubscriptionRepository(self._session)
        return self._hub_subscriptions

    @property
    def hub_deliveries(self) -> SqlDeliveryRepository:
        """The deliveries of notifications to listeners."""
        self._session.check_open()
        if self._hub_deliveries is None:
            self._hub_deliveries = SqlDeliveryRepository(self._session)
        return self._hub_deliveries
