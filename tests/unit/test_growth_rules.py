"""The growth game's rules as data and the growth account (F-PRO-4)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.promotions import (
    EarningSource,
    GrowthAccount,
    RewardKind,
    growth_rules_from_toml,
)
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.errors import Conflict, InvalidInput, NotFound, Refused
from unicom_core.usecases.promotions import default_growth_rules

AT = dt.datetime(2016, 5, 17, 10, tzinfo=SHANGHAI)

RULES = """
[game]
code = "tree"
name = "沃之树"
starts = 2016-05-10T00:00:00
ends = 2016-06-01T00:00:00+08:00

[earning]
points_per_yuan = 2
pack_points = 20

[earning.packs]
data-1gb = 50

[[stages]]
name = "种子"
threshold = 0

[[stages]]
name = "发芽"
threshold = 100

[[stages.rewards]]
code = "coupon"
name = "优惠券"
kind = "coupon"
prefix = "WO"
"""


def test_the_rules_read_from_toml():
    rules = growth_rules_from_toml(RULES)
    assert rules.starts == dt.datetime(2016, 5, 10, tzinfo=SHANGHAI)  # no offset: Beijing time
    assert rules.running(AT)
    assert not rules.running(dt.datetime(2016, 6, 1, tzinfo=SHANGHAI))  # the end is exclusive
    assert rules.points_for_top_up(Money(5099)) == 100  # 50 whole yuan x 2
    assert (rules.points_for_pack("data-1gb"), rules.points_for_pack("data-100mb")) == (50, 20)
    stage, reward = rules.reward("coupon")
    assert (stage.threshold, reward.kind, reward.prefix) == (100, RewardKind.COUPON, "WO")


def test_the_default_game_ships_with_the_library():
    rules = default_growth_rules()
    kinds = {r.kind for stage in rules.stages for r in stage.rewards}
    assert kinds == set(RewardKind)
    assert rules.running(AT)  # 17 May 2016: the 517 festival


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('code = "tree"', 'code = "Tree!"', "game.code"),
        ("starts = 2016-05-10T00:00:00", 'starts = "soon"', "game.starts"),
        ("ends = 2016-06-01T00:00:00+08:00", "ends = 2016-05-01T00:00:00", "game.ends"),
        ("points_per_yuan = 2", "points_per_yuan = -1", "earning.points_per_yuan"),
        ("data-1gb = 50", "data-1gb = true", "earning.packs.data-1gb"),
        ("threshold = 100", "threshold = 0", "stages[1].threshold"),
        ("threshold = 0", "threshold = 5", "stages"),
        ('kind = "coupon"', 'kind = "car"', "stages[1].rewards[0].kind"),
        ('prefix = "WO"', 'pack = "data-1gb"', "stages[1].rewards[0].pack"),
        ('prefix = "WO"', 'prefix = "wo"', "stages[1].rewards[0].prefix"),
        ("[game]", "[game", "toml"),
    ],
)
def test_a_bad_field_is_named(old, new, field):
    assert old in RULES
    with pytest.raises(InvalidInput) as raised:
        growth_rules_from_toml(RULES.replace(old, new, 1))
    assert raised.value.code == "growth.rules"
    assert raised.value.data["field"] == field


def test_an_unknown_reward_is_not_found():
    with pytest.raises(NotFound) as raised:
        default_growth_rules().reward("nothing")
    assert raised.value.code == "growth.unknown_reward"


@given(st.integers(0, 5000), st.integers(0, 5000))
def test_the_stage_never_goes_down_as_points_go_up(a, b):
    rules = default_growth_rules()
    low, high = sorted((a, b))
    assert rules.stage_index(low) <= rules.stage_index(high)
    threshold = rules.stages[rules.stage_index(high)].threshold
    following = rules.next_threshold(high)
    assert threshold <= high
    assert following is None or high < following


# ---------------------------------------------------------------- the account


@given(st.lists(st.tuples(st.sampled_from("abcde"), st.integers(1, 500)), max_size=30))
def test_each_source_earns_once_however_often_it_is_retried(earnings):
    account = GrowthAccount("s1")
    first: dict[str, int] = {}
    for source, points in earnings:
        account.earn(source, EarningSource.TOP_UP, points, detail="充值", at=AT)
        first.setdefault(source, points)
    assert account.points == sum(first.values())
    assert [e.source_id for e in account.earnings] == list(first)


def test_a_claim_needs_the_stage_and_is_made_once():
    from unicom_core.domain.promotions import Claim  # noqa: PLC0415

    account = GrowthAccount("s1")
    claim = Claim(reward_code="coupon", request_id="r1", kind=RewardKind.COUPON, at=AT)
    with pytest.raises(Refused) as early:
        account.claim(claim, 100)
    assert early.value.code == "growth.stage_not_reached"
    account.earn("pay-1", EarningSource.TOP_UP, 100, detail="充值", at=AT)
    account.claim(claim, 100)
    assert account.known_claim("r1", "coupon") == claim
    with pytest.raises(Refused) as again:
        account.check_claimable("coupon", 100)
    assert again.value.code == "growth.already_claimed"
    with pytest.raises(Conflict) as reused:
        account.known_claim("r1", "other")
    assert reused.value.code == "growth.request_reused"
