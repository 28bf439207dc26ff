"""The festival's hall: the example hall on PostgreSQL, its workers sharing it through the database.

The demo (``examples/business_hall/demo_hall.py``) runs on SQLite with memory doubles of the
captcha, the SMS outbox and the checkout, which several workers cannot share. The festival
wires the same hall on PostgreSQL (``unicom_sql.create_storage``), with:

* the sandbox gateway's trades in the database (:mod:`festival_gateway`), so a trade one
  worker opens is paid, notified and reconciled through any other;
* logins by service password (no captcha is asked of a login that does not fail, F-AUTH-7;
  the memory captcha only stands by);
* payments reconciled after a second (``PaymentSettings.reconcile_after``), so the
  reconciler run after the load settles the top-ups whose notification was lost;
* the web adapter's per-address limit of gateway notifications raised to
  :data:`NOTIFICATIONS_PER_MINUTE`: every notification of the load comes from 127.0.0.1.

Seeding reuses the demo's functions (its numbers, billing history, number pool and the 517
campaigns, F-PRO-1..4) and adds the festival's crowd: :data:`CROWD_PREFIX` numbers enrolled
through ``hall.subscribers.enrol`` (F-SHOP-3, F-REAL-1) with the demo's passwords, and the
flash campaign :data:`FLASH` whose quota the crowd exceeds (F-PRO-2).

Every process learns the database and the secrets from the environment
(:data:`URL_VARIABLE`, :data:`KEYS_VARIABLE`), which the runner sets before it starts them.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "business_hall"))

from demo_promotions import demo_growth_settings, demo_window, seed_promotions
from demo_seed import INITIAL_PASSWORD, READY_PASSWORD, seed, seed_billing, seed_pool
from festival_gateway import FestivalGateway, create_trades
from unicom_sql import SqlNumberPool, SqlStorage, create_storage
from unicom_web import WebSettings, create_app

from unicom_core import bootstrap
from unicom_core.domain.access import Pepper
from unicom_core.domain.promotions import CampaignState, campaigns_from_toml
from unicom_core.domain.shared import LoginType, Money, check_character
from unicom_core.domain.subscribers import PaymentMode
from unicom_core.errors import NotFound
from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.usecases.access import AccessSettings
from unicom_core.usecases.payments import PaymentSettings

if TYPE_CHECKING:
    from litestar import Litestar

    from unicom_core.hall import BusinessHall

__all__ = [
    "CROWD_PREFIX",
    "FLASH",
    "KEYS_VARIABLE",
    "NOTIFICATIONS_PER_MINUTE",
    "PASSWORD",
    "URL_VARIABLE",
    "Keys",
    "crowd",
    "seed_festival",
    "wire",
    "worker_app",
]

URL_VARIABLE = "UNICOM_FESTIVAL_DB"
"""The environment variable naming the festival's database (a SQLAlchemy URL)."""
KEYS_VARIABLE = "UNICOM_FESTIVAL_KEYS"
"""The environment variable holding the festival's secrets (:meth:`Keys.dumps`)."""
NOTIFICATIONS_PER_MINUTE = 10_000_000
"""The per-address notification limit of the festival (one address sends them all)."""
CROWD_PREFIX = "1860517"
"""The festival crowd's numbers: ``1860517`` and four digits."""
PASSWORD = READY_PASSWORD
"""Every crowd number's service password (the demo's changed password)."""
FLASH = "festival-517-flash"
"""The flash campaign: every number may join, the quota is smaller than the crowd."""
_ACTOR = "cli:festival"

_FLASH_TOML = """
[[campaign]]
code = "{code}"
name = "517感恩节·限量秒杀"
starts = {starts}
ends = {ends}
channels = ["online_hall", "mobile_hall"]
quota = {quota}
[[campaign.entitlement]]
code = "cloud-storage-1y"
description = "沃云存储一年会员"
"""


@attrs.frozen
class Keys:
    """The festival's secrets, shared by the runner, every worker and the load client."""

    gateway: bytes = attrs.field(repr=False)
    pepper: bytes = attrs.field(repr=False)
    web: str = attrs.field(repr=False)

    @classmethod
    def fresh(cls) -> Keys:
        """New random secrets for one run."""
        return cls(secrets.token_bytes(32), secrets.token_bytes(32), secrets.token_hex(32))

    def dumps(self) -> str:
        """The keys as one line for :data:`KEYS_VARIABLE`."""
        return f"{self.gateway.hex()}:{self.pepper.hex()}:{self.web}"

    @classmethod
    def loads(cls, line: str) -> Keys:
        """The keys :meth:`dumps` wrote."""
        gateway, pepper, web = line.split(":")
        return cls(bytes.fromhex(gateway), bytes.fromhex(pepper), web)


def wire(storage: SqlStorage, keys: Keys) -> tuple[BusinessHall, Litestar]:
    """The hall on ``storage`` (migrated) with the festival's gateway, and its web app."""
    hall = bootstrap(
        storage=storage,
        number_pool=SqlNumberPool(storage.engine),
        captcha=MemoryCaptcha(),
        payment_gateway=FestivalGateway(storage.engine, keys.gateway),
        access_settings=AccessSettings(password_pepper=Pepper("festival", keys.pepper)),
        payment_settings=PaymentSettings(reconcile_after=dt.timedelta(seconds=1)),
        growth_settings=demo_growth_settings(),
        production=False,
    )
    settings = WebSettings(secret=keys.web, notification_limit_per_minute=NOTIFICATIONS_PER_MINUTE)
    return hall, create_app(hall, settings)


def worker_app() -> Litestar:
    """The app of one uvicorn worker, on the database and keys the environment names."""
    storage = create_storage(os.environ[URL_VARIABLE])
    return wire(storage, Keys.loads(os.environ[KEYS_VARIABLE]))[1]


def crowd(size: int) -> tuple[str, ...]:
    """The festival crowd's ``size`` numbers."""
    return tuple(f"{CROWD_PREFIX}{index:04d}" for index in range(size))


def _resident_id(index: int) -> str:
    first17 = f"110105{19800101 + index % 28:08d}{index % 1000:03d}"
    return first17 + check_character(first17)


def _enrol_one(hall: BusinessHall, index: int, number: str) -> None:
    hall.subscribers.enrol(
        request_id=f"festival-enrol-{number}",
        name=f"游客{index:04d}",
        resident_id=_resident_id(index),
        number=number,
        plan_code="4g-national-combo",
        packs=("data-100mb",),
        payment_mode=PaymentMode.PREPAID,
        credit_limit=Money.zero(),
        prestore=Money.of_yuan("20"),
        joined_on=dt.date(2012, 3, 1),
        initial_password=INITIAL_PASSWORD,
        actor=_ACTOR,
    )
    hall.access.change_password(
        LoginType.MOBILE, number, INITIAL_PASSWORD, PASSWORD, client="festival-seed"
    )


def _enrol_crowd(hall: BusinessHall, size: int) -> None:
    """Enrol the crowd (prepaid, ¥20 pre-stored, the 100MB pack) and set its password.

    Four at a time: each enrolment hashes two passwords (argon2id), which releases the GIL.
    """
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = [pool.submit(_enrol_one, hall, i, n) for i, n in enumerate(crowd(size))]
    for future in done:
        future.result()


def _define_flash(hall: BusinessHall, quota: int) -> None:
    starts, ends = demo_window(hall.clock.now().date())
    text = _FLASH_TOML.format(
        code=FLASH, starts=f"{starts}T00:00:00", ends=f"{ends}T00:00:00", quota=quota
    )
    for campaign in campaigns_from_toml(text):
        try:
            known = hall.promotions.campaign(campaign.code)
        except NotFound:
            known = hall.promotions.define(campaign, actor=_ACTOR)
        if known.state is CampaignState.DRAFT:
            hall.promotions.publish(campaign.code, actor=_ACTOR)


def seed_festival(url: str, keys: Keys, *, size: int, quota: int, scratch: Path) -> None:
    """Seed the demo's data, the crowd of ``size`` and the flash campaign of ``quota``."""
    storage = create_storage(url)
    with storage.engine.begin() as connection:
        create_trades(connection)
    hall, _app = wire(storage, keys)
    try:
        seed_billing(hall, seed(hall))
        seed_pool(hall)
        seed_promotions(hall, scratch / "festival.draw")
        _define_flash(hall, quota)
        _enrol_crowd(hall, size)
    finally:
        hall.close()
