"""What the journey tests share: the four (language, width) walks, numbers, screenshots, axe.

Every journey is walked in Chinese and in English, at a desktop's width (1280x800) and a
phone's (390 px): :data:`ALL`. A walk that changes what it reads (a password, a balance, a
mandate) either keeps to data of its own per combination (its own number, card or amount)
or asserts what changed against what it read before, so no walk sees another's traces.
Screenshots go to ``test-artifacts/browser/`` (``u1-<journey>-<lang>-<width>-<step>.png``);
axe-core (WCAG 2.1 A and AA) runs once on each journey's final page, and a serious or
critical violation fails the walk. Amounts are written as each language shows them
(:data:`YUAN`: ``¥80.00`` in Chinese, ``CN¥80.00`` in English).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
ALL = [("zh", 1280), ("en", 1280), ("zh", 390), ("en", 390)]
PAYER = "18612345678"  # 张三's: 48元1GB + 32元200分钟 on the 4G combination plan, ¥52.30
HOLDER = "18687654321"  # 李四's (postpaid): paid for by 张三
OTHER_CARRIER = "13812345678"  # China Mobile's segment 138
PASSWORD = "284615"  # noqa: S105 - the demo's published changed password
DEMO_NUMBERS = (PAYER, "18612340001", HOLDER, "18687650000")
"""The demo's four numbers, one per combination where a walk needs a number of its own."""
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
YUAN = {"zh": "¥", "en": "CN¥"}
"""How each language writes an amount of yuan before its digits."""
_AXE = Axe()
_CHECKED: set[tuple[object, ...]] = set()


def shot(page, journey: str, lang: str, width: int, step: str) -> None:
    """Keep a screenshot of the page now shown as a test artefact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"u1-{journey}-{lang}-{width}-{step}.png"
    page.screenshot(path=str(path), full_page=True)


def accessible(page, state: str = "") -> None:
    """No serious or critical WCAG 2.1 AA violation on the page now shown (axe-core).

    Axe runs once per page: a page (its path and query but ``lang``, its language, the
    viewport's width and the ``state`` named, such as an open menu) checked already in this
    run passes at once.
    """
    url = urlsplit(page.url)
    query = sorted((name, value) for name, value in parse_qsl(url.query) if name != "lang")
    width = page.viewport_size["width"] if page.viewport_size else 0
    key = (url.path, tuple(query), page.locator("html").get_attribute("lang"), width, state)
    if key in _CHECKED:
        return
    violations = _AXE.run(page, options=AXE_OPTIONS).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], "\n".join(serious)
    _CHECKED.add(key)


def visit(page, base: str, lang: str, path: str) -> None:
    """Open ``path`` in ``lang`` (``?lang=`` added to its query)."""
    page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={lang}")


def log_in(page, base: str, lang: str, number: str, password: str = PASSWORD) -> None:
    """Log in on the service-password tab; the browser lands on the home page."""
    visit(page, base, lang, "/login")
    page.fill("#user_name", number)
    page.fill("#password", password)
    page.click("#login-submit")
    expect(page).to_have_url(re.compile(r"/home$"))


def money(lang: str, amount: object) -> str:
    """``amount`` (``"80.00"``, a Decimal) as the page in ``lang`` shows it: ``¥80.00``."""
    return f"{YUAN[lang]}{amount}"


def yuan_of(lang: str, shown: str) -> Decimal:
    """The amount a page in ``lang`` shows (``¥52.30``), as a Decimal of yuan."""
    assert re.fullmatch(rf"{re.escape(YUAN[lang])}-?\d+\.\d\d", shown), shown
    return Decimal(shown.removeprefix(YUAN[lang]))
