"""The outbox relay: every event published at least once, marked exactly once, retried
with exponential back-off from the clock port, purged after the retention period.

The finding: events piled up in the outbox and nothing ever relayed them; ``hall.relay``
did not exist.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.access import PasswordReset
from unicom_core.domain.payments import MandateSigned, PaymentNotificationRejected, mask_card
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import AdapterError, InvalidInput
from unicom_core.logging_events import LoggingEventPublisher, redact
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.events import MemoryEventPublisher
from unicom_core.memory.storage import MemoryStorage
from unicom_core.ports.shared import OutboxEntry, PublishOutcome
from unicom_core.usecases.shared import OutboxRelay, RelaySettings, backoff

T0 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
SECOND = dt.timedelta(seconds=1)
DEFAULTS = RelaySettings()


def events(n):
    return [PasswordReset(aggregate_id=f"credential-{i}", occurred_at=T0) for i in range(n)]


def world(n, publisher=None, **relay_settings):
    storage, clock = MemoryStorage(), SettableClock(T0)
    given_events = events(n)
    with storage.transaction() as tx:
        for event in given_events:
            tx.outbox.append(event)
    publisher = publisher if publisher is not None else MemoryEventPublisher()
    relay = OutboxRelay(storage, clock, publisher, settings=RelaySettings(**relay_settings))
    return storage, clock, publisher, relay, given_events


def unsent(storage, now=None):
    with storage.transaction() as tx:
        return list(tx.outbox.pending(500, now))


# ---------------------------------------------------------------- back-off


@pytest.mark.parametrize(
    ("attempts", "seconds"),
    [(0, 5), (1, 10), (2, 20), (5, 160), (9, 2560), (10, 3600), (10**6, 3600)],
)
def test_backoff_doubles_from_five_seconds_up_to_an_hour(attempts, seconds):
    assert backoff(attempts, DEFAULTS) == dt.timedelta(seconds=seconds)


@given(
    base=st.integers(1, 10**6),
    factor=st.integers(1, 10),
    cap=st.integers(1, 10**9),
    attempts=st.integers(0, 200),
)
def test_backoff_is_min_of_cap_and_base_times_factor_to_the_attempts(base, factor, cap, attempts):
    chosen = RelaySettings(
        backoff_base=dt.timedelta(microseconds=base),
        backoff_factor=factor,
        backoff_cap=dt.timedelta(microseconds=cap),
    )
    expected = min(cap, base * factor**attempts)
    assert backoff(attempts, chosen) == dt.timedelta(microseconds=expected)


@pytest.mark.parametrize(
    "bad",
    [
        {"batch": 0},
        {"batch": 501},
        {"backoff_factor": 0},
        {"lease": dt.timedelta(0)},
        {"retention": dt.timedelta(days=-1)},
        {"purge_batch": True},
    ],
)
def test_settings_out_of_range_are_refused(bad):
    with pytest.raises(InvalidInput) as raised:
        RelaySettings(**bad)
    assert raised.value.code == "relay.settings"


# ---------------------------------------------------------------- one pass


def test_the_hall_relays_what_its_use_cases_appended():
    publisher = MemoryEventPublisher()
    hall = bootstrap(events=publisher)  # installing the catalogue appends catalog.published
    report = hall.relay.relay_once()
    assert report.claimed == report.delivered == report.sent >= 1
    assert "catalog.published" in {event.event_type for event in publisher.published}
    assert unsent(hall.storage) == []
    assert hall.relay.relay_once().claimed == 0


def test_a_pass_publishes_in_order_and_marks_every_delivered_entry():
    storage, _clock, publisher, relay, given_events = world(3)
    report = relay.relay_once()
    assert (report.claimed, report.delivered, report.sent, report.failed) == (3, 3, 3, ())
    assert publisher.published == given_events
    assert unsent(storage) == []


def test_a_refused_event_is_retried_after_an_exponential_backoff():
    storage, clock, publisher, relay, given_events = world(2)
    publisher.refuse(given_events[0].event_id)
    report = relay.relay_once()
    assert report.sent == 1
    assert [reason for _id, reason in report.failed] == ["memory.refused"]
    for wait in (5, 10, 20):  # base 5 s, factor 2
        assert relay.relay_once().claimed == 0
        clock.advance(wait * SECOND - SECOND)
        assert relay.relay_once().claimed == 0  # not due yet: one second early
        clock.advance(SECOND)
        assert relay.relay_once().claimed == 1
    assert unsent(storage)[0].attempts == 4
    publisher.accept()
    clock.advance(40 * SECOND)
    assert relay.relay_once().sent == 1
    assert unsent(storage) == []


def test_a_batch_that_raises_fails_every_entry_of_it():
    storage, clock, publisher, relay, _events = world(3)
    publisher.fail_batches(1)
    report = relay.relay_once()
    assert report.sent == 0
    assert [reason for _id, reason in report.failed] == ["events.unavailable"] * 3
    assert unsent(storage, clock.now()) == []
    clock.advance(5 * SECOND)
    assert relay.relay_once().sent == 3


class Forgetful:
    """Answers for the first entry only, and once more for an entry of no batch."""

    def publish(self, entries):
        return [PublishOutcome(entries[0].id, delivered=True), PublishOutcome(999, delivered=True)]


class Broken:
    def publish(self, _entries):
        raise ZeroDivisionError


def test_an_entry_left_without_outcome_or_a_publisher_bug_counts_as_failed():
    storage, _clock, _publisher, relay, _events = world(2, Forgetful())
    report = relay.relay_once()
    assert report.sent == 1
    assert [reason for _id, reason in report.failed] == ["publisher.no_outcome"]
    storage, _clock, _publisher, relay, _events = world(1, Broken())
    assert relay.relay_once().failed[0][1] == "ZeroDivisionError"
    assert unsent(storage)[0].attempts == 1


class DiesAfterPublishing(MemoryEventPublisher):
    """Delivers, then the process dies before the relay marks anything."""

    def __init__(self):
        super().__init__()
        self.dying = True

    def publish(self, entries):
        outcomes = super().publish(entries)
        if self.dying:
            self.dying = False
            raise SystemExit(137)
        return outcomes


def test_a_relay_dying_before_the_mark_publishes_again_after_the_lease():
    storage, clock, publisher, relay, given_events = world(2, DiesAfterPublishing())
    with pytest.raises(SystemExit):
        relay.relay_once()
    assert publisher.published == given_events
    assert relay.relay_once().claimed == 0  # leased to the dead relay
    clock.advance(DEFAULTS.lease)
    assert relay.relay_once().sent == 2
    assert publisher.published == given_events * 2  # at least once, and marked once
    assert unsent(storage) == []


def test_a_mark_never_counts_twice_when_two_relays_deliver_one_entry():
    storage, clock, _publisher, relay, _events = world(1, DiesAfterPublishing())
    with pytest.raises(SystemExit):
        relay.relay_once()
    clock.advance(DEFAULTS.lease)
    second = OutboxRelay(storage, clock, MemoryEventPublisher())
    assert second.relay_once().sent == 1
    with storage.transaction() as tx:  # the first relay's late mark
        assert tx.outbox.mark_sent([1], clock.now()) == 0


# ---------------------------------------------------------------- purge


def test_purge_deletes_sent_entries_past_the_retention_in_batches():
    storage, clock, publisher, relay, given_events = world(5, purge_batch=2)
    publisher.refuse(given_events[4].event_id)
    assert relay.relay_once().sent == 4
    clock.advance(dt.timedelta(days=7))
    assert relay.purge() == 0  # exactly the retention: not older than it
    clock.advance(SECOND)
    assert relay.purge() == 4  # three transactions of at most 2
    assert [entry.event for entry in unsent(storage)] == given_events[4:]  # never unpublished
    assert relay.purge() == 0


# ---------------------------------------------------------------- the loop


def test_run_relays_until_stopped_and_reports_each_pass():
    storage, _clock, _publisher, relay, _events = world(3, batch=2)
    stop, reports = threading.Event(), []

    def seen(report):
        reports.append(report)
        if len(reports) == 2:
            stop.set()

    assert relay.run(stop=stop, idle_sleep=0.01, on_report=seen) == 3
    assert [report.sent for report in reports] == [2, 1]
    assert unsent(storage) == []


def test_run_hands_storage_failures_to_on_error_or_raises():
    storage, _clock, _publisher, relay, _events = world(1)
    storage.close()
    stop, errors = threading.Event(), []

    def failed(error):
        errors.append(error.code)
        stop.set()

    assert relay.run(stop=stop, idle_sleep=0.01, on_error=failed) == 0
    assert errors == ["storage.closed"]
    with pytest.raises(AdapterError):
        relay.run(stop=threading.Event(), idle_sleep=0.01)


# ---------------------------------------------------------------- the law


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 12),
    passes=st.lists(st.tuples(st.booleans(), st.sets(st.integers(0, 11), max_size=6)), max_size=8),
    batch=st.integers(1, 5),
)
def test_whatever_fails_every_event_is_published_and_marked_exactly_once(n, passes, batch):
    storage, clock, publisher, relay, given_events = world(n, batch=batch)
    marked = 0
    for raises, refused in passes:
        publisher.fail_batches(1 if raises else 0)
        publisher.accept()
        publisher.refuse(*(given_events[i].event_id for i in refused if i < n))
        marked += relay.relay_once().sent
        clock.advance(DEFAULTS.backoff_cap)
    publisher.fail_batches(0)
    publisher.accept()
    for _ in range(n):
        marked += relay.relay_once().sent
    assert unsent(storage) == []
    assert marked == n
    assert {event.event_id for event in publisher.published} == {e.event_id for e in given_events}


# ---------------------------------------------------------------- the logging publisher


def test_the_logging_publisher_writes_one_redacted_line_per_event(caplog):
    card = mask_card("4111111111111111")
    mandate = MandateSigned(
        aggregate_id="m-1", occurred_at=T0, account_id="a-1", bank="ICBC", card=card
    )
    rejected = PaymentNotificationRejected(
        aggregate_id="unknown",
        occurred_at=T0,
        gateway="alipay",
        reason="signature",
        detail="buyer 18612345678 id 11010519491231002X",
    )
    entries = [OutboxEntry(1, mandate), OutboxEntry(2, rejected, attempts=3)]
    with caplog.at_level(logging.INFO, logger="unicom.events"):
        outcomes = LoggingEventPublisher().publish(entries)
    assert outcomes == [PublishOutcome(1, delivered=True), PublishOutcome(2, delivered=True)]
    assert len(caplog.records) == 2
    lines = [json.loads(r.getMessage().removeprefix("event_published ")) for r in caplog.records]
    assert lines[0]["event_type"] == "mandate.signed"
    assert lines[0]["data"]["card"] == card
    assert lines[1]["attempts"] == 3
    assert lines[1]["event_id"] == rejected.event_id
    text = caplog.text
    for secret in ("18612345678", "11010519491231002X", "4111111111111111", "0519491231"):
        assert secret not in text
    assert "*******5678" in lines[1]["data"]["detail"]


def test_redact_hides_secret_names_and_masks_long_digit_runs():
    data = {"password": "hunter2", "resident_id": "110105194912310021", "n": "1234567", "k": 7}
    assert redact(data) == {"password": "***", "resident_id": "***", "n": "***4567", "k": 7}
    assert redact(["call 010-12345678"]) == ["call 010-****5678"]
