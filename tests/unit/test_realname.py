"""Real-name re-registration through ``hall.handling`` (实名补登记, F-REAL-2).

The holder's data is replaced only on the identity port's MATCH; a mismatch or a deceased
holder changes nothing but the number's count of failed attempts of the day; an unavailable
port changes nothing at all. The cap of five numbers per resident ID holds however the
number reaches the ID. The full resident ID never appears in a record, a form, an event or
an error.
"""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core import bootstrap
from unicom_core.domain.handling import RecordStatus
from unicom_core.domain.shared import SHANGHAI, ResidentId, check_character
from unicom_core.domain.subscribers import RealNameStatus
from unicom_core.errors import InvalidInput, Refused, UnicomError
from unicom_core.memory import MemoryIdentityVerifier
from unicom_core.ports.shared import HTML, PageRequest
from unicom_core.ports.subscribers import IdentityAnswer
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.handling import RealNameRegistration, default_handlers

MAY_17 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
MAY_18 = dt.datetime(2016, 5, 18, tzinfo=SHANGHAI)


def rid(sequence: int, born: str = "19900307") -> ResidentId:
    """A valid resident ID of Shenzhen Futian (440304), born ``born``."""
    first17 = f"440304{born}{sequence:03d}"
    return ResidentId(first17 + check_character(first17))


LI = rid(123)
PARAMS = {"name": "李四", "resident_id": LI.value}


def hall_world(verifier: MemoryIdentityVerifier) -> BillingWorld:
    """A billing world whose hall asks ``verifier`` and lets a number join the ID's holder.

    (As a carrier whose identity service proves the person present would configure it.)
    """
    world = BillingWorld(start=MAY_17)
    world.hall = bootstrap(
        storage=world.storage,
        clock=world.clock,
        messages=world.messages,
        captcha=world.captcha,
        identity=verifier,
        handlers=[
            *(h for h in default_handlers(identity=verifier) if h.kind != "realname"),
            RealNameRegistration(verifier, join_existing=True),
        ],
    )
    return world


@pytest.fixture
def verifier() -> MemoryIdentityVerifier:
    return MemoryIdentityVerifier()


@pytest.fixture
def world(verifier) -> BillingWorld:
    return hall_world(verifier)


def stored_customer(world, subscriber_id):
    with world.storage.read() as tx:
        subscriber = tx.subscribers.get(subscriber_id)
        return tx.customers.get(subscriber.customer_id)


def handle(world, token, params=PARAMS, request_id="req-realname-01"):
    return world.hall.handling.handle(token, "realname", params, request_id=request_id)


# ---------------------------------------------------------------- MATCH
def test_f_real_2_a_match_replaces_name_and_id_and_verifies(world, verifier):
    subscriber = world.add_number("18612340001")
    token = world.login(subscriber)
    record = handle(world, token)
    assert record.status is RecordStatus.DONE
    assert record.kind == "realname"
    assert record.title == "实名补登记"
    customer = stored_customer(world, subscriber.id)
    assert (customer.name, customer.resident_id) == ("李四", LI)
    assert customer.real_name_status is RealNameStatus.VERIFIED
    assert [(q.holder, q.resident_id) for q in verifier.asked] == [("李*", LI.masked())]
    assert dict(record.change.params) == {"name": "李*", "resident_id": LI.masked()}
    assert ("证件号码", LI.masked()) in record.change.after


def test_f_real_2_a_suspended_number_may_re_register(world):
    subscriber = world.add_number("18612340002")
    token = world.login(subscriber)
    with world.storage.transaction() as tx:
        stored = tx.subscribers.get(subscriber.id)
        stored.suspend_for_arrears(at=MAY_17)
        tx.subscribers.save(stored)
    assert handle(world, token).status is RecordStatus.DONE


def test_f_real_2_a_verified_holder_is_refused_and_the_port_not_asked(world, verifier):
    subscriber = world.add_number("18612340003")
    token = world.login(subscriber)
    handle(world, token)
    with pytest.raises(Refused) as caught:
        handle(world, token, {"name": "王五", "resident_id": rid(5).value}, "req-realname-02")
    assert caught.value.code == "realname.complete"
    assert len(verifier.asked) == 1


def test_f_real_2_the_same_request_again_answers_its_record(world, verifier):
    subscriber = world.add_number("18612340004")
    token = world.login(subscriber)
    first = handle(world, token)
    assert handle(world, token).id == first.id
    assert len(verifier.asked) == 1


# ---------------------------------------------------------------- decide: read only
@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"name": "李四", "resident_id": LI.value[:-1] + "0"}, "resident_id.check_digit"),
        ({"name": "李四", "resident_id": "99" + LI.value[2:]}, "resident_id.region"),
        ({"name": "李四", "resident_id": "4403"}, "resident_id.format"),
        ({"name": "李四"}, "handling.parameter"),
        ({"name": "李" * 51, "resident_id": LI.value}, "customer.name"),
        ({"name": "李\n四", "resident_id": LI.value}, "customer.name"),
    ],
)
def test_f_real_2_bad_input_is_typed_and_asks_nobody(world, verifier, params, code):
    subscriber = world.add_number("18612340005")
    token = world.login(subscriber)
    with pytest.raises(InvalidInput) as caught:
        world.hall.handling.preview(token, "realname", params)
    assert caught.value.code == code
    with pytest.raises(InvalidInput):
        handle(world, token, params)
    assert verifier.asked == ()
    assert stored_customer(world, subscriber.id).real_name_status is RealNameStatus.UNVERIFIED


def test_f_real_2_a_lower_case_x_and_a_15_digit_id_are_read(world):
    first17 = "44030419900307001"
    with_x = next(
        f"44030419900307{n:03d}"
        for n in range(1000)
        if check_character(f"44030419900307{n:03d}") == "X"
    )
    subscriber = world.add_number("18612340006")
    token = world.login(subscriber)
    change = world.hall.handling.preview(
        token, "realname", {"name": "李四", "resident_id": with_x + "x"}
    )
    assert change.param("resident_id") == with_x + "X"
    old = "440304900307001"  # first generation: 19 inserted, check character added
    change = world.hall.handling.preview(token, "realname", {"name": "李四", "resident_id": old})
    assert change.param("resident_id") == first17 + check_character(first17)


def test_f_real_2_the_preview_shows_the_id_masked_and_asks_nobody(world, verifier):
    subscriber = world.add_number("18612340007")
    token = world.login(subscriber)
    change = world.hall.handling.preview(token, "realname", PARAMS)
    shown = repr((change.summary, change.before, change.after, change.terms))
    assert LI.value not in shown
    assert LI.masked() in shown
    assert verifier.asked == ()


# ---------------------------------------------------------------- MISMATCH, DECEASED
@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (IdentityAnswer.MISMATCH, "realname.mismatch"),
        (IdentityAnswer.DECEASED, "realname.deceased"),
    ],
)
def test_f_real_2_a_refusal_keeps_the_old_data_and_counts(world, verifier, answer, code):
    subscriber = world.add_number("18612340008")
    token = world.login(subscriber)
    before = stored_customer(world, subscriber.id)
    verifier.answer(LI, answer)
    with pytest.raises(Refused) as caught:
        handle(world, token)
    assert caught.value.code == code
    assert caught.value.data == {"attempts_left": 2}
    assert stored_customer(world, subscriber.id) == before
    assert world.hall.handling.records(token, PageRequest()).total == 0


def test_f_real_2_three_failures_a_day_then_refused_until_midnight(world, verifier):
    subscriber = world.add_number("18612340009")
    token = world.login(subscriber)
    verifier.holder(LI, "李四")
    for n, left in enumerate((2, 1, 0)):
        with pytest.raises(Refused) as caught:
            handle(world, token, {"name": "李斯", "resident_id": LI.value}, f"req-fail-{n:04d}")
        assert (caught.value.code, caught.value.data["attempts_left"]) == (
            "realname.mismatch",
            left,
        )
    for attempt in (
        lambda: handle(world, token, PARAMS, "req-fail-0009"),
        lambda: world.hall.handling.preview(token, "realname", PARAMS),
    ):
        with pytest.raises(Refused) as caught:
            attempt()
        assert caught.value.code == "realname.too_many_attempts"
        assert caught.value.data["retry_at"] == MAY_18
    assert len(verifier.asked) == 3  # the fourth attempt never reached the port
    world.move_to(MAY_18 + dt.timedelta(hours=8))
    token = world.login(subscriber)
    assert handle(world, token, PARAMS, "req-next-day-1").status is RecordStatus.DONE


def test_f_real_2_an_unavailable_port_changes_nothing_and_counts_nothing(world, verifier):
    subscriber = world.add_number("18612340010")
    token = world.login(subscriber)
    before = stored_customer(world, subscriber.id)
    verifier.unavailable()
    for n in range(4):
        with pytest.raises(Refused) as caught:
            handle(world, token, PARAMS, f"req-down-{n:04d}")
        assert caught.value.code == "realname.unavailable"
    assert stored_customer(world, subscriber.id) == before
    verifier.unavailable(down=False)
    assert handle(world, token, PARAMS, "req-up-000001").status is RecordStatus.DONE


# ---------------------------------------------------------------- joining the ID's holder
def _owner_of_li(world, numbers: int, *, start: int = 20) -> list:
    """A customer holding LI (verified) with ``numbers`` numbers."""
    first = world.add_number(f"186123400{start:02d}")
    handle(world, world.login(first), PARAMS, f"req-owner-{start:04d}")
    with world.storage.read() as tx:
        account = tx.accounts.get(first.account_id)
    others = [
        world.add_number(f"186123400{start + n:02d}", account=account) for n in range(1, numbers)
    ]
    return [first, *others]


def test_f_real_2_an_id_held_by_another_customer_takes_the_number_and_its_account(world):
    (holder,) = _owner_of_li(world, 1)
    owner = stored_customer(world, holder.id)
    newcomer = world.add_number("18612340030")
    old_customer = stored_customer(world, newcomer.id)
    handle(world, world.login(newcomer), PARAMS, "req-join-00001")
    with world.storage.read() as tx:
        moved = tx.subscribers.get(newcomer.id)
        account = tx.accounts.get(newcomer.account_id)
        left_behind = tx.customers.get(old_customer.id)
    assert moved.customer_id == owner.id
    assert account.customer_id == owner.id
    assert left_behind == old_customer  # the old customer's data is untouched
    assert stored_customer(world, newcomer.id).resident_id == LI


def test_f_real_2_an_account_paying_for_other_numbers_does_not_move(world):
    _owner_of_li(world, 1)
    first = world.add_number("18612340031")
    with world.storage.read() as tx:
        account = tx.accounts.get(first.account_id)
    world.add_number("18612340032", account=account)
    with pytest.raises(Refused) as caught:
        handle(world, world.login(first), PARAMS, "req-shared-001")
    assert caught.value.code == "realname.shared_account"
    assert stored_customer(world, first.id).resident_id != LI


def test_f_real_2_the_sixth_number_of_an_id_is_refused_a_cancelled_one_frees_a_slot(world):
    held = _owner_of_li(world, 5)
    newcomer = world.add_number("18612340040")
    token = world.login(newcomer)
    with pytest.raises(Refused) as caught:
        handle(world, token, PARAMS, "req-cap-000001")
    assert (caught.value.code, caught.value.data) == ("realname.cap_reached", {"limit": 5})
    assert stored_customer(world, newcomer.id).resident_id != LI
    with world.storage.transaction() as tx:
        last = tx.subscribers.get(held[-1].id)
        last.cancel(at=MAY_17)
        tx.subscribers.save(last)
    assert handle(world, token, PARAMS, "req-cap-000002").status is RecordStatus.DONE


def test_f_real_2_a_customer_with_six_numbers_cannot_take_one_id_for_all(world):
    first = world.add_number("18612340050")
    with world.storage.read() as tx:
        account = tx.accounts.get(first.account_id)
    for n in range(1, 6):
        world.add_number(f"1861234005{n}", account=account)
    with pytest.raises(Refused) as caught:
        handle(world, world.login(first))
    assert caught.value.code == "realname.cap_reached"
    assert stored_customer(world, first.id).real_name_status is RealNameStatus.UNVERIFIED


def test_f_real_2_by_default_joining_is_left_to_the_shop():
    verifier = MemoryIdentityVerifier()
    world = BillingWorld(start=MAY_17)
    world.hall = bootstrap(
        storage=world.storage,
        clock=world.clock,
        messages=world.messages,
        captcha=world.captcha,
        identity=verifier,
    )
    _owner_of_li(world, 1)
    newcomer = world.add_number("18612340060")
    with pytest.raises(Refused) as caught:
        handle(world, world.login(newcomer), PARAMS, "req-shop-00001")
    assert caught.value.code == "realname.id_in_use"


# ---------------------------------------------------------------- the ID stays masked
def _everything_said(world, token, record, errors: list[UnicomError]) -> str:
    """Every record, form, event and error the hall produced, as text."""
    form = world.hall.handling.acceptance_form(token, record.id)
    rendered = world.hall.documents.render(form, HTML).content.decode()
    with world.storage.read() as tx:
        events = [(repr(e), repr(e.event)) for e in tx.outbox.pending(500)]
        stored = tx.business_records.get(record.id)
    texts = [repr(record), repr(stored), repr(form), repr(events), rendered]
    texts += [f"{e!r} {e} {e.data!r} {e.__cause__!r}" for e in errors]
    return "\n".join(texts)


def test_f_real_2_no_full_resident_id_in_records_forms_events_or_errors(world, verifier):
    subscriber = world.add_number("18612340070")
    token = world.login(subscriber)
    old_id = stored_customer(world, subscriber.id).resident_id
    errors: list[UnicomError] = []
    verifier.answer(LI, IdentityAnswer.MISMATCH)
    for n, down in enumerate((True, False)):
        verifier.unavailable(down=down)
        try:
            handle(world, token, PARAMS, f"req-mask-{n:04d}")
        except UnicomError as error:
            errors.append(error)
    verifier.answer(LI, IdentityAnswer.MATCH)
    record = handle(world, token, PARAMS, "req-mask-0009")
    text = _everything_said(world, token, record, errors) + repr(verifier.asked)
    for full in (LI.value, old_id.value):
        assert full not in text
        assert full[6:14] + full[14:17] not in text  # not even the birth date and sequence
    assert LI.masked() in text
    assert {e.code for e in errors} == {"realname.unavailable", "realname.mismatch"}
