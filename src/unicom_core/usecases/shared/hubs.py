"""TMF event hubs: operators register listeners; the outbox's events fan out to them.

``hall.hubs`` (:class:`HubService`) is the hub of every TMF API that sends events
(:data:`~unicom_core.usecases.shared.hub_events.HUB_APIS`):

* :meth:`HubService.subscribe` (``POST {api}/hub``) registers a listener: its callback
  (https only unless :attr:`HubSettings.allow_insecure_callbacks`), its TMF630 ``query``
  and a fresh signing secret, returned once and never again. Operators only: the
  capability given at wiring (``operator.hubs.subscribe``, F-AUTH-6).
* :meth:`HubService.unsubscribe` (``DELETE {api}/hub/{id}``) removes it and its deliveries;
  :meth:`HubService.reactivate` resumes a suspended one, its kept deliveries first, in order.
* :class:`HubPublisher` is an :class:`~unicom_core.ports.shared.EventPublisher` for the
  outbox relay: per entry it queues one :class:`~unicom_core.domain.shared.Delivery` per
  listener whose API and query match, **in storage**, then answers delivered. A delivery's
  id comes from the listener and the event, so an entry the relay publishes again (it is
  at-least-once) is queued once per listener. Listeners suspended meanwhile get their
  deliveries queued too (kept for their reactivation: nothing is lost).
* :class:`TeePublisher` hands each batch to several publishers (the hubs and a broker).
* :mod:`unicom_core.usecases.shared.hub_dispatch` sends the deliveries
  (:meth:`HubService.dispatch_once`, :meth:`HubService.run`).

Every instant comes from the clock port (F-CAL-1).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.shared import (
    HUBS_API,
    HUBS_FULL,
    HUBS_SETTINGS,
    HUBS_UNKNOWN,
    STORAGE_DUPLICATE,
    Delivery,
    HubQuery,
    HubSubscription,
    check_callback,
    delivery_id,
    new_id,
    new_secret,
)
from unicom_core.ports.shared import MAX_OUTBOX_LIMIT, PublishOutcome
from unicom_core.usecases.shared.hub_events import HUB_APIS, notifications, plain, to_json
from unicom_core.usecases.shared.outbox_relay import RelaySettings
from unicom_core.usecases.shared.transactions import RetryRule, run

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from unicom_core.domain.access import Capability
    from unicom_core.ports.shared import Authorizer, Clock, EventPublisher, OutboxEntry
    from unicom_core.ports.storage import Storage, UnitOfWork

__all__ = [
    "HubListeners",
    "HubPublisher",
    "HubSettings",
    "Registration",
    "TeePublisher",
    "known_api",
    "parse_query",
]

_RULE = RetryRule(attempts=3, also_on=frozenset({STORAGE_DUPLICATE.code}))


def _delta(_instance: object, attribute: attrs.Attribute[timedelta], v: object) -> None:
    if not isinstance(v, timedelta) or not timedelta(0) < v <= timedelta(days=365):
        raise HUBS_SETTINGS.error(
            f"{attribute.name} is above 0 and at most 365 days", field=attribute.name
        )


def _count(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_OUTBOX_LIMIT:
        raise HUBS_SETTINGS.error(f"{attribute.name} is an integer in 1..500", field=attribute.name)


def _flag(_instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise HUBS_SETTINGS.error(f"{attribute.name} is a boolean", field=attribute.name)


def _text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or len(value) > 200:  # noqa: PLR2004 - a URL prefix
        raise HUBS_SETTINGS.error(
            f"{attribute.name} is a text of at most 200", field=attribute.name
        )


def _retry(_instance: object, attribute: attrs.Attribute[RelaySettings], value: object) -> None:
    if not isinstance(value, RelaySettings):
        raise HUBS_SETTINGS.error(f"{attribute.name} is a RelaySettings", field=attribute.name)


@attrs.frozen(slots=True, kw_only=True)
class HubSettings:
    """Every configurable of the hubs.

    ``allow_insecure_callbacks``: accept ``http`` and loopback or private callbacks
    (development and tests only; ``bootstrap(production=True)`` refuses it);
    ``suspend_after``: how long a listener's deliveries may fail without a break before it
    is suspended (24 hours); ``retry``: the back-off after a failed delivery, the relay's
    ``min(cap, base * factor ** attempts)`` with its ``backoff_*`` fields (30 s doubling,
    at most 1 hour); ``batch``: deliveries per dispatch pass; ``lease``: how long a pass
    holds its deliveries against another dispatcher; ``retention``: how long delivered
    deliveries are kept; ``purge_interval``: how often :meth:`HubService.run` purges;
    ``max_listeners``: how many listeners may be registered (``hubs.full``);
    ``base_url``: prefixed to every ``href`` of a notification (``https://hall.example``;
    empty: the hrefs are paths).
    """

    allow_insecure_callbacks: bool = attrs.field(default=False, validator=_flag)
    suspend_after: timedelta = attrs.field(default=timedelta(hours=24), validator=_delta)
    retry: RelaySettings = attrs.field(
        default=RelaySettings(backoff_base=timedelta(seconds=30), backoff_cap=timedelta(hours=1)),
        validator=_retry,
    )
    batch: int = attrs.field(default=50, validator=_count)
    lease: timedelta = attrs.field(default=timedelta(minutes=5), validator=_delta)
    retention: timedelta = attrs.field(default=timedelta(days=7), validator=_delta)
    purge_interval: timedelta = attrs.field(default=timedelta(hours=1), validator=_delta)
    max_listeners: int = attrs.field(default=100, validator=_count)
    base_url: str = attrs.field(default="", validator=_text)


@attrs.frozen(slots=True)
class Registration:
    """A registered listener and its signing secret (shown this once, never again)."""

    subscription: HubSubscription
    secret: str = attrs.field(repr=False)


def known_api(api: str) -> str:
    """Return ``api`` if its hub takes listeners; ``hubs.api`` (InvalidInput) if not."""
    if api not in HUB_APIS:
        raise HUBS_API.error(api=api)
    return api


def parse_query(api: str, query: str) -> HubQuery:
    """The query of a listener of ``api`` (``hubs.query`` if it is malformed)."""
    return HubQuery.parse(query, HUB_APIS[known_api(api)].event_types)


class HubListeners:
    """Registering, removing and reactivating listeners (operators only)."""

    def __init__(
        self,
        storage: Storage,
        clock: Clock,
        *,
        authorizer: Authorizer,
        capability: Capability,
        settings: HubSettings,
    ) -> None:
        self._storage, self._clock = storage, clock
        self._authorizer, self._capability, self.settings = authorizer, capability, settings

    def subscribe(self, token: str, api: str, callback: str, query: str | None) -> Registration:
        """Register a listener of ``api``'s events (``POST {api}/hub``).

        Raises:
            Refused: the permission check's refusals; ``hubs.full``.
            InvalidInput: ``hubs.api``, ``hubs.callback``, ``hubs.query``.
        """
        self._authorizer.authorize(token, self._capability)
        parse_query(api, query or "")
        url = check_callback(callback, allow_insecure=self.settings.allow_insecure_callbacks)
        secret = new_secret()

        def work(tx: UnitOfWork, now: datetime) -> HubSubscription:
            if tx.hub_subscriptions.count() >= self.settings.max_listeners:
                raise HUBS_FULL.error(limit=self.settings.max_listeners)
            listener = HubSubscription(new_id(), api, url, query or "", secret, now)
            tx.hub_subscriptions.add(listener)
            return listener

        return Registration(run(self._storage, self._clock, work, _RULE), secret)

    def unsubscribe(self, token: str, api: str, subscription_id: str) -> None:
        """Remove the listener ``subscription_id`` of ``api`` and its deliveries.

        Raises:
            NotFound: ``hubs.unknown`` (also for a listener of another API).
        """
        self._authorizer.authorize(token, self._capability)

        def work(tx: UnitOfWork, _now: datetime) -> int:
            listener = self._find(tx, subscription_id, api)
            tx.hub_subscriptions.remove(listener)
            return tx.hub_deliveries.delete_of(subscription_id, MAX_OUTBOX_LIMIT)

        deleted = run(self._storage, self._clock, work, _RULE)
        while deleted == MAX_OUTBOX_LIMIT:  # the rest, a bounded batch per transaction
            deleted = run(
                self._storage,
                self._clock,
                lambda tx, _: tx.hub_deliveries.delete_of(subscription_id, MAX_OUTBOX_LIMIT),
                _RULE,
            )

    def reactivate(self, token: str, subscription_id: str) -> HubSubscription:
        """Resume a suspended listener; its kept deliveries are due at once, in order.

        Raises:
            NotFound: ``hubs.unknown``.
        """
        self._authorizer.authorize(token, self._capability)

        def work(tx: UnitOfWork, now: datetime) -> tuple[HubSubscription, int]:
            listener = self._find(tx, subscription_id, None)
            if listener.reactivate():
                tx.hub_subscriptions.save(listener)
            return listener, self._resume(tx, subscription_id, -1, now)

        listener, last = run(self._storage, self._clock, work, _RULE)
        while last >= 0:
            last = self._resume_after(subscription_id, last)
        return listener

    def _resume_after(self, subscription_id: str, after: int) -> int:
        def work(tx: UnitOfWork, now: datetime) -> int:
            return self._resume(tx, subscription_id, after, now)

        return run(self._storage, self._clock, work, _RULE)

    def listener(self, token: str, subscription_id: str) -> HubSubscription:
        """One listener (its state and failures), for operators."""
        self._authorizer.authorize(token, self._capability)
        return run(
            self._storage,
            self._clock,
            lambda tx, _: self._find(tx, subscription_id, None),
            _RULE,
            readonly=True,
        )

    @staticmethod
    def _resume(tx: UnitOfWork, subscription_id: str, after: int, now: datetime) -> int:
        """Make a batch of pending deliveries due now; the last sequence, -1 when done."""
        batch = tx.hub_deliveries.pending_of(subscription_id, after, MAX_OUTBOX_LIMIT)
        for delivery in batch:
            if delivery.next_attempt_at > now:
                delivery.resume(now)
                tx.hub_deliveries.save(delivery)
        return batch[-1].sequence if len(batch) == MAX_OUTBOX_LIMIT else -1

    @staticmethod
    def _find(tx: UnitOfWork, subscription_id: str, api: str | None) -> HubSubscription:
        listener = tx.hub_subscriptions.find(subscription_id)
        if listener is None or (api is not None and listener.api != api):
            raise HUBS_UNKNOWN.error(id=subscription_id)
        return listener


class HubPublisher:
    """Fans each outbox entry out to the matching listeners' deliveries (module docstring)."""

    def __init__(self, storage: Storage, clock: Clock, settings: HubSettings) -> None:
        self._storage, self._clock, self._settings = storage, clock, settings

    def publish(self, entries: Sequence[OutboxEntry], /) -> Sequence[PublishOutcome]:
        """Queue the deliveries of ``entries`` in one transaction; all delivered, or raise."""
        run(self._storage, self._clock, lambda tx, now: self._fan_out(tx, now, entries), _RULE)
        return [PublishOutcome(entry.id, delivered=True) for entry in entries]

    def _fan_out(self, tx: UnitOfWork, now: datetime, entries: Sequence[OutboxEntry]) -> int:
        listeners = tx.hub_subscriptions.list_all(MAX_OUTBOX_LIMIT)
        queries = {s.id: parse_query(s.api, s.query) for s in listeners if s.api in HUB_APIS}
        queued = 0
        for entry in entries:
            for note in notifications(entry.event, base_url=self._settings.base_url):
                document = plain(note.document)
                for listener in listeners:
                    query = queries.get(listener.id)
                    if listener.api != note.api or query is None:
                        continue
                    if not query.matches(note.event_type, document):
                        continue
                    key = delivery_id(listener.id, entry.event.event_id)
                    if tx.hub_deliveries.find(key) is not None:
                        continue  # queued when the relay published this entry before
                    body = to_json(note.document)
                    tx.hub_deliveries.add(
                        Delivery(
                            key,
                            listener.id,
                            entry.event.event_id,
                            entry.id,
                            note.event_type,
                            body,
                            now,
                            now,
                        )
                    )
                    queued += 1
        return queued


class TeePublisher:
    """Publishes each batch to every publisher; an entry is delivered once all delivered it.

    A publisher that raises fails the whole batch (the relay retries it, and the others see
    it again: every receiver deduplicates by event id, and the hubs queue once per listener).
    """

    def __init__(self, *publishers: EventPublisher) -> None:
        self.publishers = publishers

    def publish(self, entries: Sequence[OutboxEntry], /) -> Sequence[PublishOutcome]:
        """One outcome per entry: delivered only if every publisher delivered it."""
        failed: dict[int, str] = {}
        for publisher in self.publishers:
            answered = {o.entry_id: o for o in publisher.publish(entries)}
            for entry in entries:
                outcome = answered.get(entry.id)
                if outcome is None or not outcome.delivered:
                    reason = "publisher.no_outcome" if outcome is None else outcome.reason
                    failed.setdefault(entry.id, reason or "publisher.refused")
        return [PublishOutcome(e.id, e.id not in failed, failed.get(e.id, "")) for e in entries]
