"""The web adapter's small parts: settings, client keys, form helpers, labels, charts."""

from __future__ import annotations

import datetime as dt

import pytest
from unicom_web import WebSettings
from unicom_web.areas.forms import captcha_of, field, login_type_of, safe_next
from unicom_web.charts import Bar, bar_chart
from unicom_web.i18n import translator, when
from unicom_web.pages import money_text

from unicom_core.errors import InvalidInput


def test_the_settings_refuse_a_short_secret_and_an_unknown_language():
    with pytest.raises(InvalidInput, match="secret"):
        WebSettings(secret="short")  # noqa: S106 - a refused secret
    with pytest.raises(InvalidInput, match="language"):
        WebSettings(secret="s" * 40, language="fr")
    assert len(WebSettings.for_development().secret) == 64


def test_form_helpers():
    assert field({"a": [" x ", " y "]}, "a") == "y"
    assert field({"a": []}, "a") == ""
    assert login_type_of("").value == "mobile"
    with pytest.raises(InvalidInput):
        login_type_of("pigeon")
    assert captcha_of({}) is None
    assert captcha_of({"captcha_id": "c", "captcha_text": "AB12"}).text == "AB12"
    assert safe_next("/bills") == "/bills"
    for target in ("https://evil.example/", "//evil.example", "bills", ""):
        assert safe_next(target) == "/home"


def test_labels_times_and_amounts():
    assert translator("en")("login.code_sent", minutes=5).endswith("5 minutes.")
    assert translator("zh")("no.such.key") == "no.such.key"
    noon = dt.datetime(2026, 12, 3, 4, 0, tzinfo=dt.UTC)
    assert when(noon) == "2026-12-03 12:00"
    assert when("2026-12-03T00:00:00+08:00") == "2026-12-03 00:00"
    assert when("later") == "later"
    assert when(3) == "3"
    assert money_text({"fen": -1234, "currency": "CNY"}) == "-¥12.34"
    assert money_text("¥1.00") == "¥1.00"


def test_the_chart_escapes_and_draws_gaps():
    svg = bar_chart([Bar("<b>", 5, "¥0.05"), Bar("x", None)], title='a "chart"')
    assert "<b>" not in svg
    assert "&lt;b&gt;" in svg
    assert svg.count('class="bar"') == 1
    assert "—" in svg
