"""``unicom relay`` queues events for the TMF hub listeners; ``unicom hubs dispatch`` sends them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner
from unicom_sql import create_storage
from unicom_sql.cli import app

from unicom_core import bootstrap
from unicom_core.domain.billing import BillIssued
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.memory import MemoryWebhookSender, SettableClock

SENT = MemoryWebhookSender()
LISTENER = "https://listener.example/events"


def sender() -> MemoryWebhookSender:
    """The ``module:factory`` the command is given: a recording sender."""
    return SENT


@pytest.fixture
def hall_with_a_listener(monkeypatch, sqlite_url):
    monkeypatch.setenv("UNICOM_DATABASE_URL", sqlite_url)
    storage = create_storage(sqlite_url)
    at = dt.datetime.now(SHANGHAI)
    hall = bootstrap(storage=storage, clock=SettableClock(at))
    client = hall.access.add_client("billing", ["tmf.read"])
    token = hall.access.issue_client_token(client.client.id, client.secret, "tmf.read")
    hall.hubs.subscribe(token.access_token, "TMF678", LISTENER)
    event = BillIssued(
        aggregate_id="acct-1:2016-04",
        occurred_at=at,
        account_id="acct-1",
        cycle=BillingCycle(2016, 4),
        total=Money(12_345),
        due_date=dt.date(2016, 5, 31),
    )
    with storage.transaction() as tx:
        tx.outbox.append(event)
    storage.close()
    SENT.sent.clear()
    return event


def test_the_relay_queues_and_the_dispatcher_sends_a_bill_event(hall_with_a_listener):
    runner = CliRunner()
    relayed = runner.invoke(app, ["relay", "--once"])
    assert relayed.exit_code == 0, relayed.output
    assert SENT.sent == []
    spec = f"{__name__}:sender"
    dispatched = runner.invoke(app, ["hubs", "dispatch", "--once", "--sender", spec])
    assert dispatched.exit_code == 0, dispatched.output
    assert "1 delivered" in dispatched.stdout
    (delivery,) = SENT.sent
    assert delivery.url == LISTENER
    body = json.loads(delivery.body)
    assert body["eventType"] == "CustomerBillCreateEvent"
    assert body["eventId"] == hall_with_a_listener.event_id
    again = runner.invoke(app, ["hubs", "dispatch", "--once", "--sender", spec])
    assert "0 delivered" in again.stdout
    assert len(SENT.sent) == 1


def test_dispatch_without_a_sender_is_one_clear_error(monkeypatch, sqlite_url):
    monkeypatch.setenv("UNICOM_DATABASE_URL", sqlite_url)
    result = CliRunner().invoke(app, ["hubs", "dispatch", "--once"])
    assert result.exit_code == 1
    assert result.stderr.startswith("unicom: error: [relay.publisher]")
    assert "--sender" in result.stderr
