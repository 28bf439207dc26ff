"""Bill runs and billing profiles: their states and rules (F-QRY-2, F-QRY-3, F-CAL-4)."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given

from unicom_core.domain.billing import Adjustment, BillingProfile, BillRun, PackHolding, RunStatus
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.errors import Conflict, InvalidInput, NotFound, Refused
from unicom_core.serialization import structure, unstructure
from unicom_core.testing.strategies.billing import bill_runs, billing_profiles, bills

MAY = BillingCycle(2016, 5)
AT = datetime(2016, 6, 1, 1, tzinfo=SHANGHAI)


def bj(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI)  # type: ignore[misc]


def test_a_run_is_open_then_running_then_done():
    run = BillRun.of(MAY)
    run.accept_usage(3)
    assert run.is_open
    assert run.records == 3
    assert run.start(at=AT)[0].records == 3
    assert run.start(at=AT) == ()  # starting again changes nothing
    with pytest.raises(Refused) as raised:
        run.accept_usage(1)
    assert raised.value.code == "billing.cycle_closed"
    run.advance("a-2", 2, Money(100))
    run.advance("a-4", 2, Money(50))
    assert (run.cursor, run.bills, run.total) == ("a-4", 4, Money(150))
    assert run.finish(at=AT)[0].bills == 4
    assert run.status is RunStatus.DONE
    assert run.finish(at=AT) == ()
    with pytest.raises(Refused):
        run.advance("a-5", 1, Money(1))


def test_a_run_id_is_its_cycle():
    with pytest.raises(InvalidInput):
        BillRun("2016-06", MAY)


def test_holding_a_pack_twice_at_once_is_refused_but_again_later_is_fine():
    profile = BillingProfile("s-1")
    profile.hold_pack(PackHolding("data-1gb", bj(2016, 5, 1), bj(2016, 6, 1)), at=AT)
    with pytest.raises(Conflict):
        profile.hold_pack(PackHolding("data-1gb", bj(2016, 5, 20)), at=AT)
    profile.hold_pack(PackHolding("data-1gb", bj(2016, 6, 1)), at=AT)
    profile.hold_pack(PackHolding("voice-200min", bj(2016, 5, 10)), at=AT)
    assert [h.pack_code for h in profile.packs_in(MAY)] == ["data-1gb", "voice-200min"]
    assert [h.pack_code for h in profile.packs_in(BillingCycle(2016, 6))] == [
        "voice-200min",
        "data-1gb",
    ]


def test_releasing_a_pack_ends_its_open_holding():
    profile = BillingProfile("s-1", (PackHolding("data-1gb", bj(2016, 5, 1)),))
    profile.release_pack("data-1gb", bj(2016, 6, 1), at=AT)
    assert profile.packs[0].ends == bj(2016, 6, 1)
    assert not profile.packs[0].held_at(bj(2016, 6, 1))
    assert profile.packs[0].held_at(bj(2016, 5, 31, 23))
    with pytest.raises(NotFound):
        profile.release_pack("data-1gb", bj(2016, 7, 1), at=AT)


def test_a_holding_ends_after_it_starts():
    with pytest.raises(InvalidInput):
        PackHolding("data-1gb", bj(2016, 5, 1), bj(2016, 5, 1))


def test_f_cal_4_recording_the_upgrade_is_idempotent():
    profile = BillingProfile("s-1")
    assert profile.record_upgrade(MAY, at=AT)
    assert profile.record_upgrade(MAY, at=AT) == ()
    assert profile.upgraded_to_4g_in == MAY


def test_an_adjustment_id_is_used_once():
    profile = BillingProfile("s-1")
    credit = Adjustment("adj-1", MAY, Money(-100), "credit")
    assert profile.adjust(credit, at=AT)
    assert profile.adjust(credit, at=AT) == ()
    with pytest.raises(Conflict):
        profile.adjust(Adjustment("adj-1", MAY, Money(-200), "credit"), at=AT)
    with pytest.raises(InvalidInput):
        Adjustment("adj-2", MAY, Money(1), " ")


@given(billing_profiles())
def test_profiles_survive_the_converter(profile):
    assert structure(unstructure(profile), BillingProfile) == profile


@given(bills())
def test_bills_survive_the_converter(bill):
    assert structure(unstructure(bill), type(bill)) == bill


@given(bill_runs())
def test_bill_runs_survive_the_converter(run):
    assert structure(unstructure(run), BillRun) == run
