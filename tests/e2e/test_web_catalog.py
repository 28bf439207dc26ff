"""The catalogue endpoints over HTTP: offers, plans, prices, bundles (F-BUN-1..4, F-SHOP-4)."""

from __future__ import annotations

import datetime as dt

from unicom_core.domain.shared import SHANGHAI

COMBO = "4g-national-combo"


def _price(client, packs, **extra):
    return client.post(
        "/api/v1/catalog/bundles/price", json={"combo_code": COMBO, "packs": packs, **extra}
    )


def test_the_offers_carry_their_kind_and_price(client):
    offers = client.get("/api/v1/catalog/offers").json()
    kinds = {offer["kind"] for offer in offers}
    assert {"combo_plan", "pack", "recharge_card", "top_up"} <= kinds
    combo = next(offer for offer in offers if offer["product"]["code"] == COMBO)
    assert combo["price"]["price"] == {"fen": 800, "currency": "CNY"}  # from 8元 (F-BUN-2)
    assert combo["price"]["channel"] == "online_hall"


def test_a_combo_plan_offers_its_tiers_cheapest_first(client):
    plan = client.get(f"/api/v1/catalog/plans/{COMBO}").json()
    data = next(group for group in plan["tiers"] if group["kind"] == "data")
    assert data["required"] is True
    assert data["packs"][0]["code"] == "data-100mb"
    assert data["packs"][0]["fee"]["fen"] == 800


def test_a_bundle_costs_the_sum_of_its_packs(client):
    """F-BUN-4: 8元 data + 32元 voice + 10元 SMS = ¥50.00."""
    answer = _price(client, ["data-100mb", "voice-200min", "sms-200"])
    assert answer.status_code == 200
    body = answer.json()
    assert body["price"]["list_price"] == {"fen": 5000, "currency": "CNY"}
    assert body["price"]["price"] == {"fen": 5000, "currency": "CNY"}
    assert [pack["code"] for pack in body["bundle"]["packs"]] == [
        "data-100mb",
        "voice-200min",
        "sms-200",
    ]


def test_the_data_pack_is_required(world, client):
    body = world.problem(_price(client, ["voice-200min"]), 422, "bundle.data_pack_required")
    assert body["field"] == "packs"


def test_one_pack_per_kind(world, client):
    answer = _price(client, ["data-100mb", "data-300mb"])
    world.problem(answer, 422, "bundle.duplicate_kind")


def test_an_unknown_tier_names_its_index(world, client):
    body = world.problem(_price(client, ["data-100mb", "nope"]), 422, "bundle.unknown_tier")
    assert body["index"] == 1
    assert body["pack_code"] == "nope"


def test_the_combination_plan_is_sold_online_only(world, client):
    """F-BUN-3: a physical store is refused with a 403 naming the allowed channels."""
    body = world.problem(
        _price(client, ["data-100mb"], channel="physical_store"), 403, "bundle.channel"
    )
    assert body["allowed"] == ["online_hall", "mobile_hall"]


def test_an_unknown_plan_is_a_404(world, client):
    world.problem(client.get("/api/v1/catalog/plans/nope"), 404, "catalog.unknown_product")


def test_recharge_cards_sold_at_98_5_percent_until_2016_01_12(world, client):
    """F-SHOP-4 at the hall's clock: ¥98.50 on 2016-01-11, ¥100.00 the day after."""
    world.clock.set(dt.datetime(2016, 1, 11, 23, 59, tzinfo=SHANGHAI))
    before = client.get("/api/v1/catalog/products/recharge-card-100/price").json()
    world.clock.set(dt.datetime(2016, 1, 12, 0, 0, tzinfo=SHANGHAI))
    after = client.get("/api/v1/catalog/products/recharge-card-100/price").json()
    assert before["price"]["fen"] == 9850
    assert before["rule_code"] == "recharge-98.5-until-2016-01-11"
    assert after["price"]["fen"] == 10000
    assert after["rule_code"] is None


def test_bundles_compare_side_by_side(client):
    body = {"combo_code": COMBO, "bundles": [["data-100mb"], ["data-300mb", "voice-200min"]]}
    answer = client.post("/api/v1/catalog/bundles/compare", json=body)
    assert answer.status_code == 200
    fees = [column["monthly_fee"]["fen"] for column in answer.json()["columns"]]
    assert fees == [800, 4800]


def test_a_bundle_change_says_what_applies_now(client):
    body = {"combo_code": COMBO, "current": ["data-100mb"], "target": ["data-300mb"]}
    answer = client.post("/api/v1/catalog/bundles/change-plan", json=body)
    assert answer.status_code == 200
    plan = answer.json()
    assert [pack["code"] for pack in plan["now"]["packs"]] == ["data-300mb"]  # raise: now
