"""The access endpoints over HTTP: logins, codes, passwords, sessions (F-AUTH-1..7)."""

from __future__ import annotations

import logging
from datetime import timedelta

from unicom_core.domain.access import ThirdParty

A1, A2, B1 = "18612345678", "18612340001", "18687654321"
PASSWORD = "284615"  # noqa: S105 - the test holders' password
INITIAL = "135790"
WRONG = "000000"
NEW = "739264"


def _password_login(client, number=A1, password=PASSWORD, **extra):
    body = {"login_type": "mobile", "user_name": number, "password": password, **extra}
    return client.post("/api/v1/sessions/password", json=body)


def test_a_password_login_answers_the_token_and_sets_an_httponly_lax_cookie(client):
    answer = _password_login(client)
    assert answer.status_code == 201
    body = answer.json()
    assert body["session"]["kind"] == "service_password"
    assert body["session"]["subscriber_id"] == "s1"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"unicom_session={body['token']};")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http: the browser would drop a Secure cookie
    assert "Max-Age=43200" in cookie  # the absolute lifetime of F-AUTH-7 (12 h)


def test_the_session_cookie_is_secure_over_tls(world):
    with world.client(base_url="https://hall.example") as client:
        answer = _password_login(client)
    assert "Secure" in answer.headers["set-cookie"]


def test_the_cookie_flag_can_be_forced(world):
    with world.client(secure_cookies=True) as client:
        assert "Secure" in _password_login(client).headers["set-cookie"]


def test_the_initial_password_cannot_log_in(world, client):
    """F-AUTH-4: a 403 problem naming the rule; changing the password opens the way."""
    world.problem(_password_login(client, A2, INITIAL), 403, "access.initial_password")
    change = {
        "login_type": "mobile",
        "user_name": A2,
        "old_password": INITIAL,
        "new_password": PASSWORD,
    }
    assert client.post("/api/v1/password-changes", json=change).status_code == 204
    assert _password_login(client, A2).status_code == 201


def test_a_wrong_password_is_a_401_with_the_attempts_left(world, client):
    body = world.problem(_password_login(client, password=WRONG), 401, "access.bad_credentials")
    assert body["captcha_required"] is False
    assert body["attempts_left"] >= 1
    answer = _password_login(client, password=WRONG)
    assert answer.headers["www-authenticate"].startswith("Bearer")


def test_a_weak_new_password_is_a_422(world, client):
    change = {
        "login_type": "mobile",
        "user_name": A1,
        "old_password": PASSWORD,
        "new_password": "123456",
    }
    world.problem(client.post("/api/v1/password-changes", json=change), 422, "password.weak")


def test_failures_ask_for_a_captcha_then_lock_the_user_name(world, client):
    """F-AUTH-7 through the domain's counters: captcha escalation, then a 429 with retry_at."""
    policy = world.hall.access.settings.lockout
    for _ in range(policy.captcha_after):
        _password_login(client, password=WRONG)
    world.problem(_password_login(client), 403, "access.captcha_required")
    assert _password_login(client, captcha=world.solve(client)).status_code == 201


def test_a_locked_user_name_is_a_429_with_retry_at_and_retry_after(world, client):
    policy = world.hall.access.settings.lockout
    answer = None
    for _ in range(policy.lock_after + 1):
        answer = _password_login(client, password=WRONG, captcha=world.solve(client))
    body = world.problem(answer, 429, "access.locked")
    assert body["retry_at"].endswith("+08:00")
    assert answer.headers["retry-after"].endswith("GMT")


def test_random_passwords_are_rate_limited_by_the_domain_not_the_web_process(world, client):
    """F-AUTH-7: a second request within a minute is a 429, even from a fresh app."""
    first = client.post("/api/v1/random-passwords", json={"user_name": A1})
    assert first.status_code == 202
    assert set(first.json()) == {"expires_at", "resend_at"}
    with world.client() as other_process:
        again = other_process.post("/api/v1/random-passwords", json={"user_name": A1})
    body = world.problem(again, 429, "code.resend_too_soon")
    assert body["retry_at"] == first.json()["resend_at"]
    world.clock.advance(timedelta(minutes=1))
    assert client.post("/api/v1/random-passwords", json={"user_name": A1}).status_code == 202


def test_one_client_asking_codes_for_many_numbers_is_limited_per_hour(world, client):
    """F-AUTH-7: the per-client quota (20 an hour by default) stops SMS flooding; unknown
    numbers count too, since the answer for them is the same."""
    limit = world.hall.access.settings.codes.client_hourly_limit
    for i in range(limit):
        answer = client.post("/api/v1/random-passwords", json={"user_name": f"186000{i:05d}"})
        assert answer.status_code == 202
    refused = client.post("/api/v1/random-passwords", json={"user_name": "18600099999"})
    body = world.problem(refused, 429, "code.client_limit")
    assert "retry-after" in refused.headers
    assert body["retry_at"].endswith("+08:00")


def test_a_random_password_session_may_not_handle_account_business(world, client):
    """F-AUTH-5: the refusal names the missing capability."""
    world.login_random(client)
    me = client.get("/api/v1/session").json()
    assert me["kind"] == "random_password"
    answer = client.put("/api/v1/session/login-email", json={"email": "zs@example.com"})
    body = world.problem(answer, 403, "access.capability_missing")
    assert body["capability"] == "account.login_email"
    assert body["credential"] == "random_password"


def test_a_service_password_session_sets_the_login_email_which_then_logs_in(world, client):
    world.login(client)
    answer = client.put("/api/v1/session/login-email", json={"email": "zs@example.com"})
    assert answer.status_code == 204
    login = {"login_type": "email", "user_name": "zs@example.com", "password": PASSWORD}
    assert client.post("/api/v1/sessions/password", json=login).status_code == 201


def test_an_email_of_another_number_is_a_409(world, client):
    world.login(client)
    client.put("/api/v1/session/login-email", json={"email": "zs@example.com"})
    with world.client() as other:
        world.login(other, B1)
        answer = other.put("/api/v1/session/login-email", json={"email": "zs@example.com"})
    world.problem(answer, 409, "access.email_taken")


def test_logout_ends_the_session_and_clears_the_cookie(world, client):
    world.login(client)
    answer = client.delete("/api/v1/session")
    assert answer.status_code == 204
    assert 'unicom_session=""' in answer.headers["set-cookie"]
    assert "Max-Age=0" in answer.headers["set-cookie"]
    world.problem(client.get("/api/v1/session"), 401, "access.not_logged_in")


def test_a_bearer_token_works_without_the_cookie(world, client):
    token = world.login(client)
    client.cookies.clear()
    world.problem(client.get("/api/v1/session"), 401, "access.not_logged_in")
    answer = client.get("/api/v1/session", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    assert answer.json()["subscriber_id"] == "s1"
    forged = client.get("/api/v1/session", headers={"Authorization": "Bearer forged"})
    world.problem(forged, 401, "access.not_logged_in")


def test_an_expired_session_is_a_401(world, client):
    world.login(client)
    world.clock.advance(timedelta(hours=13))
    body = world.problem(client.get("/api/v1/session"), 401, "access.session_expired")
    assert body["reason"] in {"idle", "absolute"}


def test_the_reset_flow_sets_a_new_password(world, client):
    sent = client.post("/api/v1/random-passwords", json={"user_name": A1, "purpose": "reset"})
    assert sent.status_code == 202
    reset = {"user_name": A1, "random_password": world.code_for(A1), "new_password": NEW}
    assert client.post("/api/v1/password-resets", json=reset).status_code == 204
    assert _password_login(client, password=NEW).status_code == 201


def test_qq_binds_logs_in_and_unbinds(world, client):
    """F-AUTH-3 with the memory provider standing in for QQ."""
    world.login(client)
    code = world.oauth.authorize(ThirdParty.QQ, "openid-zs")
    bind = {"provider": "qq", "authorization_code": code}
    assert client.put("/api/v1/session/third-party", json=bind).status_code == 204
    login = {
        "provider": "qq",
        "authorization_code": world.oauth.authorize(ThirdParty.QQ, "openid-zs"),
    }
    answer = client.post("/api/v1/sessions/third-party", json=login)
    assert answer.status_code == 201
    assert answer.json()["session"]["kind"] == "third_party"
    world.login(client)
    assert client.delete("/api/v1/session/third-party/qq").status_code == 204
    refused = {
        "provider": "qq",
        "authorization_code": world.oauth.authorize(ThirdParty.QQ, "openid-zs"),
    }
    world.problem(client.post("/api/v1/sessions/third-party", json=refused), 403, "oauth.not_bound")


def test_a_failing_sms_service_is_a_logged_503(world, client, caplog):
    world.messages.failing = True
    with caplog.at_level(logging.WARNING, logger="unicom_web"):
        answer = client.post("/api/v1/random-passwords", json={"user_name": A1})
    world.problem(answer, 503, "messaging.failed")
    assert any("messaging.failed" in record.getMessage() for record in caplog.records)
