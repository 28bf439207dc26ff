"""Sending the hubs' deliveries: signed POSTs, back-off, suspension (TMF630 listeners).

One pass (:meth:`HubDispatcher.dispatch_once`), like the outbox relay's:

1. **Claim**, in a transaction: at most ``settings.batch`` due deliveries of ACTIVE
   listeners, by event order; their next attempt moves to the end of a lease so no other
   dispatcher takes them meanwhile.
2. **Send**, outside any transaction: each delivery's exact JSON body is POSTed to its
   listener's callback through the :class:`~unicom_core.ports.shared.WebhookSender` port,
   with ``Content-Type: application/json``, ``X-Unicom-Event-Id``, ``X-Unicom-Event-Type``,
   ``X-Unicom-Delivery`` and the signature header ``X-Unicom-Signature: t=<unix
   seconds>,v1=<hex HMAC-SHA256 of "<t>." + body, keyed with the listener's secret>``.
   A 2xx answer is delivered; any other status, or no answer (``hubs.unreachable``), is a
   failure. After a listener's first failure in a pass, its later deliveries of the pass
   are not sent: they wait with the failed one, so a listener receives in event order.
3. **Mark**, in a second transaction: delivered ones are marked; failed ones count an
   attempt and wait ``backoff(attempts, settings.retry)`` (the relay's helper); the
   listener's run of failures is counted, and a listener failing without a break for
   ``settings.suspend_after`` (24 hours) is SUSPENDED: its deliveries stay stored, are not
   due while it is suspended, and resume in order when an operator reactivates it.

Every instant comes from the clock port (F-CAL-1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.shared import SIGNATURE_HEADER, Delivery, signature_header
from unicom_core.errors import AdapterError, UnicomError
from unicom_core.ports.shared import MAX_OUTBOX_LIMIT, check_outbox_limit
from unicom_core.usecases.shared.outbox_relay import backoff
from unicom_core.usecases.shared.transactions import RetryRule, run

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable, Sequence
    from datetime import datetime

    from unicom_core.domain.shared import HubSubscription
    from unicom_core.ports.shared import Clock, WebhookSender
    from unicom_core.ports.storage import Storage, UnitOfWork
    from unicom_core.usecases.shared.hubs import HubSettings

__all__ = ["DispatchReport", "HubDispatcher"]

_RULE = RetryRule(attempts=3)
_OK = range(200, 300)


@attrs.frozen(slots=True)
class DispatchReport:
    """What one pass did: deliveries claimed and delivered, failures, listeners suspended.

    ``failed`` lists ``(delivery id, reason)``: a status (``http.503``) or an error code.
    """

    claimed: int = 0
    delivered: int = 0
    failed: tuple[tuple[str, str], ...] = ()
    suspended: tuple[str, ...] = ()


@attrs.frozen(slots=True)
class _Sent:
    delivery: Delivery
    status: int | None  # None: not answered, or not sent (held behind a failure)
    reason: str  # "" when delivered
    attempted: bool = True


class HubDispatcher:
    """Sends due deliveries, retries with back-off, suspends listeners that stay down."""

    def __init__(
        self, storage: Storage, clock: Clock, sender: WebhookSender, settings: HubSettings
    ) -> None:
        self._storage, self._clock, self._sender, self.settings = storage, clock, sender, settings

    def dispatch_once(self, batch: int | None = None) -> DispatchReport:
        """Claim, send and mark at most ``batch`` due deliveries (default: the settings').

        Raises:
            InvalidInput: ``outbox.limit`` for a batch outside 1..500.
            AdapterError: the storage failed; claimed deliveries are retried after the lease.
        """
        size = check_outbox_limit(self.settings.batch if batch is None else batch)
        claimed = run(self._storage, self._clock, lambda tx, now: self._claim(tx, now, size), _RULE)
        if not claimed:
            return DispatchReport()
        sent = self._send(claimed)
        suspended = run(
            self._storage, self._clock, lambda tx, now: self._mark(tx, now, sent), _RULE
        )
        failed = tuple((s.delivery.id, s.reason) for s in sent if s.attempted and s.reason)
        delivered = sum(1 for s in sent if s.attempted and not s.reason)
        return DispatchReport(len(claimed), delivered, failed, suspended)

    def purge(self, *, max_batches: int = 1000) -> int:
        """Delete deliveries delivered before the retention, a batch per transaction."""
        purged = 0
        for _ in range(max_batches):
            deleted = run(
                self._storage,
                self._clock,
                lambda tx, now: tx.hub_deliveries.purge_delivered(
                    now - self.settings.retention, MAX_OUTBOX_LIMIT
                ),
                _RULE,
            )
            purged += deleted
            if deleted < MAX_OUTBOX_LIMIT:
                break
        return purged

    def run(
        self,
        *,
        stop: threading.Event,
        idle_sleep: float = 1.0,
        on_report: Callable[[DispatchReport], None] | None = None,
        on_error: Callable[[AdapterError], None] | None = None,
    ) -> int:
        """Dispatch until ``stop`` is set; return how many deliveries were delivered.

        A full batch is followed at once by the next pass; otherwise the loop waits
        ``idle_sleep`` seconds. Delivered deliveries past the retention are purged every
        ``settings.purge_interval``. A storage failure goes to ``on_error`` (raised without
        one) and the loop goes on after ``idle_sleep``.
        """
        total, next_purge = 0, None
        while not stop.is_set():
            try:
                if next_purge is None or self._clock.now() >= next_purge:
                    self.purge()
                    next_purge = self._clock.now() + self.settings.purge_interval
                report = self.dispatch_once()
            except AdapterError as error:
                if on_error is None:
                    raise
                on_error(error)
                stop.wait(idle_sleep)
                continue
            total += report.delivered
            if report.claimed and on_report is not None:
                on_report(report)
            if report.claimed < self.settings.batch:
                stop.wait(idle_sleep)
        return total

    # ------------------------------------------------------------------ steps
    def _claim(
        self, tx: UnitOfWork, now: datetime, size: int
    ) -> list[tuple[Delivery, HubSubscription]]:
        claimed = []
        listeners: dict[str, HubSubscription | None] = {}
        for delivery in tx.hub_deliveries.due(now, size):
            key = delivery.subscription_id
            if key not in listeners:
                listeners[key] = tx.hub_subscriptions.find(key)
            listener = listeners[key]
            if listener is None:
                continue
            delivery.lease(now + self.settings.lease)
            tx.hub_deliveries.save(delivery)
            claimed.append((delivery, listener))
        return claimed

    def _send(self, claimed: Sequence[tuple[Delivery, HubSubscription]]) -> list[_Sent]:
        sent: list[_Sent] = []
        down: set[str] = set()
        for delivery, listener in claimed:
            if listener.id in down:
                sent.append(_Sent(delivery, None, "held", attempted=False))
                continue
            status, reason = self._post(delivery, listener)
            if reason:
                down.add(listener.id)
            sent.append(_Sent(delivery, status, reason))
        return sent

    def _post(self, delivery: Delivery, listener: HubSubscription) -> tuple[int | None, str]:
        body = delivery.body.encode()
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: signature_header(listener.secret, self._clock.now(), body),
            "X-Unicom-Event-Id": delivery.event_id,
            "X-Unicom-Event-Type": delivery.event_type,
            "X-Unicom-Delivery": delivery.id,
        }
        try:
            status = self._sender.post(listener.callback, body, headers)
        except UnicomError as error:
            return None, error.code
        except Exception as error:  # noqa: BLE001 - a sender bug fails the delivery, retried
            return None, type(error).__name__
        return status, "" if status in _OK else f"http.{status}"

    def _mark(self, tx: UnitOfWork, now: datetime, sent: Sequence[_Sent]) -> tuple[str, ...]:
        waits: dict[str, datetime] = {}
        outcome: dict[str, str] = {}  # listener id -> "" (a success) or its first failure
        for item in sent:
            delivery = tx.hub_deliveries.find(item.delivery.id)
            if delivery is None or not delivery.pending:
                continue
            key = delivery.subscription_id
            if not item.attempted:
                delivery.lease(waits.get(key, now))
            elif item.reason:
                waits[key] = now + backoff(delivery.attempts, self.settings.retry)
                delivery.failed(waits[key], item.status, item.reason)
                outcome.setdefault(key, item.reason)
            else:
                delivery.delivered(now, item.status or 200)
                outcome[key] = outcome.get(key, "")
            tx.hub_deliveries.save(delivery)
        return self._account(tx, now, outcome)

    def _account(self, tx: UnitOfWork, now: datetime, outcome: dict[str, str]) -> tuple[str, ...]:
        suspended = []
        for key, reason in outcome.items():
            listener = tx.hub_subscriptions.find(key)
            if listener is None:
                continue
            if reason:
                if listener.record_failure(now, reason, self.settings.suspend_after):
                    suspended.append(key)
            elif listener.failing_since is not None or listener.failures:
                listener.record_success()
            else:
                continue  # nothing to record
            tx.hub_subscriptions.save(listener)
        return tuple(suspended)
