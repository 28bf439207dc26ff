"""``unicom hubs dispatch``: send the TMF hub listeners their queued events, signed.

``unicom relay`` queues a delivery per matching listener for every event it publishes; this
command sends them (:class:`~unicom_core.usecases.shared.HubDispatcher`): HMAC-signed,
retried with back-off, a listener down for a day suspended with its queue kept. Sending is
the carrier's :class:`~unicom_core.ports.shared.WebhookSender`, named by ``--sender`` (or
``[hubs] sender`` in the config file) as ``module:factory``, e.g.
``unicom_web.webhooks:UrllibWebhookSender``. It stops cleanly on SIGTERM or SIGINT;
``--once`` runs a single pass.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Annotated

import typer

from unicom_core.clock import SystemClock
from unicom_core.usecases.shared import DispatchReport, HubDispatcher, HubSettings
from unicom_sql.cli.app import app, guarded, settings_of
from unicom_sql.cli.relay import Stop, made_by
from unicom_sql.codes import RELAY_PUBLISHER
from unicom_sql.storage import create_storage

if TYPE_CHECKING:
    from unicom_core.errors import AdapterError
    from unicom_core.ports.shared import WebhookSender

__all__ = ["dispatch", "hubs_app"]

_log = logging.getLogger("unicom.hubs")

hubs_app = typer.Typer(help="The TMF event hubs: send listeners their queued events.")
app.add_typer(hubs_app, name="hubs")


@hubs_app.command()
@guarded
def dispatch(
    ctx: typer.Context,
    *,
    sender: Annotated[
        str | None, typer.Option(help="module:factory returning the WebhookSender")
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="run one pass, then exit")] = False,
    idle_sleep: Annotated[float, typer.Option(help="seconds to wait when nothing is due")] = 1.0,
) -> None:
    """Send due deliveries to the hub listeners until SIGTERM/SIGINT (or one pass)."""
    spec = sender or settings_of(ctx).hubs_sender
    if spec is None:
        raise RELAY_PUBLISHER.error(
            "name the webhook sender: --sender module:factory "
            "(e.g. unicom_web.webhooks:UrllibWebhookSender)"
        )
    made: WebhookSender = made_by(spec, "a webhook sender")
    storage = create_storage(settings_of(ctx).url())
    dispatcher = HubDispatcher(storage, SystemClock(), made, HubSettings())
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        if once:
            report = dispatcher.dispatch_once()
            _on_report(report)
            typer.echo(
                f"dispatched once: {report.delivered} delivered, {len(report.failed)} failed, "
                f"{len(report.suspended)} listeners suspended"
            )
            return
        with Stop() as stop:
            dispatcher.run(stop=stop, idle_sleep=idle_sleep, on_report=_on_report, on_error=_error)
        typer.echo("hub dispatch stopped")
    finally:
        storage.close()


def _on_report(report: DispatchReport) -> None:
    failed = ",".join(f"{delivery}:{reason}" for delivery, reason in report.failed)
    _log.info(
        "hubs_pass claimed=%d delivered=%d failed=%s suspended=%s",
        report.claimed,
        report.delivered,
        failed or "-",
        ",".join(report.suspended) or "-",
    )


def _error(error: AdapterError) -> None:
    _log.warning("hubs_error %s", error)
