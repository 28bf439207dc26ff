"""Laws of enrolment (F-REAL-2): the cap of five numbers per resident ID, and idempotency."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.shared import SHANGHAI, check_character
from unicom_core.errors import Refused
from unicom_core.memory.clocks import SettableClock
from unicom_core.usecases.subscribers import NUMBERS_PER_RESIDENT_ID

START = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)


def resident(n: int) -> str:
    first17 = f"11010519800101{n:03d}"
    return first17 + check_character(first17)


def request(index: int, holder: int) -> dict[str, object]:
    return {
        "request_id": f"req-{index:08d}",
        "name": "张三",
        "resident_id": resident(holder),
        "number": f"1861234{index:04d}",
        "plan_code": "3g-basic-a-46",
    }


@given(
    holders=st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=14),
    replays=st.lists(st.integers(min_value=0, max_value=13), max_size=6),
)
def test_no_id_ever_holds_more_than_five_and_a_request_asked_again_answers_the_same(
    holders, replays
):
    hall = bootstrap(clock=SettableClock(START))
    answered, refusals = {}, []
    for index, holder in enumerate(holders):
        try:
            answered[index] = hall.subscribers.enrol(**request(index, holder))
        except Refused as refused:
            refusals.append(refused.code)
            answered[index] = None
    assert set(refusals) <= {"realname.cap_reached"}
    for holder in set(holders):
        asked = holders.count(holder)
        held = sum(1 for i, h in enumerate(holders) if h == holder and answered[i] is not None)
        assert held == min(asked, NUMBERS_PER_RESIDENT_ID)
    for index in (i for i in replays if i < len(holders) and answered[i] is not None):
        again = hall.subscribers.enrol(**request(index, holders[index]))
        assert again.replayed
        assert again.subscriber == answered[index].subscriber
        assert again.account == answered[index].account
