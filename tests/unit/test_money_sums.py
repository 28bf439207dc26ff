"""Sums of money on the integer fen: the bill run's totals (F-QRY-3, F-PAY-1).

``Money.total`` adds the fen counts and builds one amount at the end; the law is that it
answers exactly what adding the amounts one by one with ``+`` answers, the errors included.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.billing import (
    Adjustment,
    BillIssued,
    BillPolicy,
    RatedUsage,
    SubscriberCharges,
    compose_bill,
)
from unicom_core.domain.shared import MAX_FEN, MIN_FEN, SHANGHAI, BillingCycle, Money
from unicom_core.errors import InvalidInput

fen = st.integers(min_value=MIN_FEN, max_value=MAX_FEN)
small = st.integers(min_value=-(10**9), max_value=10**9)
MAY = BillingCycle(2016, 5)
AT = dt.datetime(2016, 6, 1, 1, tzinfo=SHANGHAI)


def one_by_one(amounts: list[Money], currency: str = "CNY") -> Money | str:
    """The reference: a fold of ``+`` from zero; an error as its code."""
    try:
        return functools.reduce(operator.add, amounts, Money.zero(currency))
    except InvalidInput as error:
        return error.code


def summed(amounts: list[Money], currency: str = "CNY") -> Money | str:
    try:
        return Money.total(amounts, currency)
    except InvalidInput as error:
        return error.code


@given(st.lists(st.one_of(fen, small).map(Money), max_size=30))
def test_the_integer_sum_equals_adding_one_by_one(amounts: list[Money]) -> None:
    """Any amounts, near the 64-bit edges too: the same sum or the same error code."""
    assert summed(amounts) == one_by_one(amounts)


@given(
    st.lists(
        st.tuples(small, st.sampled_from(["CNY", "USD"])).map(lambda p: Money(*p)), max_size=8
    ),
    st.sampled_from(["CNY", "USD"]),
)
def test_a_foreign_amount_is_refused_as_adding_refuses_it(
    amounts: list[Money], currency: str
) -> None:
    assert summed(amounts, currency) == one_by_one(amounts, currency)


def test_a_running_sum_past_the_64_bit_range_is_refused_even_if_it_comes_back() -> None:
    """As ``+`` refuses it: the sum is checked after every amount, not only at the end."""
    amounts = [Money(MAX_FEN), Money(1), Money(-1)]
    assert summed(amounts) == "money.out_of_range" == one_by_one(amounts)


def test_something_that_is_not_money_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        Money.total([Money(1), 2])  # type: ignore[list-item]
    assert caught.value.code == "money.type"


def test_a_sum_builds_one_amount_not_one_per_term(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bill run sums some 10**5 amounts: one ``Money`` per sum, not per term."""
    amounts = [Money(n) for n in range(1, 101)]
    built: list[int] = []
    original = Money.__init__

    def counting(self: Money, *args: object, **kwargs: object) -> None:
        built.append(1)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Money, "__init__", counting)
    assert Money.total(amounts) == Money(5050)
    assert len(built) <= 3  # the zero, the result and the expected value


@given(st.lists(small, min_size=1, max_size=25))
def test_an_issued_bill_totals_its_lines_and_is_settled_unless_it_asks_for_money(
    amounts: list[int],
) -> None:
    """F-QRY-3: the event's total is the sum of the lines; nothing asked means settled."""
    adjustments = tuple(
        Adjustment(f"x{i}", MAY, Money(fen), "调整") for i, fen in enumerate(amounts)
    )
    charges = SubscriberCharges("s1", "18600000001", MAY, (), (), RatedUsage((), ()), adjustments)
    bill, (event,) = compose_bill("a1", MAY, [charges], BillPolicy(), at=AT)
    assert isinstance(event, BillIssued)
    assert event.total == Money(sum(amounts)) == bill.total
    assert [line.amount.fen for line in bill.lines] == amounts
    assert (bill.settled_at is not None) == (sum(amounts) <= 0)
