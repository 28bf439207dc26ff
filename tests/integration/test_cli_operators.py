"""The operators' commands on SQLite: clients, campaigns, entitlements, draws (F-AUTH-6, F-PRO).

Each change a command makes is audited under ``cli:<OS user>``; a client's secret is shown
once, or written only to a new file of mode 0600.
"""

from __future__ import annotations

import importlib
from importlib import resources

import pytest
from typer.testing import CliRunner
from unicom_sql.cli import app
from unicom_sql.cli.config import load_settings

from unicom_core.domain.promotions import commitment_of

ACTOR = "cli:alice"
commands = importlib.import_module("unicom_sql.cli.app")  # the module: the package exports the app
SEED = "c0ffee" * 8


@pytest.fixture
def runner():
    return CliRunner(env={"COLUMNS": "240"})  # Rich folds no cell


@pytest.fixture
def url(monkeypatch, sqlite_url):
    """A sandbox hall on a migrated SQLite database, run by the OS user ``alice``."""
    monkeypatch.setenv("UNICOM_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("UNICOM_PRODUCTION", "0")
    monkeypatch.setattr(commands.getpass, "getuser", lambda: "alice")
    return sqlite_url


def _run(runner, *arguments: str) -> str:
    result = runner.invoke(app, list(arguments))
    assert result.exit_code == 0, result.output
    return result.stdout


def _audited(url: str, actor: str = ACTOR) -> list[str]:
    hall = load_settings(None, url).hall()
    try:
        return sorted(entry.action for entry in hall.access.audit(client_id=actor).items)
    finally:
        hall.close()


def _festival(tmp_path):
    source = resources.files("unicom_core.promotions_data") / "festival_517.toml"
    file = tmp_path / "campaigns.toml"
    file.write_text(source.read_text("utf-8"), "utf-8")
    return file


def test_the_actor_is_cli_and_the_os_user_made_safe(monkeypatch):
    monkeypatch.setattr(commands.getpass, "getuser", lambda: "CORP\\bob smith")
    assert commands.actor() == "cli:CORP_bob_smith"
    monkeypatch.setattr(commands.getpass, "getuser", lambda: "")
    assert commands.actor() == "cli:unknown"


@pytest.mark.usefixtures("url")
def test_f_auth_6_clients_add_shows_the_secret_once_then_list_rotate_disable(runner):
    added = _run(
        runner, "clients", "add", "billing", "--scope", "tmf.read", "--scope", "audit.read"
    )
    assert "shown once" in added
    client_id = next(word for word in added.split() if word.startswith("op-"))
    listed = _run(runner, "clients", "list")
    assert client_id in listed
    assert "audit.read tmf.read" in listed
    assert "shown once" in _run(runner, "clients", "rotate", client_id)
    _run(runner, "clients", "disable", client_id)
    assert " no " in _run(runner, "clients", "list")


@pytest.mark.usefixtures("url")
def test_f_auth_6_clients_add_output_writes_the_secret_to_a_private_file_only(runner, tmp_path):
    output = tmp_path / "client.txt"
    shown = _run(
        runner, "clients", "add", "billing", "--scope", "tmf.read", "--output", str(output)
    )
    assert oct(output.stat().st_mode & 0o777) == "0o600"
    lines = output.read_text("utf-8").splitlines()
    assert lines[0].startswith("client_id=op-")
    secret = lines[1].removeprefix("client_secret=")
    assert secret
    assert secret not in shown
    again = runner.invoke(
        app, ["clients", "add", "x", "--scope", "tmf.read", "--output", str(output)]
    )
    assert again.exit_code == 1
    assert again.stderr.startswith("unicom: error: [cli.output]")


@pytest.mark.usefixtures("url")
def test_an_unknown_scope_is_one_error_line(runner):
    result = runner.invoke(app, ["clients", "add", "billing", "--scope", "root"])
    assert result.exit_code == 1
    assert result.stderr.startswith("unicom: error: [operator.invalid_scope]")


def test_f_pro_1_campaigns_load_publish_end_list_audited(runner, url, tmp_path):
    loaded = _run(runner, "campaigns", "load", str(_festival(tmp_path)))
    assert "festival-517" in loaded
    assert "draft" in loaded
    assert "published" in _run(runner, "campaigns", "publish", "festival-517")
    assert "festival-517" in _run(runner, "campaigns", "list")
    assert "ended" in _run(runner, "campaigns", "end", "festival-517")
    refused = runner.invoke(app, ["campaigns", "publish", "festival-517"])
    assert refused.exit_code == 1
    assert refused.stderr.startswith("unicom: error: [promotion.transition]")
    assert _audited(url) == ["campaign.defined", "campaign.ended", "campaign.published"]


def test_f_pro_1_campaigns_load_publish_in_one_go(runner, url, tmp_path):
    assert "published" in _run(runner, "campaigns", "load", str(_festival(tmp_path)), "--publish")
    assert _audited(url) == ["campaign.defined", "campaign.published"]


@pytest.mark.usefixtures("url")
def test_f_pro_3_entitlements_issue_runs_a_pass(runner):
    shown = _run(runner, "entitlements", "issue", "--limit", "10")
    assert "issued" in shown
    assert "failed" in shown


def test_f_pro_4_draws_open_commit_close_reveal_audited(runner, url, tmp_path):
    seed_file = tmp_path / "seed.txt"
    seed_file.write_text(SEED + "\n", "ascii")
    _run(runner, "draws", "open", "ipad", "--prize", "iPad", "--winners", "1")
    committed = _run(runner, "draws", "commit", "ipad", "--seed-file", str(seed_file))
    assert commitment_of(SEED) in committed
    _run(runner, "draws", "close", "ipad")
    _run(runner, "draws", "reveal", "ipad", "--seed-file", str(seed_file))
    assert _audited(url) == ["draw.closed", "draw.committed", "draw.opened", "draw.revealed"]
    usage = runner.invoke(app, ["draws", "commit", "ipad"])  # neither --seed-file nor --commitment
    assert usage.exit_code == 2


def test_the_month_commands_are_in_the_audit_log_under_the_os_user(runner, url):
    """F-AUTH-6: the bill run, the reconciler and the arrears pass record who started them."""
    for command in (["bill-run", "2016-05"], ["reconcile"], ["arrears"]):
        runner.invoke(app, command)  # the bill run of a cycle in the past may find no bills
    assert {"billing.arrears", "billing.run", "payments.reconcile"} <= set(_audited(url))
