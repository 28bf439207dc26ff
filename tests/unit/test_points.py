"""Points as a domain (F-QRY-4): earning once per source, expiry by rule, never negative.

The rules are data (:class:`PointsRules`): 1 point per whole yuan by default, rounded down;
points expire at 00:00 on 1 January of the second year after the year earned (Beijing time).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from unicom_core.domain.handling import (
    EntryKind,
    PointsAccount,
    PointsRules,
    points_catalogue_from_toml,
)
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.errors import InvalidInput, NotFound, Refused
from unicom_core.testing.strategies.points import START, apply_move, points_moves
from unicom_core.usecases.handling import default_points_catalogue

RULES = PointsRules()
MAY_2016 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)


def _earned(*lots: tuple[str, int, dt.datetime]) -> PointsAccount:
    account = PointsAccount("s1")
    for source, points, at in lots:
        account.earn(source, points, at=at, rules=RULES)
    return account


# ------------------------------------------------------------------ the rules as data
@pytest.mark.parametrize(
    ("paid", "per_yuan", "points"),
    [
        (Money(4899), 1, 48),  # rounded down: ¥48.99 earns 48
        (Money(100), 1, 1),
        (Money(99), 1, 0),
        (Money(4899), 2, 97),  # 48.99 * 2 = 97.98
        (Money(-500), 1, 0),  # a credit earns nothing
        (Money(10000), 0, 0),  # earning turned off
    ],
)
def test_points_per_yuan_round_down(paid, per_yuan, points):
    assert PointsRules(points_per_yuan=per_yuan).points_for(paid) == points


@pytest.mark.parametrize(
    ("earned", "years", "expires"),
    [
        (MAY_2016, 1, dt.datetime(2018, 1, 1, tzinfo=SHANGHAI)),
        (
            dt.datetime(2016, 12, 31, 23, 59, 59, tzinfo=SHANGHAI),
            1,
            dt.datetime(2018, 1, 1, tzinfo=SHANGHAI),
        ),
        (dt.datetime(2017, 1, 1, tzinfo=SHANGHAI), 1, dt.datetime(2019, 1, 1, tzinfo=SHANGHAI)),
        # 16:30 UTC on 31 Dec 2016 is 00:30 on 1 Jan 2017 in Beijing: a 2017 point.
        (
            dt.datetime(2016, 12, 31, 16, 30, tzinfo=dt.UTC),
            1,
            dt.datetime(2019, 1, 1, tzinfo=SHANGHAI),
        ),
        (MAY_2016, 0, dt.datetime(2017, 1, 1, tzinfo=SHANGHAI)),
    ],
)
def test_points_expire_at_the_end_of_the_year_after_by_default(earned, years, expires):
    assert PointsRules(expiry_years=years).expires_at(earned) == expires


@pytest.mark.parametrize(
    "bad", [{"points_per_yuan": -1}, {"expiry_years": 11}, {"points_per_yuan": True}]
)
def test_malformed_rules_are_refused(bad):
    with pytest.raises(InvalidInput) as refused:
        PointsRules(**bad)
    assert refused.value.code == "points.rules"


# ------------------------------------------------------------------ earn, spend, expire
def test_a_source_earns_once():
    account = _earned(("bill-1", 48, MAY_2016))
    assert account.earn("bill-1", 48, at=MAY_2016, rules=RULES) == ()
    assert account.balance == 48
    assert [e.kind for e in account.history] == [EntryKind.EARNED]


def test_spending_takes_the_soonest_expiring_points_first():
    june_2017 = dt.datetime(2017, 6, 1, tzinfo=SHANGHAI)
    account = _earned(("bill-2017", 300, june_2017), ("bill-2016", 200, MAY_2016))
    account.spend(250, "redeem-1", at=june_2017)
    remaining = {lot.source_id: lot.remaining for lot in account.lots}
    assert remaining == {"bill-2016": 0, "bill-2017": 250}
    assert account.history[-1].balance == 250


def test_spending_more_than_available_is_refused_and_changes_nothing():
    account = _earned(("bill-1", 100, MAY_2016))
    before = (account.lots, account.history)
    with pytest.raises(Refused) as refused:
        account.spend(101, "redeem-1", at=MAY_2016)
    assert refused.value.code == "points.insufficient"
    assert refused.value.data == {"balance": 100, "points": 101}
    assert (account.lots, account.history) == before


def test_a_reference_spends_once():
    account = _earned(("bill-1", 100, MAY_2016))
    account.spend(60, "redeem-1", at=MAY_2016)
    assert account.spend(60, "redeem-1", at=MAY_2016) == ()
    assert account.balance == 40


def test_expired_points_cannot_be_spent():
    account = _earned(("bill-1", 100, MAY_2016))
    new_year_2018 = dt.datetime(2018, 1, 1, tzinfo=SHANGHAI)
    assert account.available(new_year_2018 - dt.timedelta(microseconds=1)) == 100
    with pytest.raises(Refused):
        account.spend(1, "redeem-1", at=new_year_2018)
    assert account.available(new_year_2018) == 0


def test_expiry_writes_an_entry_at_the_expiry_instant():
    account = _earned(("bill-1", 100, MAY_2016))
    account.spend(30, "redeem-1", at=MAY_2016)
    new_year_2018 = dt.datetime(2018, 1, 1, tzinfo=SHANGHAI)
    account.expire(new_year_2018 + dt.timedelta(days=3))
    last = account.history[-1]
    assert (last.kind, last.points, last.source, last.at, last.balance) == (
        EntryKind.EXPIRED,
        70,
        "bill-1",
        new_year_2018,
        0,
    )
    assert account.expire(new_year_2018 + dt.timedelta(days=4)) == ()


@pytest.mark.parametrize("points", [0, -1, 10**9 + 1, True, 1.5])
def test_a_move_is_1_to_a_billion_points(points):
    with pytest.raises(InvalidInput) as refused:
        PointsAccount("s1").earn("bill-1", points, at=MAY_2016, rules=RULES)
    assert refused.value.code == "points.amount"


# ------------------------------------------------------------------ properties
@given(points_moves(30))
def test_points_are_never_negative_and_the_history_adds_up(moves):
    """Whatever the moves: no lot below zero or above what it earned; history == lots."""
    account, at = PointsAccount("s1"), START
    for n, move in enumerate(moves):
        at += dt.timedelta(days=move[2])
        before = account.balance
        done = apply_move(account, move, n, at)
        if move[0] == "spend" and not done:
            assert account.balance == before  # a refusal changes nothing
        assert all(0 <= lot.remaining <= lot.points for lot in account.lots)
        assert account.balance >= 0
        signed = {EntryKind.EARNED: 1, EntryKind.SPENT: -1, EntryKind.EXPIRED: -1}
        assert sum(signed[e.kind] * e.points for e in account.history) == account.balance
        assert all(e.balance >= 0 for e in account.history)
        assert [e.at for e in account.history] == sorted(e.at for e in account.history)


@given(points_moves(30))
def test_each_source_earns_once(moves):
    account, at = PointsAccount("s1"), START
    for n, move in enumerate(moves):
        at += dt.timedelta(days=move[2])
        apply_move(account, move, n, at)
        account.earn("bill-again", 7, at=at, rules=RULES)  # the same source, again and again
    assert [lot.source_id for lot in account.lots].count("bill-again") == (1 if moves else 0)
    assert len({lot.source_id for lot in account.lots}) == len(account.lots)


@given(points_moves(30))
def test_expiry_removes_exactly_the_lots_past_their_date(moves):
    account, at = PointsAccount("s1"), START
    for n, move in enumerate(moves):
        at += dt.timedelta(days=move[2])
        apply_move(account, move, n, at)
    later = at + dt.timedelta(days=200)
    before = {lot.source_id: lot.remaining for lot in account.lots}
    account.expire(later)
    for lot in account.lots:
        expected = 0 if lot.expires_at <= later else before[lot.source_id]
        assert lot.remaining == expected


# ------------------------------------------------------------------ the catalogue as data
def test_the_default_catalogue_reads():
    catalogue = default_points_catalogue()
    voucher = catalogue.item("voucher-10")
    assert (voucher.points, voucher.voucher, voucher.pack_code) == (1000, Money(1000), None)
    assert catalogue.item("data-100mb").pack_code == "data-100mb"
    with pytest.raises(NotFound) as unknown:
        catalogue.item("gold-bar")
    assert unknown.value.code == "points.unknown_item"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('[[items]]\ncode = "a"\nname = "A"\npoints = 1\n', "pack_code"),  # gives nothing
        (
            '[[items]]\ncode = "a"\nname = "A"\npoints = 1\nvoucher = "1元"\npack_code = "p"\n',
            "pack_code",
        ),
        ('[[items]]\ncode = "a"\nname = "A"\npoints = 0\nvoucher = "1元"\n', "points"),
        ('[[items]]\ncode = "a"\nname = "A"\npoints = 1\nvoucher = 1\n', "voucher"),
        (
            '[[items]]\ncode = "a"\nname = "A"\npoints = 1\nvoucher = "1元"\ncolour = 1\n',
            "items[0]",
        ),
        ('[[items]]\ncode = "a"\nname = "A"\npoints = 1\nvoucher = "1元"\n' * 2, "items"),
        ("items = [", "$"),
        ('title = "x"\n', "items"),
    ],
)
def test_a_malformed_catalogue_names_its_field(text, field):
    with pytest.raises(InvalidInput) as refused:
        points_catalogue_from_toml(text)
    assert (refused.value.code, refused.value.data["field"]) == ("points.catalogue", field)
