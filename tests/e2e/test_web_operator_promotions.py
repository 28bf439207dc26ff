"""The operators' promotions API and console over HTTP (F-PRO-1, F-PRO-4, F-PRO-5, F-AUTH-6).

An operator client with scope ``promotions.manage`` defines, publishes and ends campaigns,
runs the entitlement job and a prize draw with a Bearer token; each change is in the audit
log under its client id. Without the scope it gets 403 ``insufficient_scope`` and changes
nothing; without a token 401. The metrics need ``metrics.read``; the console's login keeps
the token in an HttpOnly, SameSite=Strict cookie, posted with the CSRF token.
"""

from __future__ import annotations

import pytest

from unicom_core.domain.promotions import commitment_of

CAMPAIGNS = "/api/v1/operator/campaigns"
DRAWS = "/api/v1/operator/draws"
CODE = "winter-app"
SEED = "5eed" * 12
TOML = f"""
[[campaign]]
code = "{CODE}"
name = "冬季手厅节"
starts = 2026-11-01T00:00:00
ends = 2026-12-01T00:00:00
channels = ["online_hall", "mobile_hall"]
quota = 7
[[campaign.top_up_discount]]
rate = "10%"
channel = "mobile_hall"
"""


def _bearer(world, *scopes: str) -> tuple[str, dict[str, str]]:
    new = world.hall.access.add_client("campaign desk", list(scopes))
    issued = world.hall.access.issue_client_token(new.client.id, new.secret)
    return new.client.id, {"authorization": f"Bearer {issued.access_token}"}


@pytest.fixture
def manager(world):
    return _bearer(world, "promotions.manage")


_SETUP = frozenset({"client.added", "token.issued"})


def _actions(world, client_id: str) -> list[str]:
    """The client's audited changes besides its setup, sorted (one instant: no order)."""
    entries = world.hall.access.audit(client_id=client_id).items
    return sorted(entry.action for entry in entries if entry.action not in _SETUP)


def _offered(world, client) -> list[str]:
    world.login(client)
    answer = client.get("/api/v1/promotions/offers")
    assert answer.status_code == 200, answer.text
    client.cookies.clear()
    return [offer["code"] for offer in answer.json()]


def test_f_pro_1_define_publish_end_with_a_manager_token_each_audited(world, client, manager):
    client_id, headers = manager
    answer = client.post(CAMPAIGNS, json={"toml": TOML}, headers=headers)
    assert answer.status_code == 201, answer.text
    assert answer.json()["code"] == CODE
    assert answer.json()["state"] == "draft"
    assert CODE not in _offered(world, client)  # a DRAFT is offered to nobody
    published = client.post(f"{CAMPAIGNS}/{CODE}/publish", headers=headers)
    assert published.status_code == 200, published.text
    assert published.json()["state"] == "published"
    assert CODE in _offered(world, client)
    shown = client.get(f"{CAMPAIGNS}/{CODE}", headers=headers).json()
    assert (shown["participations"], shown["quota_left"]) == (0, 7)
    listed = client.get(CAMPAIGNS, headers=headers).json()
    assert [c["code"] for c in listed] == [CODE]
    assert client.post(f"{CAMPAIGNS}/{CODE}/end", headers=headers).json()["state"] == "ended"
    assert CODE not in _offered(world, client)
    assert _actions(world, client_id) == [
        "campaign.defined",
        "campaign.ended",
        "campaign.published",
    ]
    for entry in world.hall.access.audit(client_id=client_id).items:
        if entry.action.startswith("campaign."):
            assert entry.parameters == {"code": CODE}


def test_f_auth_6_without_the_scope_403_insufficient_scope_and_nothing_changes(world, client):
    client_id, headers = _bearer(world, "audit.read")
    answer = client.post(CAMPAIGNS, json={"toml": TOML}, headers=headers)
    world.problem(answer, 403, "operator.scope_missing")
    assert 'error="insufficient_scope"' in answer.headers["www-authenticate"]
    assert world.hall.promotions.campaigns() == ()
    assert _actions(world, client_id) == []


def test_f_auth_6_without_a_token_401_and_a_dead_token_invalid_token(world, client, manager):
    answer = client.post(CAMPAIGNS, json={"toml": TOML})
    world.problem(answer, 401, "access.not_logged_in")
    assert answer.headers["www-authenticate"].startswith("Bearer")
    dead = client.get(CAMPAIGNS, headers={"authorization": "Bearer op_not-a-live-token"})
    world.problem(dead, 401, "operator.token_invalid")
    assert 'error="invalid_token"' in dead.headers["www-authenticate"]
    world.hall.access.disable_client(manager[0])
    world.problem(client.get(CAMPAIGNS, headers=manager[1]), 401, "operator.token_invalid")


def test_f_auth_6_no_cookie_authorizes_the_operator_api(world, client, manager):
    token = manager[1]["authorization"].removeprefix("Bearer ")
    client.cookies.set(world.settings.operator_cookie, token)
    world.problem(client.get(CAMPAIGNS), 401, "access.not_logged_in")
    client.cookies.clear()
    world.login(client)  # a subscriber's session, by cookie and by Bearer
    world.problem(client.get(CAMPAIGNS), 401, "access.not_logged_in")
    session = world.login(client)
    answer = client.get(CAMPAIGNS, headers={"authorization": f"Bearer {session}"})
    world.problem(answer, 403, "access.capability_missing")


def test_f_pro_1_one_campaign_a_request_and_a_bad_file_is_422(world, client, manager):
    twice = TOML + TOML.replace(CODE, "other-app")
    world.problem(
        client.post(CAMPAIGNS, json={"toml": twice}, headers=manager[1]), 422, "promotion.toml"
    )
    bad = client.post(CAMPAIGNS, json={"toml": "[[campaign]]\ncode = 1"}, headers=manager[1])
    assert bad.status_code == 422
    assert world.hall.promotions.campaigns() == ()
    assert _actions(world, manager[0]) == []


def test_f_pro_1_a_refused_transition_is_not_audited(world, client, manager):
    client.post(CAMPAIGNS, json={"toml": TOML}, headers=manager[1])
    client.post(f"{CAMPAIGNS}/{CODE}/end", headers=manager[1])
    again = client.post(f"{CAMPAIGNS}/{CODE}/publish", headers=manager[1])
    world.problem(again, 409, "promotion.transition")
    world.problem(
        client.get(f"{CAMPAIGNS}/nope", headers=manager[1]), 404, "promotion.unknown_campaign"
    )
    assert _actions(world, manager[0]) == ["campaign.defined", "campaign.ended"]


def test_f_pro_3_the_entitlement_job_runs_over_http(client, manager):
    answer = client.post("/api/v1/operator/entitlements/issue?limit=10", headers=manager[1])
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"issued": 0, "failed": 0}


def test_f_pro_4_a_draw_over_http_audits_each_step_never_the_seed(world, client, manager):
    client_id, headers = manager
    opened = client.post(
        DRAWS, json={"code": "ipad", "prize": "iPad", "winners": 1}, headers=headers
    )
    assert opened.status_code == 201, opened.text
    commitment = commitment_of(SEED)
    committed = client.post(
        f"{DRAWS}/ipad/commit", json={"commitment": commitment}, headers=headers
    )
    assert committed.json()["commitment"] == commitment
    assert client.post(f"{DRAWS}/ipad/close", headers=headers).json()["state"] == "closed"
    wrong = client.post(f"{DRAWS}/ipad/reveal", json={"seed": "0" * 48}, headers=headers)
    assert wrong.status_code == 403
    revealed = client.post(f"{DRAWS}/ipad/reveal", json={"seed": SEED}, headers=headers)
    assert revealed.status_code == 200, revealed.text
    assert revealed.json()["seed"] == SEED  # the draw publishes it, the audit log does not
    assert _actions(world, client_id) == [
        "draw.closed",
        "draw.committed",
        "draw.opened",
        "draw.revealed",
    ]
    for entry in world.hall.access.audit(client_id=client_id).items:
        assert SEED not in entry.parameters.values()


def test_f_pro_5_metrics_report_401_403_200(world, client):
    path = "/api/v1/operator/metrics/spring"
    world.problem(client.get(path), 401, "access.not_logged_in")
    _, manage_only = _bearer(world, "promotions.manage")
    refused = client.get(path, headers=manage_only)
    world.problem(refused, 403, "operator.scope_missing")
    assert 'scope="metrics.read"' in refused.headers["www-authenticate"]
    world.problem(client.get("/metrics", headers=manage_only), 403, "operator.scope_missing")
    _, reader = _bearer(world, "metrics.read")
    assert client.get(path, headers=reader).status_code == 200
    assert client.get("/metrics", headers=reader).status_code == 404  # no exporter wired
    assert client.get("/operator/metrics", headers=reader).status_code == 200


def _login_page(client, target: str = "/operator/metrics?campaign=spring") -> str:
    page = client.get(f"/operator/login?next={target}")
    assert page.status_code == 200
    return page.text


def test_f_auth_6_console_login_cookie_then_logout(world):
    new = world.hall.access.add_client("console", ["metrics.read"])
    with world.client(base_url="https://testserver.local") as client:
        first = client.get("/operator/metrics", follow_redirects=False)
        assert first.status_code == 303
        assert first.headers["location"] == "/operator/login?next=%2Foperator%2Fmetrics"
        form = {
            "_csrf_token": world.csrf_token(_login_page(client)),
            "client_id": new.client.id,
            "client_secret": new.secret,
            "next": "/operator/metrics?campaign=spring",
        }
        answer = client.post("/operator/login", data=form, follow_redirects=False)
        assert answer.status_code == 303, answer.text
        assert answer.headers["location"] == "/operator/metrics?campaign=spring"
        (cookie,) = [c for c in answer.headers.get_list("set-cookie") if "unicom_operator=" in c]
        flags = {part.strip().lower() for part in cookie.split(";")}
        assert {"httponly", "samesite=strict", "secure", "path=/", "max-age=3600"} <= flags
        assert client.get("/operator/metrics?campaign=spring").status_code == 200
        page = client.get("/operator/metrics").text
        out = client.post(
            "/operator/logout", data={"_csrf_token": world.csrf_token(page)}, follow_redirects=False
        )
        assert out.status_code == 303
        assert "unicom_operator=" not in "; ".join(f"{k}={v}" for k, v in client.cookies.items())
        again = client.get("/operator/metrics", follow_redirects=False)
        assert again.status_code == 303


def test_f_auth_6_console_login_refuses_a_wrong_secret_and_needs_csrf(world):
    new = world.hall.access.add_client("console", ["metrics.read"])
    with world.client() as client:
        form = {"client_id": new.client.id, "client_secret": new.secret}
        no_csrf = client.post("/operator/login", data=form, follow_redirects=False)
        assert no_csrf.status_code == 403
        assert "unicom_operator" not in no_csrf.headers.get("set-cookie", "")
        token = world.csrf_token(_login_page(client))
        wrong = {**form, "client_secret": "wrong", "_csrf_token": token}
        refused = client.post("/operator/login", data=wrong, follow_redirects=False)
        assert refused.status_code == 401
        assert "unicom_operator" not in refused.headers.get("set-cookie", "")
        assert "客户端认证失败" in refused.text
        not_secure = client.post(
            "/operator/login", data={**form, "_csrf_token": token}, follow_redirects=False
        )
        (cookie,) = [
            c for c in not_secure.headers.get_list("set-cookie") if "unicom_operator=" in c
        ]
        assert "secure" not in {part.strip().lower() for part in cookie.split(";")}  # over http


def test_f_auth_6_console_login_goes_only_to_a_local_page(world):
    new = world.hall.access.add_client("console", ["metrics.read"])
    with world.client() as client:
        token = world.csrf_token(_login_page(client))
        form = {"_csrf_token": token, "client_id": new.client.id, "client_secret": new.secret}
        answer = client.post(
            "/operator/login",
            data={**form, "next": "https://evil.example/"},
            follow_redirects=False,
        )
        assert answer.headers["location"] == "/operator/metrics"


def test_a_console_token_without_metrics_read_sees_403_not_a_login_loop(world):
    _, headers = _bearer(world, "promotions.manage")
    with world.client() as client:
        page = client.get("/operator/metrics", headers=headers, follow_redirects=False)
    assert page.status_code == 403


def test_the_operator_routes_are_in_the_openapi_document(client):
    paths = client.get("/schema/openapi.json").json()["paths"]
    for path in (
        CAMPAIGNS,
        f"{CAMPAIGNS}/{{code}}",
        f"{CAMPAIGNS}/{{code}}/publish",
        f"{CAMPAIGNS}/{{code}}/end",
        "/api/v1/operator/entitlements/issue",
        DRAWS,
        f"{DRAWS}/{{code}}/commit",
        f"{DRAWS}/{{code}}/close",
        f"{DRAWS}/{{code}}/reveal",
    ):
        assert path in paths, path
