"""The demo hall's promotions: the 517 festival campaigns, 沃之樹 and its draw (F-PRO-1..4).

The shipped 517 festival and growth game ran in May 2016; the demo runs on the real clock,
so it moves their windows around today (from the 1st of last month to the 1st of the month
three months on) and keeps everything else as shipped:

* ``festival-517``: the festival as ``unicom_core/promotions_data/festival_517.toml``
  defines it (existing users of 6 months or more on 3G/4G, ice-cream plans at 50 % off,
  10 % off top-ups in the app, a free data pack, a year of cloud storage): 张三's numbers
  (on the 4G combination plan) see the plan rule not met, 王五's 3G plan qualifies;
* ``festival-517-app``: the festival's app offer for every number: 10 % off top-ups in the
  app, 500MB free for three months and the cloud storage, 1 000 places;
* 沃之樹 (:func:`demo_growth_settings`) with its iPad draw opened, the commitment to a seed
  kept beside the database published (the reveal is the operator's, by hand).

Idempotent: a campaign is defined and published only when absent, the draw opened and
committed once.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.promotions import CampaignState, campaigns_from_toml, commitment_of
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import NotFound
from unicom_core.usecases.promotions import GrowthSettings, default_growth_rules

if TYPE_CHECKING:
    from pathlib import Path

    from unicom_core.hall import BusinessHall

__all__ = ["DEMO_DRAW", "demo_growth_settings", "demo_window", "seed_promotions"]

DEMO_DRAW = "ipad-517"
"""The draw the last stage of 沃之樹 enters."""
_ACTOR = "cli:demo"
"""Who defines and publishes the demo's campaigns and opens its draw (the operator audit)."""

_CAMPAIGNS = """
[[campaign]]
code = "festival-517"
name = "517感恩节"
starts = {starts}
ends = {ends}
channels = ["online_hall", "mobile_hall"]
quota = 10000
[campaign.eligibility]
existing_users_only = true
min_network_age_months = 6
generations = ["3g", "4g"]
not_in_arrears = true
[[campaign.plan_discount]]
rate = "50%"
until = {long}
plans = ["3g-basic-a-46", "3g-basic-a-66", "4g-national-76", "4g-national-106"]
[[campaign.top_up_discount]]
rate = "10%"
channel = "mobile_hall"
[[campaign.pack_trial]]
pack = "data-1gb"
until = {trial}
[[campaign.entitlement]]
code = "cloud-storage-1y"
description = "沃云存储一年会员"

[[campaign]]
code = "festival-517-app"
name = "517感恩节·手厅专享"
starts = {starts}
ends = {ends}
channels = ["online_hall", "mobile_hall"]
quota = 1000
[[campaign.top_up_discount]]
rate = "10%"
channel = "mobile_hall"
[[campaign.pack_trial]]
pack = "data-500mb"
until = {trial}
[[campaign.entitlement]]
code = "cloud-storage-1y"
description = "沃云存储一年会员"
"""


def _month_start(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def demo_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The demo's festival window: the 1st of last month to the 1st three months on."""
    return _month_start(today, -1), _month_start(today, 3)


def _today() -> dt.date:
    return dt.datetime.now(SHANGHAI).date()  # the demo's clock is the real one


def demo_growth_settings() -> GrowthSettings:
    """The shipped 沃之樹 with its window moved to :func:`demo_window` of today."""
    starts, ends = demo_window(_today())
    rules = attrs.evolve(
        default_growth_rules(),
        starts=dt.datetime.combine(starts, dt.time(), SHANGHAI),
        ends=dt.datetime.combine(ends, dt.time(), SHANGHAI),
    )
    return GrowthSettings(rules=rules)


def _define(hall: BusinessHall) -> None:
    starts, ends = demo_window(hall.clock.now().date())
    text = _CAMPAIGNS.format(
        starts=f"{starts.isoformat()}T00:00:00",
        ends=f"{ends.isoformat()}T00:00:00",
        trial=_month_start(ends, 2).isoformat(),
        long=dt.date(ends.year + 3, 6, 30).isoformat(),
    )
    for campaign in campaigns_from_toml(text):
        try:
            known = hall.promotions.campaign(campaign.code)
        except NotFound:
            known = hall.promotions.define(campaign, actor=_ACTOR)
        if known.state is CampaignState.DRAFT:
            hall.promotions.publish(campaign.code, actor=_ACTOR)


def _seed_of(path: Path) -> str:
    """The draw's seed, kept beside the database (made once, readable by its owner only)."""
    if not path.exists():
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def seed_promotions(hall: BusinessHall, seed_file: Path) -> None:
    """Publish the festival campaigns and open 沃之樹's draw with its commitment."""
    _define(hall)
    draw = hall.growth.open_draw(DEMO_DRAW, prize="iPad mini 4", winners=1, actor=_ACTOR)
    if draw.commitment is None:
        hall.growth.commit(DEMO_DRAW, commitment_of(_seed_of(seed_file)), actor=_ACTOR)
