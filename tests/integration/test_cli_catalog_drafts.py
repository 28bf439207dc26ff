"""``unicom catalog publish`` without a file publishes the operators' draft (F-SHOP-4).

On a migrated SQLite database: the draft is made through the hall (as the TMF620 writes
make it), the command line publishes or discards it, audited as ``cli:<user>``.
"""

from __future__ import annotations

from importlib import resources

import pytest
from typer.testing import CliRunner
from unicom_sql import create_storage
from unicom_sql.cli import app

from unicom_core import bootstrap
from unicom_core.catalog_data import DEFAULT_CATALOG_RESOURCE
from unicom_core.domain.catalog import Channel, Goods, ProductKind
from unicom_core.domain.shared import Money

TOP_UP_20 = Goods("top-up-20", "20元充值", ProductKind.TOP_UP, Money(2000), [Channel.ONLINE_HALL])


@pytest.fixture
def hall(monkeypatch, sqlite_url):
    monkeypatch.setenv("UNICOM_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("UNICOM_PRODUCTION", "0")
    hall = bootstrap(storage=create_storage(sqlite_url))
    yield hall
    hall.close()


def _error(result, code: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"unicom: error: [{code}]")


def test_f_shop_4_publish_without_a_file_publishes_the_draft(hall):
    runner = CliRunner()
    _error(runner.invoke(app, ["catalog", "publish"]), "catalog.no_draft")
    hall.catalog_drafts.put(TOP_UP_20, actor="op-tester")
    result = runner.invoke(app, ["catalog", "publish"])
    assert result.exit_code == 0, result.output
    assert "4" in result.stdout
    assert hall.catalog.price("top-up-20").price == Money(2000)
    assert hall.catalog_drafts.pending() is None


def test_a_file_waits_for_the_draft_and_discard_drops_it(hall, tmp_path):
    runner = CliRunner()
    hall.catalog_drafts.put(TOP_UP_20, actor="op-tester")
    shipped = resources.files("unicom_core.catalog_data") / DEFAULT_CATALOG_RESOURCE
    file = tmp_path / "catalog.toml"
    file.write_text(shipped.read_text("utf-8").replace("revision = 3", "revision = 4"), "utf-8")
    _error(runner.invoke(app, ["catalog", "publish", str(file)]), "catalog.draft_pending")
    assert runner.invoke(app, ["catalog", "discard"]).exit_code == 0
    assert hall.catalog_drafts.pending() is None
    result = runner.invoke(app, ["catalog", "publish", str(file)])
    assert result.exit_code == 0, result.output
    assert hall.catalog.catalog().revision == 4
