"""TMF678 as its v4 swagger defines it, for an operator and a subscriber (F-QRY-1, F-QRY-3).

Every answer is checked with ``conforms`` against the vendored specification: bills with
their ``billDocument`` and a ``state`` of the spec's enum, the rated lines
(``appliedCustomerBillingRate``), the bills on demand, and the TMF630 filters the spec's
clients send (``billingAccount.id=``, ``bill.id=``, ``amountDue.value.gt=``).
"""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from tests.specs import conforms, spec_of
from unicom_web.areas.tmf678_bills import bill_state

from unicom_core.domain.billing import Bill, BillLine, LineKind, bill_id
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money, Rate

BASE = "/tmf-api/customerBillManagement/v4"
BILLS, RATES, ON_DEMAND = (
    f"{BASE}/customerBill",
    f"{BASE}/appliedCustomerBillingRate",
    (f"{BASE}/customerBillOnDemand"),
)
SPEC = spec_of("TMF678-Customer_Bill-v4.0.0.swagger.json")
STATES = set(SPEC["definitions"]["CustomerBillStateType"]["enum"])


@pytest.fixture
def operator(world, client):
    """The Bearer header of an operator token with scope ``tmf.read`` (F-AUTH-6)."""
    new = world.hall.access.add_client("billing system", ["tmf.read"])
    raw = base64.b64encode(f"{new.client.id}:{new.secret}".encode()).decode()
    answer = client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        headers={
            "content-type": "application/x-www-form-urlencoded",
            "authorization": f"Basic {raw}",
        },
    )
    assert answer.status_code == 200, answer.text
    return {"authorization": f"Bearer {answer.json()['access_token']}"}


def _items(answer, definition: str) -> list[dict]:
    assert answer.status_code == 200, answer.text
    items = answer.json()
    assert answer.headers["x-result-count"] == str(len(items))
    for index, item in enumerate(items):
        conforms(SPEC, definition, item, f"{definition}[{index}]")
        assert item["@type"] == definition
        assert item["href"].endswith(item["id"])
    return items


def _error(answer, status: int, code: str) -> None:
    assert answer.status_code == status, answer.text
    conforms(SPEC, "Error", answer.json())
    assert answer.json()["code"] == code


# ---------------------------------------------------------------------- customerBill


def test_f_qry_3_bills_conform_for_a_subscriber_and_an_operator(world, client, operator):
    world.bill_history()
    carrier = _items(client.get(BILLS, headers=operator), "CustomerBill")
    assert {bill["billingAccount"]["id"] for bill in carrier} == {"aa", "ab"}
    world.login(client)
    own = _items(client.get(BILLS), "CustomerBill")
    assert {bill["billingAccount"]["id"] for bill in own} == {"aa"}
    for bill in carrier + own:
        assert bill["state"] in STATES
        assert bill["runType"] == "onCycle"
        (document,) = bill["billDocument"]
        assert document["url"].endswith(f"/customerBill/{bill['id']}/document")
        assert document["mimeType"] == "application/pdf"
    one = client.get(f"{BILLS}/{own[0]['id']}")
    conforms(SPEC, "CustomerBill", one.json())


def test_f_qry_3_the_state_is_of_the_spec_enum_partially_paid_not_partially_settled():
    cycle = BillingCycle(2026, 10)
    issued = dt.datetime(2026, 11, 1, 3, 0, tzinfo=SHANGHAI)
    line = BillLine("s1", "18612345678", LineKind.PLAN_FEE, "p", "plan", Money.of_yuan(40))
    bill = Bill(
        bill_id("aa", cycle), "aa", cycle, issued, dt.date(2026, 11, 30), Rate.per_mille(3), (line,)
    )
    assert bill_state(bill) == "new"
    bill.pay("p1", Money.of_yuan(10), at=issued)
    assert bill_state(bill) == "partiallyPaid"
    assert bill_state(bill) in STATES
    bill.pay("p2", Money.of_yuan(30), at=issued)
    assert bill_state(bill) == "settled"
    assert [payment.payment_id for payment in bill.payments] == ["p1", "p2"]


def test_f_qry_3_billing_account_filter_finds_the_accounts_bills(world, client, operator):
    world.bill_history()
    answer = client.get(BILLS, params={"billingAccount.id": "ab"}, headers=operator)
    bills = _items(answer, "CustomerBill")
    assert answer.headers["x-total-count"] == "5"  # June to October, and only ab's
    assert {bill["billingAccount"]["id"] for bill in bills} == {"ab"}
    world.login(client)
    assert _items(client.get(BILLS, params={"billingAccount.id": "aa"}), "CustomerBill")
    assert client.get(BILLS, params={"billingAccount.id": "ab"}).json() == []


def test_f_qry_3_compared_filters_are_typed(world, client, operator):
    world.bill_history()
    every = _items(client.get(BILLS, headers=operator), "CustomerBill")
    cut = dt.datetime(2026, 9, 1, tzinfo=SHANGHAI)
    early = _items(
        client.get(
            BILLS, params={"billingPeriod.startDateTime.lt": "2026-09-01"}, headers=operator
        ),
        "CustomerBill",
    )
    starts = {
        b["id"]: dt.datetime.fromisoformat(b["billingPeriod"]["startDateTime"]) for b in every
    }
    assert {b["id"] for b in early} == {i for i, start in starts.items() if start < cut}
    assert {b["id"] for b in early} == {f"{a}:2026-0{m}" for a in ("aa", "ab") for m in (6, 7, 8)}
    same = client.get(
        BILLS, params={"billingPeriod.startDateTime.lt": "2026-08-31T16:00:00Z"}, headers=operator
    )
    assert {b["id"] for b in same.json()} == {b["id"] for b in early}  # an instant, not text
    dear = _items(
        client.get(BILLS, params={"amountDue.value.gt": "10"}, headers=operator), "CustomerBill"
    )
    assert {b["id"] for b in dear} == {b["id"] for b in every if b["amountDue"]["value"] > 10}
    states = client.get(BILLS, params={"state": "new,settled"}, headers=operator)
    assert len(_items(states, "CustomerBill")) == len(
        [b for b in every if b["state"] in {"new", "settled"}]
    )


def test_f_qry_3_bad_filters_are_400_tmf_errors(world, client, operator):
    world.bill_history()
    _error(
        client.get(BILLS, params={"colour": "red"}, headers=operator), 400, "tmf.filter_attribute"
    )
    _error(
        client.get(BILLS, params={"amountDue.value.gt": "ten"}, headers=operator),
        400,
        "tmf.filter_value",
    )
    _error(
        client.get(BILLS, params={"billDate.lt": "soon"}, headers=operator), 400, "tmf.filter_value"
    )
    _error(client.get(BILLS, params={"limit": "100000"}, headers=operator), 400, "page.limit")
    _error(client.get(BILLS, params={"offset": "-1"}, headers=operator), 400, "page.offset")


# ---------------------------------------------------------------------- document


def test_f_qry_6_the_bill_document_renders_through_the_halls_documents(world, client):
    world.bill_history()
    world.login(client)
    bill = client.get(BILLS).json()[0]
    html = client.get(bill["billDocument"][0]["url"], params={"format": "html"})
    assert html.status_code == 200, html.text
    assert html.headers["content-type"].startswith("text/html")
    assert bill["id"] in html.text
    assert client.get(f"{BILLS}/{bill['id']}/document", params={"format": "html"}).content == (
        html.content
    )
    # The default hall renders HTML only: a PDF is refused, never answered as HTML.
    _error(client.get(f"{BILLS}/{bill['id']}/document"), 403, "document.media_type")
    _error(client.get(f"{BILLS}/ab:2026-09/document"), 404, "billing.unknown_bill")


# ---------------------------------------------------------------------- appliedCustomerBillingRate


def test_f_qry_3_rated_lines_conform_and_filter_by_bill(world, client, operator):
    world.bill_history()
    carrier = _items(client.get(RATES, headers=operator), "AppliedCustomerBillingRate")
    assert {rate["billingAccount"]["id"] for rate in carrier} == {"aa", "ab"}
    bill = client.get(f"{BILLS}/aa:2026-10", headers=operator).json()
    lines = _items(
        client.get(RATES, params={"bill.id": "aa:2026-10"}, headers=operator),
        "AppliedCustomerBillingRate",
    )
    assert {rate["bill"]["id"] for rate in lines} == {"aa:2026-10"}
    total = sum(rate["taxIncludedAmount"]["value"] for rate in lines)
    assert total == pytest.approx(bill["amountDue"]["value"])
    assert "packFee" in {rate["name"] for rate in lines}  # the packs held since May
    assert {rate["appliedBillingRateType"] for rate in lines} <= {
        "appliedBillingCharge",
        "appliedBillingCredit",
    }
    world.login(client)
    own = _items(client.get(RATES), "AppliedCustomerBillingRate")
    assert {rate["billingAccount"]["id"] for rate in own} == {"aa"}
    one = client.get(f"{RATES}/{own[0]['id']}")
    assert one.status_code == 200
    conforms(SPEC, "AppliedCustomerBillingRate", one.json())
    _error(client.get(f"{RATES}/ab:2026-09:1"), 404, "billing.unknown_billing_rate")


# ---------------------------------------------------------------------- customerBillOnDemand


def test_f_qry_1_a_bill_on_demand_is_the_cycle_so_far(world, client):
    world.bill_history()
    world.login(client)
    made = client.post(ON_DEMAND, json={"billingAccount": {"id": "aa"}})
    assert made.status_code == 201, made.text
    request = made.json()
    conforms(SPEC, "CustomerBillOnDemand", request)
    assert request["state"] == "done"
    assert made.headers["location"] == request["href"]
    interim = client.get(f"{BILLS}/{request['customerBill']['id']}")
    assert interim.status_code == 200, interim.text
    bill = interim.json()
    conforms(SPEC, "CustomerBill", bill)
    assert (bill["category"], bill["runType"], bill["state"]) == ("interim", "offCycle", "new")
    so_far = world.hall.billing.charges(world.login(client))  # the session's number, this month
    assert bill["amountDue"]["value"] * 100 == pytest.approx(so_far.total.fen)
    assert client.get(BILLS).headers["x-total-count"] == "5"  # nothing was issued
    listed = _items(client.get(ON_DEMAND), "CustomerBillOnDemand")
    assert [item["id"] for item in listed] == [request["id"]]
    again = client.get(f"{ON_DEMAND}/{request['id']}")
    conforms(SPEC, "CustomerBillOnDemand", again.json())


def test_f_qry_1_an_operator_asks_for_any_account(world, client, operator):
    world.bill_history()
    made = client.post(ON_DEMAND, json={"billingAccount": {"id": "ab"}}, headers=operator)
    assert made.status_code == 201, made.text
    conforms(SPEC, "CustomerBillOnDemand", made.json())
    listed = _items(client.get(ON_DEMAND, headers=operator), "CustomerBillOnDemand")
    assert {item["billingAccount"]["id"] for item in listed} == {"aa", "ab"}
    bill = client.get(f"{BILLS}/{made.json()['customerBill']['id']}", headers=operator)
    conforms(SPEC, "CustomerBill", bill.json())
    assert bill.json()["billingAccount"]["id"] == "ab"


def test_f_qry_1_on_demand_refusals(world, client):
    world.bill_history()
    world.login(client)
    _error(
        client.post(ON_DEMAND, json={"billingAccount": {"id": "ab"}}),
        404,
        "billing.unknown_account",
    )
    missing = client.post(ON_DEMAND, json={"name": "no account"})
    assert missing.status_code == 400
    conforms(SPEC, "Error", missing.json())
    _error(client.get(f"{BILLS}/aa:2026-01:onDemand"), 404, "billing.unknown_bill")
    _error(client.get(f"{ON_DEMAND}/ab:2026-11:onDemand"), 404, "billing.unknown_bill_on_demand")
