"""The ``unicom-sql`` command: ``upgrade URL`` makes or upgrades the schema, ``relay URL`` relays.

Why a command of its own: operators run migrations at deploy time, before any application
process opens the database, and run the outbox relay as a long-lived process beside the
hall; a failure prints one line naming the problem, never a traceback.

``relay`` publishes the outbox (:class:`~unicom_core.usecases.shared.outbox_relay.OutboxRelay`)
with the logging publisher (one redacted line per event on logger ``unicom.events``) unless
``--publisher module:factory`` names a factory returning the carrier's own
:class:`~unicom_core.ports.shared.event_publisher.EventPublisher`. It stops cleanly on SIGTERM or
SIGINT
(the pass under way finishes, nothing is left half-marked) and prints how many entries it
marked sent; ``--once`` runs a single pass, ``--purge`` also deletes sent entries older than
``--retention-days`` (default 7).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import signal
import sys
import threading
from datetime import timedelta
from typing import TYPE_CHECKING

from unicom_core.clock import SystemClock
from unicom_core.domain.shared import RELAY_SETTINGS
from unicom_core.errors import AdapterError, UnicomError
from unicom_core.logging_events import LoggingEventPublisher
from unicom_core.usecases.shared import OutboxRelay, RelayReport, RelaySettings
from unicom_sql import migrate
from unicom_sql.codes import RELAY_PUBLISHER
from unicom_sql.storage import create_storage

if TYPE_CHECKING:
    from collections.abc import Sequence

    from unicom_core.ports.shared import EventPublisher

__all__ = ["main"]

_log = logging.getLogger("unicom.relay")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unicom-sql", description="Manage the SQL schema of unicom_core; relay its outbox."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    upgrade = commands.add_parser(
        "upgrade", help="create the schema, or bring it up to this release's revision"
    )
    upgrade.add_argument(
        "url", help="e.g. sqlite:///hall.sqlite3 or postgresql+psycopg://user:pw@host/db"
    )
    upgrade.add_argument("--revision", default="head", help="target revision (default: head)")
    current = commands.add_parser("current", help="print the schema revision of a database")
    current.add_argument("url", help="the database URL")
    _relay_parser(commands.add_parser("relay", help="publish the outbox's events until stopped"))
    return parser


def _relay_parser(relay: argparse.ArgumentParser) -> None:
    defaults = RelaySettings()
    relay.add_argument("url", help="the database URL")
    relay.add_argument("--once", action="store_true", help="run one pass, then exit")
    relay.add_argument("--batch", type=int, default=defaults.batch, help="entries per pass")
    relay.add_argument(
        "--idle-sleep", type=float, default=1.0, help="seconds to wait when nothing is due"
    )
    relay.add_argument(
        "--lease-seconds",
        type=float,
        default=defaults.lease.total_seconds(),
        help="how long a claimed batch is held before another relay may take it",
    )
    relay.add_argument(
        "--purge", action="store_true", help="also delete sent entries past the retention"
    )
    relay.add_argument(
        "--retention-days",
        type=float,
        default=defaults.retention / timedelta(days=1),
        help="how long sent entries are kept (default 7)",
    )
    relay.add_argument(
        "--publisher", help="module:factory returning the EventPublisher (default: logging)"
    )


def _run(arguments: argparse.Namespace) -> str:
    if arguments.command == "upgrade":
        return str(migrate.upgrade(arguments.url, arguments.revision))
    if arguments.command == "relay":
        return _relay(arguments)
    revision = migrate.current_revision(arguments.url)
    head = migrate.head_revision()
    if revision is None:
        return f"no unicom schema (this release's head is {head})"
    state = "up to date" if revision == head else f"behind head {head}"
    return f"{revision} ({state})"


def _publisher(spec: str | None) -> EventPublisher:
    """The logging publisher, or the one ``module:factory`` makes (``relay.publisher``)."""
    if spec is None:
        return LoggingEventPublisher()
    module_name, _, factory_name = spec.partition(":")
    try:
        factory = getattr(importlib.import_module(module_name), factory_name)
        publisher: EventPublisher = factory()
    except (ImportError, AttributeError, TypeError, ValueError) as error:
        raise RELAY_PUBLISHER.error(f"cannot make a publisher from {spec!r}: {error}") from None
    return publisher


def _settings(arguments: argparse.Namespace) -> RelaySettings:
    try:
        lease = timedelta(seconds=arguments.lease_seconds)
        retention = timedelta(days=arguments.retention_days)
    except (OverflowError, ValueError):
        raise RELAY_SETTINGS.error() from None
    return RelaySettings(batch=arguments.batch, lease=lease, retention=retention)


def _relay(arguments: argparse.Namespace) -> str:
    settings = _settings(arguments)
    publisher = _publisher(arguments.publisher)
    storage = create_storage(arguments.url)
    relay = OutboxRelay(storage, SystemClock(), publisher, settings=settings)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        if arguments.once:
            purged = relay.purge() if arguments.purge else 0
            report = relay.relay_once()
            _on_report(report)
            failed = len(report.failed)
            return f"relayed once: {report.sent} marked sent, {failed} failed, {purged} purged"
        with _Stop() as stop:
            sent = relay.run(
                stop=stop,
                idle_sleep=arguments.idle_sleep,
                purge=arguments.purge,
                on_report=_on_report,
                on_error=_on_error,
            )
        return f"relay stopped: {sent} marked sent"
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


class _Stop:
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code (0 on success, 1 on failure)."""
    arguments = _parser().parse_args(argv)
    try:
        outcome = _run(arguments)
    except UnicomError as error:
        sys.stderr.write(f"unicom-sql: error: {error}\n")
        return 1
    sys.stdout.write(outcome + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover - `python -m unicom_sql.cli`
    sys.exit(main())
