"""TMF620 writes over HTTP: operators draft the next catalogue revision, then publish it.

F-SHOP-4 (the catalogue changes without a release) and F-AUTH-6 (operators, scoped and
audited): ``POST productOffering``, ``PATCH productOffering/{id}``, ``PATCH
productOfferingPrice/{id}`` land in the draft, seen with ``?catalog=draft`` by an operator
with scope ``catalog.publish`` and by nobody else; ``POST draft/publish`` makes it the next
revision. Every answer conforms to the vendored v4 swagger.
"""

from __future__ import annotations

import datetime as dt

import pytest
from tests.e2e.test_web_tmf620 import (
    BASE,
    OFFERINGS,
    PRICES,
    checked,
    operator_headers,
)

from unicom_core.domain.catalog import Channel
from unicom_core.errors import NotFound
from unicom_core.ports.shared import PageRequest

DRAFT = {"catalog": "draft"}
NEW_TOP_UP = {
    "name": "20元充值",
    "productSpecification": {"id": "top_up"},
    "productOfferingPrice": [{"id": "top-up-30-price"}],
    "@type": "ProductOffering",
}
MERGE_PATCH = {"content-type": "application/merge-patch+json"}


@pytest.fixture
def publisher(world, client):
    return operator_headers(world, client, ("catalog.publish",))


def _ids(client, headers=None, params=None):
    return [item["id"] for item in client.get(OFFERINGS, headers=headers, params=params).json()]


def test_f_shop_4_a_created_offering_is_in_the_draft_only(world, client, publisher):
    answer = client.post(OFFERINGS, json=NEW_TOP_UP, headers=publisher)
    created = checked(answer, "ProductOffering", 201)
    assert created["id"] == "top-up-1"
    assert answer.headers["location"] == created["href"]
    assert created["lifecycleStatus"] == "In design"
    assert created["version"] == "4"  # the effective revision is 3
    assert created["productSpecification"]["id"] == "top_up"
    assert created["productOfferingPrice"][0]["id"] == "top-up-1-price"
    assert "top-up-1" in _ids(client, publisher, DRAFT)
    assert "top-up-1" not in _ids(client, publisher)
    world.login(client)
    assert "top-up-1" not in _ids(client)
    with pytest.raises(NotFound):
        world.hall.catalog.price("top-up-1", Channel.ONLINE_HALL)


def test_f_shop_4_a_price_patch_changes_the_draft_not_the_effective_price(client, publisher):
    client.post(OFFERINGS, json=NEW_TOP_UP, headers=publisher)
    answer = client.patch(
        f"{PRICES}/top-up-1-price",
        json={"price": {"unit": "CNY", "value": 20}},
        headers={**publisher, **MERGE_PATCH},
    )
    price = checked(answer, "ProductOfferingPrice")
    assert price["price"] == {"unit": "CNY", "value": 20.0}
    assert price["priceType"] == "oneTime"
    plan = client.patch(
        f"{PRICES}/4g-national-76-price",
        json={"price": {"unit": "CNY", "value": 70.5}},
        headers=publisher,
    )
    assert checked(plan, "ProductOfferingPrice")["price"]["value"] == 70.5
    draft = client.get(f"{PRICES}/4g-national-76-price", params=DRAFT, headers=publisher)
    assert checked(draft, "ProductOfferingPrice")["lifecycleStatus"] == "In design"
    effective = checked(client.get(f"{PRICES}/4g-national-76-price"), "ProductOfferingPrice")
    assert effective["price"]["value"] == 76.0
    assert effective["lifecycleStatus"] == "Launched"


def test_f_shop_4_an_offering_patch_is_a_merge_patch(client, publisher):
    answer = client.patch(
        f"{OFFERINGS}/4g-national-76",
        json={
            "name": "4G全国套餐 76元（新）",
            "validFor": {"endDateTime": "2027-01-01T00:00:00+08:00"},
        },
        headers={**publisher, **MERGE_PATCH},
    )
    patched = checked(answer, "ProductOffering")
    assert patched["name"] == "4G全国套餐 76元（新）"
    assert patched["validFor"] == {"endDateTime": "2027-01-01T00:00:00+08:00"}
    assert patched["productOfferingPrice"][0]["id"] == "4g-national-76-price"
    effective = checked(client.get(f"{OFFERINGS}/4g-national-76"), "ProductOffering")
    assert effective["name"] == "4G全国套餐 76元"
    assert "validFor" not in effective


def test_f_shop_4_publishing_makes_the_draft_the_next_revision(world, client, publisher):
    client.post(OFFERINGS, json=NEW_TOP_UP, headers=publisher)
    before = client.get(f"{OFFERINGS}/4g-national-76").json()["lastUpdate"]
    world.clock.advance(dt.timedelta(minutes=5))
    catalog = checked(client.post(f"{BASE}/draft/publish", headers=publisher), "Catalog")
    assert catalog["version"] == "4"
    assert catalog["lifecycleStatus"] == "Launched"
    world.login(client)
    offering = checked(client.get(f"{OFFERINGS}/top-up-1"), "ProductOffering")
    assert offering["lifecycleStatus"] == "Launched"
    assert offering["version"] == "4"
    assert offering["lastUpdate"] == catalog["lastUpdate"] != before
    assert world.hall.catalog.price("top-up-1", Channel.ONLINE_HALL).price.fen == 3000
    again = client.post(f"{BASE}/draft/publish", headers=publisher)
    assert checked(again, "Error", 404)["code"] == "catalog.no_draft"


def test_f_auth_6_every_change_is_audited_under_the_client(world, client, publisher):
    client.post(OFFERINGS, json=NEW_TOP_UP, headers=publisher)
    client.patch(f"{OFFERINGS}/top-up-1", json={"name": "二十元充值"}, headers=publisher)
    client.post(f"{BASE}/draft/publish", headers=publisher)
    entries = world.hall.access.audit(
        since=None, until=None, client_id=None, account_id=None, page=PageRequest(0, 50)
    ).items
    actions = [entry.action for entry in entries if entry.action.startswith("catalog.")]
    assert sorted(actions) == sorted(
        ["catalog.draft_changed", "catalog.draft_changed", "catalog.published"]
    )
    assert all(entry.client_id.startswith("op-") for entry in entries)


def test_f_shop_4_discarding_drops_the_draft(client, publisher):
    client.post(OFFERINGS, json=NEW_TOP_UP, headers=publisher)
    assert client.delete(f"{BASE}/draft", headers=publisher).status_code == 204
    assert "top-up-1" not in _ids(client, publisher, DRAFT)
    assert checked(client.delete(f"{BASE}/draft", headers=publisher), "Error", 404)


@pytest.mark.parametrize(
    ("path", "body", "code"),
    [
        (f"{OFFERINGS}/4g-national-76", {"id": "other"}, "offering.read_only"),
        (
            f"{OFFERINGS}/4g-national-76",
            {"lastUpdate": "2026-01-01T00:00:00Z"},
            "offering.read_only",
        ),
        (f"{OFFERINGS}/4g-national-76", {"isBundle": True}, "offering.read_only"),
        (f"{OFFERINGS}/4g-national-76", {"category": []}, "offering.invalid"),
        (f"{OFFERINGS}/4g-national-76", {"name": 5}, "offering.invalid"),
        (f"{OFFERINGS}/4g-national-76", {"description": "x"}, "offering.invalid"),
        (f"{OFFERINGS}/4g-national-76", {"channel": [{"id": "moon"}]}, "offering.invalid"),
        (
            f"{OFFERINGS}/4g-national-76",
            {"validFor": {"endDateTime": "tomorrow"}},
            "offering.invalid",
        ),
        (
            f"{OFFERINGS}/4g-national-76",
            {"productOfferingPrice": [{"id": "nope-price"}]},
            "offering.invalid",
        ),
        (
            f"{OFFERINGS}/4g-national-combo",
            {"productOfferingPrice": [{"id": "top-up-30-price"}]},
            "offering.price",
        ),
        (f"{OFFERINGS}/4g-national-76", {"name": ""}, "catalog.name"),
        (f"{PRICES}/top-up-30-price", {"price": {"unit": "CNY", "value": -1}}, "offering.price"),
        (f"{PRICES}/top-up-30-price", {"price": {"unit": "CNY", "value": 1.234}}, "offering.price"),
        (f"{PRICES}/top-up-30-price", {"price": {"unit": "USD", "value": 1}}, "offering.price"),
        (f"{PRICES}/top-up-30-price", {"price": {"unit": "CNY", "value": "1"}}, "offering.price"),
        (f"{PRICES}/top-up-30-price", {"priceType": "oneTime"}, "offering.read_only"),
        (f"{PRICES}/4g-national-combo-price", {"price": {"value": 9}}, "offering.price"),
    ],
)
def test_bad_patches_are_typed_422_errors_and_change_nothing(client, publisher, path, body, code):
    answer = client.patch(path, json=body, headers=publisher)
    assert checked(answer, "Error", 422)["code"] == code
    assert (
        client.get(OFFERINGS, params=DRAFT, headers=publisher).json()
        == client.get(OFFERINGS, headers=publisher).json()
    )


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"productSpecification": {"id": "plan"}}, "offering.invalid"),
        ({"productSpecification": None}, "offering.invalid"),
        ({"productOfferingPrice": []}, "offering.invalid"),
        ({"name": None}, "offering.invalid"),
        ({"id": "mine"}, "offering.read_only"),
        ({"isBundle": True}, "offering.invalid"),
        ({"@type": "Catalog"}, "offering.invalid"),
    ],
)
def test_bad_creations_are_typed_422_errors(client, publisher, changes, code):
    answer = client.post(OFFERINGS, json={**NEW_TOP_UP, **changes}, headers=publisher)
    assert checked(answer, "Error", 422)["code"] == code


def test_unknown_offerings_and_prices_are_404(client, publisher):
    for path in (f"{OFFERINGS}/nope", f"{PRICES}/nope-price", f"{PRICES}/nope"):
        answer = client.patch(path, json={"name": "x"}, headers=publisher)
        assert checked(answer, "Error", 404)["code"] == "catalog.unknown_product"


def test_f_auth_6_only_a_catalog_publisher_writes(world, client):
    anonymous = client.post(OFFERINGS, json=NEW_TOP_UP)
    assert checked(anonymous, "Error", 401)["code"] == "access.not_logged_in"
    reader = operator_headers(world, client, ("tmf.read", "tmf.write"))
    refused = client.post(OFFERINGS, json=NEW_TOP_UP, headers=reader)
    assert checked(refused, "Error", 403)["code"] == "operator.scope_missing"
    token = world.login(client)
    subscriber = {"authorization": f"Bearer {token}"}
    for answer in (
        client.post(OFFERINGS, json=NEW_TOP_UP, headers=subscriber),
        client.patch(f"{OFFERINGS}/4g-national-76", json={"name": "x"}, headers=subscriber),
        client.post(f"{BASE}/draft/publish", headers=subscriber),
        client.get(OFFERINGS, params=DRAFT, headers=subscriber),
    ):
        assert checked(answer, "Error", 403)["code"] == "access.capability_missing"
    assert world.hall.catalog_drafts.pending() is None
