"""Every kind of business handling end to end on SQLite and PostgreSQL (F-BIZ-1..7, F-REAL-2).

For each kind the hall ships (the points redemption has its own race test), a number fit
for it asks through ``hall.handling`` on a SQL store: the record reads back equal, its
acceptance form renders (a resident ID masked), the same request again answers the same
record, and a pending change applies exactly once at its cycle. The rules themselves are
tested on memory storage; this proves the handlers' writes survive the SQL round trip.
"""

from __future__ import annotations

import datetime as dt

import pytest
from unicom_sql import create_storage

from unicom_core.domain.handling import RecordStatus
from unicom_core.domain.shared import SHANGHAI, Money, ResidentId, check_character
from unicom_core.domain.subscribers import NetworkGeneration, RealNameStatus
from unicom_core.ports.shared import HTML
from unicom_core.testing.worlds.billing import BillingWorld

MAY_17 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)


def _rid() -> str:
    first17 = "44030419900307321"
    return first17 + check_character(first17)


# kind -> (the number's plan, its generation, the packs it holds, the request)
CASES = {
    "bundle": ("4g-national-combo", "4g", ("data-1gb",), {"packs": "data-1gb,sms-200"}),
    "data_pack": ("4g-national-76", "4g", (), {"pack": "data-4g-500mb"}),
    "plan_change": ("3g-basic-a-46", "3g", (), {"plan": "3g-basic-a-66"}),
    "upgrade_4g": ("3g-basic-a-46", "3g", (), {"plan": "4g-national-76"}),
    "credit_limit": ("4g-national-76", "4g", (), {"limit": "50"}),
    "realname": ("4g-national-76", "4g", (), {"name": "李四", "resident_id": _rid()}),
    "call_forwarding": (
        "4g-national-76",
        "4g",
        (),
        {"condition": "unconditional", "action": "set", "target": "18612349999"},
    ),
    "network_age_upgrade": ("basic-20", "3g", (), {"plan": "age-upgrade-1y"}),
    "optional_packs": ("basic-20", "3g", (), {"action": "add", "pack": "opt-data-100mb"}),
    "roaming": ("4g-national-76", "4g", (), {"service": "long_distance", "switch": "on"}),
    "wlan": ("4g-national-76", "4g", (), {"action": "on"}),
}


@pytest.fixture
def world(db_url):
    world = BillingWorld(start=MAY_17, storage=create_storage(db_url))
    yield world
    world.storage.close()


@pytest.mark.parametrize("kind", sorted(CASES))
def test_a_kind_is_handled_and_recorded_on_sql(world, kind):
    plan, generation, packs, params = CASES[kind]
    subscriber = world.add_number(
        "18612340201",
        plan=plan,
        generation=NetworkGeneration(generation),
        packs=packs,
        real_name=RealNameStatus.UNVERIFIED if kind == "realname" else None,  # not enrolled
    )
    if kind == "credit_limit":
        world.hall.billing.record_payment(subscriber.account_id, Money(100), payment_id="p-1")
    token = world.login(subscriber)
    record = world.hall.handling.handle(token, kind, params, request_id=f"req-{kind}")
    assert record.status in {RecordStatus.DONE, RecordStatus.PENDING}
    stored = world.hall.handling.record(token, record.id)
    assert stored == record
    form = world.hall.handling.acceptance_form(token, record.id)
    page = world.hall.documents.render(form, HTML).content.decode()
    assert record.id in page
    if kind == "realname":
        assert ResidentId(_rid()).value not in page
    again = world.hall.handling.handle(token, kind, params, request_id=f"req-{kind}")
    assert again.id == record.id  # the same request again: the same record
    if record.status is RecordStatus.PENDING:
        world.move_to(record.effective_from + dt.timedelta(minutes=1))
        assert world.hall.handling.apply_due() == 1
        assert world.hall.handling.apply_due() == 0
