"""The TMF630 filter language of every TMF list (F-QRY-1, F-QRY-3).

The law: a filter never keeps an item that does not satisfy it, and never drops one that
does. The oracle below reads the rule straight from TMF630 (numbers as numbers, instants
as instants, arrays matched by any element), independently of the code under test.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st
from unicom_web.tmf import (
    Kind,
    Ref,
    matches,
    page_of,
    parse_filters,
    shape_of,
    tmf_shape,
    unstructure,
)

from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.errors import InvalidInput


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class Item:
    """A body with every kind the filters type on."""

    id: str
    state: str
    amount: Money
    at: dt.datetime
    paid: bool
    account: Ref
    payments: list[Ref]


SHAPE = shape_of(Item)
OPERATORS = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
}
STATES = ("new", "settled", "partiallyPaid")
ZONES = (dt.UTC, SHANGHAI, dt.timezone(dt.timedelta(hours=-5)))
fen = st.integers(min_value=-10_000, max_value=10_000)
instants = st.datetimes(
    min_value=dt.datetime(2026, 1, 1),  # noqa: DTZ001 - hypothesis adds the zone
    max_value=dt.datetime(2026, 12, 31),  # noqa: DTZ001
    timezones=st.sampled_from(ZONES),
)
ids = st.sampled_from(["a", "b", "c"])
items = st.builds(
    Item,
    id=st.uuids().map(str),
    state=st.sampled_from(STATES),
    amount=fen.map(Money),
    at=instants,
    paid=st.booleans(),
    account=st.builds(Ref, id=ids),
    payments=st.lists(st.builds(Ref, id=ids), max_size=3),
)


def _oracle_amount(item: Item, op: str, fen_bound: int) -> bool:
    return OPERATORS[op](item.amount.fen, fen_bound)


@given(st.lists(items, max_size=8), st.sampled_from(sorted(OPERATORS)), fen)
def test_a_number_filter_keeps_exactly_what_satisfies_it(bodies, op, bound):
    written = unstructure(bodies)
    value = str(Decimal(bound).scaleb(-2))  # yuan, as a client writes it
    filters = parse_filters({f"amount.value.{op}": value}, SHAPE)
    kept = [b for b, w in zip(bodies, written, strict=True) if matches(w, filters)]
    assert kept == [b for b in bodies if _oracle_amount(b, op, bound)]


@given(st.lists(items, max_size=8), st.sampled_from(sorted(OPERATORS)), instants)
def test_an_instant_filter_compares_instants_not_text(bodies, op, bound):
    written = unstructure(bodies)
    filters = parse_filters({f"at.{op}": bound.isoformat()}, SHAPE)
    kept = [b for b, w in zip(bodies, written, strict=True) if matches(w, filters)]
    assert kept == [b for b in bodies if OPERATORS[op](b.at, bound)]


@given(st.lists(items, max_size=8), st.sets(st.sampled_from(STATES), min_size=1), ids, ids)
def test_in_lists_nested_and_array_filters(bodies, states, account, payment):
    written = unstructure(bodies)
    filters = parse_filters(
        {"state": ",".join(sorted(states)), "account.id": account, "payments.id": payment}, SHAPE
    )
    kept = [b for b, w in zip(bodies, written, strict=True) if matches(w, filters)]
    assert kept == [
        b
        for b in bodies
        if b.state in states
        and b.account.id == account
        and any(p.id == payment for p in b.payments)
    ]


@given(st.lists(items, max_size=8), st.booleans())
def test_a_boolean_filter(bodies, wanted):
    written = unstructure(bodies)
    filters = parse_filters({"paid": str(wanted).lower()}, SHAPE)
    assert [b for b, w in zip(bodies, written, strict=True) if matches(w, filters)] == [
        b for b in bodies if b.paid is wanted
    ]


def test_numbers_compare_as_numbers_not_text():
    written = {"amount": {"unit": "CNY", "value": msgspec.Raw(b"9.50")}}
    assert matches(written, parse_filters({"amount.value.lt": "10"}, SHAPE))  # "9.50" > "10"
    assert matches(written, parse_filters({"amount.value": "9.5"}, SHAPE))


def test_a_date_or_a_time_without_offset_is_beijing_time():
    written = {"at": "2026-06-01T00:00:00+08:00"}
    assert matches(written, parse_filters({"at.gte": "2026-06-01"}, SHAPE))
    assert not matches(written, parse_filters({"at.lt": "2026-06-01T00:00:00"}, SHAPE))
    assert matches(written, parse_filters({"at": "2026-05-31T16:00:00Z"}, SHAPE))
    assert matches(written, parse_filters({"at": "2026-06-01T00:00:00 08:00"}, SHAPE))  # "+" as " "


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"colour": "red"}, "tmf.filter_attribute"),
        ({"account.colour": "red"}, "tmf.filter_attribute"),
        ({"account": "a"}, "tmf.filter_attribute"),  # an object: name one of its attributes
        ({"amount.value.gt": "ten"}, "tmf.filter_value"),
        ({"amount.value": "NaN"}, "tmf.filter_value"),
        ({"at.lt": "yesterday"}, "tmf.filter_value"),
        ({"paid": "yes"}, "tmf.filter_value"),
        ({"state.gt": "new"}, "tmf.filter_value"),  # text is not ordered
        ({"state": ""}, "tmf.filter_value"),
    ],
)
def test_an_unknown_attribute_or_a_malformed_value_is_refused(query, code):
    with pytest.raises(InvalidInput) as raised:
        parse_filters(query, SHAPE)
    assert raised.value.code == code


def test_the_shape_types_the_attributes_and_always_has_the_meta_ones():
    assert SHAPE["amount"] == {"unit": Kind.STRING, "value": Kind.NUMBER}
    assert SHAPE["at"] is Kind.DATE_TIME
    assert SHAPE["paid"] is Kind.BOOLEAN
    assert SHAPE["payments"]["id"] is Kind.STRING
    assert {"id", "href", "@type"} <= set(SHAPE)


def test_a_page_refuses_a_bad_filter_rather_than_answering_an_empty_list():
    body = unstructure(
        Item(
            id="1",
            state="new",
            amount=Money(100),
            at=dt.datetime(2026, 1, 1, tzinfo=SHANGHAI),
            paid=False,
            account=Ref(id="a"),
            payments=[],
        )
    )
    with pytest.raises(InvalidInput):
        page_of([body], {"stat": "new"}, shape=SHAPE, fields=None, offset=0, limit=None)
    page, headers = page_of(
        [body], {"state": "new"}, shape=SHAPE, fields=None, offset=0, limit=None
    )
    assert (len(page), headers["X-Total-Count"]) == (1, "1")
