"""The pure rules behind the plan handlings: credit-limit rules, shared plans, term packs.

F-BIZ-7 (the limit allowed by network age and late bills), F-BIZ-3 (a shared plan's roles),
F-BIZ-2 (a term pack has a term fee and only it does).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.catalog import Allowances, Channel, Pack, PackKind
from unicom_core.domain.handling import AgeBand, CreditLimitRules, LatePenalty, SharedPlan
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.errors import InvalidInput, Refused

AT = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
RULES = CreditLimitRules()


@pytest.mark.parametrize(
    ("months", "late", "yuan"),
    [
        *((0, 0, 0), (5, 0, 0), (6, 0, 50), (11, 0, 50), (12, 0, 100), (24, 0, 200)),
        *((60, 0, 500), (60, 1, 250), (60, 2, 250), (60, 3, 0), (12, 1, 50), (6, 1, 25)),
    ],
)
def test_the_default_rules_read_as_their_table(months, late, yuan):
    """F-BIZ-7: the bands and penalties of the documented table."""
    assert RULES.allowed(months, late) == Money.of_yuan(yuan)


@given(st.integers(0, 1200), st.integers(0, 1200), st.integers(0, 20))
def test_the_limit_grows_with_age_and_shrinks_with_late_bills(a, b, late):
    """F-BIZ-7 (law): never lower for an older number, never higher with more late bills."""
    young, old = sorted((a, b))
    assert RULES.allowed(young, late) <= RULES.allowed(old, late)
    assert RULES.allowed(old, late + 1) <= RULES.allowed(old, late)
    assert RULES.allowed(old, late) <= RULES.band_limit(old)


@pytest.mark.parametrize(
    "make",
    [
        lambda: CreditLimitRules(age_bands=(AgeBand(6, Money(100)),)),  # no band from 0
        lambda: CreditLimitRules(penalties=(LatePenalty(1, 50),)),  # no penalty from 0
        lambda: CreditLimitRules(window_months=0),
        lambda: LatePenalty(0, 101),
        lambda: AgeBand(0, Money(-1)),
    ],
)
def test_malformed_rules_are_refused(make):
    """``handling.credit_rules`` names what is wrong."""
    with pytest.raises(InvalidInput) as refused:
        make()
    assert refused.value.code == "handling.credit_rules"


def test_a_shared_plan_swaps_roles_and_keeps_its_members():
    """F-BIZ-3: the chosen member leads; the old primary takes its place among the members."""
    group = SharedPlan("g1", "4g-shared-156", "s1", ("s2", "s3"))
    group.change_primary("s3", at=AT)
    assert (group.primary_id, group.member_ids) == ("s3", ("s2", "s1"))
    with pytest.raises(Refused) as refused:
        group.change_primary("s9", at=AT)
    assert refused.value.code == "handling.not_member"


@pytest.mark.parametrize("members", [("s1",), ("s2", "s2"), tuple(f"s{i}" for i in range(2, 30))])
def test_a_malformed_shared_plan_is_refused(members):
    """The primary is no member, members are distinct, a group keeps at most 20."""
    with pytest.raises(InvalidInput) as refused:
        SharedPlan("g1", "4g-shared-156", "s1", members)
    assert refused.value.code == "handling.shared_plan"


@pytest.mark.parametrize(("cycles", "term_fee"), [(6, None), (0, Money(6000))])
def test_a_term_pack_has_a_term_fee_and_only_it(cycles, term_fee):
    """F-BIZ-2: ``term_cycles`` and ``term_fee`` come together (``catalog.price``)."""
    with pytest.raises(InvalidInput) as refused:
        Pack(
            "data-x",
            "x",
            PackKind.DATA,
            Money(0),
            Allowances(data_mb=500),
            (Channel.ONLINE_HALL,),
            term_cycles=cycles,
            term_fee=term_fee,
        )
    assert refused.value.code == "catalog.price"
