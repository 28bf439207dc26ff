"""Bounded paging and bodies: an offset past its bound, a deep or a large body is a 4xx.

``offset`` is at most 1,000,000 everywhere (400 ``page.offset``); a JSON body nests at most
``max_json_depth`` (32) levels (400 ``request.json_depth``) and weighs at most
``max_body_bytes`` (64 KiB, 413 ``request.too_large``). None of them is ever a 500.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st
from litestar.testing import TestClient
from unicom_web import WebSettings
from unicom_web.amounts import fen_of_yuan
from unicom_web.json_bodies import decode_body, json_depth

from unicom_core.domain.shared import MAX_FEN
from unicom_core.errors import InvalidInput

MAX_OFFSET = 1_000_000
LISTS = [
    "/api/v1/payments",
    "/api/v1/billing/bills",
    "/api/v1/invoices",
    "/tmf-api/prepayBalanceManagement/v4/bucket",
    "/tmf-api/customerBillManagement/v4/customerBill",
    "/paymentManagement/v4/payment",
    "/tmf-api/paymentManagement/v4/payment",
]


def _nested(depth: int) -> bytes:
    return b'{"x": ' + b"[" * (depth - 1) + b"]" * (depth - 1) + b"}"


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("offset", [2**63, 2**64, MAX_OFFSET + 1, -1])
def test_an_offset_out_of_bounds_is_a_400_page_offset(world, client, path, offset):
    world.login(client)
    answer = client.get(path, params={"offset": offset})
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["code"] == "page.offset"
    if path.startswith("/api/"):
        world.problem(answer, 400, "page.offset")
    else:
        assert body["@type"] == "Error"


@pytest.mark.parametrize("path", LISTS)
def test_the_largest_offset_is_an_empty_page(world, client, path):
    world.login(client)
    answer = client.get(path, params={"offset": MAX_OFFSET})
    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize("depth", [33, 1000, 30_000])
@pytest.mark.parametrize(
    "path", ["/api/v1/payments/bill-payments", "/tmf-api/prepayBalanceManagement/v4/topupBalance"]
)
def test_a_body_nested_too_deeply_is_a_400(world, client, path, depth):
    world.login(client)
    answer = client.post(path, content=_nested(depth), headers={"content-type": "application/json"})
    assert answer.status_code == 400, answer.text
    assert answer.json()["code"] == "request.json_depth"


def test_brackets_inside_strings_do_not_count(world, client):
    world.login(client)
    answer = client.post(
        "/api/v1/payments/bill-payments",
        json={"idempotency_key": "[" * 200, "number_kind": "{" * 200},
    )
    assert answer.json()["code"] != "request.json_depth"
    assert answer.status_code == 422


def test_a_body_of_32_levels_is_read(world, client):
    world.login(client)
    answer = client.post(
        "/api/v1/payments/bill-payments",
        content=_nested(32),
        headers={"content-type": "application/json"},
    )
    world.problem(answer, 422, "payment.key")  # read (x is no field), then refused: no key


def test_a_body_larger_than_the_setting_is_a_413(world, client):
    world.login(client)
    for body in (b'{"idempotency_key": "' + b"k" * (64 * 1024) + b'"}', _nested(100_000)):
        answer = client.post(
            "/api/v1/payments/bill-payments",
            content=body,
            headers={"content-type": "application/json"},
        )
        world.problem(answer, 413, "request.too_large")


def test_malformed_json_is_a_400(world, client):
    world.login(client)
    huge = b'{"amount_fen": ' + b"9" * 5000 + b"}"
    for text in (b'{"amount_fen": NaN}', b'{"amount_fen": Infinity}', b"{", b'{"a": 1e}', huge):
        answer = client.post(
            "/api/v1/payments/bill-payments",
            content=text,
            headers={"content-type": "application/json"},
        )
        world.problem(answer, 400, "request.invalid")


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"max_amount_fen": 0}, "web.max_amount"),
        ({"max_amount_fen": MAX_FEN + 1}, "web.max_amount"),
        ({"max_amount_fen": True}, "web.max_amount"),
        ({"max_body_bytes": 10}, "web.max_body"),
        ({"max_json_depth": 1}, "web.max_json_depth"),
    ],
)
def test_the_limits_are_validated_settings(changes, code):
    with pytest.raises(InvalidInput) as raised:
        WebSettings(secret="s" * 48, **changes)
    assert raised.value.code == code


# ---------------------------------------------------------------------- laws


@given(st.integers(min_value=0, max_value=MAX_FEN))
def test_every_fen_count_written_in_yuan_reads_back_exactly(fen):
    assert fen_of_yuan(Decimal(fen).scaleb(-2)) == fen
    assert fen_of_yuan(Decimal(f"{fen // 100}.{fen % 100:02d}000")) == fen


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=9))
def test_a_third_decimal_is_never_read(fen, thousandth):
    assert fen_of_yuan(Decimal(f"{fen // 100}.{fen % 100:02d}{thousandth}")) is None


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab,:'),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=20,
)


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max((_depth(item) for item in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(item) for item in value.values()), default=0)
    return 0


@given(JSON)
def test_the_depth_is_counted_on_the_text_as_the_value_has_it(value):
    raw = msgspec.json.encode(value)
    assert json_depth(raw, 1000) == _depth(value)
    assert decode_body(raw, 1000) == value


def _demo_hall():
    example = Path(__file__).resolve().parents[2] / "examples" / "business_hall"
    sys.path.insert(0, str(example))
    try:
        import demo_hall  # noqa: PLC0415 - the example, importable once on the path
    finally:
        sys.path.remove(str(example))
    return demo_hall


def test_on_sqlite_an_offset_past_64_bits_is_a_400_not_a_500(tmp_path):
    """The storage's integer columns end at 2**63 - 1: the web bound keeps SQLite's
    ``OverflowError`` away (it was a 500)."""
    demo = _demo_hall().build(tmp_path / "demo.sqlite3", echo=lambda _line: None)
    try:
        ready = next(number for number in demo.numbers if number.ready)
        with TestClient(demo.app, base_url="http://testserver.local") as client:
            login = client.post(
                "/api/v1/sessions/password",
                json={
                    "login_type": "mobile",
                    "user_name": ready.number,
                    "password": ready.password,
                },
            )
            assert login.status_code == 201, login.text
            for path in ("/api/v1/payments", "/api/v1/billing/bills"):
                refused = client.get(path, params={"offset": 2**63})
                assert refused.status_code == 400, refused.text
                assert refused.json()["code"] == "page.offset"
                assert client.get(path, params={"offset": MAX_OFFSET}).status_code == 200
    finally:
        demo.hall.close()


@pytest.mark.parametrize("limit", [0, 501, 2**63])
def test_a_limit_out_of_bounds_is_a_400_page_limit(world, client, limit):
    world.login(client)
    world.problem(client.get("/api/v1/payments", params={"limit": limit}), 400, "page.limit")
    both = client.get("/api/v1/payments", params={"limit": limit, "offset": -1})
    world.problem(both, 400, "request.invalid")  # two parameters refused: no single code
