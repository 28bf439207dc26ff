"""A real listener over HTTP: a signed TMF678 bill event reaches ``http.server`` in a thread.

The web adapter's :class:`~unicom_web.webhooks.UrllibWebhookSender` POSTs the delivery; the
listener checks the signature as the how-to tells a carrier's system to (HMAC-SHA256 of
``"<t>." + body`` with its secret, compared in constant time, ``t`` recent) and answers
204; a listener answering 500 and a port nobody listens on are retried (F-CAL-1: the
instants come from the hall's clock).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from unicom_web.webhooks import UrllibWebhookSender

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.billing import BillIssued
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.errors import AdapterError
from unicom_core.memory.clocks import SettableClock
from unicom_core.usecases.shared import HubSettings

T0 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)


class Listener(BaseHTTPRequestHandler):
    """A carrier's billing system: verifies each notification, then answers ``status``."""

    secret = ""
    status = 204
    received: list[tuple[dict, bool]] = []  # noqa: RUF012 - set per test

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        fields = dict(part.split("=", 1) for part in self.headers["X-Unicom-Signature"].split(","))
        expected = hmac.new(
            self.secret.encode(), fields["t"].encode() + b"." + body, hashlib.sha256
        ).hexdigest()
        fresh = abs(int(T0.timestamp()) - int(fields["t"])) <= 300
        verified = hmac.compare_digest(expected, fields["v1"]) and fresh
        type(self).received.append((json.loads(body), verified))
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        """Quiet."""


@pytest.fixture
def listener():
    server = HTTPServer(("127.0.0.1", 0), Listener)
    Listener.received, Listener.status = [], 204
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/tmf/listener"
    server.shutdown()
    server.server_close()


def hall_with_operator():
    hall = bootstrap(
        clock=SettableClock(T0),
        webhooks=UrllibWebhookSender(timeout=5),
        hub_settings=HubSettings(allow_insecure_callbacks=True),
    )
    client = hall.access.add_client("billing", ["tmf.read"])
    token = hall.access.issue_client_token(client.client.id, client.secret, "tmf.read")
    return hall, token.access_token


def issue_bill(hall):
    event = BillIssued(
        aggregate_id="b-201604",
        occurred_at=T0,
        account_id="a1",
        cycle=BillingCycle(2016, 4),
        total=Money(12350),
        due_date=dt.date(2016, 5, 31),
    )
    with hall.storage.transaction() as tx:
        tx.outbox.append(event)
    hall.relay.relay_once()
    return event


def test_a_listener_receives_a_signed_bill_event(listener):
    hall, token = hall_with_operator()
    Listener.secret = hall.hubs.subscribe(token, "TMF678", listener).secret
    event = issue_bill(hall)
    report = hall.hubs.dispatch_once()
    assert (report.claimed, report.delivered) == (1, 1)
    ((body, verified),) = Listener.received
    assert verified
    assert body["eventId"] == event.event_id
    assert body["eventType"] == "CustomerBillCreateEvent"
    assert body["event"]["customerBill"]["amountDue"] == {"unit": "CNY", "value": 123.5}
    assert hall.hubs.dispatch_once().claimed == 0  # delivered once


def test_a_failing_or_absent_listener_is_retried(listener):
    hall, token = hall_with_operator()
    Listener.secret = hall.hubs.subscribe(token, "TMF678", listener).secret
    Listener.status = 500
    issue_bill(hall)
    report = hall.hubs.dispatch_once()
    assert [reason for _, reason in report.failed] == ["http.500"]
    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{spare.getsockname()[1]}/cb"
    with pytest.raises(AdapterError) as raised:
        UrllibWebhookSender(timeout=2).post(closed, b"{}", {})
    assert raised.value.code == "hubs.unreachable"


def test_the_sender_times_out_on_a_silent_listener():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/cb"
        started = time.monotonic()
        with pytest.raises(AdapterError) as raised:
            UrllibWebhookSender(timeout=0.5).post(url, b"{}", {})
        assert raised.value.code == "hubs.unreachable"
        assert time.monotonic() - started < 5
