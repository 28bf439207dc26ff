"""The back office's enrolment, ``hall.subscribers.enrol`` (F-REAL-1, F-REAL-2, F-SHOP-3)."""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.shared import SHANGHAI, MobileNumber, Money, ResidentId, check_character
from unicom_core.domain.subscribers import NetworkGeneration, PaymentMode, RealNameStatus
from unicom_core.errors import AdapterError, Conflict, InvalidInput, NotFound, Refused
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.memory.identity import MemoryIdentityVerifier
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.ports.subscribers import IdentityAnswer

START = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
COMBO, THREE_G = "4g-national-combo", "3g-basic-a-46"


def resident(n: int) -> str:
    first17 = f"11010519800101{n:03d}"
    return first17 + check_character(first17)


class Hall:
    def __init__(self) -> None:
        self.identity = MemoryIdentityVerifier()
        self.messages = MemoryMessageSender()
        self.hasher = MemoryPasswordHasher()
        self.hall = bootstrap(
            clock=SettableClock(START),
            identity=self.identity,
            messages=self.messages,
            hasher=self.hasher,
        )

    def enrol(self, request_id="req-00000001", number="18612345678", **changes):
        facts = {
            "request_id": request_id,
            "name": "张三",
            "resident_id": resident(1),
            "number": number,
            "plan_code": COMBO,
            "packs": ("data-1gb", "voice-200min"),
        }
        facts.update(changes)
        return self.hall.subscribers.enrol(**facts)

    def stored_numbers(self) -> int:
        with self.hall.storage.read() as tx:
            return sum(
                tx.subscribers.find_by_number(MobileNumber(number)) is not None
                for number in ("18612345678", "18612340001")
            )


@pytest.fixture
def world():
    return Hall()


def test_enrol_stores_holder_account_number_packs_and_the_initial_password(world):
    enrolled = world.enrol(prestore=Money.of_yuan("50"))
    assert not enrolled.replayed
    assert enrolled.password_sent
    assert enrolled.customer.real_name_status is RealNameStatus.VERIFIED
    assert enrolled.account.balance == Money.of_yuan("50")
    assert enrolled.subscriber.generation is NetworkGeneration.G4
    assert enrolled.subscriber.joined_on == START.date()
    hall = world.hall
    with hall.storage.read() as tx:
        assert tx.subscribers.find_by_number(MobileNumber("18612345678")) == enrolled.subscriber
        profile = tx.billing_profiles.get(enrolled.subscriber.id)
        credential = tx.credentials.get(enrolled.subscriber.id)
    assert sorted(h.pack_code for h in profile.packs) == ["data-1gb", "voice-200min"]
    assert credential.initial
    sms = world.messages.sent[-1]
    password = sms.text.split("初始服务密码为")[1][:6]
    assert world.hasher.verify(credential.password_hash, password)


def test_a_postpaid_account_keeps_its_credit_limit(world):
    enrolled = world.enrol(payment_mode=PaymentMode.POSTPAID, credit_limit=Money.of_yuan("100"))
    assert enrolled.account.credit_limit == Money.of_yuan("100")
    assert enrolled.subscriber.payment_mode is PaymentMode.POSTPAID


def test_the_number_takes_its_plans_generation(world):
    enrolled = world.enrol(plan_code=THREE_G, packs=(), joined_on=dt.date(2012, 3, 1))
    assert enrolled.subscriber.generation is NetworkGeneration.G3
    assert enrolled.subscriber.joined_on == dt.date(2012, 3, 1)


def test_the_same_request_answers_the_same_enrolment_and_sends_no_second_password(world):
    first = world.enrol()
    sent = len(world.messages.sent)
    again = world.enrol()
    assert again.replayed
    assert not again.password_sent
    assert (again.subscriber, again.account, again.customer) == (
        first.subscriber,
        first.account,
        first.customer,
    )
    assert again.packs == first.packs
    assert len(world.messages.sent) == sent


def test_a_request_id_reused_for_another_number_is_a_conflict(world):
    world.enrol()
    with pytest.raises(Conflict) as caught:
        world.enrol(number="18612340001")
    assert caught.value.code == "enrolment.request_reused"


def test_another_request_for_a_held_number_is_a_duplicate_number(world):
    world.enrol()
    with pytest.raises(Conflict) as caught:
        world.enrol(request_id="req-00000002", resident_id=resident(2))
    assert caught.value.code == "storage.duplicate_number"


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (IdentityAnswer.MISMATCH, "enrolment.identity_mismatch"),
        (IdentityAnswer.DECEASED, "enrolment.identity_deceased"),
    ],
)
def test_the_identity_port_refuses_a_holder_and_nothing_is_stored(world, answer, code):
    world.identity.answer(ResidentId.parse(resident(1)), answer)
    with pytest.raises(Refused) as caught:
        world.enrol()
    assert caught.value.code == code
    assert world.stored_numbers() == 0
    assert world.messages.sent == ()


def test_an_identity_service_that_cannot_answer_is_a_typed_refusal(world):
    world.identity.unavailable()
    with pytest.raises(Refused) as caught:
        world.enrol()
    assert caught.value.code == "enrolment.identity_unavailable"
    assert world.stored_numbers() == 0


def test_a_failed_sms_still_enrols_and_says_the_password_was_not_sent(world, monkeypatch):
    def down(_to, _text):
        raise AdapterError("sms.unavailable", "down")

    monkeypatch.setattr(world.messages, "send_sms", down)
    enrolled = world.enrol()
    assert not enrolled.password_sent
    assert world.stored_numbers() == 1


@pytest.mark.parametrize(
    ("changes", "error", "code"),
    [
        ({"request_id": "short"}, InvalidInput, "handling.request_id"),
        ({"resident_id": "110105198001010011"}, InvalidInput, "resident_id.check_digit"),
        ({"number": "1861234"}, InvalidInput, "mobile.format"),
        ({"number": 18612345678}, InvalidInput, "enrolment.parameter"),
        ({"name": ""}, InvalidInput, "customer.name"),
        ({"name": None}, InvalidInput, "enrolment.parameter"),
        ({"plan_code": "no-such-plan"}, NotFound, "catalog.unknown_product"),
        ({"packs": "data-1gb"}, InvalidInput, "enrolment.parameter"),
        ({"packs": ("data-1gb", "data-1gb")}, InvalidInput, "enrolment.parameter"),
        ({"packs": ("voice-200min",)}, InvalidInput, "bundle.data_pack_required"),
        ({"payment_mode": "weekly"}, InvalidInput, "enrolment.parameter"),
        ({"credit_limit": Money.of_yuan("100")}, InvalidInput, "enrolment.credit_limit"),
        ({"credit_limit": 100}, InvalidInput, "enrolment.parameter"),
        ({"prestore": Money.of_yuan("-1")}, InvalidInput, "enrolment.parameter"),
        ({"joined_on": dt.date(2016, 5, 18)}, InvalidInput, "enrolment.joined_on"),
        ({"joined_on": START}, InvalidInput, "enrolment.parameter"),
        ({"plan_code": THREE_G, "packs": ("data-1gb",)}, Refused, "handling.pack_not_offered"),
    ],
)
def test_every_bad_input_is_a_typed_error_and_nothing_is_stored(world, changes, error, code):
    with pytest.raises(error) as caught:
        world.enrol(**changes)
    assert caught.value.code == code
    assert world.stored_numbers() == 0
    assert world.messages.sent == ()
    assert world.identity.asked == ()


def test_the_initial_password_is_peppered_when_the_hall_has_a_pepper():
    from unicom_core.domain.access import Pepper  # noqa: PLC0415
    from unicom_core.usecases.access import AccessSettings  # noqa: PLC0415

    messages = MemoryMessageSender()
    pepper = Pepper("p1", bytes(range(32)))
    hall = bootstrap(
        clock=SettableClock(START),
        messages=messages,
        access_settings=AccessSettings(password_pepper=pepper),
    )
    enrolled = hall.subscribers.enrol(
        request_id="req-00000001",
        name="张三",
        resident_id=resident(1),
        number="18612345678",
        plan_code=THREE_G,
    )
    with hall.storage.read() as tx:
        credential = tx.credentials.get(enrolled.subscriber.id)
    assert credential.password_hash.startswith("$pepper$p1$")
