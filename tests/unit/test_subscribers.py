"""Customers, subscribers and accounts: the aggregates' invariants (F-QRY-7, F-AUTH-1, F-REAL)."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.shared import (
    SHANGHAI,
    BroadbandAccount,
    FixedLineNumber,
    MobileNumber,
    Money,
    ResidentId,
)
from unicom_core.domain.subscribers import (
    Account,
    AccountId,
    Customer,
    CustomerId,
    CustomerRealNameChanged,
    NetworkAge,
    NetworkGeneration,
    PaymentMode,
    RealNameStatus,
    ServiceKind,
    ServiceNumber,
    Subscriber,
    SubscriberCancelled,
    SubscriberGenerationUpgraded,
    SubscriberId,
    SubscriberPlanChanged,
    SubscriberReactivated,
    SubscriberStatus,
    SubscriberSuspended,
    number_key,
)
from unicom_core.errors import InvalidInput, Refused
from unicom_core.ports.shared import MAX_PAGE_LIMIT, Page, PageRequest
from unicom_core.testing.strategies.subscribers import (
    join_dates,
    puk_codes,
)

AT = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
RESIDENT = ResidentId("11010519491231002X")
MOBILE = MobileNumber("18612345678")


def a_subscriber(**changes) -> Subscriber:
    fields = {
        "id": SubscriberId("s1"),
        "customer_id": CustomerId("c1"),
        "account_id": AccountId("a1"),
        "number": ServiceNumber.of(MOBILE),
        "plan_code": "4G-76",
        "joined_on": dt.date(2020, 2, 29),
        "payment_mode": PaymentMode.PREPAID,
        "generation": NetworkGeneration.G3,
        "puk": "12345678",
    }
    return Subscriber(**{**fields, **changes})


def an_account(balance: int = 0, limit: int = 0) -> Account:
    return Account(AccountId("a1"), CustomerId("c1"), Money(balance), Money(limit))


# ------------------------------------------------------------------ customers: F-QRY-7 and F-REAL


def test_a_customer_name_is_stripped_and_checked():
    assert Customer(CustomerId("c1"), "  张三 ", RESIDENT).name == "张三"
    for bad in ("", "   ", "x" * 51, "a\nb", 7):
        with pytest.raises(InvalidInput) as raised:
            Customer(CustomerId("c1"), bad, RESIDENT)
        assert raised.value.code == "customer.name"


def test_a_customer_needs_a_resident_id_value_and_a_valid_id():
    with pytest.raises(InvalidInput) as raised:
        Customer(CustomerId("c1"), "张三", "11010519491231002X")
    assert raised.value.code == "customer.resident_id"
    with pytest.raises(InvalidInput) as raised:
        Customer(CustomerId(""), "张三", RESIDENT)
    assert raised.value.code == "id.format"


def test_the_repr_of_a_customer_masks_the_resident_id():
    assert RESIDENT.value not in repr(Customer(CustomerId("c1"), "张三", RESIDENT))


def test_real_name_registration_moves_through_pending():
    customer = Customer(CustomerId("c1"), "张三", RESIDENT)
    (event,) = customer.submit_real_name(at=AT)
    assert event == CustomerRealNameChanged(
        aggregate_id="c1",
        occurred_at=AT,
        event_id=event.event_id,
        previous=RealNameStatus.UNVERIFIED,
        status=RealNameStatus.PENDING,
    )
    customer.reject_real_name(at=AT)
    customer.submit_real_name(at=AT)
    customer.verify_real_name(at=AT)
    assert customer.real_name_status is RealNameStatus.VERIFIED


@pytest.mark.parametrize(
    ("status", "move"),
    [
        (RealNameStatus.PENDING, "submit_real_name"),
        (RealNameStatus.VERIFIED, "submit_real_name"),
        (RealNameStatus.UNVERIFIED, "verify_real_name"),
        (RealNameStatus.REJECTED, "verify_real_name"),
        (RealNameStatus.VERIFIED, "reject_real_name"),
    ],
)
def test_real_name_moves_out_of_order_are_refused(status, move):
    customer = Customer(CustomerId("c1"), "张三", RESIDENT, status)
    with pytest.raises(Refused) as raised:
        getattr(customer, move)(at=AT)
    assert raised.value.code == "customer.real_name_transition"
    assert customer.real_name_status is status


def test_aggregate_fields_change_only_through_methods():
    customer = Customer(CustomerId("c1"), "张三", RESIDENT)
    with pytest.raises(attrs.exceptions.FrozenAttributeError):
        customer.real_name_status = RealNameStatus.VERIFIED
    subscriber = a_subscriber(status=SubscriberStatus.CANCELLED)
    with pytest.raises(attrs.exceptions.FrozenAttributeError):
        subscriber.status = SubscriberStatus.ACTIVE  # F-QRY-7: no reactivation by a flip
    account = an_account()
    with pytest.raises(attrs.exceptions.FrozenAttributeError):
        account.balance = Money(10**6)
    account.version = 4  # the version belongs to storage
    with pytest.raises(InvalidInput):
        account.version = -1


# ------------------------------------------------------------------ numbers: F-AUTH-1


def test_a_service_number_knows_its_identifier_and_key():
    mobile = ServiceNumber.of(MOBILE)
    card = ServiceNumber.of(MOBILE, ServiceKind.DATA_CARD)
    fixed = ServiceNumber.parse(ServiceKind.FIXED_LINE, "8888-1234")
    broadband = ServiceNumber.of(BroadbandAccount("88881234"))
    assert (mobile.kind, card.kind) == (ServiceKind.MOBILE, ServiceKind.DATA_CARD)
    assert card.identifier == MOBILE
    assert mobile.key == card.key == "mobile:18612345678"
    assert fixed.identifier == FixedLineNumber("88881234")
    assert fixed.key == "fixed_line:88881234"
    assert broadband.key == "broadband:88881234"
    assert str(fixed) == "88881234"


def test_a_service_number_refuses_a_mismatched_or_raw_value():
    with pytest.raises(InvalidInput) as raised:
        ServiceNumber.of(FixedLineNumber("88881234"), ServiceKind.MOBILE)
    assert raised.value.code == "subscriber.number"
    with pytest.raises(InvalidInput) as raised:
        ServiceNumber(ServiceKind.MOBILE, "186 1234 5678")
    assert raised.value.code == "mobile.format"
    with pytest.raises(InvalidInput) as raised:
        ServiceNumber("mobile", "18612345678")
    assert raised.value.code == "subscriber.service_kind"
    with pytest.raises(InvalidInput) as raised:
        number_key("18612345678")
    assert raised.value.code == "subscriber.number"


# ------------------------------------------------------------------ subscribers: F-QRY-7


@given(puk=puk_codes())
def test_any_8_digits_make_a_puk_and_repr_masks_it(puk):
    subscriber = a_subscriber(puk=puk)
    assert subscriber.puk == puk
    shown = repr(subscriber)
    # The PUK may well be a substring of the number (12345678 in 18612345678): look at the field.
    assert f"puk={puk!r}" not in shown
    assert "puk='********'" in shown


@given(puk=st.text(max_size=12).filter(lambda t: not (len(t) == 8 and t.isascii() and t.isdigit())))
def test_anything_but_8_digits_is_not_a_puk(puk):
    with pytest.raises(InvalidInput) as raised:
        a_subscriber(puk=puk)
    assert raised.value.code == "subscriber.puk"
    assert dict(raised.value.data) == {"field": "puk"}  # the code is never echoed


def test_sim_services_need_a_generation_and_a_puk_and_the_others_have_none():
    with pytest.raises(InvalidInput) as raised:
        a_subscriber(puk=None)
    assert raised.value.code == "subscriber.puk"
    with pytest.raises(InvalidInput) as raised:
        a_subscriber(generation=None)
    assert raised.value.code == "subscriber.generation"
    fixed = ServiceNumber.of(FixedLineNumber("88881234"))
    with pytest.raises(InvalidInput) as raised:
        a_subscriber(number=fixed, generation=None)
    assert raised.value.code == "subscriber.puk"
    assert a_subscriber(number=fixed, generation=None, puk=None).puk is None


@pytest.mark.parametrize("bad", ["", "   ", "x" * 65])
def test_a_plan_code_is_required(bad):
    with pytest.raises(InvalidInput) as raised:
        a_subscriber(plan_code=bad)
    assert raised.value.code == "subscriber.plan"


def test_the_join_date_is_a_date():
    with pytest.raises(InvalidInput) as raised:
        a_subscriber(joined_on=AT)
    assert raised.value.code == "subscriber.joined_on"


# The transition table of the subscribers module docstring (F-QRY-7).
_S = SubscriberStatus
_MOVES = {
    "suspend_for_arrears": {_S.ACTIVE: _S.SUSPENDED_ARREARS},
    "suspend_at_request": {_S.ACTIVE: _S.SUSPENDED_REQUEST},
    "reactivate": {_S.SUSPENDED_ARREARS: _S.ACTIVE, _S.SUSPENDED_REQUEST: _S.ACTIVE},
    "cancel": {
        _S.ACTIVE: _S.CANCELLED,
        _S.SUSPENDED_ARREARS: _S.CANCELLED,
        _S.SUSPENDED_REQUEST: _S.CANCELLED,
    },
}
_EVENTS = {
    "suspend_for_arrears": SubscriberSuspended,
    "suspend_at_request": SubscriberSuspended,
    "reactivate": SubscriberReactivated,
    "cancel": SubscriberCancelled,
}


@pytest.mark.parametrize("move", sorted(_MOVES))
@pytest.mark.parametrize("status", list(SubscriberStatus))
def test_status_transitions_follow_the_table(move, status):
    subscriber = a_subscriber(status=status)
    target = _MOVES[move].get(status)
    if target is None:
        with pytest.raises(Refused) as raised:
            getattr(subscriber, move)(at=AT)
        expected = "subscriber.cancelled" if status is _S.CANCELLED else None
        assert expected is None or raised.value.code == expected
        assert subscriber.status is status
        return
    (event,) = getattr(subscriber, move)(at=AT)
    assert subscriber.status is target
    assert type(event) is _EVENTS[move]
    assert (event.aggregate_id, event.occurred_at) == ("s1", AT)


def test_a_cancelled_number_cannot_be_reactivated():
    """F-QRY-7: a cancelled number is refused with subscriber.cancelled."""
    subscriber = a_subscriber()
    subscriber.cancel(at=AT)
    with pytest.raises(Refused) as raised:
        subscriber.reactivate(at=AT)
    assert raised.value.code == "subscriber.cancelled"
    assert subscriber.status is SubscriberStatus.CANCELLED


@given(moves=st.lists(st.sampled_from(sorted(_MOVES)), max_size=12))
def test_any_sequence_of_moves_follows_the_table_and_cancelled_stays(moves):
    subscriber = a_subscriber()
    for move in moves:
        before = subscriber.status
        target = _MOVES[move].get(before)
        if target is None:
            with pytest.raises(Refused) as raised:
                getattr(subscriber, move)(at=AT)
            assert (raised.value.code == "subscriber.cancelled") == (before is _S.CANCELLED)
            assert subscriber.status is before
        else:
            getattr(subscriber, move)(at=AT)
            assert subscriber.status is target


def test_a_change_at_a_naive_time_changes_nothing():
    subscriber = a_subscriber()
    with pytest.raises(InvalidInput) as raised:
        subscriber.suspend_for_arrears(at=dt.datetime(2016, 5, 17, 10, 0))  # noqa: DTZ001
    assert raised.value.code == "event.occurred_at"
    assert subscriber.status is SubscriberStatus.ACTIVE


def test_upgrading_to_4g():
    subscriber = a_subscriber(generation=NetworkGeneration.G2)
    (event,) = subscriber.upgrade_generation(at=AT)
    assert isinstance(event, SubscriberGenerationUpgraded)
    assert (event.previous, event.generation) == (NetworkGeneration.G2, NetworkGeneration.G4)
    assert subscriber.generation is NetworkGeneration.G4
    with pytest.raises(Refused) as raised:
        subscriber.upgrade_generation(NetworkGeneration.G3, at=AT)
    assert raised.value.code == "subscriber.generation_not_higher"
    fixed = a_subscriber(
        number=ServiceNumber.of(FixedLineNumber("88881234")), generation=None, puk=None
    )
    with pytest.raises(Refused) as raised:
        fixed.upgrade_generation(at=AT)
    assert raised.value.code == "subscriber.no_generation"


def test_changing_the_plan_reference():
    subscriber = a_subscriber()
    (event,) = subscriber.change_plan("  4G-106 ", at=AT)
    assert isinstance(event, SubscriberPlanChanged)
    assert (event.previous, event.plan_code, subscriber.plan_code) == ("4G-76", "4G-106", "4G-106")
    with pytest.raises(Refused) as raised:
        subscriber.change_plan("4G-106", at=AT)
    assert raised.value.code == "subscriber.same_plan"
    with pytest.raises(InvalidInput) as raised:
        subscriber.change_plan(" ", at=AT)
    assert raised.value.code == "subscriber.plan"
    assert subscriber.plan_code == "4G-106"
    subscriber.cancel(at=AT)
    with pytest.raises(Refused) as raised:
        subscriber.change_plan("4G-76", at=AT)
    assert raised.value.code == "subscriber.cancelled"


# ------------------------------------------------------------------ network age: F-QRY-7


@pytest.mark.parametrize(
    ("joined", "day", "years", "months"),
    [
        (dt.date(2020, 2, 29), dt.date(2020, 2, 29), 0, 0),
        (dt.date(2020, 2, 29), dt.date(2020, 3, 28), 0, 0),
        (dt.date(2020, 2, 29), dt.date(2020, 3, 29), 0, 1),
        (dt.date(2020, 2, 29), dt.date(2021, 2, 27), 0, 11),
        (dt.date(2020, 2, 29), dt.date(2021, 2, 28), 1, 0),  # the anniversary in a common year
        (dt.date(2020, 2, 29), dt.date(2024, 2, 28), 3, 11),
        (dt.date(2020, 2, 29), dt.date(2024, 2, 29), 4, 0),
        (dt.date(2024, 1, 31), dt.date(2024, 2, 28), 0, 0),
        (dt.date(2024, 1, 31), dt.date(2024, 2, 29), 0, 1),  # month end of a leap February
        (dt.date(2024, 1, 31), dt.date(2024, 3, 30), 0, 1),
        (dt.date(2024, 1, 31), dt.date(2024, 3, 31), 0, 2),
        (dt.date(2003, 6, 15), dt.date(2016, 5, 17), 12, 11),
    ],
)
def test_network_age_counts_completed_years_and_months(joined, day, years, months):
    age = a_subscriber(joined_on=joined).network_age_on(day)
    assert age == NetworkAge(years, months)
    assert age.total_months == years * 12 + months
    assert str(age) == f"{years}年{months}个月"


def test_network_age_before_joining_is_invalid():
    subscriber = a_subscriber(joined_on=dt.date(2020, 2, 29))
    for day in (dt.date(2020, 2, 28), AT):
        with pytest.raises(InvalidInput) as raised:
            subscriber.network_age_on(day)
        assert raised.value.code == "subscriber.network_age_date"


@given(joined=join_dates(), days=st.integers(0, 20_000))
def test_network_age_is_the_last_anniversary_reached(joined, days):
    day = joined + dt.timedelta(days=days)
    age = a_subscriber(joined_on=joined).network_age_on(day)
    assert joined + relativedelta(months=age.total_months) <= day
    assert joined + relativedelta(months=age.total_months + 1) > day
    assert 0 <= age.months < 12


# ------------------------------------------------------------------ the storage port's values


def test_a_page_request_is_checked():
    assert PageRequest() == PageRequest(0, 50)
    assert PageRequest(10, 5).next() == PageRequest(15, 5)
    assert PageRequest(0, MAX_PAGE_LIMIT).limit == 500
    for offset, limit, code in (
        (-1, 5, "page.offset"),
        (True, 5, "page.offset"),
        (0, 0, "page.limit"),
        (0, 501, "page.limit"),
        (0, "5", "page.limit"),
    ):
        with pytest.raises(InvalidInput) as raised:
            PageRequest(offset, limit)
        assert raised.value.code == code


def test_a_page_says_whether_more_follow():
    assert Page(("a", "b"), 3, PageRequest(0, 2)).has_more
    assert not Page(("c",), 3, PageRequest(2, 2)).has_more
    assert not Page((), 3, PageRequest(10, 2)).has_more
