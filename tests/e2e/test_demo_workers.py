"""The demo served by several workers: seeded once, each worker wiring its own hall."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

from litestar.testing import TestClient

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "business_hall"


def _demo_hall():
    sys.path.insert(0, str(EXAMPLE))
    try:
        import demo_hall  # noqa: PLC0415 - the example, importable once on the path
    finally:
        sys.path.remove(str(EXAMPLE))
    return demo_hall


def test_a_worker_serves_the_seeded_database_without_seeding_it(tmp_path, monkeypatch):
    demo_hall = _demo_hall()
    database = tmp_path / "demo.sqlite3"
    built = demo_hall.build(database, echo=lambda _line: None)
    built.hall.close()
    ready = next(number for number in built.numbers if number.ready)
    monkeypatch.setenv(demo_hall.DATABASE_VARIABLE, str(database))
    app = demo_hall.worker_app()
    login = {"login_type": "mobile", "user_name": ready.number, "password": ready.password}
    with TestClient(app, base_url="http://testserver.local") as client:
        token = client.post("/api/v1/sessions/password", json=login).json()["token"]
        me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["number"]["value"] == ready.number
    assert me.json()["plan_code"] == me.json()["plan"]["code"]


def test_the_workers_listen_on_a_tcp_socket(monkeypatch):
    """uvicorn's own socket has protocol 0: asyncio then leaves Nagle on (40 ms stalls)."""
    demo_hall = _demo_hall()
    seen: dict[str, object] = {}

    class Supervisor:
        def __init__(self, config, sockets):
            seen["workers"], seen["factory"] = config.workers, config.factory
            seen["protocols"] = [listening.proto for listening in sockets]

        def run(self):
            seen["ran"] = True

    monkeypatch.setattr(demo_hall, "Multiprocess", Supervisor)
    demo_hall.serve_workers("demo_hall:worker_app", host="127.0.0.1", port=0, workers=2)
    assert seen == {
        "workers": 2,
        "factory": True,
        "protocols": [socket.IPPROTO_TCP],
        "ran": True,
    }
