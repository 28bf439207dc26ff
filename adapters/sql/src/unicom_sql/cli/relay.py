"""``unicom relay``: publish the outbox's events until stopped (or ``--once``).

The relay (:class:`~unicom_core.usecases.shared.OutboxRelay`) publishes with the logging
publisher (one redacted line per event on logger ``unicom.events``) unless ``--publisher``
(or ``[relay] publisher`` in the config file) names a ``module:factory`` returning the
carrier's own :class:`~unicom_core.ports.shared.EventPublisher`. It stops cleanly on
SIGTERM or SIGINT (the pass under way finishes, nothing is left half-marked) and prints how
many entries it marked sent; ``--once`` runs a single pass, ``--purge`` also deletes sent
entries older than ``--retention-days`` (default 7). Every event is also queued for the TMF
hub listeners that want it (:class:`~unicom_core.usecases.shared.HubPublisher`); ``unicom
hubs dispatch`` sends those queues.
"""

from __future__ import annotations

import importlib
import logging
import signal
import threading
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated, Any

import typer

from unicom_core.clock import SystemClock
from unicom_core.domain.shared import RELAY_SETTINGS
from unicom_core.logging_events import LoggingEventPublisher
from unicom_core.usecases.shared import (
    HubPublisher,
    HubSettings,
    OutboxRelay,
    RelayReport,
    RelaySettings,
    TeePublisher,
)
from unicom_sql.cli.app import app, guarded, settings_of
from unicom_sql.codes import RELAY_PUBLISHER
from unicom_sql.storage import create_storage

if TYPE_CHECKING:
    from unicom_core.errors import AdapterError
    from unicom_core.ports.shared import EventPublisher

__all__ = ["Stop", "made_by", "relay"]

_log = logging.getLogger("unicom.relay")
_DEFAULTS = RelaySettings()


def made_by(spec: str, what: str) -> Any:  # noqa: ANN401 - whatever the factory makes
    """What the ``module:factory`` named by ``spec`` makes (``relay.publisher`` if it cannot).

    ``what`` names the thing in the message (``a publisher``, ``a webhook sender``).
    """
    module_name, _, factory_name = spec.partition(":")
    try:
        return getattr(importlib.import_module(module_name), factory_name)()
    except (ImportError, AttributeError, TypeError, ValueError) as error:
        raise RELAY_PUBLISHER.error(f"cannot make {what} from {spec!r}: {error}") from None


def _publisher(spec: str | None) -> EventPublisher:
    """The logging publisher, or the one ``module:factory`` makes (``relay.publisher``)."""
    if spec is None:
        return LoggingEventPublisher()
    publisher: EventPublisher = made_by(spec, "a publisher")
    return publisher


def _settings(batch: int, lease_seconds: float, retention_days: float) -> RelaySettings:
    try:
        lease = timedelta(seconds=lease_seconds)
        retention = timedelta(days=retention_days)
    except (OverflowError, ValueError):
        raise RELAY_SETTINGS.error() from None
    return RelaySettings(batch=batch, lease=lease, retention=retention)


@app.command()
@guarded
def relay(  # noqa: PLR0913 - the relay's settings, by name
    ctx: typer.Context,
    *,
    once: Annotated[bool, typer.Option("--once", help="run one pass, then exit")] = False,
    batch: Annotated[int, typer.Option(help="entries per pass")] = _DEFAULTS.batch,
    idle_sleep: Annotated[float, typer.Option(help="seconds to wait when nothing is due")] = 1.0,
    lease_seconds: Annotated[
        float, typer.Option(help="how long a claimed batch is held before another relay may")
    ] = _DEFAULTS.lease.total_seconds(),
    purge: Annotated[
        bool, typer.Option("--purge", help="also delete sent entries past the retention")
    ] = False,
    retention_days: Annotated[
        float, typer.Option(help="how long sent entries are kept")
    ] = _DEFAULTS.retention / timedelta(days=1),
    publisher: Annotated[
        str | None, typer.Option(help="module:factory returning the EventPublisher")
    ] = None,
) -> None:
    """Publish the outbox's events until SIGTERM/SIGINT (or one pass with --once)."""
    options = settings_of(ctx)
    settings = _settings(batch, lease_seconds, retention_days)
    events = _publisher(publisher or options.relay_publisher)
    storage = create_storage(options.url())
    clock = SystemClock()
    hubs = HubPublisher(storage, clock, HubSettings())  # the TMF listeners' queues too
    outbox = OutboxRelay(storage, clock, TeePublisher(events, hubs), settings=settings)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        if once:
            purged = outbox.purge() if purge else 0
            report = outbox.relay_once()
            _on_report(report)
            failed = len(report.failed)
            typer.echo(f"relayed once: {report.sent} marked sent, {failed} failed, {purged} purged")
            return
        with Stop() as stop:
            sent = outbox.run(
                stop=stop,
                idle_sleep=idle_sleep,
                purge=purge,
                on_report=_on_report,
                on_error=_on_error,
            )
        typer.echo(f"relay stopped: {sent} marked sent")
    finally:
        storage.close()


def _on_report(report: RelayReport) -> None:
    failed = ",".join(f"{entry_id}:{reason}" for entry_id, reason in report.failed)
    _log.info(
        "relay_pass claimed=%d delivered=%d sent=%d failed=%s",
        report.claimed,
        report.delivered,
        report.sent,
        failed or "-",
    )


def _on_error(error: AdapterError) -> None:
    _log.warning("relay_error %s", error)


class Stop:
    """A context manager: an Event set by SIGTERM/SIGINT, the old handlers restored after."""

    def __enter__(self) -> threading.Event:
        self.event = threading.Event()
        self.previous = {
            number: signal.signal(number, self._handle)
            for number in (signal.SIGTERM, signal.SIGINT)
        }
        return self.event

    def _handle(self, _number: int, _frame: object) -> None:
        self.event.set()

    def __exit__(self, *_exc: object) -> None:
        for number, handler in self.previous.items():
            signal.signal(number, handler)
