"""The outbox relay: publish every committed domain event at least once, mark it exactly once.

:class:`OutboxRelay` is ``hall.relay``; ``unicom relay`` (the SQL adapter's command) runs it as a
process. One pass (:meth:`OutboxRelay.relay_once`) takes three steps:

1. **Claim**, in a transaction: at most ``batch`` due entries, oldest first; their next
   attempt moves to the end of a lease (``settings.lease``) so no other relay takes them.
2. **Publish**, outside any transaction (a slow broker never holds a database lock): the
   :class:`~unicom_core.ports.shared.event_publisher.EventPublisher` answers per entry, or raises
   for the
   batch.
3. **Mark**, in a second transaction: delivered entries are marked sent (once: a mark of
   an entry already sent counts nothing); failed ones get their attempt counted and a next
   attempt after an exponential back-off, ``min(cap, base * factor ** attempts)``.

Why at-least-once and not exactly-once: publishing and marking cannot share a transaction
with a broker. A relay killed between 2 and 3 leaves its entries claimed; when the lease
runs out they are due again and published again, so receivers deduplicate by
``event.event_id``. Two relays at once (two processes, or ``hall.relay`` beside the
command) are safe: claims are disjoint while leases hold, and a late mark never counts
twice. Every instant comes from the clock port (F-CAL-1).

Purge (:meth:`OutboxRelay.purge`): sent entries older than ``settings.retention`` are
deleted, ``settings.purge_batch`` per transaction. Pending and failed entries are kept
whatever their age: an event is never dropped unpublished.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.shared import RELAY_ATTEMPTS, RELAY_SETTINGS
from unicom_core.errors import AdapterError, InvalidInput, UnicomError
from unicom_core.ports.shared import MAX_OUTBOX_LIMIT, check_outbox_limit

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable, Sequence

    from unicom_core.ports.shared import Clock, EventPublisher, OutboxEntry, PublishOutcome
    from unicom_core.ports.storage import Storage

__all__ = ["OutboxRelay", "RelayReport", "RelaySettings", "backoff"]

_MAX_DELAY = timedelta(days=365)


def _delta(_instance: object, attribute: attrs.Attribute[timedelta], v: object) -> None:
    if not isinstance(v, timedelta) or not timedelta(0) < v <= _MAX_DELAY:
        raise RELAY_SETTINGS.error(
            f"{attribute.name} is a timedelta above 0 and at most 365 days", field=attribute.name
        )


def _count(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    try:
        check_outbox_limit(value)
    except InvalidInput:
        raise RELAY_SETTINGS.error(
            f"{attribute.name} is an integer in 1..{MAX_OUTBOX_LIMIT}", field=attribute.name
        ) from None


def _factor(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:  # noqa: PLR2004
        raise RELAY_SETTINGS.error(f"{attribute.name} is an integer in 1..10", field=attribute.name)


@attrs.frozen(slots=True, kw_only=True)
class RelaySettings:
    """Every configurable of the relay.

    ``batch``: entries per pass (1..500); ``lease``: how long a claim holds its entries (set
    it above the publisher's worst batch time, or a second relay publishes them again);
    ``backoff_base`` / ``backoff_factor`` / ``backoff_cap``: the delay after a failure,
    ``min(cap, base * factor ** attempts)``; ``retention``: how long sent entries are kept
    before the purge deletes them; ``purge_batch``: entries deleted per transaction;
    ``purge_interval``: how often :meth:`OutboxRelay.run` purges.
    """

    batch: int = attrs.field(default=100, validator=_count)
    lease: timedelta = attrs.field(default=timedelta(minutes=5), validator=_delta)
    backoff_base: timedelta = attrs.field(default=timedelta(seconds=5), validator=_delta)
    backoff_factor: int = attrs.field(default=2, validator=_factor)
    backoff_cap: timedelta = attrs.field(default=timedelta(hours=1), validator=_delta)
    retention: timedelta = attrs.field(default=timedelta(days=7), validator=_delta)
    purge_batch: int = attrs.field(default=500, validator=_count)
    purge_interval: timedelta = attrs.field(default=timedelta(hours=1), validator=_delta)


def backoff(attempts: int, settings: RelaySettings) -> timedelta:
    """The wait after a failure when ``attempts`` failures came before it (0 for the first).

    ``min(cap, base * factor ** attempts)``, computed in whole microseconds (no overflow,
    no float), never below ``base`` nor above ``cap``.
    """
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 0:
        raise RELAY_ATTEMPTS.error(f"attempts is an integer >= 0, not {attempts!r}")
    micro = timedelta(microseconds=1)
    base, cap = settings.backoff_base // micro, settings.backoff_cap // micro
    delay, factor = base, settings.backoff_factor
    for _ in range(attempts):
        if delay >= cap or factor == 1:
            break
        delay *= factor
    return timedelta(microseconds=min(delay, cap))


@attrs.frozen(slots=True)
class RelayReport:
    """What one pass did: entries claimed, delivered, newly marked sent, and the failures.

    ``sent`` may be below ``delivered`` when another relay marked some first; ``failed``
    lists ``(entry id, reason)`` of the entries rescheduled with back-off.
    """

    claimed: int = 0
    delivered: int = 0
    sent: int = 0
    failed: tuple[tuple[int, str], ...] = ()


class OutboxRelay:
    """Relays the outbox to an event publisher, retries with back-off, purges."""

    def __init__(
        self,
        storage: Storage,
        clock: Clock,
        publisher: EventPublisher,
        *,
        settings: RelaySettings | None = None,
    ) -> None:
        self._storage, self._clock, self._publisher = storage, clock, publisher
        self.settings = settings if settings is not None else RelaySettings()

    def relay_once(self, batch: int | None = None) -> RelayReport:
        """Claim, publish and mark at most ``batch`` due entries (default: the settings').

        Raises:
            InvalidInput: ``outbox.limit`` for a batch outside 1..500.
            AdapterError: the storage failed; claimed entries are retried after the lease.
        """
        size = check_outbox_limit(self.settings.batch if batch is None else batch)
        now = self._clock.now()
        with self._storage.transaction() as tx:
            entries = tx.outbox.claim(size, now, now + self.settings.lease)
        if not entries:
            return RelayReport()
        failures = self._publish(entries)
        delivered = [entry.id for entry in entries if entry.id not in failures]
        done = self._clock.now()
        with self._storage.transaction() as tx:
            sent = tx.outbox.mark_sent(delivered, done)
            for entry in entries:
                if entry.id in failures:
                    delay = backoff(entry.attempts, self.settings)
                    tx.outbox.mark_failed(entry.id, done + delay)
        failed = tuple((entry_id, reason) for entry_id, reason in failures.items())
        return RelayReport(len(entries), len(delivered), sent, failed)

    def purge(self, *, max_batches: int = 1000) -> int:
        """Delete sent entries older than the retention, a bounded batch per transaction.

        Stops after ``max_batches`` transactions or at the first batch that is not full;
        returns how many entries it deleted.
        """
        before = self._clock.now() - self.settings.retention
        limit, purged = self.settings.purge_batch, 0
        for _ in range(max_batches):
            with self._storage.transaction() as tx:
                deleted = tx.outbox.purge_sent(before, limit)
            purged += deleted
            if deleted < limit:
                break
        return purged

    def run(
        self,
        *,
        stop: threading.Event,
        idle_sleep: float = 1.0,
        purge: bool = True,
        on_report: Callable[[RelayReport], None] | None = None,
        on_error: Callable[[AdapterError], None] | None = None,
    ) -> int:
        """Relay until ``stop`` is set; return how many entries were newly marked sent.

        A full batch is followed at once by the next pass; otherwise the loop waits
        ``idle_sleep`` seconds (or until ``stop``). With ``purge`` the sent entries past
        the retention are purged every ``settings.purge_interval``. ``on_report`` sees every
        pass that claimed something. A storage or publisher failure (an
        :class:`~unicom_core.errors.AdapterError`) goes to ``on_error`` and the loop waits
        and goes on; without ``on_error`` it is raised.
        """
        total, next_purge = 0, None
        while not stop.is_set():
            try:
                if purge and (next_purge is None or self._clock.now() >= next_purge):
                    self.purge()
                    next_purge = self._clock.now() + self.settings.purge_interval
                report = self.relay_once()
            except AdapterError as error:
                if on_error is None:
                    raise
                on_error(error)
                stop.wait(idle_sleep)
                continue
            total += report.sent
            if report.claimed and on_report is not None:
                on_report(report)
            if report.claimed < self.settings.batch:
                stop.wait(idle_sleep)
        return total

    def _publish(self, entries: Sequence[OutboxEntry]) -> dict[int, str]:
        """Publish ``entries``; return the failed ones' ids and reasons (the rest delivered)."""
        try:
            outcomes: Sequence[PublishOutcome] = self._publisher.publish(tuple(entries))
        except UnicomError as error:
            return dict.fromkeys((entry.id for entry in entries), error.code)
        except Exception as error:  # noqa: BLE001 - any publisher bug fails the batch, retried
            return dict.fromkeys((entry.id for entry in entries), type(error).__name__)
        failures = {entry.id: "publisher.no_outcome" for entry in entries}
        answered: set[int] = set()
        for outcome in outcomes:
            entry_id = outcome.entry_id
            if entry_id not in failures and entry_id not in answered:
                continue  # not of this batch
            if outcome.delivered and entry_id not in answered:
                failures.pop(entry_id, None)
            elif not outcome.delivered:
                failures[entry_id] = outcome.reason or "publisher.refused"
            answered.add(entry_id)
        return failures
