"""F-AUTH-6: operator clients over HTTP: the token endpoint, Bearer tokens on TMF paths, audit.

The token endpoint answers exactly as RFC 6749 §5.1/§5.2 say; TM Forum lists show the whole
carrier to an operator with scope ``tmf.read`` and answer 403 ``insufficient_scope``
(RFC 6750 §3.1) without it; a subscriber session still sees only its own.
"""

from __future__ import annotations

import base64
import datetime as dt

import pytest

BILLS = "/tmf-api/customerBillManagement/v4/customerBill"
BALANCES = "/tmf-api/prepayBalanceManagement/v4/accumulatedBalance"
TOKEN = "/oauth/token"  # noqa: S105 - a path
FORM = {"content-type": "application/x-www-form-urlencoded"}


def _basic(client_id: str, secret: str) -> dict[str, str]:
    raw = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {**FORM, "authorization": f"Basic {raw}"}


@pytest.fixture
def billing_system(world):
    return world.hall.access.add_client("billing system", ["tmf.read", "audit.read"])


def _token(client, new, scope: str | None = None) -> dict:
    body = {"grant_type": "client_credentials"}
    if scope is not None:
        body["scope"] = scope
    answer = client.post(TOKEN, data=body, headers=_basic(new.client.id, new.secret))
    assert answer.status_code == 200, answer.text
    return answer.json()


def _rfc_error(answer, status: int, error: str) -> dict:
    assert answer.status_code == status, answer.text
    assert answer.headers["cache-control"] == "no-store"
    body = answer.json()
    assert body["error"] == error
    assert set(body) <= {"error", "error_description", "error_uri"}
    return body


def test_f_auth_6_client_secret_basic_issues_a_bearer_token(client, billing_system):
    answer = client.post(
        TOKEN,
        data={"grant_type": "client_credentials"},
        headers=_basic(billing_system.client.id, billing_system.secret),
    )
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    body = answer.json()
    assert body["token_type"] == "Bearer"  # noqa: S105 - RFC 6750's type
    assert body["expires_in"] == 3600  # the default lifetime: one hour
    assert body["scope"] == "audit.read tmf.read"
    assert body["access_token"].startswith("op_")


def test_f_auth_6_client_secret_post_and_a_narrower_scope(client, billing_system):
    answer = client.post(
        TOKEN,
        data={
            "grant_type": "client_credentials",
            "client_id": billing_system.client.id,
            "client_secret": billing_system.secret,
            "scope": "tmf.read",
        },
        headers=FORM,
    )
    assert answer.status_code == 200
    assert answer.json()["scope"] == "tmf.read"


def test_f_auth_6_rfc_6749_error_answers(client, billing_system):
    new = billing_system
    wrong = client.post(
        TOKEN, data={"grant_type": "client_credentials"}, headers=_basic(new.client.id, "nope")
    )
    _rfc_error(wrong, 401, "invalid_client")
    assert wrong.headers["www-authenticate"].startswith("Basic")
    unknown = client.post(
        TOKEN, data={"grant_type": "client_credentials"}, headers=_basic("op-none", "x")
    )
    assert _rfc_error(unknown, 401, "invalid_client") == wrong.json()
    no_auth = client.post(TOKEN, data={"grant_type": "client_credentials"}, headers=FORM)
    _rfc_error(no_auth, 401, "invalid_client")
    grant = client.post(
        TOKEN, data={"grant_type": "password"}, headers=_basic(new.client.id, new.secret)
    )
    _rfc_error(grant, 400, "unsupported_grant_type")
    missing = client.post(TOKEN, data={}, headers=_basic(new.client.id, new.secret))
    _rfc_error(missing, 400, "invalid_request")
    json_body = client.post(
        TOKEN, json={"grant_type": "client_credentials"}, headers={"authorization": "Basic x"}
    )
    _rfc_error(json_body, 400, "invalid_request")
    both = client.post(
        TOKEN,
        data={"grant_type": "client_credentials", "client_id": new.client.id, "client_secret": "s"},
        headers=_basic(new.client.id, new.secret),
    )
    _rfc_error(both, 400, "invalid_request")
    scope = client.post(
        TOKEN,
        data={"grant_type": "client_credentials", "scope": "billing.run"},
        headers=_basic(new.client.id, new.secret),
    )
    _rfc_error(scope, 400, "invalid_scope")


def test_f_auth_6_failures_are_rate_limited_per_client_id(client, billing_system):
    new = billing_system
    for _ in range(5):  # the lock-out policy locks after 5 failures (F-AUTH-7)
        answer = client.post(
            TOKEN, data={"grant_type": "client_credentials"}, headers=_basic(new.client.id, "x")
        )
        _rfc_error(answer, 401, "invalid_client")
    locked = client.post(
        TOKEN,
        data={"grant_type": "client_credentials"},
        headers=_basic(new.client.id, new.secret),
    )
    _rfc_error(locked, 429, "invalid_client")
    assert "retry-after" in locked.headers


def test_f_auth_6_tmf_read_lists_the_whole_carrier(world, client, billing_system):
    world.bill_history()
    token = _token(client, billing_system)["access_token"]
    answer = client.get(BILLS, headers={"authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    accounts = {bill["billingAccount"]["id"] for bill in answer.json()}
    assert accounts == {"aa", "ab"}  # both customers' accounts, not one subscriber's
    assert answer.headers["x-total-count"] == "10"  # 5 months of bills for each account
    other = client.get(f"{BILLS}/ab:2026-09", headers={"authorization": f"Bearer {token}"})
    assert other.status_code == 200
    balances = client.get(BALANCES, headers={"authorization": f"Bearer {token}"})
    assert balances.status_code == 200, balances.text
    assert {b["id"] for b in balances.json()} == {"aa", "ab"}


def test_f_auth_6_a_subscriber_still_sees_only_its_own(world, client):
    world.bill_history()
    world.login(client)
    answer = client.get(BILLS)
    assert {bill["billingAccount"]["id"] for bill in answer.json()} == {"aa"}
    assert client.get(f"{BILLS}/ab:2026-09").status_code == 404
    assert client.get("/operator/audit").status_code == 403


def test_f_auth_6_without_the_scope_403_insufficient_scope(world, client):
    new = world.hall.access.add_client("mediation", ["audit.read"])
    token = _token(client, new)["access_token"]
    answer = client.get(BILLS, headers={"authorization": f"Bearer {token}"})
    assert answer.status_code == 403
    assert 'error="insufficient_scope"' in answer.headers["www-authenticate"]
    assert 'scope="tmf.read"' in answer.headers["www-authenticate"]


def test_f_auth_6_expired_token_and_disabled_client_are_invalid_tokens(world, billing_system):
    with world.client() as client:
        token = _token(client, billing_system)["access_token"]
        bearer = {"authorization": f"Bearer {token}"}
        assert client.get(BILLS, headers=bearer).status_code == 200
        world.clock.advance(dt.timedelta(hours=1))
        expired = client.get(BILLS, headers=bearer)
        assert expired.status_code == 401
        assert 'error="invalid_token"' in expired.headers["www-authenticate"]
        fresh = {"authorization": f"Bearer {_token(client, billing_system)['access_token']}"}
        assert client.get(BILLS, headers=fresh).status_code == 200
        world.hall.access.disable_client(billing_system.client.id)
        assert client.get(BILLS, headers=fresh).status_code == 401
        again = client.post(
            TOKEN,
            data={"grant_type": "client_credentials"},
            headers=_basic(billing_system.client.id, billing_system.secret),
        )
        _rfc_error(again, 401, "invalid_client")


def test_f_auth_6_operator_audit_lists_the_actions(client, billing_system):
    token = _token(client, billing_system)["access_token"]
    answer = client.get(
        "/operator/audit",
        params={"client_id": billing_system.client.id},
        headers={"authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200, answer.text
    actions = {item["action"] for item in answer.json()["items"]}
    assert actions == {"client.added", "token.issued"}
    assert all(billing_system.secret not in str(item) for item in answer.json()["items"])
    bad = client.get(
        "/operator/audit",
        params={"since": "yesterday"},
        headers={"authorization": f"Bearer {token}"},
    )
    assert bad.status_code == 422
