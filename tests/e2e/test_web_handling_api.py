"""The JSON API of business handling, over HTTP (F-BIZ-3, F-QRY-5, F-QRY-6, F-AUTH-5, F-AUTH-6).

张三's first number holds the 8元100MB data pack and the 32元200-minute voice pack of the 4G
combination plan since May; the clock stands at 2026-11-26 10:00 (Beijing), 5 days before
the end of November's 30.
"""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core.domain.shared import SHANGHAI

A1, B1 = "18612345678", "18687654321"  # 张三's first number, 李四's
MAY = dt.datetime(2026, 5, 1, tzinfo=SHANGHAI)
HELD = "data-100mb,voice-200min"
ADD_SMS = "data-100mb,voice-200min,sms-200"


@pytest.fixture
def holder(world, client):
    """张三's first number with its packs, logged in by cookie."""
    for pack in HELD.split(","):
        world.hall.billing.hold_pack("s1", pack, starts=MAY)
    world.login(client, A1)
    return client


def _handle(client, packs: str, request_id: str):
    return client.post(
        "/api/v1/handling/bundle", json={"params": {"packs": packs}, "request_id": request_id}
    )


def test_the_kinds_are_listed_with_their_fields(holder):
    kinds = holder.get("/api/v1/handling").json()
    bundle = next(kind for kind in kinds if kind["kind"] == "bundle")
    assert bundle["title"] == "4G组合套餐变更"
    assert bundle["group"] == "plan"
    assert [field["name"] for field in bundle["fields"]] == ["packs"]


def test_a_preview_says_what_changes_and_when_and_changes_nothing(world, holder):
    answer = holder.post("/api/v1/handling/bundle/preview", json={"params": {"packs": ADD_SMS}})
    assert answer.status_code == 200, answer.text
    preview = answer.json()
    assert preview["effect"] == "now"
    assert dt.datetime.fromisoformat(preview["effective_from"]) == world.clock.now()
    # F-CAL-5: the 10元 SMS pack for the 5 days left of November's 30: 10 * 5 / 30 = 1.67元.
    assert preview["fee"]["fen"] == 167
    assert preview["terms"]
    assert holder.get("/api/v1/handling/records").json()["total"] == 0


def test_adding_a_pack_is_done_and_the_same_request_again_is_the_same_record(holder):
    first = _handle(holder, ADD_SMS, "api-request-0001")
    assert first.status_code == 201, first.text
    record = first.json()
    assert record["status"] == "done"
    assert record["number"] == "186****5678"
    assert record["cancellable"] is False
    assert "requested_by" not in record
    assert "request_digest" not in record
    again = _handle(holder, ADD_SMS, "api-request-0001")
    assert again.json()["id"] == record["id"]
    assert holder.get("/api/v1/handling/records").json()["total"] == 1


def test_a_reused_request_id_with_other_values_is_a_conflict(world, holder):
    assert _handle(holder, ADD_SMS, "api-request-0002").status_code == 201
    world.problem(_handle(holder, "data-300mb", "api-request-0002"), 409, "handling.request_reused")


def test_a_removal_waits_for_the_next_cycle_and_can_be_cancelled(world, holder):
    answer = _handle(holder, "data-100mb", "api-request-0003")
    record = answer.json()
    assert record["status"] == "pending"
    assert record["effect"] == "next_cycle"
    assert dt.datetime.fromisoformat(record["effective_from"]) == dt.datetime(
        2026, 12, 1, tzinfo=SHANGHAI
    )
    assert record["cancellable"] is True
    cancelled = holder.post(f"/api/v1/handling/records/{record['id']}/cancel")
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    again = holder.post(f"/api/v1/handling/records/{record['id']}/cancel")
    world.problem(again, 403, "handling.not_pending")


def test_the_records_page_through_and_filter_by_kind(holder):
    _handle(holder, ADD_SMS, "api-request-0004")
    page = holder.get("/api/v1/handling/records", params={"limit": 1}).json()
    assert page["total"] == 1
    assert page["items"][0]["kind"] == "bundle"
    other = holder.get("/api/v1/handling/records", params={"kind": "call_forwarding"}).json()
    assert other["total"] == 0


def test_the_acceptance_form_downloads_as_html_and_pdf_is_refused_without_a_renderer(world, holder):
    record = _handle(holder, ADD_SMS, "api-request-0005").json()
    form = holder.get(f"/api/v1/handling/records/{record['id']}/form")
    assert form.status_code == 200, form.text
    assert form.headers["content-type"].startswith("text/html")
    assert form.headers["content-disposition"].startswith("attachment;")
    assert "4G组合套餐变更" in form.text
    assert "186****5678" in form.text
    again = holder.get(f"/api/v1/handling/records/{record['id']}/form", params={"format": "html"})
    assert again.content == form.content
    # The memory document port renders HTML only: PDF is refused, never answered as HTML.
    pdf = holder.get(f"/api/v1/handling/records/{record['id']}/form", params={"format": "pdf"})
    world.problem(pdf, 403, "document.media_type")
    by_accept = holder.get(
        f"/api/v1/handling/records/{record['id']}/form", headers={"Accept": "application/pdf"}
    )
    world.problem(by_accept, 403, "document.media_type")


def test_another_customers_record_is_not_found(world, holder):
    """F-AUTH-6: 李四 cannot read, cancel or download 张三's record."""
    record = _handle(holder, "data-100mb", "api-request-0006").json()
    with world.client() as other:
        world.login(other, B1)
        for answer in (
            other.get(f"/api/v1/handling/records/{record['id']}"),
            other.post(f"/api/v1/handling/records/{record['id']}/cancel"),
            other.get(f"/api/v1/handling/records/{record['id']}/form"),
        ):
            world.problem(answer, 404, "handling.unknown_record")
    assert holder.get(f"/api/v1/handling/records/{record['id']}").json()["status"] == "pending"


def test_a_random_password_session_may_list_the_kinds_but_not_handle(world, client):
    """F-AUTH-5: no business handling with a random password, not even a preview."""
    world.login_random(client, A1)
    assert client.get("/api/v1/handling").status_code == 200
    records = client.get("/api/v1/handling/records")
    world.problem(records, 403, "access.capability_missing")
    body = {"params": {"packs": ADD_SMS}}
    world.problem(
        client.post("/api/v1/handling/bundle/preview", json=body), 403, "access.capability_missing"
    )
    world.problem(_handle(client, ADD_SMS, "api-request-0007"), 403, "access.capability_missing")


def test_a_value_of_no_field_and_an_unknown_kind_are_refused(world, holder):
    body = {"params": {"packs": ADD_SMS, "price": "0"}, "request_id": "api-request-0008"}
    answer = holder.post("/api/v1/handling/bundle", json=body)
    assert world.problem(answer, 422, "handling.parameter")["field"] == "price"
    world.problem(
        holder.post("/api/v1/handling/teleport/preview", json={"params": {}}), 404, "handling.kind"
    )
    assert holder.get("/api/v1/handling/records").json()["total"] == 0


def test_the_cross_site_and_media_type_guard_applies(world, holder):
    """A cookie-authenticated change from another origin is 403; a form post is 415."""
    cross = holder.post(
        "/api/v1/handling/bundle",
        json={"params": {"packs": ADD_SMS}, "request_id": "api-request-0009"},
        headers={"Origin": "https://evil.example"},
    )
    world.problem(cross, 403, "request.cross_origin")
    form = holder.post(
        "/api/v1/handling/bundle", data={"params": ADD_SMS, "request_id": "api-request-0010"}
    )
    world.problem(form, 415, "request.media_type")
    assert holder.get("/api/v1/handling/records").json()["total"] == 0


def test_logged_out_is_401(world, client):
    world.problem(client.get("/api/v1/handling"), 401, "access.not_logged_in")
    world.problem(client.get("/api/v1/handling/records"), 401, "access.not_logged_in")


def test_the_openapi_document_describes_every_handling_operation(client):
    paths = client.get("/schema/openapi.json").json()["paths"]
    assert set(paths["/api/v1/handling/{kind}"]) == {"post"}
    assert set(paths["/api/v1/handling/{kind}/preview"]) == {"post"}
    assert set(paths["/api/v1/handling/records/{record_id}/cancel"]) == {"post"}
    for path in ("/api/v1/handling", "/api/v1/handling/records/{record_id}"):
        assert "get" in paths[path]
    form = paths["/api/v1/handling/records/{record_id}/form"]["get"]
    assert set(form["responses"]["200"]["content"]) == {"text/html", "application/pdf"}
    assert not [path for path in paths if path.startswith("/handling")]  # the pages stay out
