"""The page layout: the grouped menu, the language of the page, the skip link, the API docs.

The menu groups the links as the hall does (查询, 交费充值, 业务办理, 优惠活动, 网上商城, 我的),
shows a visitor only the links they may follow and marks the current page; every page says
its language on ``<html>`` (``zh-Hans`` or ``en``, WCAG 3.1.1) and the language switch says
its own (3.1.2); a skip link leads to ``<main id="main">`` (2.4.1). The API's documents
(Swagger UI, ReDoc) load only the hall's own assets; only ReDoc's page allows inline styles.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from unicom_web.areas import AREAS, NAV_GROUPS, NavLink
from unicom_web.menu import menu
from unicom_web.security import CONTENT_SECURITY_POLICY, REDOC_CONTENT_SECURITY_POLICY

HALL_ORDER = ["查询", "交费充值", "业务办理", "优惠活动", "网上商城", "我的"]
_SUMMARY = re.compile(r"<summary>([^<]+)</summary>")


def _groups(html: str) -> list[str]:
    return _SUMMARY.findall(html)


def test_logged_in_the_menu_has_the_halls_six_groups_in_order(world, client):
    world.login(client)
    page = client.get("/bills")
    assert _groups(page.text) == HALL_ORDER
    assert 'class="menu-group current" data-group="query"' in page.text
    assert '<a href="/bills" aria-current="page">' in page.text
    assert 'aria-expanded="false" aria-controls="site-menu"' in page.text


def test_logged_out_the_menu_shows_only_the_open_pages(client):
    page = client.get("/plans")
    assert _groups(page.text) == ["业务办理", "网上商城"]
    for path in ("/plans", "/bundle", "/numbers", "/shop"):
        assert f'href="{path}"' in page.text
    for path in ("/bills", "/top-up", "/home", "/promotions", "/shop/orders"):
        assert f'<a href="{path}"' not in page.text


def test_the_top_up_links_sit_under_pay_and_the_bills_under_query():
    links = {link.path: link.group for area in AREAS for link in area.nav}
    assert links["/top-up"] == links["/bill-payment"] == links["/recharge-cards"] == "pay"
    assert links["/bills"] == links["/usage"] == links["/points"] == "query"
    assert links["/promotions"] == links["/promotions/growth"] == "promotions"
    assert links["/shop"] == links["/numbers"] == "shop"
    assert links["/handling"] == links["/plans"] == "handling"
    assert links["/home"] == links["/support"] == "mine"


def test_a_link_outside_the_groups_is_refused():
    with pytest.raises(ValueError, match="group"):
        NavLink("nav.home", "/home", group="elsewhere")


_LINKS = st.lists(
    st.builds(
        NavLink,
        label=st.sampled_from(["nav.a", "nav.b"]),
        path=st.sampled_from(["/a", "/b", "/c"]),
        needs_login=st.booleans(),
        group=st.sampled_from(NAV_GROUPS),
    ),
    max_size=12,
    unique=True,
)


@given(links=_LINKS, logged_in=st.booleans(), path=st.sampled_from(["/a", "/b", "/z"]))
def test_the_menu_keeps_every_link_it_may_show_once_in_its_group(links, logged_in, path):
    groups = menu(links, logged_in=logged_in, path=path)
    shown = [link for group in groups for link in group.links]
    assert sorted(shown, key=links.index) == [
        link for link in links if logged_in or not link.needs_login
    ]
    assert [group.name for group in groups] == [
        g for g in NAV_GROUPS if g in {x.group for x in shown}
    ]
    for group in groups:
        assert group.links
        assert all(link.group == group.name for link in group.links)
        assert group.current == any(link.path == path for link in group.links)


@pytest.mark.parametrize(
    ("lang", "tag", "other"), [("zh", "zh-Hans", "en"), ("en", "en", "zh-Hans")]
)
def test_every_page_says_its_language_and_the_switch_says_its_own(client, lang, tag, other):
    page = client.get(f"/plans?lang={lang}")
    assert f'<html lang="{tag}">' in page.text
    assert f'class="lang" lang="{other}" hreflang="{other}"' in page.text


def test_the_skip_link_comes_first_and_leads_to_main(client):
    page = client.get("/plans").text
    body = page.split("<body>", 1)[1]
    assert body.lstrip().startswith('<a class="skip" href="#main">跳到正文</a>')
    assert '<main id="main" tabindex="-1">' in page


@pytest.mark.parametrize(
    ("path", "asset"),
    [
        ("/schema/swagger", "/static/vendor/swagger-ui/swagger-ui-bundle.js"),
        ("/schema/redoc", "/static/vendor/redoc/redoc.standalone.js"),
    ],
)
def test_the_api_documents_load_only_the_halls_own_assets(client, path, asset):
    page = client.get(path)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert asset in sources
    assert all(source.startswith(("/static/", "data:")) for source in sources), sources
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page.text) is None  # no inline script
    assert 'data-spec-url="/schema/openapi.json"' in page.text
    assert client.get(asset).status_code == 200
    assert client.get("/static/api-docs.js").status_code == 200


def test_only_redocs_page_allows_inline_styles(client):
    assert client.get("/schema/redoc").headers["content-security-policy"] == (
        REDOC_CONTENT_SECURITY_POLICY
    )
    assert "script-src" not in REDOC_CONTENT_SECURITY_POLICY  # scripts: still 'self' only
    for path in ("/schema/swagger", "/schema/openapi.json", "/plans", "/schema/redoc/x"):
        assert client.get(path).headers["content-security-policy"] == CONTENT_SECURITY_POLICY
