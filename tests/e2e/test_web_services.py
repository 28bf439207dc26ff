"""My services over HTTP: ``/api/v1/services``, ``/api/v1/plans/...`` and the /services page.

The switches (F-BIZ-1, F-BIZ-5, F-BIZ-6, F-BIZ-2), the 4G upgrade status (F-BIZ-4, F-CAL-4),
the credit limit allowed (F-BIZ-7) and the shared plan group (F-BIZ-3) of a number; the
changes are business handlings, made here through ``POST /api/v1/handling/{kind}``. A
forwarding target is another person's number: always masked. The clock stands at
2026-11-26 10:00 (Beijing) until a test moves it.
"""

from __future__ import annotations

import datetime as dt
import itertools

from unicom_core.domain.handling import SharedPlan
from unicom_core.domain.shared import SHANGHAI

from .conftest import A1, A2, B1, B3G

_IDS = itertools.count(1)
WLAN_PASSWORD = "abc12345xy"  # noqa: S105 - the WLAN password a test sets
TARGET = "13012349876"  # not one of the carrier's numbers in the fixture


def _handle(client, kind: str, **params: str) -> dict:
    body = {"request_id": f"svc-web-{next(_IDS):06d}", "params": params}
    answer = client.post(f"/api/v1/handling/{kind}", json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_the_services_of_a_number_show_the_forwarding_target_masked(world, client):
    world.login(client)
    _handle(client, "call_forwarding", condition="busy", action="set", target=TARGET)
    _handle(
        client,
        "call_forwarding",
        condition="no_reply",
        action="set",
        target=TARGET,
        delay="15",
    )
    _handle(client, "roaming", service="long_distance", switch="on")
    _handle(client, "wlan", action="change", password=WLAN_PASSWORD)
    _handle(client, "switch_4g", switch="on")
    answer = client.get("/api/v1/services")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["forwardings"] == [
        {"condition": "busy", "target": "130****9876", "delay_seconds": None},
        {"condition": "no_reply", "target": "130****9876", "delay_seconds": 15},
    ]
    assert body["roaming"] == [
        {"service": "international", "on": False},
        {"service": "hk_macau_taiwan", "on": False},
        {"service": "long_distance", "on": True},
    ]
    assert body["wlan_on"] is False
    assert dt.datetime.fromisoformat(body["wlan_password_set_at"]) == dt.datetime(
        2026, 11, 26, 10, 0, tzinfo=SHANGHAI
    )
    assert body["data_4g"] is True
    assert TARGET not in answer.text
    assert WLAN_PASSWORD not in answer.text
    assert "digest" not in answer.text


def test_a_fixed_line_target_is_masked_too(world, client):
    world.login(client)
    _handle(client, "call_forwarding", condition="busy", action="set", target="82345678")
    assert client.get("/api/v1/services").json()["forwardings"][0]["target"] == "82****78"


def test_a_number_that_never_switched_anything_has_everything_off(world, client):
    world.login(client)
    body = client.get("/api/v1/services").json()
    assert body["forwardings"] == []
    assert not any(r["on"] for r in body["roaming"])
    assert (body["wlan_on"], body["wlan_password_set_at"], body["data_4g"]) == (False, None, False)


def test_the_upgrade_status_follows_the_upgrade_and_its_windows(world, client):
    """F-BIZ-4, F-CAL-4: pending until the 1st; then payments open at 08:00 on the 2nd and
    charge and usage queries at 08:00 on the 4th (the calendar's default settings)."""
    world.login(client, B3G)
    before = client.get("/api/v1/plans/upgrade-status").json()
    assert (before["state"], before["generation"], before["record_id"]) == (
        "not_upgraded",
        "3g",
        None,
    )
    record = _handle(client, "upgrade_4g", plan="4g-national-76")
    pending = client.get("/api/v1/plans/upgrade-status").json()
    assert pending["state"] == "pending"
    assert (pending["record_id"], pending["record_status"]) == (record["id"], "pending")
    december = dt.datetime(2026, 12, 1, tzinfo=SHANGHAI)
    assert dt.datetime.fromisoformat(pending["effective_from"]) == december
    assert pending["effective_cycle"] == "2026-12"
    assert pending["payment_opens"] is None  # November: nothing is held back yet
    world.clock.set(dt.datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI))
    world.hall.handling.apply_due()
    world.login(client, B3G)
    done = client.get("/api/v1/plans/upgrade-status").json()
    assert (done["state"], done["generation"], done["plan_code"]) == (
        "upgraded",
        "4g",
        "4g-national-76",
    )
    assert dt.datetime.fromisoformat(done["payment_opens"]) == dt.datetime(
        2026, 12, 2, 8, 0, tzinfo=SHANGHAI
    )
    assert dt.datetime.fromisoformat(done["query_opens"]) == dt.datetime(
        2026, 12, 4, 8, 0, tzinfo=SHANGHAI
    )


def test_the_credit_limit_allowed_and_why(world, client):
    """F-BIZ-7: 李四 joined in March 2012 (176 months), no late bill: the 500元 band, kept whole."""
    world.login(client, B1)
    body = client.get("/api/v1/plans/credit-limit").json()
    assert body["current"]["fen"] == 10_000
    assert body["allowed"]["fen"] == 50_000
    assert (body["network_age_months"], body["late_bills"], body["window_months"]) == (176, 0, 12)


def test_the_shared_plan_group_shows_its_numbers_masked(world, client):
    """F-BIZ-3: the primary sees its group; a number that is no primary sees none."""
    with world.hall.storage.transaction() as tx:
        tx.shared_plans.add(SharedPlan("group-1", "4g-shared-156", "s1", ("s2",)))
    world.login(client, A1)
    body = client.get("/api/v1/plans/shared-plan").json()
    assert body == {
        "group": {
            "plan_code": "4g-shared-156",
            "primary": "186****5678",
            "members": ["186****0001"],
        }
    }
    world.login(client, B1)
    assert client.get("/api/v1/plans/shared-plan").json() == {"group": None}


def test_another_number_of_the_same_customer_may_be_read(world, client):
    world.login(client, A1)
    answer = client.get("/api/v1/services", params={"number": A2})
    assert answer.status_code == 200, answer.text


def test_another_customers_number_is_not_found(world, client):
    """F-AUTH-6: 李四's number read from 张三's session is 404, as an unknown one."""
    world.login(client, A1)
    for path in (
        "/api/v1/services",
        "/api/v1/plans/upgrade-status",
        "/api/v1/plans/credit-limit",
        "/api/v1/plans/shared-plan",
    ):
        answer = client.get(path, params={"number": B1})
        assert answer.status_code == 404, (path, answer.text)
        unknown = client.get(path, params={"number": "18600000000"})
        assert unknown.json()["code"] == answer.json()["code"]


def test_a_random_password_session_sees_the_services_not_the_plan_reads(world, client):
    """F-AUTH-5: ``query.profile`` yes, ``query.business_records`` no."""
    world.login_random(client)
    assert client.get("/api/v1/services").status_code == 200
    for path in ("/upgrade-status", "/credit-limit", "/shared-plan"):
        world.problem(client.get(f"/api/v1/plans{path}"), 403, "access.capability_missing")
    page = client.get("/services")
    assert page.status_code == 200
    assert 'data-testid="plans-refused"' in page.text
    assert 'id="services-credit"' not in page.text


def test_logged_out_is_401_and_the_page_sends_to_the_login(client, world):
    for path in ("/api/v1/services", "/api/v1/plans/credit-limit"):
        world.problem(client.get(path), 401, "access.not_logged_in")
    page = client.get("/services", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"].startswith("/login?next=")


def test_a_malformed_number_is_a_problem_not_a_crash(world, client):
    world.login(client)
    answer = client.get("/api/v1/services", params={"number": "12\x00ab"})
    assert 400 <= answer.status_code < 500, answer.text


def test_the_page_shows_the_switches_and_links_to_the_handlings(world, client):
    world.login(client)
    _handle(client, "call_forwarding", condition="busy", action="set", target=TARGET)
    _handle(client, "wlan", action="on")
    page = client.get("/services")
    assert page.status_code == 200
    html = page.text
    assert "转至 130****9876" in html
    assert TARGET not in html
    assert 'data-testid="forwarding-unconditional">未设置<' in html
    assert 'data-testid="wlan">已开通<' in html
    assert 'data-testid="credit-current">¥0.00<' in html
    assert 'data-testid="shared-none"' in html
    for kind in ("call_forwarding", "roaming", "wlan", "switch_4g", "credit_limit"):
        assert f'href="/handling/{kind}"' in html
    assert 'href="/services"' in html  # the menu links the page


def test_the_page_shows_a_pending_upgrade_with_its_date_and_record(world, client):
    world.login(client, B3G)
    assert 'href="/handling/upgrade_4g"' in client.get("/services").text
    record = _handle(client, "upgrade_4g", plan="4g-national-combo", packs="data-1gb")
    html = client.get("/services").text
    assert 'data-testid="upgrade-state">待生效' in html
    assert 'data-testid="upgrade-effective">2026-12-01 00:00<' in html
    assert f'href="/handling/records/{record["id"]}"' in html
    assert 'href="/handling/upgrade_4g"' not in html


def test_the_page_in_english(world, client):
    world.login(client)
    html = client.get("/services", params={"lang": "en"}).text
    assert "My services" in html
    assert "Call forwarding" in html
    assert "Not set" in html
    # the plan by its English name (the catalogue's ``names``), not its Chinese one
    assert 'data-testid="upgrade-plan">4G National Combination Plan' in html
    assert "4G全国组合套餐" not in html
    chinese = client.get("/services", params={"lang": "zh"}).text
    assert 'data-testid="upgrade-plan">4G全国组合套餐' in chinese


def test_the_forms_open_on_the_current_state_and_speak_english(world, client):
    """The generic form opens on ``hall.handling.current``; English pages name the fields."""
    world.login(client)
    _handle(client, "switch_4g", switch="on")
    form = client.get("/handling/switch_4g").text
    assert 'value="on" checked' in form
    english = client.get("/handling/call_forwarding", params={"lang": "en"}).text
    assert "Condition" in english
    assert "When busy" in english
    upgrade = client.get("/handling/upgrade_4g").text
    assert 'value="4g-national-combo"' in upgrade
    assert "4G全国组合套餐" in upgrade


def test_the_openapi_document_describes_the_reads(client):
    paths = client.get("/schema/openapi.json").json()["paths"]
    for path in (
        "/api/v1/services",
        "/api/v1/plans/upgrade-status",
        "/api/v1/plans/credit-limit",
        "/api/v1/plans/shared-plan",
    ):
        assert set(paths[path]) == {"get"}, path
    assert "/services" not in paths
