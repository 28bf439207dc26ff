"""The pages over HTTP: CSRF, the login flows, refusals as friendly messages."""

from __future__ import annotations

import re

A1, A2 = "18612345678", "18612340001"
PASSWORD = "284615"  # noqa: S105 - the test holders' password
INITIAL = "135790"
WRONG = "000000"
NEW = "739264"


def _alert(html: str) -> str:
    found = re.search(r'role="alert"[^>]*>([^<]*)<', html)
    assert found is not None, html
    return found.group(1)


def _login_form(world, client, **fields):
    token = world.csrf_token(client.get("/login").text)
    body = {"_csrf_token": token, "login_type": "mobile", "user_name": A1, **fields}
    return client.post("/login", data=body, follow_redirects=False)


def test_the_login_page_is_chinese_by_default_and_english_on_request(client):
    page = client.get("/login")
    assert page.status_code == 200
    assert "用户登录" in page.text
    assert 'name="viewport"' in page.text
    english = client.get("/login?lang=en")
    assert "Log in" in english.text
    assert "unicom_lang=en" in english.headers["set-cookie"]
    assert "Log in" in client.get("/login").text  # remembered


def test_a_form_post_without_the_csrf_token_is_refused(client):
    client.get("/login")
    answer = client.post("/login", data={"user_name": A1, "password": PASSWORD})
    assert answer.status_code == 403
    assert "text/html" in answer.headers["content-type"]


def test_the_csrf_cookie_is_httponly_and_lax(client):
    cookie = client.get("/login").headers["set-cookie"]
    assert cookie.startswith("unicom_csrf=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie


def test_a_password_login_goes_home_with_the_balance_and_plan(world, client):
    answer = _login_form(world, client, method="password", password=PASSWORD)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/home"
    assert "HttpOnly" in answer.headers["set-cookie"]
    home = client.get("/home")
    assert 'data-testid="balance">¥52.30<' in home.text
    assert "4G全国组合套餐" in home.text


def test_a_wrong_password_is_shown_in_place(world, client):
    answer = _login_form(world, client, method="password", password=WRONG)
    assert answer.status_code == 401
    assert _alert(answer.text) == "用户名或密码错误。"


def test_the_captcha_appears_when_the_domain_asks_for_it(world, client):
    for _ in range(world.hall.access.settings.lockout.captcha_after):
        _login_form(world, client, method="password", password=WRONG)
    answer = _login_form(world, client, method="password", password=PASSWORD)
    assert answer.status_code == 403
    assert 'name="captcha_id"' in answer.text


def test_a_random_password_login_and_the_refused_handling(world, client):
    token = world.csrf_token(client.get("/login").text)
    sent = client.post("/login/code", data={"_csrf_token": token, "user_name": A1})
    assert "随机密码已发送" in sent.text
    again = client.post("/login/code", data={"_csrf_token": token, "user_name": A1})
    assert again.status_code == 429
    assert "请于" in _alert(again.text)  # the retry time, in Beijing time
    answer = _login_form(world, client, method="random", random_password=world.code_for(A1))
    assert answer.status_code == 303
    home = client.get("/home")
    assert "随机密码登录" not in home.text or "部分业务" in home.text
    refused = client.post("/security/email", data={"_csrf_token": token, "email": "zs@example.com"})
    assert refused.status_code == 403
    assert _alert(refused.text) == "随机密码登录不能查询详单或办理业务，请使用服务密码登录。"


def test_the_initial_password_leads_to_the_change_page(world, client):
    answer = _login_form(world, client, user_name=A2, method="password", password=INITIAL)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/password?")
    page = client.get(answer.headers["location"])
    token = world.csrf_token(page.text)
    change = client.post(
        "/password",
        data={
            "_csrf_token": token,
            "login_type": "mobile",
            "user_name": A2,
            "old_password": INITIAL,
            "new_password": NEW,
        },
        follow_redirects=False,
    )
    assert change.status_code == 303
    login = _login_form(world, client, user_name=A2, method="password", password=NEW)
    assert login.headers["location"] == "/home"


def test_pages_that_need_a_login_redirect_to_it(client):
    answer = client.get("/home", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=/home"


def test_a_next_target_off_the_site_is_ignored(world, client):
    answer = _login_form(world, client, method="password", password=PASSWORD, next="//evil.example")
    assert answer.headers["location"] == "/home"


def test_logout_forgets_the_session(world, client):
    _login_form(world, client, method="password", password=PASSWORD)
    token = world.csrf_token(client.get("/home").text)
    answer = client.post("/logout", data={"_csrf_token": token}, follow_redirects=False)
    assert answer.headers["location"] == "/login"
    assert client.get("/home", follow_redirects=False).status_code == 303


def test_the_bundle_builder_prices_without_javascript(client):
    page = client.get("/bundle", params={"data": "data-300mb", "voice": "voice-200min"})
    assert page.status_code == 200
    assert 'data-testid="bundle-price">¥48.00<' in page.text
    missing = client.get("/bundle", params={"voice": "voice-200min"})
    assert missing.status_code == 422


def test_the_plans_page_lists_the_offers(client):
    page = client.get("/plans")
    assert "4G全国组合套餐" in page.text
    assert "¥8.00" in page.text
    assert client.get("/plans/4g-national-combo").status_code == 200
    assert client.get("/plans/nope").status_code == 404


def test_the_root_goes_home(client):
    assert client.get("/", follow_redirects=False).headers["location"] == "/home"


def test_the_static_script_is_served(client):
    assert "bundles/price" in client.get("/static/bundle.js").text
