"""TMF635 over HTTP: the session's usage records in the spec's shape (F-QRY-3)."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.specs import conforms, spec_of

from unicom_core.domain.billing import UsageEntry, UsageKind, UsageRecord
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.ports.billing import UsageBatch

BASE = "/tmf-api/usageManagement/v4"
SPEC_FILE = "TMF635-Usage-v4.0.0.swagger.json"
A1, B1 = "18612345678", "18687654321"


def at(month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=SHANGHAI)


def seed(world) -> None:
    """A1: a call, a message, a data session and a paid service in November, a call in
    October (then billed); B1: a call in November."""
    records = (
        UsageRecord("r-call-11", A1, UsageKind.VOICE, at(11, 20), 61, "13800000000"),
        UsageRecord("r-sms-11", A1, UsageKind.SMS, at(11, 21), 1, "13800000001"),
        UsageRecord("r-data-11", A1, UsageKind.DATA, at(11, 22), 5000, "3gnet"),
        UsageRecord(
            "r-vas-11", A1, UsageKind.VALUE_ADDED, at(11, 23), 1, "music", Money.of_yuan("2")
        ),
        UsageRecord("r-call-10", A1, UsageKind.VOICE, at(10, 15), 30, "13800000002"),
        UsageRecord("r-b1-11", B1, UsageKind.VOICE, at(11, 20), 120, "13900000000"),
    )
    report = world.hall.billing.ingest(UsageBatch("tmf635-batch", records))
    assert not report.rejected, report
    world.bill_history()


def characteristic(usage: dict, name: str) -> object:
    return next(c["value"] for c in usage["usageCharacteristic"] if c["name"] == name)


def test_the_spec_names_the_base_path_served():
    assert spec_of(SPEC_FILE)["basePath"].rstrip("/") == BASE


def test_the_usage_of_the_session_in_the_spec_shape(world, client):
    spec = spec_of(SPEC_FILE)
    seed(world)
    world.login(client)
    answer = client.get(f"{BASE}/usage")
    assert answer.status_code == 200, answer.text
    usages = answer.json()
    assert answer.headers["x-total-count"] == "5"
    for usage in usages:
        conforms(spec, "Usage", usage)
    statuses = spec["definitions"]["UsageStatusType"]["enum"]
    assert {usage["status"] for usage in usages} <= set(statuses)
    assert [usage["usageDate"] for usage in usages] == sorted(
        (usage["usageDate"] for usage in usages), reverse=True
    )
    call = next(u for u in usages if u["id"].endswith("r-call-11"))
    assert call["id"] == "2026-11:voice:r-call-11"
    assert call["usageType"] == "voice"
    assert call["status"] == "guided"
    assert call["usageDate"] == "2026-11-20T09:00:00+08:00"
    assert characteristic(call, "quantity") == 61
    assert characteristic(call, "billableUnits") == 2
    assert characteristic(call, "billableUnit") == "minute"
    assert "ratedProductUsage" not in call
    vas = next(u for u in usages if u["usageType"] == "value_added")
    assert vas["ratedProductUsage"][0]["taxIncludedRatingAmount"] == {"unit": "CNY", "value": 2.0}
    october = next(u for u in usages if u["id"].endswith("r-call-10"))
    assert october["status"] == "billed"


def test_filters_dates_fields_and_paging(world, client):
    seed(world)
    world.login(client)
    voice = client.get(f"{BASE}/usage", params={"usageType": "voice"}).json()
    assert [u["id"] for u in voice] == ["2026-11:voice:r-call-11", "2026-10:voice:r-call-10"]
    billed = client.get(f"{BASE}/usage", params={"status": "billed"}).json()
    assert [u["id"] for u in billed] == ["2026-10:voice:r-call-10"]
    november = client.get(
        f"{BASE}/usage", params={"usageDate.gte": "2026-11-21", "usageDate.lt": "2026-11-23"}
    ).json()
    assert [u["usageType"] for u in november] == ["data", "sms"]
    page = client.get(f"{BASE}/usage", params={"fields": "usageType", "offset": 1, "limit": 2})
    assert [set(item) for item in page.json()] == [{"id", "href", "@type", "usageType"}] * 2
    assert page.headers["x-total-count"] == "5"
    assert page.headers["x-result-count"] == "2"
    assert client.get(f"{BASE}/usage", params={"usageType": "fax"}).json() == []
    one = client.get(f"{BASE}/usage/2026-11:data:r-data-11", params={"fields": "usageDate"})
    assert one.status_code == 200
    assert set(one.json()) == {"id", "href", "@type", "usageDate"}


def test_refusals_and_ownership_are_tmf_errors(world, client):
    spec = spec_of(SPEC_FILE)
    seed(world)
    anonymous = client.get(f"{BASE}/usage")
    assert anonymous.status_code == 401
    conforms(spec, "Error", anonymous.json())
    world.login(client)
    foreign = client.get(f"{BASE}/usage/2026-11:voice:r-b1-11")
    assert foreign.status_code == 404
    conforms(spec, "Error", foreign.json())
    assert foreign.json()["code"] == client.get(f"{BASE}/usage/2026-11:voice:nope").json()["code"]
    assert client.get(f"{BASE}/usage/garbage").status_code == 404
    bad_date = client.get(f"{BASE}/usage", params={"usageDate.gte": "yesterday"})
    assert bad_date.status_code == 422
    conforms(spec, "Error", bad_date.json())


def test_f_qry_3_a_date_before_the_window_answers_what_the_window_holds(world, client):
    """A bound reaching before the six-month window (June to November at the fixture's
    now) is narrowed to it: the records of the window, never an older one (was 403)."""
    spec = spec_of(SPEC_FILE)
    seed(world)
    old = UsageRecord("r-old-05", A1, UsageKind.VOICE, at(5, 10), 60, "13800000009")
    with world.hall.storage.transaction() as tx:  # stored before the window began
        tx.usage.add_new([UsageEntry.accept(old, "s1", "aa")])
    world.login(client)
    since_january = client.get(
        f"{BASE}/usage", params={"usageDate.gte": "2026-01-01T00:00:00+08:00"}
    )
    assert since_january.status_code == 200, since_january.text
    for usage in since_january.json():
        conforms(spec, "Usage", usage)
    assert since_january.headers["x-total-count"] == "5"  # A1's five, as with no bound
    assert not any(u["id"].endswith("r-old-05") for u in since_january.json())
    before_window = client.get(f"{BASE}/usage", params={"usageDate.lt": "2026-03-01"})
    assert before_window.status_code == 200
    assert before_window.json() == []


@pytest.mark.parametrize("path", ["/usage", "/usage/2026-11:voice:r-call-11"])
def test_a_random_password_session_sees_no_records(world, client, path):
    seed(world)
    world.login_random(client)
    answer = client.get(f"{BASE}{path}")
    assert answer.status_code == 403
    assert answer.json()["code"] == "access.capability_missing"
