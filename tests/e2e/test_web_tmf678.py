"""TMF678 customerBill over HTTP: the session's bills in the spec's shape (F-QRY-3)."""

from __future__ import annotations

import datetime as dt

from tests.specs import conforms, spec_of

from unicom_core.domain.shared import SHANGHAI

BASE = "/tmf-api/customerBillManagement/v4/customerBill"
B1, B3G = "18687654321", "18687650000"


def test_the_bills_of_the_session_in_the_spec_shape(world, client):
    world.bill_history()
    world.login(client)
    answer = client.get(BASE)
    assert answer.status_code == 200
    bills = answer.json()
    assert answer.headers["x-total-count"] == "5"
    october = bills[0]
    assert october["id"] == "aa:2026-10"
    assert october["@type"] == "CustomerBill"
    assert october["billingPeriod"] == {
        "startDateTime": "2026-10-01T00:00:00+08:00",
        "endDateTime": "2026-11-01T00:00:00+08:00",
    }
    assert october["amountDue"] == {"unit": "CNY", "value": 40.0}
    spec = spec_of("TMF678-Customer_Bill-v4.0.0.swagger.json")
    conforms(spec, "CustomerBill", october)
    assert october["state"] in spec["definitions"]["CustomerBillStateType"]["enum"]
    assert october["billingAccount"]["id"] == "aa"


def test_fields_paging_filters_and_get_by_id(world, client):
    world.bill_history()
    world.login(client)
    page = client.get(BASE, params={"fields": "amountDue", "offset": 1, "limit": 1})
    assert [set(item) for item in page.json()] == [{"id", "href", "@type", "amountDue"}]
    assert page.headers["x-result-count"] == "1"
    assert client.get(BASE, params={"state": "nothing"}).json() == []
    one = client.get(f"{BASE}/aa:2026-09")
    assert one.status_code == 200
    assert one.json()["billNo"] == "aa:2026-09"


def test_no_session_and_another_accounts_bill_are_tmf_errors(world, client):
    world.bill_history()
    anonymous = client.get(BASE)
    assert anonymous.status_code == 401
    assert anonymous.json()["code"] == "access.not_logged_in"
    world.login(client)
    foreign = client.get(f"{BASE}/ab:2026-09")
    assert foreign.status_code == 404
    assert foreign.json()["status"] == "404"


def test_the_blackout_applies_to_tmf_clients_too(world, client):
    world.bill_history()
    world.clock.set(dt.datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI))
    world.login(client, B3G)
    answer = client.get(BASE)
    assert answer.status_code == 403
    assert answer.json()["code"] == "billing.query_blackout"
    assert answer.headers["retry-after"].endswith("GMT")
