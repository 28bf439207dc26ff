"""What stands between the hall's top-up path and pgbench: the path in one process, profiled.

The same top-up as the load's (``hall.payments.top_up``, the cashier marking the trade paid,
``hall.payments.handle_notification``), without HTTP, one after another on one thread,
under :mod:`cProfile`. It prints the top-ups per second of the use cases alone (the ceiling
of the web path on one core) and the functions that take the most time of their own,
grouped by the layer they belong to (the hall's core, the SQL adapter, SQLAlchemy,
psycopg and the server's wait, cattrs and the JSON bodies, the rest).
"""

from __future__ import annotations

import cProfile
import pstats
import time
import uuid
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

import attrs
from festival_gateway import FestivalGateway, pay
from festival_hall import PASSWORD, crowd
from sqlalchemy import event

from unicom_core.domain.shared import LoginType

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from unicom_core.hall import BusinessHall

__all__ = ["LAYERS", "Profile", "profile_top_ups"]

LAYERS = (
    ("psycopg (the server's answers)", ("psycopg",)),
    ("SQLAlchemy", ("sqlalchemy",)),
    ("the SQL adapter", ("unicom_sql",)),
    ("cattrs / JSON bodies", ("cattrs", "json", "serialization")),
    ("the hall's core", ("unicom_core",)),
    ("the festival's gateway", ("festival_",)),
)
"""Where a function's own time is counted, by the first fragment its file name holds."""


def _one(hall: BusinessHall, gateway: FestivalGateway, engine: Engine, token: str) -> None:
    result = hall.payments.top_up(token, "top-up-50", idempotency_key=uuid.uuid4().hex)
    key, fen = result.payment.id, result.payment.amount.fen
    with engine.begin() as connection:
        pay(connection, key, fen)
    hall.payments.handle_notification(gateway.notification(key, fen))


def _layer(filename: str) -> str:
    for name, fragments in LAYERS:
        if any(fragment in filename for fragment in fragments):
            return name
    return "the rest (Python, attrs, the standard library)"


@attrs.frozen
class Profile:
    """The in-process top-up path: its rate, its SQL, its own time by layer, its hot spots."""

    rate: float
    statements: float
    """SQL statements per top-up (reads, writes, BEGIN/COMMIT not counted)."""
    commits: float
    """Transactions committed per top-up."""
    layers: list[tuple[str, float]]
    """Share of the own time of each layer, largest first."""
    hottest: list[str]


def _counting(engine: Engine) -> Counter[str]:
    counts = Counter[str]()

    def statement(*_args: object) -> None:
        counts["statements"] += 1

    def commit(*_args: object) -> None:
        counts["commits"] += 1

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", commit)
    return counts


def profile_top_ups(
    hall: BusinessHall, gateway: FestivalGateway, engine: Engine, count: int
) -> Profile:
    """``count`` top-ups in-process on one thread, under cProfile, their SQL counted."""
    numbers = crowd(4)
    tokens = [
        hall.access.login_with_password(LoginType.MOBILE, n, PASSWORD, client="profile").token
        for n in numbers
    ]
    counts = _counting(engine)
    profiler = cProfile.Profile()
    began = time.perf_counter()
    profiler.enable()
    for index in range(count):
        _one(hall, gateway, engine, tokens[index % len(tokens)])
    profiler.disable()
    rate = count / (time.perf_counter() - began)
    layers, hottest = _spent(pstats.Stats(profiler), count)
    return Profile(rate, counts["statements"] / count, counts["commits"] / count, layers, hottest)


def _spent(stats: pstats.Stats, count: int) -> tuple[list[tuple[str, float]], list[str]]:
    own: dict[str, float] = defaultdict(float)
    rows = []
    for (filename, line, function), (*_calls, tottime, _ct, _by) in stats.stats.items():  # type: ignore[attr-defined]
        own[_layer(filename)] += tottime
        rows.append((tottime, f"{function} ({filename.rsplit('/', 1)[-1]}:{line})"))
    total = sum(own.values()) or 1.0
    layers = sorted(((name, spent / total) for name, spent in own.items()), key=lambda x: -x[1])
    hottest = [f"{name}: {spent / count * 1000:.2f} ms" for spent, name in sorted(rows)[-10:][::-1]]
    return layers, hottest
