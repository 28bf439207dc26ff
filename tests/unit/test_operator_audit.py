"""Every operator change of the promotions and the enrolment is audited (F-AUTH-6, F-PRO-1..4).

Each change names its actor (an operator client id or ``cli:<name>``) and writes one audit
entry in the transaction of the change: a refused call, a call that changes nothing and a
bad actor write none, and when the entry cannot be written the change is not made either.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.catalog import Channel
from unicom_core.domain.promotions import campaigns_from_toml, commitment_of
from unicom_core.errors import InvalidInput, NotFound, Refused, UnicomError
from unicom_core.promotions_data import festival_517
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.access import ACTOR_PATTERN, audited

from .test_enrolment import Hall as EnrolmentHall

ACTOR = "cli:alice"
CLIENT = "op-0123456789abcdef01234567"
CODE = "festival-517"
SEED = "c0ffee" * 8
PLAN = "4g-national-76"


@pytest.fixture
def world() -> BillingWorld:
    return BillingWorld()


def _entries(hall) -> list:
    return list(reversed(hall.access.audit().items))


def _by(hall, actor: str) -> list[tuple[str, dict[str, str]]]:
    return sorted((e.action, e.parameters) for e in _entries(hall) if e.client_id == actor)


def test_f_auth_6_define_publish_end_write_one_entry_each(world):
    promotions = world.hall.promotions
    promotions.define(festival_517(), actor=ACTOR)
    assert _by(world.hall, ACTOR) == [("campaign.defined", {"code": CODE})]
    promotions.publish(CODE, actor=CLIENT)
    promotions.end(CODE, actor=ACTOR)
    assert _by(world.hall, ACTOR) == [
        ("campaign.defined", {"code": CODE}),
        ("campaign.ended", {"code": CODE}),
    ]
    assert _by(world.hall, CLIENT) == [("campaign.published", {"code": CODE})]


def test_f_auth_6_a_refused_campaign_change_writes_nothing(world):
    promotions = world.hall.promotions
    promotions.define(festival_517(), actor=ACTOR)
    with pytest.raises(UnicomError):
        promotions.define(festival_517(), actor=ACTOR)  # promotion.campaign_exists
    promotions.end(CODE, actor=ACTOR)
    with pytest.raises(UnicomError):
        promotions.publish(CODE, actor=ACTOR)  # promotion.transition
    with pytest.raises(NotFound):
        promotions.end("no-such", actor=ACTOR)
    assert [a for a, _ in _by(world.hall, ACTOR)] == ["campaign.defined", "campaign.ended"]


@pytest.mark.parametrize(
    "actor", ["", "root", "op-", "cli:", "cli:a b", "cli:-x", "op-" + "a" * 62, None, 42]
)
def test_f_auth_6_a_bad_actor_is_refused_before_anything_is_written(world, actor):
    with pytest.raises(InvalidInput) as refused:
        world.hall.promotions.define(festival_517(), actor=actor)
    assert refused.value.code == "operator.actor"
    assert world.hall.promotions.campaigns() == ()
    with pytest.raises(InvalidInput):
        world.hall.growth.open_draw("ipad", prize="iPad", winners=1, actor=actor)
    with pytest.raises(InvalidInput):
        world.hall.promotions.issue_entitlements(actor=actor)
    assert _entries(world.hall) == []


@given(st.text(max_size=70))
def test_an_actor_is_accepted_exactly_when_it_matches_the_pattern(text):
    accepted = ACTOR_PATTERN.fullmatch(text) is not None
    try:
        audited(text)
    except InvalidInput:
        assert not accepted
    else:
        assert accepted
        assert text.startswith(("op-", "cli:"))
        assert len(text) <= 64


def test_f_auth_6_the_entry_is_in_the_transaction_of_the_change(world, monkeypatch):
    def failing(*_args, **_kwargs):
        raise RuntimeError("the audit log is down")

    monkeypatch.setattr("unicom_core.usecases.promotions.campaigns.audit_by", failing)
    with pytest.raises(RuntimeError):
        world.hall.promotions.define(festival_517(), actor=ACTOR)
    assert world.hall.promotions.campaigns() == ()  # no change without its entry


def test_f_auth_6_each_draw_step_is_audited_never_the_seed(world):
    growth = world.hall.growth
    growth.open_draw("ipad", prize="iPad", winners=1, actor=ACTOR)
    growth.open_draw("ipad", prize="iPad", winners=1, actor=ACTOR)  # as it stands: nothing
    growth.commit("ipad", commitment_of(SEED), actor=ACTOR)
    growth.commit("ipad", commitment_of(SEED), actor=ACTOR)  # the same again: nothing
    growth.close_entries("ipad", actor=ACTOR)
    with pytest.raises(Refused):
        growth.reveal("ipad", "0" * 48, actor=ACTOR)  # draw.commitment_mismatch
    growth.reveal("ipad", SEED, actor=ACTOR)
    growth.reveal("ipad", SEED, actor=ACTOR)  # the same seed again: nothing
    found = dict(_by(world.hall, ACTOR))
    assert found == {
        "draw.opened": {"code": "ipad", "prize": "iPad", "winners": "1"},
        "draw.committed": {"code": "ipad", "entries": "0", "commitment": commitment_of(SEED)},
        "draw.closed": {"code": "ipad", "entries": "0"},
        "draw.revealed": {"code": "ipad", "entries": "0", "seed_revealed": "true"},
    }
    assert len(_by(world.hall, ACTOR)) == 4
    assert all(SEED not in e.parameters.values() for e in _entries(world.hall))


def _joined(world) -> None:
    (campaign,) = campaigns_from_toml(
        """
[[campaign]]
code = "festival-517"
name = "517感恩节"
starts = 2016-05-17T00:00:00
ends = 2016-06-01T00:00:00
channels = ["online_hall"]
[[campaign.entitlement]]
code = "cloud-storage-1y"
description = "沃云存储一年会员"
"""
    )
    world.hall.promotions.define(campaign, actor=ACTOR)
    world.hall.promotions.publish(CODE, actor=ACTOR)
    subscriber = world.add_number("18612340001", plan=PLAN)
    world.hall.promotions.join(
        world.login(subscriber), CODE, request_id="r1", channel=Channel.ONLINE_HALL
    )


def test_f_auth_6_each_entitlement_issued_or_failed_is_audited_on_its_number(world):
    _joined(world)
    world.hall.promotions.issuer.fail_next(1)
    world.hall.promotions.issue_entitlements(actor=CLIENT)
    world.hall.promotions.issue_entitlements(actor=CLIENT)  # backing off: nothing to do
    world.move_to(world.clock.now() + dt.timedelta(minutes=1))
    world.hall.promotions.issue_entitlements(actor=CLIENT)
    entries = [e for e in _entries(world.hall) if e.client_id == CLIENT]
    assert sorted(e.action for e in entries) == ["entitlement.failed", "entitlement.issued"]
    assert {e.number for e in entries} == {"18612340001"}
    issued = next(e for e in entries if e.action == "entitlement.issued")
    assert set(issued.parameters) == {"participation", "entitlement"}  # never the reference
    assert issued.parameters["entitlement"] == "cloud-storage-1y"


def test_f_auth_6_an_enrolment_with_an_actor_is_audited_once():
    world = EnrolmentHall()
    enrolled = world.enrol(actor=ACTOR)
    world.enrol(actor=ACTOR)  # a replay writes nothing
    (entry,) = world.hall.access.audit().items
    assert (entry.client_id, entry.action) == (ACTOR, "subscriber.enrolled")
    assert entry.parameters == {
        "request_id": "req-00000001",
        "plan": "4g-national-combo",
        "packs": "data-1gb voice-200min",
    }
    assert (entry.account_id, entry.number) == (enrolled.account.id, "18612345678")


def test_an_enrolment_without_an_actor_is_not_audited_and_a_bad_one_refused():
    world = EnrolmentHall()
    with pytest.raises(InvalidInput) as refused:
        world.enrol(actor="root")
    assert refused.value.code == "operator.actor"
    assert world.stored_numbers() == 0
    world.enrol()
    assert world.hall.access.audit().items == ()
