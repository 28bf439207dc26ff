"""The baseline: pgbench runs a top-up's plain SQL on the festival's server.

``setup.sql`` makes scratch tables (``bench_*``) in the festival's own schema, with as many
accounts as the crowd; ``topup.sql`` is one top-up as one transaction of plain SQL (the
payment row, the ledger entry, the balance, an outbox row). Debian's pgbench
(``postgresql-contrib``) runs it with ``-c 8 -j 2`` for ``FESTIVAL_PGBENCH_SECONDS``
(default 10) and its transactions per second are the baseline the hall's top-up path is
measured against.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import make_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

__all__ = ["PGBENCH", "pgbench_tps"]

PGBENCH = Path("/usr/lib/postgresql/15/bin/pgbench")
"""Debian's pgbench of PostgreSQL 15 (package ``postgresql-contrib``)."""
HERE = Path(__file__).resolve().parent
_TPS = re.compile(r"^tps = ([0-9.]+) \(without initial connection time\)$", re.MULTILINE)


def _setup(engine: Engine, accounts: int) -> None:
    script = (HERE / "setup.sql").read_text(encoding="utf-8")
    statements = [part for part in script.split(";") if _code(part)]
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(
                text(statement), {"accounts": accounts} if ":accounts" in statement else {}
            )


def _code(part: str) -> bool:
    return any(line.strip() and not line.strip().startswith("--") for line in part.splitlines())


def _conninfo(url: str) -> tuple[str, dict[str, str]]:
    """libpq's connection string of a SQLAlchemy URL, and the password as ``PGPASSWORD``."""
    parsed = make_url(url)
    fields = {
        "host": parsed.host or "127.0.0.1",
        "port": str(parsed.port or 5432),
        "user": parsed.username or "postgres",
        "dbname": parsed.database or "postgres",
    }
    options = parsed.query.get("options")
    if isinstance(options, str):
        fields["options"] = options
    line = " ".join(f"{name}='{value}'" for name, value in fields.items())
    return line, {"PGPASSWORD": parsed.password or ""} if parsed.password else {}


def pgbench_tps(engine: Engine, url: str, *, accounts: int, seconds: int) -> float:
    """Run ``topup.sql`` with pgbench (-c 8 -j 2) for ``seconds``; its transactions per second.

    Raises:
        SystemExit: pgbench is missing or failed.
    """
    if not PGBENCH.exists():
        raise SystemExit(f"{PGBENCH} is missing: apt-get install postgresql-contrib")
    _setup(engine, accounts)
    conninfo, password = _conninfo(url)
    command = [str(PGBENCH), "-n", "-c", "8", "-j", "2", "-T", str(seconds)]
    command += ["-f", str(HERE / "topup.sql"), "-D", f"accounts={accounts}", conninfo]
    done = subprocess.run(  # noqa: S603 - Debian's pgbench, our own script
        command,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **password},
        timeout=seconds + 60,
    )
    found = _TPS.search(done.stdout)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"pgbench failed ({done.returncode}): {done.stderr or done.stdout}")
    return float(found.group(1))
