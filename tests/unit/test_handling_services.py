"""Call forwarding, roaming, WLAN and the 4G switch through ``hall.handling`` (F-BIZ-1, F-BIZ-5,
F-BIZ-6, F-BIZ-2).

Every rule is checked through the public API on memory storage; the loop rule has its own
property test (tests/unit/test_forwarding_loops.py).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from unicom_core.domain.handling import (
    ForwardingCondition,
    RecordStatus,
    RoamingService,
    check_wlan_password,
)
from unicom_core.domain.shared import (
    SHANGHAI,
    MobileNumber,
    Money,
    ResidentId,
    check_character,
)
from unicom_core.domain.subscribers import (
    Account,
    AccountId,
    Customer,
    CustomerId,
    NetworkGeneration,
    PaymentMode,
)
from unicom_core.errors import Conflict, InvalidInput, Refused
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.worlds.billing import BillingWorld

MAY_17 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
_REQUESTS = itertools.count(1)


@pytest.fixture
def world() -> BillingWorld:
    return BillingWorld(start=MAY_17)


def _request() -> str:
    return f"req-svc-{next(_REQUESTS):06d}"


def _handle(world, subscriber, kind, **params):
    token = world.login(subscriber)
    return world.hall.handling.handle(token, kind, params, request_id=_request())


def _view(world, subscriber):
    return world.hall.services.current(world.login(subscriber))


def _account(world, n: int, *, balance: Money, credit_limit: Money) -> Account:
    with world.storage.transaction() as tx:
        first17 = f"11010519900101{n:03d}"
        customer = Customer(
            CustomerId(f"cx{n}"), "李四", ResidentId(first17 + check_character(first17))
        )
        tx.customers.add(customer)
        account = Account(
            AccountId(f"ax{n}"), customer.id, balance=balance, credit_limit=credit_limit
        )
        tx.accounts.add(account)
    return account


# Call forwarding (F-BIZ-1).


def test_a_forwarding_applies_now_and_the_record_shows_the_four_conditions(world):
    """F-BIZ-1: forwarding when busy to a valid number; the form shows before and after."""
    subscriber = world.add_number("18612340001")
    record = _handle(
        world, subscriber, "call_forwarding", condition="busy", action="set", target="186 1234 0002"
    )
    assert record.status is RecordStatus.DONE
    assert dict(record.change.before)["遇忙呼叫转移"] == "未设置"
    assert dict(record.change.after)["遇忙呼叫转移"] == "转至 186****0002"
    view = _view(world, subscriber)
    assert [(f.condition, f.target) for f in view.forwardings] == [
        (ForwardingCondition.BUSY, "18612340002")
    ]


def test_no_reply_needs_a_delay_of_5_to_30_seconds(world):
    """F-BIZ-1: the no-reply delay is 5-30 s; other conditions take none."""
    subscriber = world.add_number("18612340003")
    for delay in ("4", "31", "", "abc", "1e1"):
        with pytest.raises(InvalidInput) as caught:
            _handle(
                world,
                subscriber,
                "call_forwarding",
                condition="no_reply",
                action="set",
                target="18612340004",
                delay=delay,
            )
        assert caught.value.code == "handling.forwarding_delay"
    with pytest.raises(InvalidInput, match="no-reply"):
        _handle(
            world,
            subscriber,
            "call_forwarding",
            condition="busy",
            action="set",
            target="18612340004",
            delay="10",
        )
    for delay in ("5", "30"):
        record = _handle(
            world,
            subscriber,
            "call_forwarding",
            condition="no_reply",
            action="set",
            target="18612340004",
            delay=delay,
        )
        assert dict(record.change.after)["无应答呼叫转移"] == f"转至 186****0004（{delay}秒无应答）"


def test_the_target_must_be_a_valid_number_and_not_the_number_itself(world):
    """F-BIZ-1: a malformed target, or the number itself, is refused; a fixed line is fine."""
    subscriber = world.add_number("18612340005")
    for target in ("123", "1861234000", "abc", "", "02088886666"):
        with pytest.raises(InvalidInput) as caught:
            _handle(
                world,
                subscriber,
                "call_forwarding",
                condition="unconditional",
                action="set",
                target=target,
            )
        assert caught.value.code == "handling.forwarding_target"
    with pytest.raises(InvalidInput) as caught:
        _handle(
            world,
            subscriber,
            "call_forwarding",
            condition="unconditional",
            action="set",
            target="+86 186-1234-0005",
        )
    assert caught.value.code == "handling.forwarding_self"
    record = _handle(
        world,
        subscriber,
        "call_forwarding",
        condition="not_reachable",
        action="set",
        target="8888-6666",
    )
    assert dict(record.change.after)["不可及呼叫转移"] == "转至 88886666"


def test_a_forwarding_back_to_the_number_is_refused_and_changes_nothing(world):
    """F-BIZ-1: A -> B -> C, then C -> A would loop: refused, nothing stored, no record."""
    a, b, c = (world.add_number(f"1861234001{i}") for i in range(3))
    _handle(
        world, a, "call_forwarding", condition="unconditional", action="set", target=b.number.value
    )
    _handle(world, b, "call_forwarding", condition="busy", action="set", target=c.number.value)
    before = _view(world, c)
    with pytest.raises(Refused) as caught:
        _handle(
            world,
            c,
            "call_forwarding",
            condition="no_reply",
            action="set",
            target=a.number.value,
            delay="15",
        )
    assert caught.value.code == "handling.forwarding_loop"
    assert _view(world, c) == before
    token = world.login(c)
    assert world.hall.handling.records(token, PageRequest(0, 10)).total == 0
    # Cancelling B's forwarding breaks the chain: C -> A is accepted then.
    _handle(world, b, "call_forwarding", condition="busy", action="cancel")
    _handle(
        world,
        c,
        "call_forwarding",
        condition="no_reply",
        action="set",
        target=a.number.value,
        delay="15",
    )


def test_a_forwarding_to_another_carriers_number_ends_the_walk(world):
    """F-BIZ-1: a number the carrier does not hold forwards nowhere as far as the hall knows."""
    a = world.add_number("18612340021")
    record = _handle(
        world, a, "call_forwarding", condition="unconditional", action="set", target="13912345678"
    )
    assert record.status is RecordStatus.DONE


def test_cancelling_a_forwarding_that_is_not_set_changes_nothing(world):
    subscriber = world.add_number("18612340022")
    with pytest.raises(InvalidInput) as caught:
        _handle(world, subscriber, "call_forwarding", condition="busy", action="cancel")
    assert caught.value.code == "handling.no_change"


# Roaming (F-BIZ-5).


def test_postpaid_international_roaming_needs_the_credit_limit(world):
    """F-BIZ-5: a postpaid number needs a 500元 credit limit for international roaming."""
    low = _account(world, 1, balance=Money(0), credit_limit=Money(49999))
    enough = _account(world, 2, balance=Money(0), credit_limit=Money(50000))
    refused = world.add_number("18612340031", account=low)
    accepted = world.add_number("18612340032", account=enough)
    with pytest.raises(Refused) as caught:
        _handle(world, refused, "roaming", service="international", switch="on")
    assert caught.value.code == "handling.roaming_credit"
    assert _view(world, refused).roaming == ()
    _handle(world, accepted, "roaming", service="international", switch="on")
    assert _view(world, accepted).roaming == (RoamingService.INTERNATIONAL,)
    _handle(world, accepted, "roaming", service="international", switch="off")
    assert _view(world, accepted).roaming == ()


def test_prepaid_roaming_needs_the_deposit_available(world):
    """F-BIZ-5: a prepaid number needs 300元 available for HK/Macau/Taiwan (checked, not held)."""
    poor = _account(world, 3, balance=Money(29999), credit_limit=Money(0))
    rich = _account(world, 4, balance=Money(30000), credit_limit=Money(0))
    refused = world.add_number("18612340033", account=poor, payment_mode=PaymentMode.PREPAID)
    accepted = world.add_number("18612340034", account=rich, payment_mode=PaymentMode.PREPAID)
    with pytest.raises(Refused) as caught:
        _handle(world, refused, "roaming", service="hk_macau_taiwan", switch="on")
    assert caught.value.code == "handling.roaming_deposit"
    _handle(world, accepted, "roaming", service="hk_macau_taiwan", switch="on")
    with world.storage.transaction() as tx:
        assert tx.accounts.get(rich.id).balance == Money(30000)  # nothing held


def test_long_distance_needs_nothing_and_roaming_is_refused_in_arrears(world):
    """F-BIZ-5: long distance has no amount; a number in arrears is refused every roaming."""
    owing = _account(world, 5, balance=Money(-1000), credit_limit=Money(100000))
    fine = world.add_number("18612340035")
    _handle(world, fine, "roaming", service="long_distance", switch="on")
    assert _view(world, fine).roaming == (RoamingService.LONG_DISTANCE,)
    in_arrears = world.add_number("18612340036", account=owing)
    with pytest.raises(Refused) as caught:
        _handle(world, in_arrears, "roaming", service="long_distance", switch="on")
    assert caught.value.code == "handling.arrears"


# The 4G switch (F-BIZ-2).


def test_the_4g_switch_is_for_a_4g_sim_only(world):
    """F-BIZ-2: 开通4G switches the 4G data of a 4G SIM; a 3G number is refused, typed."""
    g4 = world.add_number("18612340041")
    g3 = world.add_number("18612340042", generation=NetworkGeneration.G3)
    with pytest.raises(Refused) as caught:
        _handle(world, g3, "switch_4g", switch="on")
    assert caught.value.code == "handling.not_4g"
    _handle(world, g4, "switch_4g", switch="on")
    assert _view(world, g4).data_4g is True
    with pytest.raises(InvalidInput) as caught:
        _handle(world, g4, "switch_4g", switch="on")
    assert caught.value.code == "handling.no_change"


# WLAN (F-BIZ-6).


def test_wlan_switches_on_and_off(world):
    subscriber = world.add_number("18612340051")
    _handle(world, subscriber, "wlan", action="on")
    assert _view(world, subscriber).wlan_on is True
    _handle(world, subscriber, "wlan", action="off")
    assert _view(world, subscriber).wlan_on is False


def test_a_wlan_reset_stores_only_a_hash_and_sends_the_password_by_sms(world):
    """F-BIZ-6: the new password goes by SMS; the record, form and events never hold it."""
    subscriber = world.add_number("18612340052")
    record = _handle(world, subscriber, "wlan", action="reset")
    sms = world.messages.sent[-1]
    assert sms.to == MobileNumber("18612340052")
    found = re.search(r"重置为([A-Za-z0-9]+)，", sms.text)
    assert found is not None
    password = found.group(1)
    assert check_wlan_password(password) == password
    with world.storage.transaction() as tx:
        state = tx.service_states.get(subscriber.id)
        events = [repr(e.event) for e in tx.outbox.pending(100)]
    assert state.wlan_password_digest is not None
    assert password not in state.wlan_password_digest
    assert MemoryPasswordHasher().verify(state.wlan_password_digest, password)
    shown = (
        repr(record)
        + repr(record.change)
        + str(world.hall.handling.acceptance_form(world.login(subscriber), record.id))
    )
    assert password not in shown
    assert all(password not in str(body) for body in events)
    assert _view(world, subscriber).wlan_password_set_at == MAY_17


def test_a_wlan_password_change_follows_the_rule_and_is_never_kept_in_clear(world):
    """F-BIZ-6: 8-16 letters and digits; the record and its digest leave the password out."""
    subscriber = world.add_number("18612340053")
    for bad in ("abc12", "abcdefgh", "12345678", "abcd1234abcd1234x", "abcd 1234", "密码abcd1234"):
        with pytest.raises(InvalidInput) as caught:
            _handle(world, subscriber, "wlan", action="change", password=bad)
        assert caught.value.code == "handling.wlan_password"
        assert bad not in str(caught.value) + repr(caught.value.data)
    token = world.login(subscriber)
    request_id = _request()
    record = world.hall.handling.handle(
        token, "wlan", {"action": "change", "password": "Secret2016"}, request_id=request_id
    )
    with world.storage.transaction() as tx:
        state = tx.service_states.get(subscriber.id)
    assert MemoryPasswordHasher().verify(state.wlan_password_digest or "", "Secret2016")
    assert "Secret2016" not in repr(record) + repr(record.change)
    assert "Secret2016" not in world.messages.sent[-1].text
    # The digest of the request leaves the secret out: the same request id with another
    # password answers the record it made (idempotent), a different action is a reuse.
    again = world.hall.handling.handle(
        token, "wlan", {"action": "change", "password": "Other2016x"}, request_id=request_id
    )
    assert again.id == record.id
    with pytest.raises(Conflict):
        world.hall.handling.handle(token, "wlan", {"action": "reset"}, request_id=request_id)


def test_a_failed_sms_stores_no_wlan_password(world):
    """F-BIZ-6: the SMS is sent in the transaction: a failed send changes nothing."""
    subscriber = world.add_number("18612340054")
    token = world.login(subscriber)
    world.messages.failing = True
    with pytest.raises(Exception) as caught:  # noqa: PT011 - the adapter's error, whatever its class
        world.hall.handling.handle(token, "wlan", {"action": "reset"}, request_id=_request())
    assert getattr(caught.value, "code", None) == "messaging.failed"
    world.messages.failing = False
    assert _view(world, subscriber).wlan_password_set_at is None


def test_a_preview_changes_nothing_and_sends_nothing(world):
    subscriber = world.add_number("18612340055")
    token = world.login(subscriber)
    sent = len(world.messages.sent)
    change = world.hall.handling.preview(token, "wlan", {"action": "reset"})
    assert change.summary.startswith("重置WLAN密码")
    assert len(world.messages.sent) == sent
    assert _view(world, subscriber).wlan_password_set_at is None
