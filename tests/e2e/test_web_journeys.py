"""The subscriber's journeys end where they should (F-QRY-1..3, F-PAY-1..3, F-AUTH-2, F-AUTH-7).

Expected values come from the published tariff: 8元100MB and 32元200分钟 packs on the 4G
combination plan (no fee of its own) are 40元 a month; another carrier's segment (138) is
not this hall's; a stranger sees a holder's name as ``李*``.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from tests.e2e.conftest import A1, B1, PASSWORD

from unicom_core.domain.billing import UsageKind, UsageRecord
from unicom_core.domain.shared import SHANGHAI
from unicom_core.ports.billing import UsageBatch

OTHER_CARRIER = "13812345678"


def _form(client, world, path: str, data: dict[str, str], page: str | None = None):
    shown = client.get(page or path)
    token = world.csrf_token(shown.text)
    return client.post(path, data={"_csrf_token": token, **data}, follow_redirects=False)


# ------------------------------------------------------------------ home, F-QRY-1, F-QRY-2


def test_f_qry_1_home_shows_the_packs_held_and_the_real_monthly_fee(world, client):
    world.bill_history()
    world.login(client)
    page = client.get("/home").text
    assert re.search(r'data-testid="monthly-fee">¥40\.00<', page)
    assert page.count('data-testid="pack"') == 2
    assert "8元100MB流量包" in page
    assert "32元200分钟语音包" in page
    assert "¥8.00/月 · 套餐内容" not in page  # the bundle's entry price is not the fee


def test_f_qry_2_home_shows_the_allowances_left_as_bars(world, client):
    world.bill_history()
    world.login(client)
    page = client.get("/home").text
    assert page.count('data-testid="allowance"') == 2
    assert page.count("<meter") == 2
    assert "剩余 100 MB / 共 100 MB" in page
    assert "剩余 200 分钟 / 共 200 分钟" in page


def test_f_auth_5_a_random_password_home_has_no_allowances(world, client):
    world.bill_history()
    world.login_random(client)
    page = client.get("/home").text
    assert 'data-testid="allowance"' not in page
    assert 'data-testid="monthly-fee">¥40.00<' in page


@pytest.mark.parametrize(
    ("testid", "path"),
    [
        ("tile-bills", "/bills"),
        ("tile-top-up", "/top-up"),
        ("tile-details", "/usage/details"),
        ("tile-handling", "/handling"),
    ],
)
def test_the_home_page_has_its_quick_action_tiles(world, client, testid, path):
    world.login(client)
    page = client.get("/home").text
    assert re.search(rf'href="{re.escape(path)}" data-testid="{testid}"', page)
    assert client.get(path).status_code == 200


def test_the_home_api_gives_the_monthly_fee_and_allowances(world, client):
    world.bill_history()
    world.login(client)
    me = client.get("/api/v1/me").json()
    assert me["monthly_fee"] == {"fen": 4000, "currency": "CNY"}
    assert len(me["packs"]) == 2
    assert len(me["allowances"]) == 2


# ------------------------------------------------------------------ login, F-AUTH-2, F-AUTH-7


def test_f_auth_2_the_login_is_one_form_with_two_tabs(client):
    page = client.get("/login").text
    assert page.count("<form") == 1 + page.count('action="/logout"')
    assert 'id="tab-password"' in page
    assert 'id="tab-random"' in page
    assert 'formaction="/login/code"' in page
    assert "首次登录" not in page


def test_f_auth_2_the_random_password_button_sends_the_code_from_the_same_form(world, client):
    sent = _form(client, world, "/login/code", {"user_name": A1, "method": "random"}, "/login")
    assert sent.status_code == 200
    assert "随机密码已发送" in sent.text
    assert 'id="tab-random" name="method" value="random" checked' in sent.text
    answer = _form(
        client,
        world,
        "/login",
        {
            "method": "random",
            "login_type": "mobile",
            "user_name": A1,
            "random_password": world.code_for(A1),
        },
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/home"


def test_f_auth_7_forgot_password_resets_with_a_random_password_by_sms(world, client):
    login = client.get("/login").text
    assert 'href="/password/reset"' in login
    page = client.get("/password/reset").text
    assert "old_password" not in page
    sent = _form(client, world, "/password/reset/code", {"user_name": A1}, "/password/reset")
    assert "随机密码已发送" in sent.text
    reset = _form(
        client,
        world,
        "/password/reset",
        {"user_name": A1, "random_password": world.code_for(A1), "new_password": "975310"},
        "/password/reset",
    )
    assert reset.status_code == 303
    assert reset.headers["location"].endswith("reset=1")
    assert "服务密码已重置" in client.get(reset.headers["location"]).text
    world.login(client, A1, "975310")


def test_f_auth_7_a_wrong_reset_code_is_refused_in_place(world, client):
    _form(client, world, "/password/reset/code", {"user_name": A1}, "/password/reset")
    wrong = _form(
        client,
        world,
        "/password/reset",
        {"user_name": A1, "random_password": "000000", "new_password": "975310"},
        "/password/reset",
    )
    assert wrong.status_code in {401, 403}
    assert 'class="notice error"' in wrong.text
    world.login(client, A1, PASSWORD)  # the old password still works


# ------------------------------------------------------------------ paying for others, F-PAY-1


def test_f_pay_1_topping_up_another_customers_number_asks_to_confirm_then_pays(world, client):
    world.login(client)
    confirm = _form(
        client,
        world,
        "/top-up",
        {"idempotency_key": "x", "number": B1, "product_code": "top-up-50"},
    )
    assert confirm.status_code == 200
    assert re.search(r'data-testid="payee-number">18687654321<', confirm.text)
    assert re.search(r'data-testid="payee-name">李\*<', confirm.text)
    assert "李四" not in confirm.text
    assert 'data-testid="owed"' not in confirm.text
    key = re.search(r'name="idempotency_key" value="([^"]+)"', confirm.text).group(1)
    paid = client.post(
        "/top-up/others",
        data={
            "_csrf_token": world.csrf_token(confirm.text),
            "idempotency_key": key,
            "number": B1,
            "masked_name": "李*",
            "product_code": "top-up-50",
        },
        follow_redirects=False,
    )
    assert paid.status_code == 303
    receipt = client.get(paid.headers["location"]).text
    assert "支付成功" in receipt
    # the holder's balance got the face value (-12.00 + 50.00), the payer's nothing
    with world.client() as theirs:
        world.login(theirs, B1)
        assert theirs.get("/api/v1/me").json()["balance"]["balance"]["fen"] == 3800
    assert client.get("/api/v1/me").json()["balance"]["balance"]["fen"] == 5230


def test_f_pay_1_another_carriers_number_is_not_this_halls(world, client):
    world.login(client)
    top_up = _form(
        client,
        world,
        "/top-up",
        {"idempotency_key": "x", "number": OTHER_CARRIER, "product_code": "top-up-50"},
    )
    bill = client.get(f"/bill-payment?number_kind=mobile&number={OTHER_CARRIER}")
    for page in (top_up, bill):
        assert page.status_code == 403
        assert "不是联通号码" in page.text
        assert "没有找到该号码" not in page.text


def test_f_pay_1_paying_another_customers_bill_shows_no_amount_owed(world, client):
    world.bill_history()
    world.login(client)
    confirm = client.get(f"/bill-payment?number_kind=mobile&number={B1}")
    assert confirm.status_code == 200
    assert 'data-testid="payee-name">李*<' in confirm.text
    assert 'data-testid="owed"' not in confirm.text
    key = re.search(r'name="idempotency_key" value="([^"]+)"', confirm.text).group(1)
    paid = client.post(
        "/bill-payment/others",
        data={
            "_csrf_token": world.csrf_token(confirm.text),
            "idempotency_key": key,
            "number": B1,
            "masked_name": "李*",
            "amount": "20.00",
        },
        follow_redirects=False,
    )
    assert paid.status_code == 303
    assert "支付成功" in client.get(paid.headers["location"]).text


def test_f_pay_1_the_api_looks_up_and_tops_up_another_number(world, client):
    world.login(client)
    payee = client.post("/api/v1/payees", json={"number": B1})
    assert payee.status_code == 201
    assert payee.json() == {"number": B1, "masked_name": "李*", "own": False}
    world.problem(
        client.post("/api/v1/payees", json={"number": OTHER_CARRIER}), 403, "payment.other_carrier"
    )
    paid = client.post(
        "/api/v1/payments/others/top-ups",
        json={"number": B1, "product_code": "top-up-50", "idempotency_key": "k1"},
    )
    assert paid.status_code == 201
    assert paid.json()["payment"]["payer_id"] == "s1"


# ------------------------------------------------------------------ details, F-QRY-3


def _calls(world) -> None:
    """Four calls of A1 in October: 199 minutes, then 150, 60 and 61 seconds (3, 1, 2 min)."""
    started = dt.datetime(2026, 10, 3, 9, tzinfo=SHANGHAI)
    records = tuple(
        UsageRecord(f"c{i}", A1, UsageKind.VOICE, started + dt.timedelta(hours=i), secs, "10010")
        for i, secs in enumerate((199 * 60, 150, 60, 61))
    )
    world.hall.billing.ingest(UsageBatch("calls-2026-10", records))


def test_f_qry_3_bills_link_to_their_month_and_details_have_units_and_fees(world, client):
    _calls(world)
    world.bill_history()
    world.login(client)
    bills = client.get("/bills").text
    assert 'href="/bills/2026-10"' in bills
    month = client.get("/bills/2026-10").text
    assert 'data-testid="bill-line"' in month
    assert 'href="/usage/details?kind=voice&amp;cycle=2026-10"' in month
    details = client.get("/usage/details?kind=voice&cycle=2026-10").text
    assert 'data-testid="records-total"' in details
    fees = re.findall(r'data-testid="record-fee">([^<]*)<', details)
    quantities = re.findall(r'data-testid="record-quantity">([^<]*)<', details)
    assert fees
    assert all(re.fullmatch(r"¥\d+\.\d\d", fee) for fee in fees)
    assert quantities == ["3:19:00", "2:30", "1:00", "1:01"]
    # the 200-minute pack covers 199 + 1 minutes; then 2, 1 and 2 minutes at 0.15元
    assert fees == ["¥0.00", "¥0.30", "¥0.15", "¥0.30"]
    assert re.search(r'data-testid="total-quantity">3:23:31<', details)
    assert re.search(r'data-testid="total-fee">¥0.75<', details)
    api = client.get("/api/v1/billing/rated-details/voice", params={"cycle": "2026-10"}).json()
    assert [item["fee"]["fen"] for item in api["page"]["items"]] == [0, 30, 15, 30]
    assert api["fee"] == {"fen": 75, "currency": "CNY"}
    assert api["quantity"] == 12211


# ------------------------------------------------------------------ mandates, F-PAY-2


def test_f_pay_2_the_mandate_form_carries_a_key_and_a_second_send_signs_once(world, client):
    world.login(client)
    page = client.get("/mandates").text
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    data = {
        "_csrf_token": world.csrf_token(page),
        "idempotency_key": key,
        "bank": "工商银行",
        "card_number": "6222020200112233446",
    }
    for _twice in range(2):
        assert client.post("/mandates", data=data, follow_redirects=False).status_code == 303
    assert client.get("/mandates").text.count('data-testid="mandate"') == 1
    again = client.post(
        "/mandates", data={**data, "idempotency_key": "another-form"}, follow_redirects=False
    )
    assert again.status_code == 409
    assert "无需重复签约" in again.text


def test_f_auth_2_enter_on_the_password_tab_logs_in_through_the_code_button(world, client):
    # the code button is the form's first submit button: Enter in any field posts to it
    answer = _form(
        client,
        world,
        "/login/code",
        {"method": "password", "login_type": "mobile", "user_name": A1, "password": PASSWORD},
        "/login",
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/home"
    assert world.messages.sent == ()  # no random password was sent


def test_f_auth_7_enter_in_the_reset_form_resets_through_the_code_button(world, client):
    _form(client, world, "/password/reset/code", {"user_name": A1}, "/password/reset")
    code = world.code_for(A1)
    answer = _form(
        client,
        world,
        "/password/reset/code",
        {"user_name": A1, "random_password": code, "new_password": "975310"},
        "/password/reset",
    )
    assert answer.status_code == 303
    world.login(client, A1, "975310")
