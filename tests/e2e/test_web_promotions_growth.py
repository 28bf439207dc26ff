"""沃之樹 and its draw over HTTP (F-PRO-4): the tree page, a claim, the draw before and after.

The shipped game (沃之树: 发芽 at 100 points gives a coupon, 长叶 at 300 a 100MB pack, 结果 at
1000 an entry to the iPad draw) runs here through November and December 2026, around the
fixture's now. Points are given by writing earnings into the number's growth account.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re

import attrs
import pytest
from unicom_web import WebSettings

from unicom_core import bootstrap
from unicom_core.domain.promotions import EarningSource, GrowthAccount, commitment_of
from unicom_core.domain.shared import SHANGHAI
from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.memory.oauth import MemoryOAuthProvider
from unicom_core.usecases.promotions import GrowthSettings, default_growth_rules

from .conftest import A1, B1, NOW, SECRET, World, _provision

DRAW = "ipad-517"
ACTOR = "cli:test"
SEED = "5eed" * 12  # 48 hex digits


@pytest.fixture
def world() -> World:
    rules = attrs.evolve(
        default_growth_rules(),
        starts=dt.datetime(2026, 11, 1, tzinfo=SHANGHAI),
        ends=dt.datetime(2027, 1, 1, tzinfo=SHANGHAI),
    )
    clock = SettableClock(NOW)
    messages, captcha, oauth = MemoryMessageSender(), MemoryCaptcha(), MemoryOAuthProvider()
    hall = bootstrap(
        clock=clock,
        messages=messages,
        captcha=captcha,
        oauth=oauth,
        growth_settings=GrowthSettings(rules=rules),
    )
    _provision(hall)
    return World(hall, clock, messages, captcha, oauth, WebSettings(secret=SECRET))


def _grow(world: World, subscriber_id: str, *points: int) -> None:
    with world.hall.storage.transaction() as tx:
        account = tx.growth_accounts.find(subscriber_id) or GrowthAccount(subscriber_id)
        for n, amount in enumerate(points):
            account.earn(f"gift-{n}", EarningSource.TOP_UP, amount, detail=f"充值 {n}", at=NOW)
        (tx.growth_accounts.save if account.version else tx.growth_accounts.add)(account)


def _claim_form(world: World, html: str, reward: str) -> dict[str, str]:
    found = re.search(
        rf'name="reward_code" value="{reward}">\s*<input type="hidden" name="request_id" '
        r'value="([^"]+)"',
        html,
    )
    assert found is not None, f"no claim button for {reward}"
    return {"_csrf_token": world.csrf_token(html), "reward_code": reward, "request_id": found[1]}


def test_the_tree_shows_points_stage_progress_and_reward_states(world, client):
    _grow(world, "s1", 250, 150)  # 400 points: 长叶 (300), next 开花 at 600
    world.login(client)
    html = client.get("/promotions/growth").text
    assert 'data-testid="growth-points">400<' in html
    assert 'data-testid="growth-stage">长叶<' in html
    assert 'value="33" max="100"' in html  # (400 - 300) * 100 // (600 - 300)
    assert "距下一阶段（600）还差200" in html
    states = dict(re.findall(r'data-testid="reward" data-code="([^"]+)" data-state="(\w+)"', html))
    assert states == {
        "sprout-coupon": "claimable",
        "leaf-data-100mb": "claimable",
        "flower-data-500mb": "locked",
        "fruit-ipad-draw": "locked",
    }
    assert html.count('data-testid="earning"') == 2


def test_a_claim_gives_a_coupon_once_however_often_submitted(world, client):
    _grow(world, "s1", 120)
    world.login(client)
    form = _claim_form(world, client.get("/promotions/growth").text, "sprout-coupon")
    for _ in range(2):
        answer = client.post("/promotions/growth/claim", data=form, follow_redirects=False)
        assert answer.status_code == 303
    html = client.get("/promotions/growth").text
    coupons = re.findall(r'data-testid="coupon">(WO517[0-9A-Z]{10})<', html)
    assert len(coupons) == 1
    assert 'data-code="sprout-coupon" data-state="claimed"' in html
    other = dict(form, request_id="another-claim-01")
    refused = client.post("/promotions/growth/claim", data=other)
    assert refused.status_code == 403
    assert "奖励 sprout-coupon 已经领取过了" in refused.text


def test_a_reward_above_the_stage_is_refused_in_place(world, client):
    world.login(client)
    page = client.get("/promotions/growth").text
    assert 'data-testid="claim"' not in page
    form = {
        "_csrf_token": world.csrf_token(page),
        "reward_code": "sprout-coupon",
        "request_id": "r-01",
    }
    refused = client.post("/promotions/growth/claim", data=form)
    assert refused.status_code == 403
    assert 'data-code="growth.stage_not_reached"' in refused.text
    assert client.post("/promotions/growth/claim", data={"reward_code": "x"}).status_code == 403


def test_the_history_is_paged(world, client):
    _grow(world, "s1", *([10] * 12))
    world.login(client)
    first = client.get("/promotions/growth").text
    assert first.count('data-testid="earning"') == 10
    assert 'href="/promotions/growth?offset=10"' in first
    assert client.get("/promotions/growth?offset=10").text.count('data-testid="earning"') == 2


def test_the_growth_page_in_english(world, client):
    world.login(client)
    html = client.get("/promotions/growth?lang=en").text
    assert "Growth points" in html
    assert "Locked" in html


def _enter(world: World, client, number: str, key: str) -> str:
    world.login(client, number)
    claimed = client.post(
        "/api/v1/promotions/growth/claims",
        json={"reward_code": "fruit-ipad-draw"},
        headers={"Idempotency-Key": key},
    )
    assert claimed.status_code == 201, claimed.text
    return claimed.json()["entry_id"]


def _score(seed: str, entry: str) -> str:
    """The published algorithm, as the page tells it (HMAC-SHA256 keyed with the seed)."""
    return hmac.new(seed.encode("ascii"), entry.encode("utf-8"), hashlib.sha256).hexdigest()


def test_the_draw_page_before_and_after_the_reveal(world, client):
    """F-PRO-4: the commitment is public before entries close; the seed and winners after."""
    growth = world.hall.growth
    growth.open_draw(DRAW, prize="iPad", winners=1, actor=ACTOR)
    growth.commit(DRAW, commitment_of(SEED), actor=ACTOR)
    _grow(world, "s1", 1000)
    _grow(world, "s3", 1000)
    entries = [_enter(world, client, A1, "claim-draw-01")]
    with world.client() as other:
        entries.append(_enter(world, other, B1, "claim-draw-02"))
    with world.client() as anyone:  # the draw's page is public
        before = anyone.get(f"/promotions/draws/{DRAW}").text
        assert f'data-testid="commitment">{commitment_of(SEED)}<' in before
        assert "参与人数：2" in before
        assert all(f'data-testid="entry" data-entry="{e}"' in before for e in entries)
        assert "186****5678" in before
        assert "18612345678" not in before
        assert 'data-testid="seed"' not in before
        assert 'data-testid="winner"' not in before
        growth.close_entries(DRAW, actor=ACTOR)
        growth.reveal(DRAW, SEED, actor=ACTOR)
        after = anyone.get(f"/promotions/draws/{DRAW}?lang=en").text
    assert f'data-testid="seed">{SEED}<' in after
    assert hashlib.sha256(SEED.encode("ascii")).hexdigest() in after  # the commitment
    (winner,) = sorted(entries, key=lambda e: (_score(SEED, e), e))[:1]
    assert re.findall(r'data-testid="winner" data-entry="([^"]+)"', after) == [winner]
    assert "Verify it yourself" in after


def test_the_json_api_of_the_tree_history_claim_and_draw(world, client):
    _grow(world, "s1", 120)
    world.login(client)
    tree = client.get("/api/v1/promotions/growth").json()
    assert (tree["points"], tree["stage_name"], tree["next_threshold"]) == (120, "发芽", 300)
    history = client.get("/api/v1/promotions/growth/history?limit=5").json()
    assert history["total"] == 1
    body = {"reward_code": "sprout-coupon", "request_id": "claim-json-01"}
    first = client.post("/api/v1/promotions/growth/claims", json=body)
    assert first.status_code == 201
    assert client.post("/api/v1/promotions/growth/claims", json=body).json() == first.json()
    refused = client.post(
        "/api/v1/promotions/growth/claims",
        json={"reward_code": "fruit-ipad-draw", "request_id": "c2"},
    )
    world.problem(refused, 403, "growth.stage_not_reached")
    world.problem(client.get("/api/v1/promotions/draws/nothing"), 404, "draw.unknown")
    assert client.get("/promotions/draws/nothing").status_code == 404
