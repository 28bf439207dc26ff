"""The growth game 沃之樹 end to end through ``hall.growth`` (F-PRO-4).

Points come from paid top-ups and data-pack orders, in their own transactions and once per
source however often it is retried; rewards are claimed once, only at their stage; a data
pack reward reaches the allowance and is free on the bill; the draw takes its entries.
"""

from __future__ import annotations

import datetime as dt

import pytest
from unicom_payments import Behaviour, Notify, SandboxPaymentGateway, Step

from unicom_core.domain.billing import LineKind
from unicom_core.domain.promotions import DrawState, EarningSource, commitment_of, draw_winners
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.errors import Conflict, NotFound, Refused
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.testing.worlds.payments import PaymentWorld
from unicom_core.usecases.promotions import COUPON_ALPHABET, RewardState

MAY_17 = dt.datetime(2016, 5, 17, 10, tzinfo=SHANGHAI)
JUNE_2 = dt.datetime(2016, 6, 2, 10, tzinfo=SHANGHAI)
SEED = "c0ffee" * 8  # 48 hex digits
ACTOR = "cli:test"


@pytest.fixture
def world() -> BillingWorld:
    return BillingWorld(start=MAY_17)


def _top_up(world: BillingWorld, token: str, times: int, key: str = "k") -> None:
    for n in range(times):  # 100元 face value each: 100 points by the default rules
        world.hall.payments.top_up(token, "top-up-100", idempotency_key=f"{key}-{n}")


def _grown(world: BillingWorld, number: str, hundreds: int) -> tuple[str, str]:
    subscriber = world.add_number(number)
    token = world.login(subscriber)
    _top_up(world, token, hundreds)
    return subscriber.id, token


# ---------------------------------------------------------------- earning


def test_a_paid_top_up_earns_its_points_once_however_often_notified():
    """F-PRO-4, F-PAY-3: duplicate and reordered notifications earn once."""
    gateway = SandboxPaymentGateway()
    world = PaymentWorld(gateway)
    _, token = world.customer("18612345678")
    gateway.script(Step(Behaviour.ANSWER_LATE, Notify.TWICE))
    pending = world.payments.top_up(token, "top-up-50", idempotency_key="k")
    gateway.settle_late()
    notices = gateway.take_notifications()
    for notice in [*notices, *reversed(notices)]:
        world.payments.handle_notification(notice)
    world.payments.settle(pending.payment.id)
    tree = world.hall.growth.tree(token)
    assert tree.points == 50  # 50元 face value x 1 point per yuan
    (earning,) = world.hall.growth.history(token).items
    assert (earning.source_id, earning.source) == (pending.payment.id, EarningSource.TOP_UP)


def test_a_data_pack_order_earns_the_pack_points_once(world):
    """F-PRO-4: the default rules give 20 points per pack ordered; the same request again: none."""
    subscriber = world.add_number("18612340001")
    token = world.login(subscriber)
    handling = world.hall.handling
    record = handling.handle(
        token, "data_pack", {"pack": "data-4g-500mb"}, request_id="req-00000001"
    )
    handling.handle(token, "data_pack", {"pack": "data-4g-500mb"}, request_id="req-00000001")
    (earning,) = world.hall.growth.history(token).items
    assert (earning.source_id, earning.points, earning.source) == (
        record.id,
        20,
        EarningSource.PACK,
    )


def test_nothing_is_earned_outside_the_game_window():
    world = BillingWorld(start=JUNE_2)  # the 517 game ended with May
    subscriber = world.add_number("18612340002")
    token = world.login(subscriber)
    _top_up(world, token, 1)
    tree = world.hall.growth.tree(token)
    assert (tree.points, tree.running) == (0, False)
    assert {r.state for r in tree.rewards} == {RewardState.LOCKED}


# ---------------------------------------------------------------- the tree and claims


def test_the_tree_shows_stage_progress_and_reward_states(world):
    _, token = _grown(world, "18612340003", 4)  # 400 points: stage 长叶 (300), next 600
    tree = world.hall.growth.tree(token)
    assert (tree.points, tree.stage_name, tree.next_threshold) == (400, "长叶", 600)
    assert tree.progress == (400 - 300) * 100 // (600 - 300)
    states = {r.code: r.state for r in tree.rewards}
    assert states == {
        "sprout-coupon": RewardState.CLAIMABLE,
        "leaf-data-100mb": RewardState.CLAIMABLE,
        "flower-data-500mb": RewardState.LOCKED,
        "fruit-ipad-draw": RewardState.LOCKED,
    }


def test_a_coupon_is_claimed_once_and_shown_on_the_tree(world):
    _, token = _grown(world, "18612340004", 1)
    growth = world.hall.growth
    claim = growth.claim(token, "sprout-coupon", request_id="c-1")
    assert claim.coupon is not None
    assert claim.coupon.startswith("WO517")
    assert len(claim.coupon) == len("WO517") + 10
    assert set(claim.coupon[5:]) <= set(COUPON_ALPHABET)
    assert growth.claim(token, "sprout-coupon", request_id="c-1") == claim  # same request
    with pytest.raises(Refused) as again:
        growth.claim(token, "sprout-coupon", request_id="c-2")
    assert again.value.code == "growth.already_claimed"
    with pytest.raises(Conflict) as reused:
        growth.claim(token, "leaf-data-100mb", request_id="c-1")
    assert reused.value.code == "growth.request_reused"
    (shown,) = [r for r in growth.tree(token).rewards if r.code == "sprout-coupon"]
    assert (shown.state, shown.claim) == (RewardState.CLAIMED, claim)


def test_a_reward_before_its_stage_is_refused_and_gives_nothing(world):
    subscriber_id, token = _grown(world, "18612340005", 1)
    with pytest.raises(Refused) as early:
        world.hall.growth.claim(token, "leaf-data-100mb", request_id="c-1")
    assert early.value.code == "growth.stage_not_reached"
    assert early.value.data == {"reward_code": "leaf-data-100mb", "threshold": 300, "points": 100}
    with world.storage.read() as tx:
        assert tx.billing_profiles.find(subscriber_id) is None


def test_an_unknown_reward_and_a_random_password_session_are_refused(world):
    subscriber = world.add_number("18612340006")
    with pytest.raises(NotFound):
        world.hall.growth.claim(world.login(subscriber), "nothing", request_id="c-1")
    random = world.login(subscriber, random_password=True)
    with pytest.raises(Refused) as refused:  # F-AUTH-5: a random password claims nothing
        world.hall.growth.claim(random, "sprout-coupon", request_id="c-2")
    assert refused.value.code == "access.capability_missing"


def test_a_data_pack_reward_reaches_the_allowance_and_is_free_on_the_bill(world):
    """The 8元 100MB pack held from 17 May: 15 of 31 days = 3.87元 charged, and taken back."""
    subscriber_id, token = _grown(world, "18612340007", 3)
    claim = world.hall.growth.claim(token, "leaf-data-100mb", request_id="c-1")
    assert (claim.pack, claim.until) == ("data-100mb", dt.datetime(2016, 6, 1, tzinfo=SHANGHAI))
    buckets = world.hall.billing.allowances(token).buckets
    assert any(b.bucket.source_code == "data-100mb" for b in buckets)
    charges = world.hall.billing.charges(token, BillingCycle(2016, 5))
    fee = [ln for ln in charges.lines if ln.code == "data-100mb"]
    credit = [ln for ln in charges.lines if ln.kind is LineKind.ADJUSTMENT]
    prorated = Money(800 * 15 // 31 + (1 if 800 * 15 % 31 * 2 >= 31 else 0))
    assert [ln.amount for ln in fee] == [prorated]
    assert [ln.amount for ln in credit] == [-prorated]
    with world.storage.read() as tx:
        (holding,) = tx.billing_profiles.get(subscriber_id).packs
    assert holding.ends == claim.until  # not held in June: nothing to charge then


def test_claims_end_with_the_game(world):
    subscriber = world.add_number("18612340008")
    _top_up(world, world.login(subscriber), 1)
    world.move_to(JUNE_2)
    token = world.login(subscriber)
    with pytest.raises(Refused) as late:
        world.hall.growth.claim(token, "sprout-coupon", request_id="c-1")
    assert late.value.code == "growth.not_running"


# ---------------------------------------------------------------- the draw


def test_the_draw_takes_entries_and_anyone_can_check_its_winners(world):
    growth = world.hall.growth
    growth.open_draw("ipad-517", prize="iPad", winners=2, actor=ACTOR)
    growth.commit("ipad-517", commitment_of(SEED), actor=ACTOR)
    for n in range(4):
        _, token = _grown(world, f"1861234010{n}", 10)  # 1000 points: the fruit stage
        claim = growth.claim(token, "fruit-ipad-draw", request_id="d-1")
        assert claim.entry_id == f"{n + 1:06d}"
    public = growth.draw("ipad-517")
    assert [e.masked for e in public.entries] == [f"186****010{n}" for n in range(4)]
    assert (public.state, public.entries_count, public.winners) == (DrawState.OPEN, 4, ())
    growth.close_entries("ipad-517", actor=ACTOR)
    with pytest.raises(Refused) as mismatch:
        growth.reveal("ipad-517", "0" * 64, actor=ACTOR)
    assert mismatch.value.code == "draw.commitment_mismatch"
    drawn = growth.reveal("ipad-517", SEED, actor=ACTOR)
    expected = draw_winners(SEED, [e.entry_id for e in public.entries], 2)
    assert [w.entry_id for w in drawn.winners] == list(expected)
    assert drawn.seed == SEED
    assert growth.draw("ipad-517") == drawn


def test_an_entry_after_the_entries_close_is_refused_and_nothing_is_claimed(world):
    growth = world.hall.growth
    growth.open_draw("ipad-517", prize="iPad", winners=1, actor=ACTOR)
    growth.commit("ipad-517", commitment_of(SEED), actor=ACTOR)
    growth.close_entries("ipad-517", actor=ACTOR)
    _, token = _grown(world, "18612340200", 10)
    with pytest.raises(Refused) as closed:
        growth.claim(token, "fruit-ipad-draw", request_id="d-1")
    assert closed.value.code == "draw.state"
    (fruit,) = [r for r in growth.tree(token).rewards if r.code == "fruit-ipad-draw"]
    assert fruit.claim is None


def test_opening_a_draw_twice_with_other_terms_clashes(world):
    growth = world.hall.growth
    first = growth.open_draw("ipad-517", prize="iPad", winners=1, actor=ACTOR)
    assert growth.open_draw("ipad-517", prize="iPad", winners=1, actor=ACTOR) == first
    with pytest.raises(Conflict) as clash:
        growth.open_draw("ipad-517", prize="iPad", winners=3, actor=ACTOR)
    assert clash.value.code == "draw.exists"
    with pytest.raises(NotFound):
        growth.draw("no-such-draw")
