"""TMF event hubs end to end in memory: fan-out, signed dispatch, back-off, suspension.

The relay is at-least-once, so the hubs must queue an event once per listener however
often it is published; a listener down for 25 hours is suspended after 24 (the setting)
with nothing lost, and once reactivated receives everything in event order. Every instant
comes from a settable clock (F-CAL-1); operators register through the hall's one
permission check (F-AUTH-6).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json

import pytest

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.billing import BillIssued
from unicom_core.domain.payments import PaymentAttemptSucceeded
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money, SubscriptionState
from unicom_core.errors import NotFound, Refused
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.events import MemoryEventPublisher
from unicom_core.memory.webhooks import MemoryWebhookSender
from unicom_core.ports.shared import PublishOutcome
from unicom_core.usecases.shared import HubSettings, TeePublisher

T0 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
A, B, C = "https://a.example/cb", "https://b.example/cb", "https://c.example/cb"


def world(**settings):
    clock, sender = SettableClock(T0), MemoryWebhookSender()
    hall = bootstrap(clock=clock, webhooks=sender, hub_settings=HubSettings(**settings))
    client = hall.access.add_client("billing", ["tmf.read"])

    def operator():  # a token lives an hour: the long tests ask for a fresh one
        issued = hall.access.issue_client_token(client.client.id, client.secret, "tmf.read")
        return issued.access_token

    return hall, clock, sender, operator


def bill(n, at=T0):
    return BillIssued(
        aggregate_id=f"b-{n}",
        occurred_at=at,
        account_id="a1",
        cycle=BillingCycle(2016, 4),
        total=Money(100 * n),
        due_date=dt.date(2016, 5, 31),
    )


def emit(hall, *events):
    with hall.storage.transaction() as tx:
        for event in events:
            tx.outbox.append(event)
    hall.relay.relay_once()


def bill_ids(posts):
    return [json.loads(p.body)["event"]["customerBill"]["id"] for p in posts]


def pending(hall, subscription_id):
    with hall.storage.read() as tx:
        return list(tx.hub_deliveries.pending_of(subscription_id, -1, 500))


# ---------------------------------------------------------------- fan-out
def test_each_listener_gets_the_events_of_its_api_and_query():
    hall, _clock, sender, op = world()
    bills = hall.hubs.subscribe(op(), "TMF678", A)
    payments = hall.hubs.subscribe(op(), "TMF676", B)
    hall.hubs.subscribe(op(), "TMF678", C, "eventType=CustomerBillStateChangeEvent")
    paid = PaymentAttemptSucceeded(
        aggregate_id="p1", occurred_at=T0, amount=Money(5000), reference="r"
    )
    emit(hall, bill(1), paid)
    report = hall.hubs.dispatch_once()
    assert (report.claimed, report.delivered) == (2, 2)
    assert bill_ids(sender.delivered_to(A)) == ["b-1"]
    (to_b,) = sender.delivered_to(B)
    assert json.loads(to_b.body)["event"]["payment"]["status"] == "succeeded"
    assert sender.delivered_to(C) == []
    assert bills.subscription.id != payments.subscription.id


def test_a_delivery_is_signed_with_the_listeners_secret_and_a_timestamp():
    hall, _clock, sender, op = world()
    registration = hall.hubs.subscribe(op(), "TMF678", A)
    event = bill(1)
    emit(hall, event)
    hall.hubs.dispatch_once()
    (post,) = sender.sent
    stamp, mac = post.headers["X-Unicom-Signature"].split(",")
    assert stamp == f"t={int(T0.timestamp())}"
    message = stamp[2:].encode() + b"." + post.body
    key = registration.secret.encode()
    assert mac == "v1=" + hmac.new(key, message, hashlib.sha256).hexdigest()
    assert post.headers["Content-Type"] == "application/json"
    assert post.headers["X-Unicom-Event-Id"] == event.event_id
    assert post.headers["X-Unicom-Event-Type"] == "CustomerBillCreateEvent"


def test_an_entry_published_again_is_delivered_once_per_listener():
    hall, _clock, sender, op = world()
    hall.hubs.subscribe(op(), "TMF678", A)
    with hall.storage.transaction() as tx:
        tx.outbox.append(bill(1))
    with hall.storage.read() as tx:
        entries = list(tx.outbox.pending(10))
    for _ in range(3):  # at-least-once upstream: the relay republished the entry
        assert all(o.delivered for o in hall.hubs.publisher.publish(entries))
    hall.relay.relay_once()
    hall.hubs.dispatch_once()
    hall.hubs.dispatch_once()
    assert bill_ids(sender.sent) == ["b-1"]


# ---------------------------------------------------------------- back-off and suspension
def test_a_listener_down_for_25_hours_is_suspended_keeps_everything_and_resumes_in_order():
    hall, clock, sender, op = world()
    sid = hall.hubs.subscribe(op(), "TMF678", A).subscription.id
    sender.answer(A, 503)
    emit(hall, bill(1), bill(2), bill(3))
    first_failure, passes = clock.now(), 0
    while hall.hubs.listener(op(), sid).active:
        assert clock.now() - first_failure < dt.timedelta(hours=25)
        before = len(sender.sent)
        hall.hubs.dispatch_once()
        passes += 1
        assert len(sender.sent) == before + 1  # later ones wait behind the failed one
        due = min(d.next_attempt_at for d in pending(hall, sid))
        assert due - clock.now() <= hall.hubs.settings.retry.backoff_cap
        if hall.hubs.listener(op(), sid).active:
            clock.set(due)
    suspended = hall.hubs.listener(op(), sid)
    assert suspended.state is SubscriptionState.SUSPENDED
    assert suspended.suspended_at - first_failure >= dt.timedelta(hours=24)
    assert passes > 20  # exponential back-off capped at an hour, for a day
    # Suspended, it is sent nothing; what happens meanwhile is kept for it.
    clock.advance(dt.timedelta(hours=1))
    emit(hall, bill(4, clock.now()))
    assert hall.hubs.dispatch_once().claimed == 0
    assert [d.event_type for d in pending(hall, sid)] == ["CustomerBillCreateEvent"] * 4
    # Reactivated by an operator, it gets everything in event order.
    sender.answer(A, 200)
    assert hall.hubs.reactivate(op(), sid).active
    hall.hubs.dispatch_once()
    assert bill_ids(sender.delivered_to(A)) == ["b-1", "b-2", "b-3", "b-4"]
    assert pending(hall, sid) == []
    assert hall.hubs.listener(op(), sid).failures == 0


def test_a_success_within_the_day_keeps_the_listener_active():
    hall, clock, sender, op = world()
    sid = hall.hubs.subscribe(op(), "TMF678", A).subscription.id
    sender.answer(A, None)  # unreachable
    emit(hall, bill(1))
    hall.hubs.dispatch_once()
    assert hall.hubs.listener(op(), sid).last_failure == "hubs.unreachable"
    clock.advance(dt.timedelta(hours=23))
    sender.answer(A, 202)
    hall.hubs.dispatch_once()
    clock.advance(dt.timedelta(hours=2))
    sender.answer(A, 500)
    emit(hall, bill(2, clock.now()))
    hall.hubs.dispatch_once()
    listener = hall.hubs.listener(op(), sid)
    assert listener.active
    assert listener.failing_since == clock.now()


# ---------------------------------------------------------------- registration
def test_only_operators_register_listeners():
    hall, _clock, _sender, _op = world()
    for token in ("", "not-a-token"):
        with pytest.raises(Refused):
            hall.hubs.subscribe(token, "TMF678", A)


def test_an_unknown_or_foreign_listener_is_not_found_and_removal_drops_its_deliveries():
    hall, _clock, sender, op = world()
    sid = hall.hubs.subscribe(op(), "TMF678", A).subscription.id
    sender.answer(A, 503)
    emit(hall, bill(1))
    with pytest.raises(NotFound) as raised:
        hall.hubs.unsubscribe(op(), "TMF676", sid)
    assert raised.value.code == "hubs.unknown"
    hall.hubs.unsubscribe(op(), "TMF678", sid)
    assert pending(hall, sid) == []
    with pytest.raises(NotFound):
        hall.hubs.unsubscribe(op(), "TMF678", sid)


def test_the_number_of_listeners_is_bounded():
    hall, _clock, _sender, op = world(max_listeners=2)
    hall.hubs.subscribe(op(), "TMF678", A)
    hall.hubs.subscribe(op(), "TMF678", B)
    with pytest.raises(Refused) as raised:
        hall.hubs.subscribe(op(), "TMF678", C)
    assert raised.value.code == "hubs.full"


def test_an_api_without_events_takes_no_listener():
    hall, _clock, _sender, op = world()
    with pytest.raises(Exception) as raised:  # noqa: PT011 - the code is checked
        hall.hubs.subscribe(op(), "TMF635", A)
    assert getattr(raised.value, "code", None) == "hubs.api"


# ---------------------------------------------------------------- wiring
class Refusing:
    def publish(self, entries):
        return [PublishOutcome(e.id, delivered=False, reason="broker.down") for e in entries]


def test_the_tee_delivers_an_entry_only_when_every_publisher_did():
    hall, _clock, _sender, op = world()
    hall.hubs.subscribe(op(), "TMF678", A)
    with hall.storage.transaction() as tx:
        tx.outbox.append(bill(1))
    with hall.storage.read() as tx:
        entries = [e for e in tx.outbox.pending(10) if e.event.event_type == "bill.issued"]
    memory = MemoryEventPublisher()
    both = TeePublisher(memory, hall.hubs.publisher)
    assert [o.delivered for o in both.publish(entries)] == [True]
    refused = TeePublisher(Refusing(), hall.hubs.publisher).publish(entries)
    assert [(o.delivered, o.reason) for o in refused] == [(False, "broker.down")]


def test_production_refuses_a_memory_sender_and_insecure_callbacks():
    with pytest.raises(Refused) as raised:
        bootstrap(
            production=True,
            webhooks=MemoryWebhookSender(),
            hub_settings=HubSettings(allow_insecure_callbacks=True),
        )
    assert raised.value.code == "bootstrap.unsafe_for_production"
