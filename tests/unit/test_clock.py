"""The clock port, the real clock and the settable double (F-CAL-1: rules ask an injected clock)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from unicom_core.clock import SystemClock
from unicom_core.domain.shared import SHANGHAI, BillingCycle
from unicom_core.errors import InvalidInput
from unicom_core.memory.clocks import SettableClock
from unicom_core.ports.shared import Clock

EIGHT_HOURS = timedelta(hours=8)
START = datetime(2026, 11, 1, tzinfo=SHANGHAI)


def _raises_code(code: str):
    return pytest.raises(InvalidInput, match=rf"^\[{code}\]")


def _cycle_now(clock: Clock) -> BillingCycle:
    """A rule in miniature: it asks the injected clock, never datetime.now()."""
    return BillingCycle.containing(clock.now())


def test_f_cal_1_adapters_subclass_the_port_explicitly():
    assert Clock in SystemClock.__mro__
    assert Clock in SettableClock.__mro__


def test_f_cal_1_a_rule_follows_the_injected_clock():
    clock = SettableClock(datetime(2026, 1, 31, 15, 59, tzinfo=UTC))
    assert _cycle_now(clock) == BillingCycle(2026, 1)
    clock.advance(timedelta(minutes=1))  # 16:00Z is 00:00 on 1 February in Beijing
    assert _cycle_now(clock) == BillingCycle(2026, 2)


def test_system_clock_reads_beijing_time_now():
    before = datetime.now(UTC)
    now = SystemClock().now()
    after = datetime.now(UTC)
    assert now.tzinfo is SHANGHAI
    assert now.utcoffset() == EIGHT_HOURS
    assert before <= now <= after


def test_settable_clock_stands_still_until_moved():
    clock = SettableClock(START)
    assert clock.now() == START
    assert clock.now() == START


def test_settable_clock_answers_in_beijing_time_whatever_it_was_given():
    clock = SettableClock(datetime(2026, 1, 31, 16, 30, tzinfo=UTC))
    assert clock.now().isoformat() == "2026-02-01T00:30:00+08:00"
    assert clock.now().tzinfo is SHANGHAI


def test_settable_clock_set_moves_either_way():
    clock = SettableClock(START)
    clock.set(datetime(2026, 12, 1, 8, tzinfo=SHANGHAI))
    assert clock.now() == datetime(2026, 12, 1, 8, tzinfo=SHANGHAI)
    clock.set(datetime(2026, 10, 31, 16, tzinfo=UTC))
    assert clock.now().isoformat() == "2026-11-01T00:00:00+08:00"


def test_settable_clock_advance_adds_elapsed_time_and_returns_it():
    clock = SettableClock(START)
    assert clock.advance(timedelta(days=3, hours=8)) == datetime(2026, 11, 4, 8, tzinfo=SHANGHAI)
    assert clock.now() == datetime(2026, 11, 4, 8, tzinfo=SHANGHAI)


def test_settable_clock_advance_may_go_back():
    clock = SettableClock(START)
    clock.advance(-timedelta(seconds=1))
    assert clock.now() == datetime(2026, 10, 31, 23, 59, 59, tzinfo=SHANGHAI)


def test_settable_clock_advance_is_elapsed_time_across_an_offset_change():
    # Beijing kept summer time until 1991: at 1991-09-14T17:00Z clocks went from 02:00 (+09)
    # back to 01:00 (+08). One hour after 16:30Z is 17:30Z, although the wall clock shows
    # 01:30 both times.
    clock = SettableClock(datetime(1991, 9, 14, 16, 30, tzinfo=UTC))
    assert clock.now().utcoffset() == timedelta(hours=9)
    clock.advance(timedelta(hours=1))
    assert clock.now().astimezone(UTC) == datetime(1991, 9, 14, 17, 30, tzinfo=UTC)
    assert clock.now().utcoffset() == EIGHT_HOURS


def test_settable_clock_refuses_naive_datetimes():
    naive = datetime(2026, 11, 1)  # noqa: DTZ001 - the point of the test
    with _raises_code("time.naive"):
        SettableClock(naive)
    clock = SettableClock(START)
    with _raises_code("time.naive"):
        clock.set(naive)
    assert clock.now() == START


def test_settable_clock_refuses_bad_steps():
    clock = SettableClock(START)
    with _raises_code("time.not_a_timedelta"):
        clock.advance(60)  # type: ignore[arg-type]
    edge = SettableClock(datetime(9999, 12, 31, tzinfo=SHANGHAI))
    with _raises_code("time.out_of_range"):
        edge.advance(timedelta(days=2))
    with _raises_code("time.out_of_range"):
        edge.advance(timedelta(hours=24))  # fine in UTC, past 9999 in Beijing
    assert edge.now() == datetime(9999, 12, 31, tzinfo=SHANGHAI)


def test_settable_clock_repr_shows_the_instant():
    assert repr(SettableClock(START)) == "SettableClock(2026-11-01T00:00:00+08:00)"


def test_settable_clock_is_thread_safe():
    clock = SettableClock(START)
    writers, steps = 8, 500
    barrier = threading.Barrier(writers + 2)
    stop = threading.Event()
    seen_backwards: list[datetime] = []

    def write() -> None:
        barrier.wait()
        for _ in range(steps):
            clock.advance(timedelta(seconds=1))

    def read() -> None:
        barrier.wait()
        last = clock.now()
        while not stop.is_set():
            now = clock.now()
            if now < last or now.tzinfo is not SHANGHAI:
                seen_backwards.append(now)
            last = now

    threads = [threading.Thread(target=write) for _ in range(writers)]
    threads += [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads[:writers]:
        thread.join()
    stop.set()
    for thread in threads[writers:]:
        thread.join()
    assert seen_backwards == []
    assert clock.now() == START + timedelta(seconds=writers * steps)
