"""TMF620 productOffering over HTTP: the spec's paths, fields, paging and errors (F-SHOP-1)."""

from __future__ import annotations

from unicom_core.catalog_data import default_catalog

BASE = "/tmf-api/productCatalogManagement/v4/productOffering"


def test_the_list_has_the_spec_fields_and_count_headers(client):
    answer = client.get(BASE)
    assert answer.status_code == 200
    offerings = answer.json()
    assert answer.headers["x-total-count"] == str(len(offerings))
    assert answer.headers["x-result-count"] == str(len(offerings))
    combo = next(item for item in offerings if item["id"] == "4g-national-combo")
    assert combo["@type"] == "ProductOffering"
    assert combo["href"].endswith(f"{BASE}/4g-national-combo")
    assert combo["isBundle"] is True
    assert combo["lifecycleStatus"] == "Launched"
    price = combo["productOfferingPrice"][0]
    assert price["priceType"] == "recurring"
    assert price["recurringChargePeriodType"] == "month"
    assert price["price"] == {"unit": "CNY", "value": 8.0}
    assert {"id": "data-100mb"}.items() <= combo["bundledProductOffering"][0].items()
    assert {channel["id"] for channel in combo["channel"]} == {"online_hall", "mobile_hall"}


def test_fields_offset_and_limit(client):
    everything = client.get(BASE).json()
    answer = client.get(BASE, params={"fields": "name", "offset": 1, "limit": 2})
    page = answer.json()
    assert [item["id"] for item in page] == [item["id"] for item in everything[1:3]]
    assert all(set(item) == {"id", "href", "@type", "name"} for item in page)
    assert answer.headers["x-total-count"] == str(len(everything))
    assert answer.headers["x-result-count"] == "2"


def test_filtering_by_attribute(client):
    bundles = client.get(BASE, params={"isBundle": "true"}).json()
    assert [item["id"] for item in bundles] == ["4g-national-combo"]
    packs = client.get(BASE, params={"isSellable": "false"}).json()
    assert packs
    assert {item["id"] for item in packs} == {pack.code for pack in default_catalog().packs}
    assert client.get(BASE, params={"name": "nothing like this"}).json() == []


def test_get_by_id_and_its_fields(client):
    answer = client.get(f"{BASE}/recharge-card-100", params={"fields": "productOfferingPrice"})
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"id", "href", "@type", "productOfferingPrice"}
    assert body["productOfferingPrice"][0]["priceType"] == "oneTime"


def test_errors_are_tmf_error_objects(client):
    answer = client.get(f"{BASE}/nope")
    assert answer.status_code == 404
    body = answer.json()
    assert body["code"] == "catalog.unknown_product"
    assert body["status"] == "404"
    assert body["reason"] == "Not Found"
    bad = client.get(BASE, params={"offset": -1})
    assert bad.status_code == 400
    assert bad.json()["status"] == "400"
