"""The business-handling pages over HTTP: form, confirmation, record, form download (F-BIZ-3).

The same generic pages serve every kind; the bundle change walks them here. The clock stands
at 2026-11-26 10:00 (Beijing); 张三's first number holds the 8元100MB data pack and the
32元200-minute voice pack since May (F-BUN, F-QRY-5, F-QRY-6, F-AUTH-5, F-AUTH-6).
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote

import pytest

from unicom_core.domain.shared import SHANGHAI
from unicom_core.ports.shared import PageRequest

A1, B1 = "18612345678", "18687654321"  # 张三's first number, 李四's
MAY = dt.datetime(2026, 5, 1, tzinfo=SHANGHAI)
ADD_SMS = {"data": "data-100mb", "voice": "voice-200min", "sms": "sms-200", "value_added": ""}


@pytest.fixture
def holder(world, client):
    """张三's first number with its packs, logged in by cookie."""
    for pack in ("data-100mb", "voice-200min"):
        world.hall.billing.hold_pack("s1", pack, starts=MAY)
    world.login(client, A1)
    return client


def _hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found is not None, f"no hidden {name}"
    return found.group(1)


def _records(world) -> int:
    """How many business records 张三's first number has, read from the storage."""
    with world.hall.storage.transaction() as tx:
        return tx.business_records.list_by_subscriber("s1", PageRequest(0, 50)).total


def _confirm(world, client, values: dict[str, str]):
    form = client.get("/handling/bundle")
    token = world.csrf_token(form.text)
    return client.post("/handling/bundle/confirm", data={"_csrf_token": token, **values})


def test_the_index_groups_the_kinds_and_the_nav_links_them(holder):
    page = holder.get("/handling")
    assert page.status_code == 200
    assert 'href="/handling/bundle"' in page.text
    assert "套餐与流量" in page.text
    assert 'href="/handling/records"' in page.text


def test_the_form_opens_on_the_packs_held(holder):
    page = holder.get("/handling/bundle")
    assert page.status_code == 200
    assert re.search(r'value="data-100mb" checked', page.text)
    assert re.search(r'value="voice-200min" checked', page.text)
    assert 'data-testid="held-data-100mb"' in page.text
    chosen = holder.get("/handling/bundle", params={"data": "data-1gb", "voice": ""})
    assert re.search(r'value="data-1gb" checked', chosen.text)
    assert not re.search(r'value="voice-200min" checked', chosen.text)


def test_logged_out_the_form_sends_to_the_login_and_back_with_the_query(client):
    answer = client.get("/handling/bundle?data=data-1gb", follow_redirects=False)
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith("/login?next=")
    assert unquote(location.split("next=", 1)[1]) == "/handling/bundle?data=data-1gb"


def test_confirm_then_accept_once_even_when_submitted_twice(world, holder):
    confirm = _confirm(world, holder, ADD_SMS)
    assert confirm.status_code == 200, confirm.text
    assert "立即生效" in confirm.text
    assert "¥1.67" in confirm.text  # 10元 * 5 days / 30 (F-CAL-5)
    assert "我已阅读并同意" in confirm.text
    request_id = _hidden(confirm.text, "request_id")
    packs = _hidden(confirm.text, "packs")
    assert packs == "data-100mb,voice-200min,sms-200"
    assert _records(world) == 0  # the confirmation changed nothing

    body = {
        "_csrf_token": world.csrf_token(confirm.text),
        "request_id": request_id,
        "packs": packs,
        "agree": "yes",
    }
    first = holder.post("/handling/bundle", data=body, follow_redirects=False)
    assert first.status_code == 303, first.text
    second = holder.post("/handling/bundle", data=body, follow_redirects=False)
    assert second.headers["location"] == first.headers["location"]
    assert _records(world) == 1

    record = holder.get(first.headers["location"])
    assert 'data-testid="record-status">已生效<' in record.text
    assert "form?format=pdf" in record.text
    listing = holder.get("/handling/records")
    assert listing.text.count('data-testid="record-row"') == 1


def test_without_agreeing_nothing_is_handled(world, holder):
    confirm = _confirm(world, holder, ADD_SMS)
    body = {
        "_csrf_token": world.csrf_token(confirm.text),
        "request_id": _hidden(confirm.text, "request_id"),
        "packs": _hidden(confirm.text, "packs"),
    }
    answer = holder.post("/handling/bundle", data=body)
    assert answer.status_code == 422
    assert "请先阅读并勾选" in answer.text
    assert _hidden(answer.text, "request_id") == body["request_id"]
    assert _records(world) == 0


def test_a_refusal_shows_its_message_on_the_form_and_changes_nothing(world, holder):
    same = {"data": "data-100mb", "voice": "voice-200min", "sms": "", "value_added": ""}
    answer = _confirm(world, holder, same)
    assert answer.status_code == 422
    assert 'data-code="handling.no_change"' in answer.text
    assert "所选内容与当前相同，无需办理" in answer.text
    assert 'id="handling-form"' in answer.text
    assert _records(world) == 0


def test_a_pending_change_is_cancelled_from_its_page(world, holder):
    confirm = _confirm(world, holder, {"data": "data-100mb", "voice": "", "sms": ""})
    assert "次月1日生效" in confirm.text
    assert "2026-12-01 00:00" in confirm.text
    body = {
        "_csrf_token": world.csrf_token(confirm.text),
        "request_id": _hidden(confirm.text, "request_id"),
        "packs": _hidden(confirm.text, "packs"),
        "agree": "yes",
    }
    location = holder.post("/handling/bundle", data=body, follow_redirects=False).headers[
        "location"
    ]
    record = holder.get(location)
    assert 'id="cancel-form"' in record.text
    cancel = holder.post(
        f"{location}/cancel",
        data={"_csrf_token": world.csrf_token(record.text)},
        follow_redirects=False,
    )
    assert cancel.status_code == 303
    assert 'data-testid="record-status">已撤销<' in holder.get(location).text


def test_the_acceptance_form_downloads_from_the_record_page(world, holder):
    world.hall.handling.handle(
        world.login(holder), "bundle", {"packs": "data-100mb"}, request_id="page-request-01"
    )
    record_id = world.hall.handling.records(world.login(holder), PageRequest(0, 10)).items[0].id
    form = holder.get(f"/handling/records/{record_id}/form?format=html")
    assert form.status_code == 200
    assert form.headers["content-disposition"].startswith("attachment;")
    assert "业务受理单" in form.text


def test_another_customers_record_page_is_not_found(world, holder):
    token = world.login(holder)
    record = world.hall.handling.handle(
        token, "bundle", {"packs": "data-100mb"}, request_id="page-request-02"
    )
    with world.client() as other:
        world.login(other, B1)
        assert other.get(f"/handling/records/{record.id}").status_code == 404
        assert other.get(f"/handling/records/{record.id}/form").status_code == 404


def test_a_random_password_session_sees_the_refusal_on_the_form(world, client):
    world.login_random(client, A1)
    page = client.get("/handling/bundle")
    assert page.status_code == 403
    assert "随机密码登录不能查询详单或办理业务" in page.text
    token = world.csrf_token(page.text)
    answer = client.post("/handling/bundle/confirm", data={"_csrf_token": token, **ADD_SMS})
    assert answer.status_code == 403
    assert 'data-code="access.capability_missing"' in answer.text


def test_a_post_without_the_csrf_token_is_refused(world, holder):
    answer = holder.post(
        "/handling/bundle",
        data={"request_id": "page-request-03", "packs": "data-1gb", "agree": "yes"},
    )
    assert answer.status_code == 403
    assert _records(world) == 0


def test_the_bundle_builder_links_to_the_handling_with_its_choice(client):
    page = client.get("/bundle?combo=4g-national-combo&data=data-300mb&voice=voice-200min")
    found = re.search(r'id="bundle-handle" href="([^"]+)"', page.text)
    assert found is not None
    assert (
        found.group(1).replace("&amp;", "&")
        == "/handling/bundle?data=data-300mb&voice=voice-200min"
    )


def test_the_pages_speak_english_when_asked(holder):
    page = holder.get("/handling?lang=en")
    assert "Plans and data" in page.text
    assert "4G bundle change" in page.text
    form = holder.get("/handling/bundle?lang=en")
    assert "Data pack (required)" in form.text


def test_a_value_typed_into_the_form_comes_back_escaped(world, holder):
    """A refused value is shown again in the form: as text, never as markup."""
    typed = '"><script>alert(1)</script>'
    form = holder.get("/handling/call_forwarding")
    answer = holder.post(
        "/handling/call_forwarding/confirm",
        data={
            "_csrf_token": world.csrf_token(form.text),
            "condition": "busy",
            "action": "set",
            "target": typed,
        },
    )
    assert answer.status_code == 422
    assert "<script>alert(1)</script>" not in answer.text
    assert "&lt;script&gt;" in answer.text


def test_a_secret_field_is_typed_masked_and_never_echoed(world, holder):
    """F-BIZ-6: a new WLAN password never comes back in a page, a hidden field or a URL."""
    password = "Secret2468x"  # noqa: S105 - a test fixture's password
    form = holder.get("/handling/wlan")
    assert 'type="password"' in form.text
    token = world.csrf_token(form.text)
    values = {"_csrf_token": token, "action": "change", "password": password}
    confirm = holder.post("/handling/wlan/confirm", data=values)
    assert confirm.status_code == 200
    assert password not in confirm.text
    assert 'type="password"' in confirm.text
    done = holder.post(
        "/handling/wlan",
        data={
            "_csrf_token": world.csrf_token(confirm.text),
            "request_id": _hidden(confirm.text, "request_id"),
            "action": "change",
            "password": password,
            "agree": "yes",
        },
    )
    assert done.status_code in {200, 303}
    assert password not in done.text
    assert password not in unquote(str(done.url))
    assert _records(world) == 1
