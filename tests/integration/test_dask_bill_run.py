"""The bill run on a Dask cluster, on PostgreSQL (F-QRY-3).

A ``LocalCluster`` of two worker processes bills the partitions of a cycle's run through the
storage port on PostgreSQL. Expected totals come from the published tariff, as in
test_billing_usecases: every number is on the 4G combination plan and holds the 48元/1GB
data pack and the 32元/200-minute voice pack, and number ``i`` uses 200·i MB over the pack
(0.2元/MB) and ``i`` minutes over (0.15元/min): its bill is 8000 + 4015·i fen.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path

import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner
from unicom_dask import run_bill_run
from unicom_sql import create_storage
from unicom_sql.cli import app

from unicom_core import bootstrap
from unicom_core.domain.billing import (
    BillingProfile,
    PackHolding,
    RunStatus,
    UsageKind,
    UsageRecord,
)
from unicom_core.domain.shared import SHANGHAI, BillingCycle, ResidentId, check_character
from unicom_core.domain.subscribers import (
    Account,
    AccountId,
    Customer,
    CustomerId,
    NetworkGeneration,
    PaymentMode,
    ServiceKind,
    ServiceNumber,
    Subscriber,
    SubscriberId,
)
from unicom_core.memory.clocks import SettableClock
from unicom_core.ports.billing import UsageBatch
from unicom_core.usecases.billing import BillingSettings

pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres,
    # distributed's own start-up and shutdown noise, not this project's
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

MAY = BillingCycle(2016, 5)
NUMBERS = 16
CHUNK = 4
MB = 1024 * 1024
JUNE = dt.datetime(2016, 6, 1, 1, tzinfo=SHANGHAI)

ROOT = Path(__file__).resolve().parents[2]


def expected_fen() -> list[int]:
    return sorted(8000 + 4015 * i for i in range(NUMBERS))


def sql_hall(url: str):
    """A worker's hall: the PostgreSQL schema, June 2016, small chunks."""
    return bootstrap(
        storage=create_storage(url),
        clock=SettableClock(JUNE),
        billing_settings=BillingSettings(chunk_size=CHUNK),
    )


def crashing_hall(url: str, marker: str, victim: str):
    """A hall whose first attempt at partition ``victim`` kills its worker after one chunk."""
    hall = sql_hall(url)
    close = hall.billing.close_partition

    def dying(cycle, partition_id, *, progress=None):
        def after_chunk(report):
            if not Path(marker).exists():
                Path(marker).write_text(str(report.bills), "utf-8")
                os._exit(1)  # the worker process dies mid-partition, after a committed chunk

        chosen = after_chunk if partition_id == victim else progress
        return close(cycle, partition_id, progress=chosen)

    hall.billing.close_partition = dying
    return hall


@pytest.fixture(scope="module")
def cluster():
    with pytest.MonkeyPatch.context() as patch:
        # The workers (spawned with this process's sys.path, restarted ones too) import this
        # module's hall factories by name.
        patch.syspath_prepend(str(ROOT))
        with LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as running:
            yield running


def resident(n: int) -> ResidentId:
    first17 = f"11010519800101{n:03d}"
    return ResidentId(first17 + check_character(first17))


def store_numbers(storage) -> None:
    """The numbers in one transaction: postpaid 4G, each its own account, both packs held."""
    held = dt.datetime(2016, 1, 1, tzinfo=SHANGHAI)
    with storage.transaction() as tx:
        for n in range(NUMBERS):
            customer = Customer(CustomerId(f"c{n:04d}"), "用户", resident(n))
            account = Account(AccountId(f"a{n:04d}"), customer.id)
            subscriber = Subscriber(
                SubscriberId(f"s{n:04d}"),
                customer.id,
                account.id,
                ServiceNumber.parse(ServiceKind.MOBILE, f"186{n:08d}"),
                "4g-national-combo",
                dt.date(2010, 1, 1),
                PaymentMode.POSTPAID,
                NetworkGeneration.G4,
                "12345678",
            )
            tx.customers.add(customer)
            tx.accounts.add(account)
            tx.subscribers.add(subscriber)
            packs = tuple(PackHolding(code, held) for code in ("data-1gb", "voice-200min"))
            tx.billing_profiles.add(BillingProfile(subscriber.id, packs))


@pytest.fixture
def provisioned(pg_url):
    storage = create_storage(pg_url)
    hall = bootstrap(storage=storage, clock=SettableClock(JUNE - dt.timedelta(hours=2)))
    store_numbers(storage)
    at = dt.datetime(2016, 5, 20, 9, tzinfo=SHANGHAI)
    usage = []
    for i in range(NUMBERS):
        number = f"186{i:08d}"
        usage += [
            UsageRecord(f"d{i}", number, UsageKind.DATA, at, 1024 * MB + i * 200 * MB),
            UsageRecord(f"v{i}", number, UsageKind.VOICE, at, 60 * (200 + i)),
        ]
    assert hall.billing.ingest(UsageBatch("may", usage)).accepted == 2 * NUMBERS
    hall.close()
    return pg_url


def bills_of(url: str) -> list[tuple[str, int]]:
    storage = create_storage(url)
    try:
        with storage.read() as tx:
            found = []
            after = None
            while batch := tx.bills.unsettled_after(after, 500):
                found += [(bill.account_id, bill.total.fen) for bill in batch]
                after = batch[-1].id
            return found
    finally:
        storage.close()


def test_a_partitioned_run_bills_every_account_once_to_the_fen(cluster, provisioned):
    done = []
    with Client(cluster, set_as_default=False) as client:
        report = run_bill_run(
            client,
            functools.partial(sql_hall, provisioned),
            MAY,
            partitions=4,
            progress=done.append,
        )
    bills = bills_of(provisioned)
    assert sorted(fen for _, fen in bills) == expected_fen()
    assert len({account for account, _ in bills}) == NUMBERS
    assert (report.status, report.bills, report.total.fen) == (
        RunStatus.DONE,
        NUMBERS,
        sum(expected_fen()),
    )
    assert [d.done for d in done] == [1, 2, 3, 4]
    assert sum(d.report.bills for d in done) == NUMBERS


def test_a_worker_killed_mid_partition_still_bills_every_account_once(
    cluster, provisioned, tmp_path
):
    marker = tmp_path / "died"
    factory = functools.partial(crashing_hall, provisioned, str(marker), "2016-05/0001")
    with Client(cluster, set_as_default=False) as client:
        report = run_bill_run(client, factory, MAY, partitions=3)
    assert marker.read_text("utf-8") == str(CHUNK)  # it died after its first chunk
    bills = bills_of(provisioned)
    assert len(bills) == NUMBERS == len({account for account, _ in bills})
    assert sorted(fen for _, fen in bills) == expected_fen()
    assert (report.bills, report.total.fen) == (NUMBERS, sum(expected_fen()))


def test_the_command_line_runs_the_bill_run_on_the_cluster(cluster, provisioned, monkeypatch):
    monkeypatch.setenv("UNICOM_PRODUCTION", "0")
    arguments = ["--database-url", provisioned, "bill-run", str(MAY), "--no-auto-debit"]
    result = CliRunner().invoke(
        app, [*arguments, "--dask", cluster.scheduler_address, "--partitions", "3"]
    )
    assert result.exit_code == 0, result.output
    assert "Dask at tcp://" in result.stdout
    assert f"{NUMBERS}" in result.stdout
    assert sorted(fen for _, fen in bills_of(provisioned)) == expected_fen()


def test_the_command_line_without_the_engine_says_so_in_one_line(monkeypatch, sqlite_url):
    monkeypatch.setenv("UNICOM_PRODUCTION", "0")
    monkeypatch.setattr("unicom_sql.cli.month.entry_points", lambda **_: [])
    result = CliRunner().invoke(
        app, ["--database-url", sqlite_url, "bill-run", str(MAY), "--dask", "tcp://x:1"]
    )
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        (
            "unicom: error: [cli.bill_run_engine] no bill-run engine 'dask' is installed "
            "(for Dask: install unicom-dask)"
        )
    ]
