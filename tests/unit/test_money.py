"""Money in integer fen and rates (F-PAY-1, F-SHOP-4)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from unicom_core.domain.shared import Money, Rate
from unicom_core.errors import InvalidInput
from unicom_core.testing import strategies as ust

# ------------------------------------------------------------------ construction


def test_money_is_integer_fen_and_formats_with_the_yuan_sign():
    assert str(Money(1234)) == "¥12.34"
    assert str(Money(5)) == "¥0.05"
    assert str(Money(-50)) == "-¥0.50"
    assert Money(1234).format_yuan() == "12.34元"
    assert Money(-7).format_yuan() == "-0.07元"


@pytest.mark.parametrize("bad", [1.5, "12", True, None, Decimal(3)])
def test_money_refuses_anything_but_an_int_count_of_fen(bad):
    with pytest.raises(InvalidInput) as caught:
        Money(bad)
    assert caught.value.code == "money.fen"
    assert caught.value.data["field"] == "fen"


@pytest.mark.parametrize("bad", ["cny", "RMB1", "", 156])
def test_money_refuses_a_malformed_currency(bad):
    with pytest.raises(InvalidInput) as caught:
        Money(1, bad)
    assert caught.value.code == "money.currency"


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("¥12.34", 1234),
        ("￥12.34", 1234),
        ("12.34元", 1234),
        ("12.3", 1230),
        ("  ¥ 8 ", 800),
        ("¥1,200.00", 120000),
        ("-¥0.50", -50),
        ("0.01元", 1),
    ],
)
def test_parse_reads_the_ways_prices_are_written(text, fen):
    assert Money.parse(text) == Money(fen)


@pytest.mark.parametrize("text", ["12.345", "¥", "abc", "12,34", "1.2.3", "¥-", "", "１２"])
def test_parse_refuses_what_is_not_an_amount(text):
    with pytest.raises(InvalidInput) as caught:
        Money.parse(text)
    assert caught.value.code == "money.format"


def test_of_yuan_is_exact_and_refuses_floats_and_fractions_of_a_fen():
    assert Money.of_yuan("98.5") == Money(9850)
    assert Money.of_yuan(8) == Money(800)
    assert Money.of_yuan(Decimal("0.01")) == Money(1)
    with pytest.raises(InvalidInput) as caught:
        Money.of_yuan("0.001")
    assert caught.value.code == "money.precision"
    with pytest.raises(InvalidInput) as caught:
        Money.of_yuan(0.1)  # type: ignore[arg-type]
    assert caught.value.code == "money.amount"
    with pytest.raises(InvalidInput):
        Money.of_yuan("NaN")


@given(ust.money())
def test_parse_inverts_str_and_format_yuan(amount):
    assert Money.parse(str(amount)) == amount
    assert Money.parse(amount.format_yuan()) == amount
    assert Money.of_yuan(amount.to_decimal()) == amount


# ------------------------------------------------------------------ arithmetic


@given(ust.money(), ust.money(), ust.money())
def test_addition_is_associative_and_commutative_with_zero_as_identity(a, b, c):
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert a + Money.zero() == a
    assert a - a == Money.zero()
    assert -a + a == Money.zero()


@given(ust.money(), ust.money())
def test_comparison_follows_the_fen(a, b):
    assert (a < b) == (a.fen < b.fen)
    assert (a <= b) == (a.fen <= b.fen)
    assert (a > b) == (a.fen > b.fen)
    assert (a >= b) == (a.fen >= b.fen)


def test_arithmetic_refuses_mixing_currencies_and_types():
    with pytest.raises(InvalidInput) as caught:
        Money(1) + Money(1, "USD")
    assert caught.value.code == "money.currency_mismatch"
    with pytest.raises(InvalidInput) as caught:
        _ = Money(1) < Money(2, "HKD")
    assert caught.value.code == "money.currency_mismatch"
    with pytest.raises(InvalidInput) as caught:
        Money(1) + 1  # type: ignore[operator]
    assert caught.value.code == "money.type"
    with pytest.raises(InvalidInput) as caught:
        Money(100) * 1.5  # type: ignore[operator]
    assert caught.value.code == "money.quantity"


def test_multiplying_by_a_quantity_and_summing():
    assert Money(800) * 3 == Money(2400)
    assert 2 * Money(800) == Money(1600)
    assert Money.total([Money(800), Money(1600), Money(3200)]) == Money(5600)
    assert Money.total([]) == Money.zero()
    assert not Money.zero()
    assert Money(1).is_positive
    assert Money(-1).is_negative


# ------------------------------------------------------------------ rates: F-SHOP-4


def test_recharge_cards_sold_at_98_5_percent_of_face_value():
    """F-SHOP-4: a 100-yuan card at 98.5 % costs 98.50 yuan; 50 yuan costs 49.25."""
    rate = Rate.percent("98.5")
    assert rate.value == Decimal("0.985")
    assert Money.of_yuan(100).apply(rate) == Money.of_yuan("98.50")
    assert Money.of_yuan(50).apply(rate) == Money.of_yuan("49.25")
    assert Money.of_yuan(30).apply(rate) == Money.of_yuan("29.55")
    assert str(rate) == "98.5%"


def test_rounding_is_half_away_from_zero_to_the_fen():
    """0.30 yuan at 98.5 % is 29.55 fen -> 30 fen; 0.10 at 98.5 % is 9.85 -> 10; 3 ‰ of 1.50."""
    assert Money(30).apply(Rate.percent("98.5")) == Money(30)
    assert Money(10).apply(Rate.percent("98.5")) == Money(10)
    assert Money(150).apply(Rate.per_mille(3)) == Money(0)  # 0.45 fen
    assert Money(500).apply(Rate.per_mille(3)) == Money(2)  # 1.5 fen rounds up
    assert Money(-500).apply(Rate.per_mille(3)) == Money(-2)  # and away from zero below it
    assert Money(12345).apply(Rate.one()) == Money(12345)


def test_late_fee_of_three_per_mille_a_day():
    """F-PAY: 3 ‰ of 200 yuan owed is 0.60 yuan a day."""
    assert Money.of_yuan(200).apply(Rate.per_mille(3)) == Money.of_yuan("0.60")


@pytest.mark.parametrize("bad", [-1, "-0.5", 0.5, "x", "Infinity"])
def test_rates_refuse_negative_float_and_non_numbers(bad):
    with pytest.raises(InvalidInput) as caught:
        Rate.percent(bad)
    assert caught.value.code == "rate.value"


def test_apply_refuses_a_bare_number():
    with pytest.raises(InvalidInput) as caught:
        Money(100).apply(Decimal("0.5"))  # type: ignore[arg-type]
    assert caught.value.code == "money.rate"


@given(ust.money(), ust.rates())
def test_a_rate_is_off_by_at_most_half_a_fen(amount, rate):
    exact = Decimal(amount.fen) * rate.value
    assert abs(Decimal(amount.apply(rate).fen) - exact) <= Decimal("0.5")


# ------------------------------------------------------------------ allocate


def test_allocate_hands_the_leftover_fen_to_the_largest_remainders():
    # 100 fen in thirds: 33.33 each, one fen left, first part gets it.
    assert Money(100).allocate([1, 1, 1]) == (Money(34), Money(33), Money(33))
    # 5 fen by 3:7 -> 1.5 and 3.5: both remainders 0.5, the earlier part wins the tie.
    assert Money(5).allocate([3, 7]) == (Money(2), Money(3))
    # a 30-day month fee of 8 yuan prorated for 10 of 30 days: 266.67 -> 267 and 533.
    assert Money(800).allocate([10, 20]) == (Money(267), Money(533))
    assert Money(-100).allocate([1, 1, 1]) == (Money(-34), Money(-33), Money(-33))
    assert Money(7).allocate([0, 1]) == (Money(0), Money(7))
    assert Money(10).split(4) == (Money(3), Money(3), Money(2), Money(2))


@pytest.mark.parametrize("weights", [[], [0, 0], [1, -1], [1.5], [True]])
def test_allocate_refuses_weights_without_a_positive_integer_sum(weights):
    with pytest.raises(InvalidInput) as caught:
        Money(100).allocate(weights)
    assert caught.value.code == "money.allocate_weights"


@pytest.mark.parametrize("count", [0, -1, 1.0])
def test_split_refuses_a_count_below_one(count):
    with pytest.raises(InvalidInput):
        Money(100).split(count)


@given(ust.money(), st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=40))
def test_allocate_never_loses_a_fen_and_stays_within_one_fen_of_the_exact_share(amount, weights):
    assume(sum(weights) > 0)
    parts = amount.allocate(weights)
    assert len(parts) == len(weights)
    assert Money.total(parts) == amount
    total_weight = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        exact = Decimal(amount.fen) * weight / total_weight
        assert abs(Decimal(part.fen) - exact) < 1
        if weight == 0:
            assert part == Money.zero()


@given(ust.money(min_fen=0), st.integers(min_value=28, max_value=31))
def test_proration_over_every_day_of_a_cycle_sums_to_the_monthly_fee(fee, days):
    """F-CAL-5: charging a fee day by day over a cycle adds up to the fee exactly."""
    assert Money.total(fee.split(days)) == fee
