"""The one cattrs converter: round trips and strict reading at the edges."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import attrs
import pytest
from hypothesis import given

from unicom_core.domain.shared import (
    BillingCycle,
    BroadbandAccount,
    EmailAddress,
    FixedLineNumber,
    MobileNumber,
    Money,
    ResidentId,
)
from unicom_core.errors import InvalidInput
from unicom_core.serialization import structure, unstructure
from unicom_core.testing import strategies as ust


@attrs.frozen
class _Statement:
    """A document mixing every hooked type, as an aggregate would."""

    number: MobileNumber
    holder: ResidentId
    cycle: BillingCycle
    due: Money
    issued_at: datetime
    paid_on: date | None
    rate: Decimal
    lines: tuple[Money, ...]


@given(ust.money())
def test_money_is_written_as_integer_fen_and_read_back(amount):
    data = unstructure(amount)
    assert data == {"fen": amount.fen, "currency": "CNY"}
    assert structure(data, Money) == amount


@given(ust.mobile_numbers(), ust.resident_ids(), ust.billing_cycles(), ust.aware_instants())
def test_a_document_round_trips_through_primitives(number, holder, cycle, instant):
    statement = _Statement(
        number, holder, cycle, Money(800), instant, None, Decimal("0.985"), (Money(1), Money(2))
    )
    data = unstructure(statement)
    assert data["number"] == number.value
    assert data["holder"] == holder.value
    assert data["cycle"] == str(cycle)
    assert data["issued_at"] == instant.isoformat()
    assert data["rate"] == "0.985"
    assert structure(data, _Statement) == statement


@given(ust.email_addresses(), ust.fixed_line_numbers(), ust.broadband_accounts())
def test_login_identifiers_are_their_canonical_strings(email, fixed, broadband):
    for value, cls in (
        (email, EmailAddress),
        (fixed, FixedLineNumber),
        (broadband, BroadbandAccount),
    ):
        assert unstructure(value) == value.value
        assert structure(value.value, cls) == value


@pytest.mark.parametrize(
    ("data", "cls"),
    [
        ({"fen": "12", "currency": "CNY"}, Money),
        ({"fen": 1.5, "currency": "CNY"}, Money),
        ({"fen": True, "currency": "CNY"}, Money),
        ({"fen": 1, "currency": "CNY", "extra": 1}, Money),
        ({"currency": "CNY"}, Money),
        (18612345678, MobileNumber),
        ("2026-13", BillingCycle),
        ("2026-11-26T08:00:00", datetime),
        ("26/11/2026", date),
        ("NaN", Decimal),
        (1.5, Decimal),
    ],
)
def test_reading_is_strict_and_every_failure_is_invalid_input(data, cls):
    with pytest.raises(InvalidInput):
        structure(data, cls)


def test_a_domain_rule_broken_inside_a_document_keeps_its_code_and_the_path():
    data = {
        "number": "10012345678",
        "holder": "11010519491231002X",
        "cycle": "2026-11",
        "due": {"fen": 1, "currency": "CNY"},
        "issued_at": "2026-11-26T08:00:00+08:00",
        "paid_on": None,
        "rate": "1",
        "lines": [],
    }
    with pytest.raises(InvalidInput) as caught:
        structure(data, _Statement)
    assert caught.value.code == "mobile.segment"
    assert any("number" in line for line in caught.value.data["errors"])  # type: ignore[union-attr]


def test_a_naive_timestamp_is_refused_with_the_time_code():
    with pytest.raises(InvalidInput) as caught:
        structure("2026-11-26T08:00:00", datetime)
    assert caught.value.code == "time.naive"


def test_a_shape_error_is_reported_as_serialization_invalid():
    with pytest.raises(InvalidInput) as caught:
        structure({"fen": 1, "currency": "CNY", "extra": 1}, Money)
    assert caught.value.code == "serialization.invalid"
