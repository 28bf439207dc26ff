"""TMF635 for operators (F-AUTH-6): the carrier's usage, the specifications, posted usage.

Every answer is checked against the vendored TMF635 swagger, for an operator's Bearer token
and for a subscriber's session alike (F-QRY-2, F-QRY-3).
"""

from __future__ import annotations

import datetime as dt

import pytest
from tests.e2e.test_web_tmf635 import A1, B1, BASE, SPEC_FILE, characteristic, seed
from tests.specs import conforms, spec_of

from unicom_core.domain.shared import SHANGHAI, BillingCycle

SPECS = f"{BASE}/usageSpecification"


def bearer(world, *scopes: str) -> dict[str, str]:
    new = world.hall.access.add_client("mediation", list(scopes))
    issued = world.hall.access.issue_client_token(new.client.id, new.secret, " ".join(scopes))
    return {"authorization": f"Bearer {issued.access_token}"}


def posted(record_id: str, number: str = A1, **changes: object) -> dict:
    body: dict = {
        "usageType": "voice",
        "usageDate": "2026-11-25T10:00:00+08:00",
        "usageCharacteristic": [
            {"name": "recordId", "value": record_id, "valueType": "string"},
            {"name": "msisdn", "value": number, "valueType": "string"},
            {"name": "quantity", "value": 61, "valueType": "integer"},
            {"name": "detail", "value": "13800000000", "valueType": "string"},
        ],
        "@type": "Usage",
    }
    body.update(changes)
    return body


def test_f_auth_6_tmf_read_lists_the_usage_of_the_whole_carrier(world, client):
    spec = spec_of(SPEC_FILE)
    seed(world)
    headers = bearer(world, "tmf.read")
    answer = client.get(f"{BASE}/usage", headers=headers)
    assert answer.status_code == 200, answer.text  # was 403 operator.no_subscriber
    usages = answer.json()
    for usage in usages:
        conforms(spec, "Usage", usage)
    assert answer.headers["x-total-count"] == "6"  # A1's five and B1's one
    assert {characteristic(u, "msisdn") for u in usages} == {A1, B1}
    paged = client.get(f"{BASE}/usage", params={"offset": 4, "limit": 5}, headers=headers)
    assert paged.headers["x-result-count"] == "2"
    for usage in paged.json():
        conforms(spec, "Usage", usage)
    other = client.get(f"{BASE}/usage/2026-11:voice:r-b1-11", headers=headers)
    assert other.status_code == 200, other.text
    conforms(spec, "Usage", other.json())
    assert characteristic(other.json(), "msisdn") == B1


def test_f_auth_6_usage_needs_tmf_read(world, client):
    spec = spec_of(SPEC_FILE)
    seed(world)
    answer = client.get(f"{BASE}/usage", headers=bearer(world, "usage.ingest"))
    assert answer.status_code == 403
    conforms(spec, "Error", answer.json())


@pytest.mark.parametrize("who", ["operator", "subscriber"])
def test_f_qry_2_one_specification_per_usage_kind(world, client, who):
    spec = spec_of(SPEC_FILE)
    headers = bearer(world, "tmf.read") if who == "operator" else {}
    if who == "subscriber":
        world.login(client)
    answer = client.get(SPECS, headers=headers)
    assert answer.status_code == 200, answer.text
    for item in answer.json():
        conforms(spec, "UsageSpecification", item)
    names = {item["id"] for item in answer.json()}
    assert {"voice", "sms", "data"} <= names
    assert names == {"voice", "sms", "mms", "value_added", "data", "wlan"}
    voice = client.get(f"{SPECS}/voice", headers=headers)
    assert voice.status_code == 200
    conforms(spec, "UsageSpecification", voice.json())
    assert {c["name"] for c in voice.json()["specCharacteristic"]} >= {"recordId", "quantity"}
    missing = client.get(f"{SPECS}/fax", headers=headers)
    assert missing.status_code == 404
    conforms(spec, "Error", missing.json())


def test_f_qry_3_a_usage_names_a_specification_that_exists(world, client):
    spec = spec_of(SPEC_FILE)
    seed(world)
    world.login(client)
    for usage in client.get(f"{BASE}/usage").json():
        conforms(spec, "Usage", usage)
        named = client.get(f"{SPECS}/{usage['usageSpecification']['id']}")
        assert named.status_code == 200
        conforms(spec, "UsageSpecification", named.json())


def test_f_qry_2_an_operator_posts_a_record_once(world, client):
    spec = spec_of(SPEC_FILE)
    seed(world)
    headers = bearer(world, "usage.ingest")
    first = client.post(f"{BASE}/usage", json=posted("r-posted-1"), headers=headers)
    assert first.status_code == 201, first.text
    conforms(spec, "Usage", first.json())
    assert first.json()["id"] == "2026-11:voice:r-posted-1"
    assert first.headers["location"] == first.json()["href"]
    assert characteristic(first.json(), "billableUnits") == 2  # 61 s: two started minutes
    again = client.post(f"{BASE}/usage", json=posted("r-posted-1"), headers=headers)
    assert again.status_code == 201  # the spec's one success code: the stored record
    conforms(spec, "Usage", again.json())
    assert again.json() == first.json()
    world.login(client)
    mine = client.get(f"{BASE}/usage", params={"usageType": "voice"}).json()
    assert [u["id"] for u in mine].count("2026-11:voice:r-posted-1") == 1
    for usage in mine:
        conforms(spec, "Usage", usage)
    audit = world.hall.access.audit().items
    assert [e.action for e in audit].count("usage.posted") == 1
    entry = next(e for e in audit if e.action == "usage.posted")
    assert (entry.account_id, entry.number, entry.parameters["record_id"]) == (
        "aa",
        A1,
        "r-posted-1",
    )


def test_f_qry_2_tmf_write_posts_a_rated_value_added_record(world, client):
    spec = spec_of(SPEC_FILE)
    seed(world)
    body = posted(
        "r-vas-posted",
        usageType="value_added",
        ratedProductUsage=[
            {"taxIncludedRatingAmount": {"unit": "CNY", "value": 3.10}, "@type": "X"}
        ],
    )
    answer = client.post(f"{BASE}/usage", json=body, headers=bearer(world, "tmf.write"))
    assert answer.status_code == 201, answer.text
    conforms(spec, "Usage", answer.json())
    fee = answer.json()["ratedProductUsage"][0]["taxIncludedRatingAmount"]
    assert fee == {"unit": "CNY", "value": 3.1}


def test_f_qry_2_posted_records_refused_with_typed_errors(world, client):
    spec = spec_of(SPEC_FILE)
    seed(world)
    headers = bearer(world, "usage.ingest")
    stored = client.post(f"{BASE}/usage", json=posted("r-x"), headers=headers)
    assert stored.status_code == 201
    conforms(spec, "Usage", stored.json())
    cases = [
        (posted("r-x", B1), 409, "usage.record_conflict"),  # the same id, another number
        (posted("r-y", "19900000000"), 422, "usage.rejected"),
        (posted("r-z", usageDate="2026-05-01T10:00:00+08:00"), 422, "usage.rejected"),
        (posted("r-w", usageType="fax"), 422, "usage.invalid"),
        ({"usageType": "voice", "usageDate": "2026-11-25"}, 422, "usage.invalid"),
        (posted("r-v", usageDate="soon"), 422, "usage.date"),
    ]
    for body, status, code in cases:
        answer = client.post(f"{BASE}/usage", json=body, headers=headers)
        assert answer.status_code == status, (body, answer.text)
        conforms(spec, "Error", answer.json())
        assert answer.json()["code"] == code


def test_f_auth_6_posting_usage_is_for_operators_with_the_scope(world, client):
    spec = spec_of(SPEC_FILE)
    seed(world)
    anonymous = client.post(f"{BASE}/usage", json=posted("r-a"))
    assert anonymous.status_code == 401
    conforms(spec, "Error", anonymous.json())
    reader = client.post(f"{BASE}/usage", json=posted("r-a"), headers=bearer(world, "tmf.read"))
    assert reader.status_code == 403
    conforms(spec, "Error", reader.json())
    world.login(client)
    session = client.post(f"{BASE}/usage", json=posted("r-a"))
    assert session.status_code == 403
    conforms(spec, "Error", session.json())
    assert session.json()["code"] == "access.capability_missing"


def test_f_cal_4_a_number_in_its_upgrade_window_is_left_out_of_the_carrier_list(world, client):
    """Until 08:00 on the 4th of its 4G upgrade's month a number's usage is not queried
    (F-CAL-4): its own session is refused, the carrier's list goes on without it."""
    spec = spec_of(SPEC_FILE)
    seed(world)
    world.clock.set(dt.datetime(2026, 12, 2, 9, tzinfo=SHANGHAI))
    world.hall.billing.record_4g_upgrade("s3", BillingCycle(2026, 12))  # B1
    answer = client.get(f"{BASE}/usage", headers=bearer(world, "tmf.read"))
    assert answer.status_code == 200, answer.text
    for usage in answer.json():
        conforms(spec, "Usage", usage)
    assert {characteristic(u, "msisdn") for u in answer.json()} == {A1}
    world.login(client, B1)
    own = client.get(f"{BASE}/usage")
    assert own.status_code == 403
    conforms(spec, "Error", own.json())
    assert own.json()["code"] == "billing.upgrade_query_pending"
