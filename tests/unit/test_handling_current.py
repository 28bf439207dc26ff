"""The form's current values (``hall.handling.current``): what the number has now (F-BIZ-3).

The web form of a handling opens on them; reading them never writes and needs the kind's
capability, like a preview (F-AUTH-5).
"""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core.domain.shared import SHANGHAI, Money, ResidentId, check_character
from unicom_core.domain.subscribers import (
    Account,
    AccountId,
    Customer,
    CustomerId,
    NetworkGeneration,
)
from unicom_core.errors import NotFound, Refused
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.worlds.billing import BillingWorld

MAY_17 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
JUNE_1 = dt.datetime(2016, 6, 1, tzinfo=SHANGHAI)


def _resident_id(n: int) -> ResidentId:
    first17 = f"11010519800101{n:03d}"
    return ResidentId(first17 + check_character(first17))


@pytest.fixture
def world() -> BillingWorld:
    return BillingWorld(start=MAY_17)


def test_the_bundle_form_opens_on_the_packs_held_now(world):
    subscriber = world.add_number("18612340101", packs=("data-1gb", "voice-200min"))
    token = world.login(subscriber)
    current = world.hall.handling.current(token, "bundle")
    assert sorted(current["packs"].split(",")) == ["data-1gb", "voice-200min"]


def test_a_pack_dropped_from_the_next_cycle_is_held_until_then(world):
    """A pending removal: the pack is still held now, and no longer from the 1st."""
    subscriber = world.add_number("18612340102", packs=("data-1gb", "voice-200min"))
    token = world.login(subscriber)
    world.hall.handling.handle(token, "bundle", {"packs": "data-1gb"}, request_id="cur-000001")
    assert sorted(world.hall.handling.current(token, "bundle")["packs"].split(",")) == [
        "data-1gb",
        "voice-200min",
    ]
    world.move_to(JUNE_1)
    world.hall.handling.apply_due()
    assert world.hall.handling.current(world.login(subscriber), "bundle") == {"packs": "data-1gb"}


def test_a_number_without_a_combination_plan_has_no_current_packs(world):
    subscriber = world.add_number("18612340103", plan="not-a-combo")
    assert world.hall.handling.current(world.login(subscriber), "bundle") == {}


def test_reading_needs_the_kind_and_its_capability_and_writes_nothing(world):
    subscriber = world.add_number("18612340104", packs=("data-1gb",))
    with pytest.raises(NotFound) as unknown:
        world.hall.handling.current(world.login(subscriber), "teleport")
    assert unknown.value.code == "handling.kind"
    with pytest.raises(Refused) as refused:
        world.hall.handling.current(world.login(subscriber, random_password=True), "bundle")
    assert refused.value.code == "access.capability_missing"
    token = world.login(subscriber)
    world.hall.handling.current(token, "bundle")
    assert world.hall.handling.records(token, PageRequest()).total == 0


# The service handlings open on the number's switches (F-BIZ-1, F-BIZ-5, F-BIZ-6, F-BIZ-2).

_IDS = iter(range(1, 1000))
WLAN_PASSWORD = "abc12345xy"  # noqa: S105 - the WLAN password a test sets


def _handle(world, subscriber, kind, **params):
    token = world.login(subscriber)
    request_id = f"cur-svc-{next(_IDS):06d}"
    return world.hall.handling.handle(token, kind, params, request_id=request_id)


def _current(world, subscriber, kind):
    return world.hall.handling.current(world.login(subscriber), kind)


def test_call_forwarding_opens_on_the_unconditional_forwarding_before_the_others(world):
    """F-BIZ-1: the unconditional rule comes first; then the first condition set."""
    subscriber = world.add_number("18612340201")
    assert _current(world, subscriber, "call_forwarding") == {}
    _handle(
        world,
        subscriber,
        "call_forwarding",
        condition="no_reply",
        action="set",
        target="18612349999",
        delay="20",
    )
    assert _current(world, subscriber, "call_forwarding") == {
        "condition": "no_reply",
        "action": "set",
        "target": "18612349999",
        "delay": "20",
    }
    _handle(
        world,
        subscriber,
        "call_forwarding",
        condition="unconditional",
        action="set",
        target="18612348888",
    )
    assert _current(world, subscriber, "call_forwarding") == {
        "condition": "unconditional",
        "action": "set",
        "target": "18612348888",
    }


def test_roaming_opens_on_the_first_service_switched_on(world):
    """F-BIZ-5: nothing on shows the first service off; a service on shows it on."""
    subscriber = world.add_number("18612340202")
    assert _current(world, subscriber, "roaming") == {"service": "international", "switch": "off"}
    _handle(world, subscriber, "roaming", service="long_distance", switch="on")
    assert _current(world, subscriber, "roaming") == {"service": "long_distance", "switch": "on"}


def test_the_4g_switch_opens_on_its_state(world):
    """F-BIZ-2."""
    subscriber = world.add_number("18612340203")
    assert _current(world, subscriber, "switch_4g") == {"switch": "off"}
    _handle(world, subscriber, "switch_4g", switch="on")
    assert _current(world, subscriber, "switch_4g") == {"switch": "on"}


def test_wlan_opens_on_on_or_off_and_never_on_the_password(world):
    """F-BIZ-6: the password (or its digest) never fills the form."""
    subscriber = world.add_number("18612340204")
    assert _current(world, subscriber, "wlan") == {"action": "off"}
    _handle(world, subscriber, "wlan", action="on")
    _handle(world, subscriber, "wlan", action="change", password=WLAN_PASSWORD)
    current = _current(world, subscriber, "wlan")
    assert current == {"action": "on"}
    assert WLAN_PASSWORD not in repr(current)


def test_the_credit_limit_opens_on_the_account_limit_in_yuan(world):
    """F-BIZ-7: the field reads yuan; the account's 100元 limit is ``100.00``."""
    with world.storage.transaction() as tx:
        customer = Customer(CustomerId("cur-c1"), "王五", _resident_id(7))
        tx.customers.add(customer)
        account = Account(AccountId("cur-a1"), customer.id, credit_limit=Money(10050))
        tx.accounts.add(account)
    subscriber = world.add_number("18612340205", account=account)
    assert _current(world, subscriber, "credit_limit") == {"limit": "100.50"}


def test_optional_packs_open_on_a_held_pack_to_remove_else_one_to_add(world):
    """F-BIZ-1: a held optional pack offers its removal; none held, the first to add."""
    subscriber = world.add_number("18612340206", plan="basic-20")
    assert _current(world, subscriber, "optional_packs") == {
        "action": "add",
        "pack": "opt-data-100mb",
    }
    _handle(world, subscriber, "optional_packs", action="add", pack="opt-voice-50min")
    assert _current(world, subscriber, "optional_packs") == {
        "action": "remove",
        "pack": "opt-voice-50min",
    }
    _handle(world, subscriber, "optional_packs", action="remove", pack="opt-voice-50min")
    assert _current(world, subscriber, "optional_packs") == {
        "action": "add",
        "pack": "opt-data-100mb",
    }


def test_a_plan_without_optional_packs_opens_on_nothing(world):
    subscriber = world.add_number("18612340207")
    assert _current(world, subscriber, "optional_packs") == {}


# The 4G upgrade's plan is chosen from the catalogue (F-BIZ-4).


def test_the_upgrade_offers_the_4g_plans_and_the_combination_plan_sold_online(world):
    """Not the 3G plans, nor the shared plan and its secondary cards' plan."""
    field = next(f for f in world.hall.handling.handler("upgrade_4g").fields if f.name == "plan")
    assert [value for value, _ in field.choices] == [
        "4g-national-76",
        "4g-national-106",
        "4g-national-136",
        "4g-national-combo",
    ]
    assert dict(field.choices)["4g-national-combo"] == "4G全国组合套餐"


def test_a_plan_outside_the_choices_is_still_refused(world):
    subscriber = world.add_number(
        "18612340208", plan="3g-basic-a-46", generation=NetworkGeneration.G3
    )
    with pytest.raises(Refused) as refused:
        world.hall.handling.preview(
            world.login(subscriber), "upgrade_4g", {"plan": "4g-shared-156"}
        )
    assert refused.value.code == "handling.plan_not_offered"
