"""A read request of the hall is one unit of work, its permission check included (F-AUTH-7).

The TMF635 usage list and look-up and the four TMF654 lists each open exactly one read-only
transaction once the session's use is recorded (the usage list opened 31: a ``details``
call per kind, month and page, and ``bills``; each TMF654 list 2: its query, and a second
check or read for the number). The app is wired on a memory storage that counts what opens.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from litestar.testing import TestClient
from unicom_web import WebSettings, create_app

from unicom_core.domain.billing import UsageKind
from unicom_core.domain.shared import SHANGHAI, BillingCycle
from unicom_core.testing.counting import CountingStorage
from unicom_core.testing.worlds.billing import BillingWorld

if TYPE_CHECKING:
    from collections.abc import Iterator

USAGE = "/tmf-api/usageManagement/v4/usage"
PREPAY = "/tmf-api/prepayBalanceManagement/v4"


@pytest.fixture(scope="module")
def hall() -> Iterator[tuple[TestClient, CountingStorage]]:
    storage = CountingStorage()
    world = BillingWorld(storage=storage)
    s = world.add_number("18612345678", packs=("data-1gb",))
    n = s.number.value
    world.ingest(
        "b1",
        *(
            world.usage(f"r-{kind.value}", n, kind, 3, at=dt.datetime(2016, 5, 16, tzinfo=SHANGHAI))
            for kind in UsageKind
        ),
    )
    world.move_to(dt.datetime(2016, 6, 5, 10, tzinfo=SHANGHAI))
    world.hall.billing.close_cycle(BillingCycle(2016, 5))
    web = WebSettings(secret="s" * 48)
    with TestClient(create_app(world.hall, web), base_url="http://testserver.local") as client:
        client.cookies.set(web.session_cookie, world.login(s))
        client.get("/api/v1/me")  # the session's use is recorded (F-AUTH-7)
        yield client, storage


@pytest.mark.parametrize(
    ("path", "was"),
    [
        (USAGE, 31),
        (f"{USAGE}?usageType=voice", 7),
        (f"{USAGE}/2016-05:voice:r-voice", 2),
        (f"{PREPAY}/bucket", 2),
        (f"{PREPAY}/accumulatedBalance", 2),
        (f"{PREPAY}/topupBalance", 2),
        (f"{PREPAY}/adjustBalance", 2),
    ],
)
def test_f_auth_7_a_tmf_read_is_one_read_only_unit_of_work(hall, path, was):
    client, storage = hall
    storage.opened.clear()
    answer = client.get(path)
    assert answer.status_code == 200, answer.text
    assert storage.opened == ["read"], f"{path} opened {storage.opened} (was {was} reads)"


def test_f_qry_3_the_usage_list_shows_every_kind_and_the_billed_month(hall):
    client, _ = hall
    found = client.get(USAGE).json()
    assert {usage["id"] for usage in found} == {
        "2016-05:voice:r-voice",
        "2016-05:sms:r-sms",
        "2016-05:sms:r-mms",
        "2016-05:vas:r-value_added",
        "2016-05:data:r-data",
        "2016-05:wlan:r-wlan",
    }
    assert {usage["status"] for usage in found} == {"billed"}  # May's bill is issued
