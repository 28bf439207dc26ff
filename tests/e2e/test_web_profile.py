"""Basic information over HTTP: ``/api/v1/profile`` and ``/profile`` (F-QRY-7, F-REAL-1)."""

from __future__ import annotations

from unicom_core.domain.subscribers import CustomerId

A1, A2, B1 = "18612345678", "18612340001", "18687654321"


def _resident_id(world, customer: str) -> str:
    with world.hall.storage.transaction() as tx:
        return tx.customers.get(CustomerId(customer)).resident_id.value


def test_the_api_answers_the_basic_information_of_my_number(world, client):
    world.login(client, A1)
    body = client.get("/api/v1/profile").json()
    assert body["number"] == {"kind": "mobile", "value": A1}
    assert body["status"] == "active"
    assert body["payment_mode"] == "prepaid"
    assert body["generation"] == "4g"
    assert body["plan_code"] == "4g-national-combo"
    assert body["plan_name"] == "4G全国组合套餐"
    assert body["puk"] == "12345678"  # a service-password session
    assert body["puk_masked"] is False
    assert body["joined_on"] == "2012-03-01"
    assert body["as_of"] == "2026-11-26"
    assert body["network_age"] == {"years": 14, "months": 8}
    assert body["customer_name"] == "张三"
    assert body["real_name_status"] == "unverified"


def test_the_resident_id_is_masked_in_the_api_and_on_the_page(world, client):
    full = _resident_id(world, "ca")
    masked = full[:6] + "*" * 8 + full[-4:]
    world.login(client, A1)
    answer = client.get("/api/v1/profile")
    assert answer.json()["resident_id"] == masked
    assert full not in answer.text
    page = client.get("/profile")
    assert f'data-testid="resident_id">{masked}<' in page.text
    assert full not in page.text


def test_a_random_password_session_sees_the_puk_masked(world, client):
    world.login_random(client, A1)
    body = client.get("/api/v1/profile").json()
    assert body["puk"] == "********"
    assert body["puk_masked"] is True
    page = client.get("/profile")
    assert 'data-testid="puk">********<' in page.text
    assert ">12345678<" not in page.text


def test_another_number_of_my_customer_is_shown(world, client):
    world.login(client, A1)
    answer = client.get("/api/v1/profile", params={"number": A2})
    assert answer.status_code == 200
    assert answer.json()["number"]["value"] == A2


def test_another_customers_number_is_a_404_like_an_unknown_one(world, client):
    world.login(client, A1)
    theirs = world.problem(
        client.get("/api/v1/profile", params={"number": B1}), 404, "access.unknown_number"
    )
    unknown = world.problem(
        client.get("/api/v1/profile", params={"number": "18699999999"}),
        404,
        "access.unknown_number",
    )
    assert theirs == unknown


def test_not_logged_in_is_a_401_and_the_page_asks_for_a_login(client):
    body = client.get("/api/v1/profile").json()
    assert body["status"] == 401
    assert body["code"] == "access.not_logged_in"
    page = client.get("/profile", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/profile"


def test_the_page_in_chinese_and_in_english(world, client):
    world.login(client, A1)
    page = client.get("/profile")
    assert page.status_code == 200
    assert "基本信息" in page.text
    assert 'data-testid="network_age">14年8个月<' in page.text
    assert 'data-testid="joined_on">2012-03-01<' in page.text
    assert 'data-testid="real_name">未登记<' in page.text
    assert 'href="/profile"' in page.text  # the menu link
    english = client.get("/profile?lang=en")
    assert 'data-testid="network_age">14 years 8 months<' in english.text
    assert "Basic information" in english.text
