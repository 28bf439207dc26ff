"""The quota law (F-PRO-2): units taken always equal the live participations."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unicom_core.domain.catalog import Channel
from unicom_core.errors import UnicomError
from unicom_core.promotions_data import festival_517
from unicom_core.testing.worlds.billing import BillingWorld

NUMBERS = 4
ACTOR = "cli:test"
steps = st.lists(st.tuples(st.sampled_from(["join", "cancel"]), st.integers(0, NUMBERS - 1)))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, NUMBERS), steps)
def test_f_pro_2_units_taken_equal_live_participations(quota, moves):
    world = BillingWorld()
    example = festival_517()
    campaign = type(example)(
        code=example.code,
        name=example.name,
        starts=example.starts,
        ends=example.ends,
        channels=example.channels,
        benefits=example.benefits,
        quota=quota,
    )
    promotions = world.hall.promotions
    promotions.define(campaign, actor=ACTOR)
    promotions.publish(campaign.code, actor=ACTOR)
    tokens = [
        world.login(world.add_number(f"186123402{n:02d}", plan="4g-national-76"))
        for n in range(NUMBERS)
    ]
    refusals: list[str] = []
    for n, (move, who) in enumerate(moves):
        try:
            if move == "join":
                promotions.join(
                    tokens[who], campaign.code, request_id=f"r{n}", channel=Channel.ONLINE_HALL
                )
            else:
                promotions.cancel(tokens[who], campaign.code)
        except UnicomError as refused:
            refusals.append(refused.code)
        with world.storage.read() as tx:
            taken = tx.counters.taken(campaign.quota_key)
            assert taken == tx.participations.count_live(campaign.code)
            assert taken <= quota
    assert set(refusals) <= {
        "promotion.sold_out",
        "promotion.already_joined",
        "promotion.not_joined",
    }
