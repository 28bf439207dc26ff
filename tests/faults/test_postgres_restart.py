"""PostgreSQL restarted under load: 503 with ``Retry-After`` while it is down, then served again.

A hall on a PostgreSQL cluster of the tests' own answers requests from threads while an
administrator stops the server (``pg_ctl stop -m fast``: sessions are cut) and starts it
again. While it is down every request is a 503 problem with the AdapterError's code
(``storage.unavailable``) and a ``Retry-After`` header, none is a 500, none hangs; once it is
up the same hall, its pool healed (docs/explanation/faults.md), answers 200 again. The hall
is never rebuilt.
"""

from __future__ import annotations

import threading
import time

import attrs
import pytest
from litestar.testing import TestClient
from tests.faults.halls import SCALE, login, make_hall, provision
from unicom_sql import create_storage
from unicom_sql.testing import scratch_schema
from unicom_web import WebSettings, create_app
from unicom_web.problems import UNAVAILABLE_RETRY_AFTER

from unicom_core.domain.shared import STORAGE_UNAVAILABLE

pytestmark = [pytest.mark.faults, pytest.mark.slow]

CLIENTS = 2
SLOWEST = 10.0
"""No request may take longer than this many seconds, the server up or down."""
_OK, _UNAVAILABLE = 200, 503


@attrs.frozen
class Answer:
    """One request: when it began and ended, and what it was told."""

    began: float
    ended: float
    status: int
    code: str
    retry_after: str | None


@attrs.define
class Load:
    """Requests sent in a loop from threads, each answer kept with its times.

    ``up`` holds the windows in which the server was up (from the end of a start to the
    beginning of the next stop): a request wholly inside one must succeed.
    """

    client: TestClient
    token: str
    answers: list[Answer] = attrs.field(factory=list)
    up: list[tuple[float, float]] = attrs.field(factory=list)
    lock: threading.Lock = attrs.field(factory=threading.Lock)
    done: threading.Event = attrs.field(factory=threading.Event)

    def run(self) -> None:
        bearer = {"Authorization": f"Bearer {self.token}"}
        while not self.done.is_set():
            began = time.monotonic()
            answer = self.client.get("/api/v1/billing/balance", headers=bearer)
            code = answer.json().get("code", "") if answer.status_code != _OK else ""
            seen = Answer(
                began, time.monotonic(), answer.status_code, code, answer.headers.get("Retry-After")
            )
            with self.lock:
                self.answers.append(seen)
            time.sleep(0.01)

    def wait_for(self, since: float, status: int, count: int) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with self.lock:
                found = sum(1 for a in self.answers if a.began >= since and a.status == status)
            if found >= count:
                return
            time.sleep(0.02)
        pytest.fail(f"fewer than {count} answers {status} since the last stop or start")

    def in_up_windows(self) -> list[Answer]:
        with self.lock:
            return [
                a for a in self.answers if any(s <= a.began and a.ended <= e for s, e in self.up)
            ]


def _restart(load: Load, cluster, since: float) -> float:
    """Stop the server under load and start it again; when it was up again."""
    load.wait_for(since, _OK, 3)
    stopping = time.monotonic()
    load.up.append((since, stopping))
    cluster.stop()
    load.wait_for(stopping, _UNAVAILABLE, 3)
    cluster.start()
    started = time.monotonic()
    load.wait_for(started, _OK, 5)
    return started


@pytest.fixture
def pg_hall(own_postgres):
    with scratch_schema(own_postgres.url) as url:
        hall = make_hall(create_storage(url, pool_size=4))
        try:
            yield hall
        finally:
            hall.close()


def test_requests_answer_503_while_postgres_restarts_and_succeed_after(own_postgres, pg_hall):
    hall = pg_hall
    provision(hall, 1)
    app = create_app(hall, WebSettings(secret="p" * 48))
    with TestClient(app, base_url="http://testserver.local") as client:
        load = Load(client, login(hall, 0))
        threads = [threading.Thread(target=load.run) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        try:
            since = time.monotonic()
            for _ in range(SCALE):
                since = _restart(load, own_postgres, since)
            load.up.append((since, time.monotonic()))
        finally:
            load.done.set()
            for thread in threads:
                thread.join(SLOWEST * 3)
    answers = load.answers
    assert max(a.ended - a.began for a in answers) < SLOWEST
    refused = [a for a in answers if a.status != _OK]
    assert refused
    assert {(a.status, a.code) for a in refused} == {(_UNAVAILABLE, STORAGE_UNAVAILABLE.code)}
    assert {a.retry_after for a in refused} == {str(UNAVAILABLE_RETRY_AFTER)}
    assert all(a.status == _OK for a in load.in_up_windows())
