"""hall.numbers (F-NUM-1..3): reservations from the clock, per customer, and the bulk load."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from unicom_core.domain.access import NUMBER_RESERVE, unknown_number
from unicom_core.domain.numbers import NumberQuery, NumberStatus
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import Conflict, InvalidInput, NotFound, Refused
from unicom_core.memory import MemoryNumberPool, SettableClock
from unicom_core.usecases.numbers import NumbersService, NumbersSettings, PoolEntry

NOW = dt.datetime(2026, 12, 5, 9, 0, tzinfo=SHANGHAI)
NUMBERS = ["18600008888", "18611112345", "18690001357", "18690001358", "18690001359"]


class Desk:
    """An authorizer: token ``t-<customer>`` is a session of that customer with every right."""

    def __init__(self) -> None:
        self.asked: list[object] = []

    def authorize(self, token, capability, number=None, /):  # noqa: ARG002 - the port
        self.asked.append(capability)
        if not token.startswith("t-"):
            raise unknown_number()
        return SimpleNamespace(subscriber=SimpleNamespace(customer_id=token[2:]))


@pytest.fixture
def desk():
    return Desk()


@pytest.fixture
def clock():
    return SettableClock(NOW)


@pytest.fixture
def numbers(desk, clock):
    service = NumbersService(
        MemoryNumberPool(), clock, authorizer=desk, settings=NumbersSettings(max_reservations=2)
    )
    entries = [PoolEntry(n, "北京", "北京") for n in NUMBERS]
    entries.append(PoolEntry("18699999999", "北京", "北京", held=True))
    assert service.load(entries) == 6
    return service


def test_f_num_3_a_reservation_asks_number_reserve_and_lasts_the_hold(numbers, desk):
    made = numbers.reserve("t-ca", "18600008888")
    assert desk.asked == [NUMBER_RESERVE]
    assert (made.holder, made.reserved_at, made.until) == (
        "ca",
        NOW,
        NOW + dt.timedelta(minutes=30),
    )
    assert numbers.number("18600008888").status is NumberStatus.RESERVED
    assert numbers.number("18600008888").reservation is None  # the holder is not shown


def test_f_num_3_the_clock_ends_a_reservation_without_a_janitor(numbers, clock):
    numbers.reserve("t-ca", "18600008888")
    with pytest.raises(Conflict) as taken:
        numbers.reserve("t-cb", "18600008888")
    assert taken.value.code == "number.taken"
    clock.advance(dt.timedelta(minutes=30))
    assert numbers.number("18600008888").status is NumberStatus.FREE
    assert numbers.reservations("t-ca") == ()
    assert numbers.reserve("t-cb", "18600008888").holder == "cb"


def test_f_num_3_one_customer_holds_at_most_the_limit(numbers):
    numbers.reserve("t-ca", NUMBERS[0])
    numbers.reserve("t-ca", NUMBERS[1])
    with pytest.raises(Refused) as refused:
        numbers.reserve("t-ca", NUMBERS[2])
    assert refused.value.code == "number.too_many_reservations"
    assert refused.value.data == {"limit": 2}
    numbers.release("t-ca", NUMBERS[0])
    assert numbers.reserve("t-ca", NUMBERS[2]).number == NUMBERS[2]


def test_f_num_3_only_the_holder_releases_and_sale_needs_a_live_reservation(numbers, clock):
    made = numbers.reserve("t-ca", NUMBERS[0])
    with pytest.raises(NotFound) as other:
        numbers.release("t-cb", NUMBERS[0])
    assert other.value.code == "number.reservation_unknown"
    assert numbers.sell(made).status is NumberStatus.SOLD
    late = numbers.reserve("t-cb", NUMBERS[1])
    clock.advance(dt.timedelta(hours=1))
    with pytest.raises(Conflict) as expired:
        numbers.sell(late)
    assert expired.value.code == "number.reservation_expired"
    assert numbers.purge_expired() == 1


def test_f_num_1_search_is_public_and_hides_held_and_sold_numbers(numbers):
    page = numbers.search(NumberQuery(limit=10))
    assert [row.number for row in page.items] == [
        "18600008888",  # AAAA: diamond
        "18611112345",  # ABCD: gold
        "18690001358",  # tail 8: lucky
        "18690001357",  # ordinary, by number
        "18690001359",
    ]
    assert "18699999999" not in [row.number for row in page.items]


def test_bad_input_is_refused_with_typed_errors(numbers):
    with pytest.raises(InvalidInput) as bad:
        numbers.reserve("t-ca", "186")
    assert bad.value.code == "number.format"
    with pytest.raises(NotFound) as unknown:
        numbers.number("13000000000")
    assert unknown.value.code == "number.unknown"
    with pytest.raises(InvalidInput) as settings:
        NumbersSettings(hold=dt.timedelta(seconds=5))
    assert settings.value.code == "number.settings"
