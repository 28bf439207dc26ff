"""The 517 festival load test, small: nothing lost or doubled, and the verifier can tell.

A few seconds of the festival's mix and of top-ups against two uvicorn workers on
PostgreSQL (``benchmarks/festival``), then its verifier on the stored state: every paid
top-up credited once (F-PAY-3), no quota exceeded (F-PRO-2), no number held twice
(F-NUM-3), every balance its ledger's sum (F-QRY-1). Then faults are injected into the
stored rows (in a transaction rolled back afterwards) and the verifier must name each.
"""

from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import text
from unicom_sql import create_engine
from unicom_sql.testing import scratch_schema

FESTIVAL = Path(__file__).resolve().parents[2] / "benchmarks" / "festival"
sys.path.insert(0, str(FESTIVAL))

import run  # noqa: E402 - the festival's runner, importable once its folder is on the path
from festival_hall import FLASH  # noqa: E402
from festival_verify import findings_of  # noqa: E402

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SIZES = run.Sizes(
    crowd=6,
    quota=3,
    workers=2,
    visitors=4,
    seconds=3,
    top_up_seconds=2,
    pgbench_seconds=1,
    profiled=5,
)


@pytest.fixture(scope="module")
def festival(pg_server_url):
    """One small festival on a scratch schema: its report and an engine on its database."""
    with scratch_schema(pg_server_url) as url:
        # In a thread of its own: the load's asyncio loop must not meet a loop that another
        # test module of this worker left set on the main thread (Playwright's sync API).
        with ThreadPoolExecutor(max_workers=1) as pool:
            report = pool.submit(run.festival, url, SIZES).result()
        engine = create_engine(url)
        try:
            yield report, engine
        finally:
            engine.dispose()


@pytest.fixture
def connection(festival):
    """A connection in a transaction that is rolled back: the injected fault goes away."""
    _report, engine = festival
    with engine.connect() as opened:
        opened.begin()
        try:
            yield opened
        finally:
            opened.rollback()


def _paid(report):
    return [key for tally in (report.mix, report.top_ups) for key, _fen, _fate in tally.paid]


def test_the_festival_loses_and_doubles_nothing(festival):
    report, _engine = festival
    assert report.findings == []
    assert report.mix.requests > 0
    assert report.top_ups.paid, "the top-up phase paid no top-up"
    assert not report.mix.errors, report.mix.errors
    assert not report.top_ups.errors, report.top_ups.errors
    assert report.pgbench_tps is not None
    assert report.pgbench_tps > 0


def test_every_lost_notification_is_settled_by_the_reconciler(festival):
    report, _engine = festival
    lost = [fate for tally in (report.mix, report.top_ups) for *_key, fate in tally.paid]
    assert report.settled == lost.count("never")


def test_the_flash_sale_was_contested_and_sold_exactly_its_quota(festival, connection):
    report, _engine = festival
    assert SIZES.visitors > SIZES.quota  # every visitor rushes the sale once: more than places
    assert report.mix.refusals["join: promotion.sold_out"] >= SIZES.visitors - SIZES.quota
    live = connection.execute(
        text(
            "SELECT count(*) FROM participations WHERE campaign_code = :code "
            "AND state IN ('awaiting_payment', 'active')"
        ),
        {"code": FLASH},
    ).scalar_one()
    assert live == SIZES.quota


def _a_credited_top_up(connection):
    return connection.execute(
        text(
            "SELECT id, body->>'account_id' AS account_id, (body->'credit'->>'fen')::int AS fen "
            "FROM payment_attempts WHERE body->>'status' = 'succeeded' "
            "AND body->>'purpose' = 'top_up' LIMIT 1"
        )
    ).one()


def test_the_verifier_catches_a_doubled_credit(festival, connection):
    report, _engine = festival
    top_up = _a_credited_top_up(connection)
    entry = {"at": "2026-12-05T10:00:00+08:00", "reference": top_up.id}
    connection.execute(
        text(
            "UPDATE accounts SET body = jsonb_set(jsonb_set(body, '{ledger}', "
            "body->'ledger' || jsonb_build_array(CAST(:entry AS jsonb) || jsonb_build_object("
            "'amount', jsonb_build_object('fen', :fen, 'currency', 'CNY')))), "
            "'{balance,fen}', to_jsonb((body->'balance'->>'fen')::bigint + :fen)) WHERE id = :id"
        ),
        {"entry": json.dumps(entry), "fen": top_up.fen, "id": top_up.account_id},
    )
    findings = findings_of(connection, _paid(report))
    assert [f for f in findings if top_up.id in f and "credited 2 times" in f], findings
    assert not [f for f in findings if f.startswith("balance:")], "the balance was kept true"


def test_the_verifier_catches_a_balance_that_is_not_its_ledger(festival, connection):
    report, _engine = festival
    top_up = _a_credited_top_up(connection)
    connection.execute(
        text(
            "UPDATE accounts SET body = jsonb_set(body, '{balance,fen}', "
            "to_jsonb((body->'balance'->>'fen')::bigint + 1)) WHERE id = :id"
        ),
        {"id": top_up.account_id},
    )
    findings = findings_of(connection, _paid(report))
    assert [f for f in findings if f.startswith(f"balance: account {top_up.account_id}")]


def test_the_verifier_catches_an_oversold_quota(festival, connection):
    report, _engine = festival
    live = connection.execute(
        text(
            "SELECT count(*) FROM participations WHERE campaign_code = :code "
            "AND state IN ('awaiting_payment', 'active')"
        ),
        {"code": FLASH},
    ).scalar_one()
    for extra in range(SIZES.quota + 1 - live):
        connection.execute(
            text(
                "INSERT INTO participations (id, version, campaign_code, subscriber_id, state, "
                "joined_at_us, entitlement_due_us, body) VALUES (:id, 1, :code, :who, 'active', "
                "0, NULL, '{}')"
            ),
            {"id": f"pp_oversold_{extra}", "code": FLASH, "who": f"oversold-{extra}"},
        )
    findings = findings_of(connection, _paid(report))
    assert [f for f in findings if FLASH in f and f"over its quota of {SIZES.quota}" in f]


def test_the_verifier_catches_a_credit_for_a_top_up_never_paid(festival, connection):
    report, _engine = festival
    top_up = _a_credited_top_up(connection)
    connection.execute(
        text(
            "UPDATE payment_attempts SET body = jsonb_set(body, '{status}', '\"failed\"') "
            "WHERE id = :id"
        ),
        {"id": top_up.id},
    )
    findings = findings_of(connection, _paid(report))
    assert [f for f in findings if f.startswith(f"top-up: {top_up.id} was paid")]
    assert [f for f in findings if f.startswith(f"top-up: {top_up.id} (failed) is credited 1")]


def test_the_verifier_catches_a_number_held_twice(festival, connection):
    report, _engine = festival
    number = connection.execute(text("SELECT number FROM number_pool LIMIT 1")).scalar_one()
    for holder in ("c-one", "c-two"):
        connection.execute(
            text(
                "INSERT INTO number_reservations (id, number, holder, reserved_at_us, until_us) "
                "VALUES (:id, :number, :holder, 0, 1)"
            ),
            {"id": f"rs-{holder}", "number": number, "holder": holder},
        )
    findings = findings_of(connection, _paid(report))
    assert [f for f in findings if f.startswith(f"number: {number} is held by")]
