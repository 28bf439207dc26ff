"""Reading stored rows: valid data takes the quick path, bad data still says where (F-QRY-3).

:func:`~unicom_core.serialization.structure` reads through a copy of the converter without
cattrs' detailed validation, and reads again through the detailed one only what the quick
path refused, so an error keeps the paths of every problem.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from unicom_core import serialization
from unicom_core.domain.billing import BillingProfile, PackHolding
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.domain.subscribers import (
    AccountId,
    CustomerId,
    NetworkGeneration,
    PaymentMode,
    ServiceKind,
    ServiceNumber,
    Subscriber,
    SubscriberId,
)
from unicom_core.errors import InvalidInput
from unicom_core.serialization import structure, unstructure

SUBSCRIBER_BODY = (
    '{"id": "s1", "customer_id": "c1", "account_id": "a1", '
    '"number": {"kind": "mobile", "value": "18600000001"}, "plan_code": "4g-national-combo", '
    '"joined_on": "2010-01-01", "payment_mode": "postpaid", "generation": "4g", '
    '"puk": "12345678", "status": "active", "version": 2}'
)
"""A subscriber as the stores keep it: the converter's documented shapes."""


def a_subscriber() -> Subscriber:
    return Subscriber(
        SubscriberId("s1"),
        CustomerId("c1"),
        AccountId("a1"),
        ServiceNumber.parse(ServiceKind.MOBILE, "18600000001"),
        "4g-national-combo",
        dt.date(2010, 1, 1),
        PaymentMode.POSTPAID,
        NetworkGeneration.G4,
        "12345678",
        version=2,
    )


def test_a_stored_subscriber_reads_back_and_writes_the_same_text() -> None:
    loaded = structure(json.loads(SUBSCRIBER_BODY), Subscriber)
    assert loaded == a_subscriber()
    assert json.dumps(unstructure(loaded)) == SUBSCRIBER_BODY


def test_valid_data_is_read_once_without_the_detailed_converter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bill run reads some 10**4 rows a chunk: none of them through the slow path."""

    class Detailed:
        def structure(self, *_args: object) -> None:
            raise AssertionError("valid data went through the detailed converter")

    holding = PackHolding("data-1gb", dt.datetime(2016, 1, 1, tzinfo=SHANGHAI))
    profile = BillingProfile(SubscriberId("s1"), (holding,))
    body = unstructure(profile)
    monkeypatch.setattr(serialization, "converter", Detailed())
    assert structure(body, BillingProfile) == profile
    assert structure({"fen": 5, "currency": "CNY"}, Money) == Money(5)


@pytest.mark.parametrize(
    ("body", "code", "path"),
    [
        ({"fen": "12", "currency": "CNY"}, "serialization.type", "$.fen"),
        ({"fen": 12, "currency": "CNY", "extra": 1}, "serialization.invalid", "extra"),
        ({"currency": "CNY"}, "serialization.invalid", "$.fen"),
    ],
)
def test_bad_data_is_refused_with_its_paths(body: dict[str, object], code: str, path: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        structure(body, Money)
    assert caught.value.code == code
    assert any(path in line for line in caught.value.data["errors"])  # type: ignore[union-attr]


def test_a_domain_rule_broken_in_a_stored_row_names_its_code_and_path() -> None:
    body = json.loads(SUBSCRIBER_BODY)
    body["number"]["value"] = "10000000000"
    with pytest.raises(InvalidInput) as caught:
        structure(body, Subscriber)
    assert caught.value.code.startswith("mobile.")
    assert any("number" in line for line in caught.value.data["errors"])  # type: ignore[union-attr]
