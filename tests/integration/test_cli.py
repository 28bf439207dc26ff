"""The ``unicom`` command line (Typer), on SQLite, and its bill run once on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest
from typer.testing import CliRunner
from unicom_sql import create_storage
from unicom_sql.cli import app

from unicom_core.catalog_data import DEFAULT_CATALOG_RESOURCE
from unicom_core.domain.shared import SHANGHAI, MobileNumber, check_character

CYCLE = "2016-05"


def resident(n: int) -> str:
    first17 = f"11010519800101{n:03d}"
    return first17 + check_character(first17)


def enrol_args(request_id="req-00000001", number="18612345678", holder=1):
    return [
        "enrol",
        "--request-id",
        request_id,
        "--name",
        "张三",
        "--resident-id",
        resident(holder),
        "--number",
        number,
        "--plan",
        "4g-national-combo",
        "--pack",
        "data-1gb",
        "--pack",
        "voice-200min",
        "--payment-mode",
        "postpaid",
        "--credit-limit",
        "100",
        "--joined-on",
        "2010-01-01",
    ]


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def sandbox(monkeypatch, sqlite_url):
    """The environment of a sandbox hall (no production) on a migrated SQLite database."""
    monkeypatch.setenv("UNICOM_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("UNICOM_PRODUCTION", "0")
    return sqlite_url


def one_error_line(result, code):
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"unicom: error: [{code}]")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_db_upgrade_and_current_read_the_url_from_the_environment(runner, monkeypatch, tmp_path):
    monkeypatch.setenv("UNICOM_DATABASE_URL", f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    one_error_line(runner.invoke(app, ["db", "current"]), "storage.unavailable")  # no file yet
    upgraded = runner.invoke(app, ["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    assert "upgraded" in upgraded.stdout
    assert "up to date" in runner.invoke(app, ["db", "current"]).stdout


def test_the_config_file_names_the_database(runner, monkeypatch, tmp_path):
    monkeypatch.delenv("UNICOM_DATABASE_URL", raising=False)
    config = tmp_path / "unicom.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "h.sqlite3"}"\n', "utf-8")
    result = runner.invoke(app, ["--config", str(config), "db", "upgrade"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "text",
    ["[database]\nurl = 5\n", "[nope]\n", "not toml at all = = =\n", "[hall]\nproduction = 'x'\n"],
)
def test_a_bad_config_file_is_one_line_and_exit_1(runner, tmp_path, text):
    config = tmp_path / "unicom.toml"
    config.write_text(text, "utf-8")
    one_error_line(runner.invoke(app, ["--config", str(config), "db", "current"]), "cli.config")


def test_no_database_url_is_one_line_and_exit_1(runner, monkeypatch):
    monkeypatch.delenv("UNICOM_DATABASE_URL", raising=False)
    one_error_line(runner.invoke(app, ["db", "current"]), "cli.config")


def test_the_default_hall_refuses_what_production_forbids(runner, monkeypatch, sqlite_url):
    monkeypatch.setenv("UNICOM_DATABASE_URL", sqlite_url)
    monkeypatch.delenv("UNICOM_PRODUCTION", raising=False)
    one_error_line(runner.invoke(app, ["arrears"]), "bootstrap.unsafe_for_production")


def test_a_hall_factory_that_cannot_be_imported_is_a_typed_error(runner, tmp_path, sqlite_url):
    config = tmp_path / "unicom.toml"
    config.write_text(
        f'[database]\nurl = "{sqlite_url}"\n[hall]\nfactory = "no_such_module:build"\n', "utf-8"
    )
    one_error_line(runner.invoke(app, ["--config", str(config), "purge"]), "cli.hall_factory")


def test_enrol_opens_the_number_and_the_same_request_answers_the_same(runner, sandbox):
    first = runner.invoke(app, enrol_args())
    assert first.exit_code == 0, first.output
    assert "18612345678" in first.stdout
    again = runner.invoke(app, enrol_args())
    assert again.exit_code == 0, again.output
    assert "replayed" in again.stdout
    storage = create_storage(sandbox)
    try:
        with storage.read() as tx:
            subscriber = tx.subscribers.find_by_number(MobileNumber("18612345678"))
            account = tx.accounts.get(subscriber.account_id)
    finally:
        storage.close()
    assert subscriber.joined_on == dt.date(2010, 1, 1)
    assert str(account.credit_limit) == "¥100.00"
    assert subscriber.id in first.stdout
    assert subscriber.id in again.stdout


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"--resident-id": "110105198001010011"}, "resident_id.check_digit"),
        ({"--plan": "no-such-plan"}, "catalog.unknown_product"),
        ({"--credit-limit": "1.001"}, "money.precision"),
        ({"--request-id": "short"}, "handling.request_id"),
    ],
)
@pytest.mark.usefixtures("sandbox")
def test_enrol_with_bad_input_prints_one_line_and_exits_1(runner, changes, code):
    arguments = enrol_args()
    for option, value in changes.items():
        arguments[arguments.index(option) + 1] = value
    one_error_line(runner.invoke(app, arguments), code)


@pytest.mark.usefixtures("sandbox")
def test_another_request_for_a_held_number_is_refused(runner):
    assert runner.invoke(app, enrol_args()).exit_code == 0
    taken = runner.invoke(app, enrol_args(request_id="req-00000002", holder=2))
    one_error_line(taken, "storage.duplicate_number")


@pytest.mark.usefixtures("sandbox")
def test_a_usage_error_exits_2(runner):
    assert runner.invoke(app, ["enrol", "--name", "张三"]).exit_code == 2
    assert runner.invoke(app, ["cards", "issue", "recharge-card-50", "--count", "2"]).exit_code == 2


@pytest.mark.usefixtures("sandbox")
def test_cards_issue_writes_the_secrets_to_a_new_private_file(runner, tmp_path):
    output = tmp_path / "cards.csv"
    arguments = ["cards", "issue", "recharge-card-50", "--count", "3", "--output", str(output)]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert oct(output.stat().st_mode & 0o777) == "0o600"
    assert len(output.read_text("utf-8").splitlines()) == 4
    one_error_line(runner.invoke(app, arguments), "cli.output")  # never overwritten


@pytest.mark.usefixtures("sandbox")
def test_catalog_publish_refuses_a_revision_not_newer(runner, tmp_path):
    shipped = resources.files("unicom_core.catalog_data") / DEFAULT_CATALOG_RESOURCE
    file = tmp_path / "catalog.toml"
    file.write_text(shipped.read_text("utf-8"), "utf-8")  # the revision installed already
    one_error_line(runner.invoke(app, ["catalog", "publish", str(file)]), "catalog.stale_revision")


@pytest.mark.usefixtures("sandbox")
def test_reconcile_arrears_purge_and_relay_run_their_passes(runner):
    for command in (["reconcile"], ["arrears"], ["purge"], ["relay", "--once"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)


def _bill_run(runner, url):
    result = runner.invoke(app, ["--database-url", url, "bill-run", CYCLE])
    assert result.exit_code == 0, result.output
    return result


def _bills(url):
    storage = create_storage(url)
    try:
        with storage.read() as tx:
            return tx.bill_runs.get(CYCLE).bills
    finally:
        storage.close()


def _bill_run_is_resumable(runner, url):
    for index, number in enumerate(("18612345678", "18612340001"), start=1):
        enrolled = runner.invoke(
            app,
            ["--database-url", url, *enrol_args(f"req-0000000{index}", number, holder=index)],
        )
        assert enrolled.exit_code == 0, enrolled.output
    first = _bill_run(runner, url)
    assert "bills issued" in first.stdout
    assert first.stderr == ""  # no progress bar unless standard error is a terminal
    assert _bills(url) == 2
    _bill_run(runner, url)  # run again: resumes a DONE run, issues nothing twice
    assert _bills(url) == 2


def test_the_bill_run_issues_each_bill_once_and_resumes(runner, sandbox, monkeypatch):
    monkeypatch.setattr("unicom_core.clock.SystemClock.now", _june)
    _bill_run_is_resumable(runner, sandbox)


@pytest.mark.usefixtures("sandbox")
def test_the_bill_run_refuses_a_cycle_not_over(runner):
    result = runner.invoke(app, ["bill-run", "2999-01"])
    one_error_line(result, "billing.cycle_not_over")


@pytest.mark.postgres
def test_the_bill_run_on_postgresql(runner, monkeypatch, pg_url):
    monkeypatch.setenv("UNICOM_PRODUCTION", "0")
    monkeypatch.setattr("unicom_core.clock.SystemClock.now", _june)
    _bill_run_is_resumable(runner, pg_url)


def _june(_self):
    return dt.datetime(2016, 6, 2, 3, 0, tzinfo=SHANGHAI)
