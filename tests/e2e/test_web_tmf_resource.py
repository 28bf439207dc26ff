"""The generic TMF resource and its converter: names, omitted values, Money, one signature.

Every TMF API is generated from :class:`unicom_web.tmf.TmfResource` descriptions, so each
list operation takes the same ``fields``/``offset``/``limit`` parameters and each retrieve
the spec's ``{id}``; the bodies are attrs classes written by the TMF converter under the
spec's names (``@type``, ``isBundle``), which ``/schema`` documents the same way
(F-SHOP-1, F-QRY-1, F-QRY-3, F-PAY-1, F-PAY-2).
"""

from __future__ import annotations

import json
from decimal import Decimal

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st
from unicom_web.areas.tmf620_bodies import ProductOffering, ProductOfferingPrice
from unicom_web.areas.tmf654_bodies import yuan
from unicom_web.tmf import Kind, Ref, page_of, tmf_name, tmf_shape, unstructure

from unicom_core.domain.shared import MAX_FEN, Money

TMF_PATHS = ("/tmf-api/", "/paymentManagement/")
TMF_BODIES = (
    "ProductOffering",
    "ProductOfferingPrice",
    "ProductSpecification",
    "ProductSpecificationCharacteristic",
    "CustomerBill",
    "AppliedPayment",
    "Usage",
    "RatedProductUsage",
    "Payment",
    "PaymentItem",
    "AccumulatedBalance",
    "TopupBalance",
    "BucketRef",
    "Ref",
    "TimePeriod",
    "Characteristic",
    "TmfMoney",
)

words = st.lists(st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True), min_size=1, max_size=4)


# ---------------------------------------------------------------------- converter


@given(words)
def test_an_attribute_name_is_written_in_camel_case(parts):
    name = tmf_name("_".join(parts))
    assert "_" not in name
    assert name.lower() == "".join(parts)
    assert name.startswith(parts[0])
    for part in parts[1:]:
        assert part[0].upper() + part[1:] in name


def test_the_meta_attributes_are_written_with_their_at_names():
    assert tmf_name("type_") == "@type"
    assert tmf_name("base_type") == "@baseType"
    assert tmf_name("schema_location") == "@schemaLocation"
    assert tmf_name("referred_type") == "@referredType"


def _json(value):
    """``value`` as the answer's JSON text would be read, numbers exactly."""
    return json.loads(msgspec.json.encode(value), parse_float=Decimal)


@given(st.integers(min_value=-MAX_FEN, max_value=MAX_FEN))
def test_money_is_written_as_an_exact_tmf_money_of_yuan_from_the_fen(fen):
    price = ProductOfferingPrice(
        id="p-price", href="/p", name="p", price_type="oneTime", price=Money(fen)
    )
    written = _json(unstructure(price)["price"])
    assert set(written) == {"unit", "value"}
    assert written["unit"] == "CNY"
    assert written["value"] * 100 == fen  # exact: no float loses a fen
    quantity = _json(unstructure(yuan(Money(fen))))
    assert quantity["amount"] * 100 == fen
    assert quantity["units"] == "CNY"


def test_a_missing_value_is_left_out_but_false_and_empty_stay():
    assert unstructure(Ref(id="x")) == {"id": "x"}
    assert unstructure(Ref(id="x", type_="T", referred_type="R")) == {
        "id": "x",
        "@type": "T",
        "@referredType": "R",
    }
    offering = ProductOffering(id="p", href="h", is_bundle=False, channel=[])
    assert unstructure(offering) == {
        "id": "p",
        "href": "h",
        "isBundle": False,
        "channel": [],
        "@type": "ProductOffering",
    }


def test_only_an_attrs_class_is_a_tmf_shape():
    class Plain:
        pass

    with pytest.raises(TypeError):
        tmf_shape(Plain)


@given(
    st.lists(st.sampled_from(["a", "b"]), max_size=12),
    st.integers(min_value=0, max_value=15),
    st.none() | st.integers(min_value=1, max_value=15),
)
def test_a_page_counts_what_matched_and_what_came(kinds, offset, limit):
    bodies = [{"id": str(i), "kind": kind} for i, kind in enumerate(kinds)]
    page, headers = page_of(
        bodies, {"kind": "a"}, shape={"kind": Kind.STRING}, fields=None, offset=offset, limit=limit
    )
    matched = kinds.count("a")
    came = max(0, min(matched - offset, matched if limit is None else limit))
    assert headers == {"X-Total-Count": str(matched), "X-Result-Count": str(came)}
    assert len(page) == came
    assert all(body["kind"] == "a" for body in page)


# ---------------------------------------------------------------------- the document


def _tmf_operations(document):
    for path, item in document["paths"].items():
        if path.startswith(TMF_PATHS) and "get" in item and not path.endswith("/document"):
            yield path, item["get"]  # a bill's document is a download, not a resource


def test_every_list_and_retrieve_operation_has_the_one_signature(client):
    document = client.get("/schema").json()
    lists = retrieves = 0
    for path, operation in _tmf_operations(document):
        names = {parameter["name"] for parameter in operation.get("parameters", [])}
        if operation["operationId"].startswith("list"):
            lists += 1
            assert names == {"fields", "offset", "limit"}, path
        else:
            retrieves += 1
            assert path.endswith("/{id}"), path
            assert names == {"id", "fields"}, path
        assert operation["responses"]["404"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/TmfError"
        }
    # at least TMF620 3, TMF678 3, TMF635 1, TMF654 3, TMF676 1 (its alias is not documented);
    # other APIs' resources may be added beside them
    assert lists == retrieves >= 11


def test_the_bodies_are_documented_by_their_tmf_names(client):
    schemas = client.get("/schema").json()["components"]["schemas"]
    documented = {name: schemas[name] for name in TMF_BODIES if name in schemas}
    assert set(documented) == set(TMF_BODIES)
    for name, schema in documented.items():
        assert not [p for p in schema["properties"] if "_" in p], name
    offering = documented["ProductOffering"]["properties"]
    assert {"@type", "isBundle", "productOfferingPrice", "validFor"} <= set(offering)
    price = documented["ProductOfferingPrice"]["properties"]["price"]
    assert price == {"$ref": "#/components/schemas/TmfMoney"}
    assert set(documented["TmfMoney"]["properties"]) == {"unit", "value"}
    assert documented["TmfMoney"]["properties"]["value"] == {"type": "number"}
    assert "@referredType" in documented["Ref"]["properties"]


def test_an_answer_never_holds_a_null(world, client):
    world.login(client)
    for path in (
        "/tmf-api/productCatalogManagement/v4/productOffering",
        "/tmf-api/prepayBalanceManagement/v4/bucket",
        "/tmf-api/prepayBalanceManagement/v4/accumulatedBalance",
        "/tmf-api/customerBillManagement/v4/customerBill",
        "/paymentManagement/v4/payment",
    ):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert "null" not in answer.text, path
