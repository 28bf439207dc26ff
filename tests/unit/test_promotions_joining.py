"""Campaigns end to end through hall.promotions: join, quota, benefits, cancel (F-PRO-1..3)."""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.billing import LineKind, bill_id
from unicom_core.domain.catalog import Channel
from unicom_core.domain.payments import PaymentOutcome
from unicom_core.domain.promotions import CampaignState, ParticipationState, campaigns_from_toml
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.domain.subscribers import NetworkGeneration
from unicom_core.errors import Conflict, NotFound, Refused
from unicom_core.memory.payment_gateway import MemoryPaymentGateway
from unicom_core.ports.payments import GatewayResult
from unicom_core.promotions_data import festival_517
from unicom_core.testing.racing import race
from unicom_core.testing.worlds.billing import BillingWorld

CODE = "festival-517"
ACTOR = "cli:test"
PLAN = "4g-national-76"  # 76元 a month


class Declining(MemoryPaymentGateway):
    """A gateway that declines every charge."""

    def charge(self, request, /):
        return GatewayResult(
            idempotency_key=request.idempotency_key, outcome=PaymentOutcome.FAILED, reason="no"
        )


def _campaign(quota=None, fee="0", **eligibility):
    rules = "\n".join(f"{k} = {v}" for k, v in eligibility.items())
    quota_line = f"quota = {quota}" if quota is not None else ""
    text = f"""
[[campaign]]
code = "{CODE}"
name = "517感恩节"
starts = 2016-05-17T00:00:00
ends = 2016-06-01T00:00:00
channels = ["online_hall", "mobile_hall"]
{quota_line}
joining_fee = "{fee}"
[campaign.eligibility]
{rules}
[[campaign.plan_discount]]
rate = "50%"
until = 2020-06-30
[[campaign.top_up_discount]]
rate = "10%"
channel = "mobile_hall"
[[campaign.pack_trial]]
pack = "data-1gb"
until = 2016-08-31
[[campaign.entitlement]]
code = "cloud-storage-1y"
description = "沃云存储一年会员"
"""
    (campaign,) = campaigns_from_toml(text)
    return campaign


@pytest.fixture
def world():
    return BillingWorld()


def _published(world, campaign):
    world.hall.promotions.define(campaign, actor=ACTOR)
    return world.hall.promotions.publish(campaign.code, actor=ACTOR)


def _number(world, n=1, **kwargs):
    subscriber = world.add_number(f"186123400{n:02d}", plan=PLAN, **kwargs)
    return subscriber, world.login(subscriber)


def test_f_pro_1_the_517_example_loads_and_publishes(world):
    campaign = world.hall.promotions.define(festival_517(), actor=ACTOR)
    assert campaign.state is CampaignState.DRAFT
    assert campaign.quota == 10000
    assert world.hall.promotions.publish(CODE, actor=ACTOR).state is CampaignState.PUBLISHED
    assert world.hall.promotions.end(CODE, actor=ACTOR).state is CampaignState.ENDED
    with pytest.raises(Conflict) as raised:
        world.hall.promotions.publish(CODE, actor=ACTOR)
    assert raised.value.code == "promotion.transition"
    assert [c.code for c in world.hall.promotions.campaigns()] == [CODE]


def test_f_pro_1_offers_show_every_rule_and_a_join_applies_the_benefits(world):
    _published(world, _campaign(quota=5))
    subscriber, token = _number(world)
    (offer,) = world.hall.promotions.offers(token)
    assert offer.eligible
    assert offer.remaining == 5
    assert [v.rule for v in offer.verdicts][:3] == ["window", "channel", "not_joined"]
    result = world.hall.promotions.join(token, CODE, request_id="r1", channel=Channel.MOBILE_HALL)
    joined = result.participation
    assert joined.state is ParticipationState.ACTIVE
    assert {g.kind.value for g in joined.grants} == {
        "plan_discount",
        "top_up_discount",
        "pack_trial",
    }
    assert [e.code for e in joined.entitlements if e.pending] == ["cloud-storage-1y"]
    with world.storage.read() as tx:
        profile = tx.billing_profiles.get(subscriber.id)
        assert tx.counters.taken("promo:festival-517:quota") == 1
    assert {d.product_code for d in profile.discounts} == {PLAN, "data-1gb"}
    assert [h.pack_code for h in profile.packs] == ["data-1gb"]
    (offer,) = world.hall.promotions.offers(token)
    assert offer.remaining == 4
    assert not offer.eligible


def test_f_pro_1_the_same_request_is_idempotent_and_another_is_refused(world):
    _published(world, _campaign(quota=5))
    _, token = _number(world)
    first = world.hall.promotions.join(token, CODE, request_id="r1", channel=Channel.ONLINE_HALL)
    again = world.hall.promotions.join(token, CODE, request_id="r1", channel=Channel.ONLINE_HALL)
    assert again.duplicate
    assert again.participation.id == first.participation.id
    with pytest.raises(Conflict) as raised:
        world.hall.promotions.join(token, CODE, request_id="r2", channel=Channel.ONLINE_HALL)
    assert raised.value.code == "promotion.already_joined"
    with world.storage.read() as tx:
        assert tx.counters.taken("promo:festival-517:quota") == 1


@pytest.mark.parametrize(
    ("eligibility", "number", "channel", "rule"),
    [
        (
            {"min_network_age_months": 12},
            {"joined_on": dt.date(2016, 1, 1)},
            "online",
            "network_age",
        ),
        (
            {"existing_users_only": "true"},
            {"joined_on": dt.date(2016, 5, 17)},
            "online",
            "existing_user",
        ),
        ({"generations": '["4g"]'}, {"generation": NetworkGeneration.G3}, "online", "generation"),
        ({}, {}, "store", "channel"),
    ],
)
def test_f_pro_1_a_refusal_names_the_rule(world, eligibility, number, channel, rule):
    _published(world, _campaign(**eligibility))
    _, token = _number(world, **number)
    where = Channel.ONLINE_HALL if channel == "online" else Channel.PHYSICAL_STORE
    with pytest.raises(Refused) as raised:
        world.hall.promotions.join(token, CODE, request_id="r1", channel=where)
    assert raised.value.code == "promotion.not_eligible"
    assert raised.value.data["rule"] == rule
    with world.storage.read() as tx:
        assert tx.participations.of_subscriber(world_subscriber_id(world)) == []


def world_subscriber_id(_world):
    return "s0001"


def world_subscriber(world):
    with world.storage.read() as tx:
        return tx.subscribers.get(world_subscriber_id(world))


def test_f_pro_1_an_account_in_arrears_may_not_join(world):
    _published(world, _campaign())
    subscriber, token = _number(world)
    world.move_to(dt.datetime(2016, 5, 1, 3, 0, tzinfo=SHANGHAI))
    world.hall.run_bill_cycle(BillingCycle(2016, 4))  # a bill due by 2016-05-31, unpaid
    world.move_to(dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI))
    (offer,) = world.hall.promotions.offers(token)
    assert {v.rule: v.passed for v in offer.verdicts}["arrears"]  # not overdue yet
    world.hall.promotions.end(CODE, actor=ACTOR)
    late = _campaign()
    late = type(late)(
        code="late-offer",
        name="六月",
        starts=dt.datetime(2016, 6, 1, tzinfo=SHANGHAI),
        ends=dt.datetime(2016, 7, 1, tzinfo=SHANGHAI),
        channels=late.channels,
        benefits=late.benefits,
    )
    _published(world, late)
    world.move_to(dt.datetime(2016, 6, 2, 10, 0, tzinfo=SHANGHAI))
    token = world.login(subscriber)
    with pytest.raises(Refused) as raised:
        world.hall.promotions.join(
            token, "late-offer", request_id="r1", channel=Channel.ONLINE_HALL
        )
    assert raised.value.code == "promotion.not_eligible"
    assert raised.value.data["rule"] == "arrears"
    del subscriber


def test_f_pro_2_the_quota_is_never_oversold_by_racing_joiners(world):
    _published(world, _campaign(quota=3))
    tokens = [_number(world, n)[1] for n in range(1, 9)]

    def join(n):
        return world.hall.promotions.join(
            tokens[n], CODE, request_id=f"r{n}", channel=Channel.ONLINE_HALL
        )

    joined, errors = race(join, len(tokens))
    assert len(joined) == 3
    assert {e.code for e in errors} == {"promotion.sold_out"}
    with world.storage.read() as tx:
        assert tx.counters.taken("promo:festival-517:quota") == 3
        assert tx.participations.count_live(CODE) == 3


def test_f_pro_1_cancel_gives_the_unit_back_and_withdraws_the_benefits(world):
    _published(world, _campaign(quota=1))
    subscriber, token = _number(world)
    world.hall.promotions.join(token, CODE, request_id="r1", channel=Channel.ONLINE_HALL)
    cancelled = world.hall.promotions.cancel(token, CODE)
    assert cancelled.state is ParticipationState.CANCELLED
    with world.storage.read() as tx:
        profile = tx.billing_profiles.get(subscriber.id)
        assert tx.counters.taken("promo:festival-517:quota") == 0
    assert profile.discounts == ()
    assert profile.packs == ()
    other, other_token = _number(world, 2)
    joined = world.hall.promotions.join(
        other_token, CODE, request_id="r1", channel=Channel.ONLINE_HALL
    )
    assert joined.participation.subscriber_id == other.id
    with pytest.raises(NotFound):
        world.hall.promotions.cancel(token, CODE)


def test_f_pro_1_cancel_is_refused_once_a_bill_covers_the_benefits(world):
    _published(world, _campaign())
    _, token = _number(world)
    world.hall.promotions.join(token, CODE, request_id="r1", channel=Channel.ONLINE_HALL)
    world.move_to(dt.datetime(2016, 6, 1, 10, 0, tzinfo=SHANGHAI))
    token = world.login(world_subscriber(world))
    with pytest.raises(Refused) as raised:
        world.hall.promotions.cancel(token, CODE)
    assert raised.value.data["reason"] == "billed"


def test_f_pro_3_the_bill_shows_the_discounts_prorated_by_the_calendar(world):
    _published(world, _campaign())
    subscriber, token = _number(world)
    world.hall.promotions.join(token, CODE, request_id="r1", channel=Channel.ONLINE_HALL)
    world.move_to(dt.datetime(2016, 6, 1, 3, 0, tzinfo=SHANGHAI))
    world.hall.run_bill_cycle(BillingCycle(2016, 5))
    with world.storage.read() as tx:
        bill = tx.bills.get(bill_id(subscriber.account_id, BillingCycle(2016, 5)))
    discounts = [line for line in bill.lines if line.kind is LineKind.DISCOUNT]
    pack = next(line for line in bill.lines if line.kind is LineKind.PACK_FEE)
    # 76元 plan, 15 of 31 days discounted at 50 %: round(7600 x 15 / 31) = 3677, half 1838.5.
    assert [d.amount for d in discounts] == [Money(-1839), -pack.amount]
    assert bill.total == Money.total(line.amount for line in bill.lines)
    assert bill.total == Money(7600 - 1839)  # the free pack nets to zero


def test_f_pro_3_a_participant_tops_up_for_less_in_the_mobile_hall(world):
    _published(world, _campaign())
    _, token = _number(world)
    _, stranger = _number(world, 2)
    world.hall.promotions.join(token, CODE, request_id="r1", channel=Channel.ONLINE_HALL)
    paid = world.hall.payments.top_up(
        token, "top-up-100", idempotency_key="k1", channel=Channel.MOBILE_HALL
    ).payment
    assert (paid.amount, paid.credit) == (Money(9000), Money(10000))
    online = world.hall.payments.top_up(
        token, "top-up-100", idempotency_key="k2", channel=Channel.ONLINE_HALL
    ).payment
    assert online.amount == Money(10000)
    other = world.hall.payments.top_up(
        stranger, "top-up-100", idempotency_key="k1", channel=Channel.MOBILE_HALL
    ).payment
    assert other.amount == Money(10000)


def test_f_pro_3_entitlements_are_issued_once_and_retried_with_back_off(world):
    _published(world, _campaign())
    _, token = _number(world)
    world.hall.promotions.join(token, CODE, request_id="r1", channel=Channel.ONLINE_HALL)
    issuer = world.hall.promotions.issuer
    issuer.fail_next(1)
    first = world.hall.promotions.issue_entitlements(actor=ACTOR)
    assert (first.issued, first.failed) == (0, 1)
    assert world.hall.promotions.issue_entitlements(actor=ACTOR).issued == 0  # backing off
    world.move_to(world.clock.now() + dt.timedelta(minutes=1))
    assert world.hall.promotions.issue_entitlements(actor=ACTOR).issued == 1
    assert world.hall.promotions.issue_entitlements(actor=ACTOR).issued == 0
    assert len(issuer.issued) == 1
    (participation,) = world.hall.promotions.participations(token)
    (issue,) = participation.entitlements
    assert not issue.pending
    assert issue.attempts == 2
    with pytest.raises(Refused) as raised:
        world.hall.promotions.cancel(token, CODE)
    assert raised.value.data["reason"] == "entitlement_issued"


def test_f_pro_1_a_joining_fee_is_paid_before_the_benefits_apply(world):
    _published(world, _campaign(quota=2, fee="9.90"))
    subscriber, token = _number(world)
    result = world.hall.promotions.join(token, CODE, request_id="r1", channel=Channel.ONLINE_HALL)
    assert result.payment is not None
    assert result.payment.amount == Money(990)
    assert result.participation.state is ParticipationState.ACTIVE
    with world.storage.read() as tx:
        assert len(tx.billing_profiles.get(subscriber.id).discounts) == 2


def test_f_pro_1_a_failed_fee_gives_the_unit_back_and_applies_nothing(world):
    _published(world, _campaign(quota=1, fee="9.90"))
    declining = bootstrap(storage=world.storage, clock=world.clock, payment_gateway=Declining())
    subscriber, token = _number(world)
    result = declining.promotions.join(token, CODE, request_id="r1", channel=Channel.ONLINE_HALL)
    assert result.participation.state is ParticipationState.FAILED
    with world.storage.read() as tx:
        assert tx.counters.taken("promo:festival-517:quota") == 0
        assert tx.billing_profiles.find(subscriber.id) is None
    again = world.hall.promotions.join(token, CODE, request_id="r2", channel=Channel.ONLINE_HALL)
    assert again.participation.state is ParticipationState.ACTIVE
