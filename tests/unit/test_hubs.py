"""TMF event hubs, the pure parts: callbacks, queries, signatures, the TMF mapping (F-CAL-1).

The signature is checked against HMAC-SHA256 computed here with :mod:`hmac`; the mapped
bodies against the TMF field names of the vendored swaggers (TMF676, TMF654) and the
TMF678 user guide (``CustomerBillCreateEvent``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.billing import BillIssued, BillPaid
from unicom_core.domain.payments import (
    PaymentAttemptCreated,
    PaymentAttemptFailed,
    PaymentAttemptSucceeded,
    PaymentFulfilled,
    PaymentPurpose,
    PaymentRefunded,
)
from unicom_core.domain.shared import (
    SHANGHAI,
    BillingCycle,
    Delivery,
    HubQuery,
    HubSubscription,
    Money,
    SubscriptionState,
    check_callback,
    delivery_id,
    signature,
    signature_header,
)
from unicom_core.domain.subscribers import AccountCredited
from unicom_core.errors import InvalidInput
from unicom_core.usecases.shared import HUB_APIS, notifications, to_json

T0 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
TMF678_TYPES = HUB_APIS["TMF678"].event_types


# ---------------------------------------------------------------- callbacks
@pytest.mark.parametrize(
    "url",
    ["https://billing.example.com/listener", "https://crm.example.cn:8443/tmf/events?x=1"],
)
def test_an_https_callback_is_accepted(url):
    assert check_callback(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "http://billing.example.com/listener",  # not https
        "https:///listener",  # no host
        "https://user:pw@billing.example.com/",  # credentials in the URL
        "https://billing.example.com/#frag",
        "https://127.0.0.1/listener",  # loopback
        "https://10.1.2.3/listener",  # private
        "https://169.254.169.254/latest",  # link-local (cloud metadata)
        "https://localhost/listener",
        "https://billing.example.com/a b",
        "ftp://billing.example.com/",
        "https://billing.example.com:99999/",
        "",
        "https://" + "a" * 2000 + ".example.com/",
        42,
    ],
)
def test_a_bad_callback_is_refused_with_hubs_callback(url):
    with pytest.raises(InvalidInput) as raised:
        check_callback(url)
    assert raised.value.code == "hubs.callback"


def test_insecure_callbacks_are_accepted_only_when_allowed():
    assert check_callback("http://127.0.0.1:8080/cb", allow_insecure=True)
    with pytest.raises(InvalidInput):
        check_callback("http://127.0.0.1:8080/cb")


# ---------------------------------------------------------------- queries
def test_an_empty_query_matches_everything():
    assert HubQuery.parse("", TMF678_TYPES).matches("CustomerBillCreateEvent", {})
    assert HubQuery.parse(None, TMF678_TYPES) == HubQuery()


def test_event_types_and_attribute_filters_must_all_match():
    query = HubQuery.parse(
        "eventType=CustomerBillStateChangeEvent&event.customerBill.state=settled,partiallySettled",
        TMF678_TYPES,
    )
    settled = {"event": {"customerBill": {"state": "settled"}}}
    new = {"event": {"customerBill": {"state": "new"}}}
    assert query.matches("CustomerBillStateChangeEvent", settled)
    assert not query.matches("CustomerBillStateChangeEvent", new)
    assert not query.matches("CustomerBillCreateEvent", settled)
    assert not query.matches("CustomerBillStateChangeEvent", {"event": {}})


def test_values_are_percent_decoded():
    query = HubQuery.parse("event.payment.name=top%5Fup", HUB_APIS["TMF676"].event_types)
    assert query.matches("PaymentCreateEvent", {"event": {"payment": {"name": "top_up"}}})


@pytest.mark.parametrize(
    "text",
    [
        "eventType=UsageCreateEvent",  # not an event type of TMF678
        "eventType",
        "eventType=",
        "state=a&state=b",  # a name twice
        "1bad=x",
        "a=x,",
        "&".join(f"a{i}=x" for i in range(11)),
        "a=" + "x" * 1001,
    ],
)
def test_a_bad_query_is_refused_with_hubs_query(text):
    with pytest.raises(InvalidInput) as raised:
        HubQuery.parse(text, TMF678_TYPES)
    assert raised.value.code == "hubs.query"


@given(st.sampled_from(TMF678_TYPES), st.sampled_from(TMF678_TYPES))
def test_an_event_type_query_picks_exactly_its_type(wanted, sent):
    query = HubQuery.parse(f"eventType={wanted}", TMF678_TYPES)
    assert query.matches(sent, {}) is (wanted == sent)


# ---------------------------------------------------------------- signatures
def test_the_signature_is_hmac_sha256_of_timestamp_dot_body_known_answer():
    body = b'{"eventId":"e1"}'
    timestamp = 1463450400  # 2016-05-17 10:00 in Beijing
    expected = hmac.new(b"s3cret", b"1463450400." + body, hashlib.sha256).hexdigest()
    assert signature("s3cret", timestamp, body) == expected
    assert signature_header("s3cret", T0, body) == f"t={timestamp},v1={expected}"


@given(st.binary(max_size=200), st.binary(min_size=1, max_size=200))
def test_any_change_of_the_body_changes_the_signature(body, suffix):
    assert signature("k", 1, body) != signature("k", 1, body + suffix)
    assert signature("k", 1, body) != signature("k", 2, body)


def test_a_delivery_id_depends_on_listener_and_event_only():
    assert delivery_id("s1", "e1") == delivery_id("s1", "e1")
    assert len({delivery_id("s1", "e1"), delivery_id("s2", "e1"), delivery_id("s1", "e2")}) == 3


# ---------------------------------------------------------------- the aggregates
def listener(secret="k"):  # noqa: S107 - a test key
    return HubSubscription("s1", "TMF678", "https://x.example/cb", "", secret, T0)


def test_a_listener_is_suspended_after_failing_without_a_break_for_the_period():
    day = dt.timedelta(hours=24)
    subscription = listener()
    assert not subscription.record_failure(T0, "http.503", day)
    assert not subscription.record_failure(T0 + dt.timedelta(hours=23), "http.503", day)
    assert subscription.record_failure(T0 + day, "http.503", day)
    assert subscription.state is SubscriptionState.SUSPENDED
    assert subscription.failures == 3
    assert subscription.reactivate()
    assert subscription.active
    assert subscription.failing_since is None


def test_a_success_breaks_the_run_of_failures():
    day = dt.timedelta(hours=24)
    subscription = listener()
    subscription.record_failure(T0, "http.500", day)
    subscription.record_success()
    assert not subscription.record_failure(T0 + day, "http.500", day)
    assert subscription.active


def test_the_secret_is_never_in_the_repr():
    assert "very-secret" not in repr(listener(secret="very-secret"))  # noqa: S106


def test_a_delivery_refuses_a_negative_sequence():
    with pytest.raises(InvalidInput) as raised:
        Delivery("d1", "s1", "e1", -1, "T", "{}", T0, T0)
    assert raised.value.code == "hubs.delivery"


# ---------------------------------------------------------------- the TMF mapping
def bill_issued():
    return BillIssued(
        aggregate_id="b-201604-1",
        occurred_at=T0,
        account_id="a1",
        cycle=BillingCycle(2016, 4),
        total=Money(12350),
        due_date=dt.date(2016, 5, 31),
    )


def test_a_bill_issued_is_a_tmf678_customer_bill_create_event():
    (note,) = notifications(bill_issued(), base_url="https://hall.example")
    assert (note.api, note.event_type) == ("TMF678", "CustomerBillCreateEvent")
    body = json.loads(to_json(note.document), parse_float=Decimal)
    assert body["eventType"] == "CustomerBillCreateEvent"
    assert body["eventTime"] == "2016-05-17T10:00:00+08:00"
    bill = body["event"]["customerBill"]
    assert bill["id"] == "b-201604-1"
    assert bill["href"] == (
        "https://hall.example/tmf-api/customerBillManagement/v4/customerBill/b-201604-1"
    )
    assert bill["amountDue"] == {"unit": "CNY", "value": Decimal("123.50")}
    assert bill["state"] == "new"
    assert bill["billingPeriod"]["startDateTime"] == "2016-04-01T00:00:00+08:00"
    assert bill["paymentDueDate"] == "2016-05-31T23:59:59+08:00"
    assert bill["billingAccount"]["id"] == "a1"
    assert bill["@type"] == "CustomerBill"


def test_money_is_written_as_an_exact_decimal_number():
    (note,) = notifications(bill_issued())
    assert '"amountDue":{"unit":"CNY","value":123.50}' in to_json(note.document)


def test_the_event_id_is_the_domain_event_id():
    event = bill_issued()
    (note,) = notifications(event)
    assert note.document["eventId"] == event.event_id


def test_a_bill_paid_in_full_is_a_settled_state_change():
    event = BillPaid(
        aggregate_id="b1", occurred_at=T0, payment_id="p1", amount=Money(100), owed=Money(0)
    )
    (note,) = notifications(event)
    assert note.event_type == "CustomerBillStateChangeEvent"
    assert note.document["event"]["customerBill"]["state"] == "settled"


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (
            PaymentAttemptSucceeded(
                aggregate_id="p1", occurred_at=T0, amount=Money(5000), reference="r"
            ),
            [("TMF676", "PaymentStateChangeEvent", "payment", "succeeded")],
        ),
        (
            PaymentAttemptFailed(aggregate_id="p1", occurred_at=T0, reason="declined"),
            [("TMF676", "PaymentStateChangeEvent", "payment", "failed")],
        ),
        (
            PaymentRefunded(aggregate_id="p1", occurred_at=T0, refund_id="r1", amount=Money(5)),
            [("TMF676", "RefundStateChangeEvent", "refund", "succeeded")],
        ),
        (
            PaymentAttemptCreated(
                aggregate_id="p1", occurred_at=T0, purpose=PaymentPurpose.TOP_UP, amount=Money(5000)
            ),
            [
                ("TMF676", "PaymentCreateEvent", "payment", "created"),
                ("TMF654", "TopupBalanceCreateEvent", "topupBalance", "requested"),
            ],
        ),
        (
            PaymentAttemptCreated(
                aggregate_id="p1", occurred_at=T0, purpose=PaymentPurpose.BILL, amount=Money(5000)
            ),
            [("TMF676", "PaymentCreateEvent", "payment", "created")],
        ),
        (
            PaymentFulfilled(
                aggregate_id="p1", occurred_at=T0, purpose=PaymentPurpose.TOP_UP, amount=Money(5000)
            ),
            [("TMF654", "TopupBalanceStatusChangeEvent", "topupBalance", "confirmed")],
        ),
        (
            PaymentFulfilled(
                aggregate_id="p1", occurred_at=T0, purpose=PaymentPurpose.BILL, amount=Money(5000)
            ),
            [],
        ),
        (AccountCredited(aggregate_id="a1", occurred_at=T0, amount=Money(1), balance=Money(1)), []),
    ],
)
def test_payment_and_top_up_events_map_to_tmf676_and_tmf654(event, expected):
    found = [
        (n.api, n.event_type, resource, body["status"])
        for n in notifications(event)
        for resource, body in n.document["event"].items()
    ]
    assert found == expected


def test_every_mapped_event_type_is_declared_by_its_api():
    events = [
        bill_issued(),
        PaymentAttemptCreated(
            aggregate_id="p1", occurred_at=T0, purpose=PaymentPurpose.TOP_UP, amount=Money(1)
        ),
    ]
    for event in events:
        for note in notifications(event):
            assert note.event_type in HUB_APIS[note.api].event_types
