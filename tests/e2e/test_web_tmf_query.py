"""TMF630 list conventions on every served TMF API, for an operator and a subscriber.

Each list answers items of its swagger's definition (``@type``, ``href`` and the required
attributes), counts them in ``X-Total-Count``/``X-Result-Count``, filters on nested
attributes (``object.attribute=value``), and answers a 400 TMF ``Error`` for an unknown
filter attribute, a malformed value, and a bad ``offset``/``limit``: never a silently
empty list (F-QRY-1, F-QRY-3, F-SHOP-1, F-PAY-1, F-PAY-2).
"""

from __future__ import annotations

import base64

import pytest
from tests.specs import conforms, spec_of

LISTS = (
    (
        "/tmf-api/productCatalogManagement/v4/productOffering",
        "TMF620-ProductCatalog-v4.0.0",
        "ProductOffering",
    ),
    ("/tmf-api/usageManagement/v4/usage", "TMF635-Usage-v4.0.0", "Usage"),
    (
        "/tmf-api/prepayBalanceManagement/v4/accumulatedBalance",
        "TMF654-PrepayBalance-v4.0.0",
        "AccumulatedBalance",
    ),
    ("/tmf-api/prepayBalanceManagement/v4/bucket", "TMF654-PrepayBalance-v4.0.0", "Bucket"),
    (
        "/tmf-api/customerBillManagement/v4/customerBill",
        "TMF678-Customer_Bill-v4.0.0",
        "CustomerBill",
    ),
    (
        "/tmf-api/customerBillManagement/v4/appliedCustomerBillingRate",
        "TMF678-Customer_Bill-v4.0.0",
        "AppliedCustomerBillingRate",
    ),
    (
        "/tmf-api/customerBillManagement/v4/customerBillOnDemand",
        "TMF678-Customer_Bill-v4.0.0",
        "CustomerBillOnDemand",
    ),
)


@pytest.fixture(params=["subscriber", "operator"])
def headers(request, world, client):
    """A subscriber's session (cookie) or an operator's Bearer token with ``tmf.read``."""
    world.bill_history()
    if request.param == "subscriber":
        world.login(client)
        return {}
    new = world.hall.access.add_client("crm", ["tmf.read"])
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


def _nested(item: dict) -> tuple[str, str] | None:
    """A ``object.attribute`` filter the item satisfies (a text attribute of an object)."""
    for name, value in item.items():
        if isinstance(value, dict):
            for inner, text in value.items():
                if isinstance(text, str):
                    return f"{name}.{inner}", text
    return None


@pytest.mark.parametrize(("path", "spec_name", "definition"), LISTS)
def test_every_list_follows_tmf630(client, headers, path, spec_name, definition):
    spec = spec_of(f"{spec_name}.swagger.json")
    answer = client.get(path, headers=headers)
    if answer.status_code == 403 and answer.json()["code"] == "operator.no_subscriber":
        pytest.skip(f"{path} is not served to operators yet: its API's own work")
    assert answer.status_code == 200, answer.text
    items = answer.json()
    assert answer.headers["x-result-count"] == str(len(items))
    assert answer.headers["x-total-count"] == str(len(items))
    for index, item in enumerate(items):
        conforms(spec, definition, item, f"{definition}[{index}]")
        assert item["@type"] == definition
        assert "href" in item
    if items:
        first = items[0]
        by_id = client.get(path, params={"id": first["id"]}, headers=headers).json()
        assert [item["id"] for item in by_id] == [first["id"]]
        nested = _nested(first)
        if nested is not None:
            name, value = nested
            found = client.get(path, params={name: value}, headers=headers).json()
            assert first["id"] in {item["id"] for item in found}
            outer, inner = name.split(".")
            assert all(item[outer][inner] == value for item in found)
        page = client.get(path, params={"limit": 1, "fields": "id"}, headers=headers)
        assert page.headers["x-result-count"] == "1"
        assert [set(item) <= {"id", "href", "@type"} for item in page.json()] == [True]


@pytest.mark.parametrize(("path", "spec_name", "definition"), LISTS)
@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"noSuchAttribute": "x"}, "tmf.filter_attribute"),
        ({"id.gt": "x"}, "tmf.filter_value"),
        ({"href.nothing": "x"}, "tmf.filter_attribute"),
        ({"offset": "-1"}, "page.offset"),
        ({"offset": "first"}, "page.offset"),
        ({"limit": "0"}, "page.limit"),
        ({"limit": "many"}, "page.limit"),
        ({"limit": "100000"}, "page.limit"),
    ],
)
def test_a_bad_query_is_a_400_tmf_error(  # noqa: PLR0913, PLR0917 - the parameters
    client, headers, path, spec_name, definition, params, code
):
    spec = spec_of(f"{spec_name}.swagger.json")
    answer = client.get(path, params=params, headers=headers)
    assert answer.status_code == 400, answer.text
    conforms(spec, "Error", answer.json())
    assert answer.json()["code"] == code
    assert definition  # the list named in the parameters
