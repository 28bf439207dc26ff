"""Bills, events and usage written many rows to a statement, on SQLite and PostgreSQL (F-QRY-3).

``bills.add_many``, ``outbox.append_many`` and ``usage.add_new`` send their rows as one JSON
parameter, and the look-ups of many ids bind the ids as one JSON array
(:mod:`unicom_sql.bulk`). What must not change: the stored body is the one ``add`` stores
(so rows stored before still load), the events keep their order, and one statement does
for any number of rows.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import event, select, text
from unicom_sql import create_storage, schema

from unicom_core.domain.billing import Bill, BillLine, LineKind, UsageEntry, UsageKind
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money, Rate
from unicom_core.domain.subscribers import AccountMoved
from unicom_core.errors import AdapterError, InvalidInput
from unicom_core.ports.shared import PageRequest

MAY = BillingCycle(2016, 5)
AT = dt.datetime(2016, 6, 1, 0, 30, tzinfo=SHANGHAI)

STORED_BODY = (
    '{"id": "a1:2016-05", "account_id": "a1", "cycle": "2016-05", '
    '"issued_at": "2016-06-01T00:30:00+08:00", "due_date": "2016-06-30", '
    '"late_fee_rate": {"value": "0.003"}, "lines": [{"subscriber_id": "s1", '
    '"number": "18600000001", "kind": "pack_fee", "code": "data-1gb", '
    '"description": "1GB\\u6d41\\u91cf\\u5305 (31/31\\u5929)", '
    '"amount": {"fen": 4800, "currency": "CNY"}, "detail": null}], "payments": [], '
    '"settled_at": null}'
)
"""A bill's body as the SQLite adapter stores it through ``add``: the converter's shapes
(docs/reference), written by :func:`json.dumps` with its defaults, no version. The same
text as before the bulk path, but for a line's ``detail`` (null: this line was made without
one), which lines carry since they are worded in the page's language."""


def a_bill(account: str, fen: int = 4800) -> Bill:
    line = BillLine(
        "s1", "18600000001", LineKind.PACK_FEE, "data-1gb", "1GB流量包 (31/31天)", Money(fen)
    )
    return Bill(
        f"{account}:{MAY}", account, MAY, AT, dt.date(2016, 6, 30), Rate.per_mille(3), (line,)
    )


@pytest.fixture
def storage(db_url):
    opened = create_storage(db_url)
    yield opened
    opened.close()


def statements(storage, work) -> list[str]:
    sent: list[str] = []

    def count(*args: object) -> None:
        sent.append(str(args[2]))

    event.listen(storage.engine, "before_cursor_execute", count)
    try:
        work()
    finally:
        event.remove(storage.engine, "before_cursor_execute", count)
    return sent


def test_a_bill_added_with_others_is_stored_as_add_stores_it(storage) -> None:
    """The body column holds what it held before: the same text on SQLite."""
    with storage.transaction() as tx:
        tx.bills.add(a_bill("a1"))
        tx.bills.add_many([a_bill("a2"), a_bill("a3", fen=-50)])
    with storage.engine.connect() as connection:
        rows = dict(connection.execute(text("SELECT id, body FROM bills ORDER BY id")).all())
        keys = connection.execute(
            select(schema.bills.c.id, schema.bills.c.settled, schema.bills.c.version)
        ).all()
    one, two = rows["a1:2016-05"], rows["a2:2016-05"]
    if storage.engine.dialect.name == "sqlite":
        assert one == STORED_BODY
        assert two == STORED_BODY.replace('"a1', '"a2')
    else:
        assert one == json.loads(STORED_BODY)
        assert two == json.loads(STORED_BODY.replace('"a1', '"a2'))
    assert sorted(keys) == [
        ("a1:2016-05", False, 1),
        ("a2:2016-05", False, 1),
        ("a3:2016-05", False, 1),
    ]


def test_a_bill_stored_before_loads(storage) -> None:
    """A row written in the old shape reads back as the bill it was."""
    with storage.engine.begin() as connection:
        connection.execute(
            schema.bills.insert().values(
                id="a1:2016-05",
                version=3,
                account_id="a1",
                cycle="2016-05",
                settled=False,
                body=json.loads(STORED_BODY),
            )
        )
    with storage.transaction() as tx:
        loaded = tx.bills.get("a1:2016-05")
    expected = a_bill("a1")
    expected.version = 3
    assert loaded == expected
    assert loaded.total == Money(4800)


def test_one_statement_of_one_text_for_any_number_of_bills(storage) -> None:
    """The text does not grow with the rows: compiled and parsed once (psycopg caches it)."""

    def add(accounts: range) -> None:
        with storage.transaction() as tx:
            tx.bills.add_many([a_bill(f"a{n}") for n in accounts])

    few = statements(storage, lambda: add(range(3)))
    many = statements(storage, lambda: add(range(3, 203)))
    inserts = [sql for sql in few + many if sql.lstrip().upper().startswith("INSERT")]
    assert len(inserts) == 2
    assert inserts[0] == inserts[1]


def test_events_appended_together_keep_their_order(storage) -> None:
    """The relay's order is the ids' order: the order the events were appended in."""
    events = [
        AccountMoved(aggregate_id=f"a{n}", occurred_at=AT, previous="c1", customer_id="c2")
        for n in (5, 1, 4, 2, 3)
    ]
    with storage.transaction() as tx:
        tx.outbox.append_many(events)
        assert tx.outbox.pending(10) == []  # our own appends are not pending for us
    with storage.transaction() as tx:
        pending = tx.outbox.pending(10)
    assert [entry.event for entry in pending] == events
    assert [entry.id for entry in pending] == sorted(entry.id for entry in pending)


def test_usage_rows_read_back_as_added(storage) -> None:
    entries = [
        UsageEntry(f"r{n}", "s1", "a1", MAY, kind, AT - dt.timedelta(days=n), 61, 2, "游戏'\"", fee)
        for n, (kind, fee) in enumerate(
            [(UsageKind.VOICE, None), (UsageKind.VALUE_ADDED, Money(150))]
        )
    ]
    with storage.transaction() as tx:
        tx.usage.add_new(entries)
        tx.usage.add_new(entries)  # stored once
        assert tx.usage.known(["r0", "r1", "r9", "it's"]) == {"r0", "r1"}
    with storage.transaction() as tx:
        kinds = (UsageKind.VOICE, UsageKind.VALUE_ADDED)
        page = tx.usage.records("s1", kinds, MAY, PageRequest(0, 10))
    assert sorted(page.items, key=lambda e: e.record_id) == entries


def test_many_ids_go_as_one_parameter_and_too_many_are_refused(storage) -> None:
    ids = [f"a{n}:{MAY}" for n in range(1000)]
    with storage.transaction() as tx:
        tx.bills.add_many([a_bill("a7"), a_bill("a999")])
        sent = statements(storage, lambda: tx.bills.existing(ids))
        assert tx.bills.existing(ids) == {"a7:2016-05", "a999:2016-05"}
        with pytest.raises(InvalidInput) as caught:
            tx.bills.existing([*ids, "a1000:2016-05"])
    assert caught.value.code == "storage.too_many"
    assert len(sent) == 1


def test_a_quantity_beyond_a_bigint_is_refused_and_nothing_stored(storage) -> None:
    """As the driver refused it before: SQLite's JSON would have stored it as a float."""
    huge = UsageEntry("r1", "s1", "a1", MAY, UsageKind.DATA, AT, 2**63, 2**53, "", None)
    fine = UsageEntry("r2", "s1", "a1", MAY, UsageKind.DATA, AT, 1024, 1, "", None)
    with pytest.raises(AdapterError) as caught, storage.transaction() as tx:
        tx.usage.add_new([fine, huge])
    assert caught.value.code == "storage.failed"
    with storage.transaction() as tx:
        assert tx.usage.known(["r1", "r2"]) == frozenset()
