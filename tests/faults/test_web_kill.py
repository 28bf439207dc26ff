"""The web server killed (SIGKILL) in a burst of payments loses none and doubles none (F-PAY-3).

A hall on a SQLite file is served by uvicorn in a process of its own; customers top up (on
a page, answered late, and in an app, answered at once) and pay bills from threads, each
request under its own idempotency key. Mid-burst the server gets SIGKILL and is started
again on the same database and port; a request cut by the kill is sent again under the
same key, as a client does. The gateway (the sandbox, in a process of its own: a real one
lives outside the hall) finishes the page payments and posts their notifications; those it
sends while the server is dead are lost. Afterwards the reconciler runs, an hour later, as
the janitor would.

Then: every payment a customer saw acknowledged is stored, a success still a success; no
payment is left open; the gateway took money for exactly the succeeded payments; each
account's ledger credits each succeeded payment once and nothing else, and its balance is
its opening balance plus its ledger; the payments whose notification died with the server
were settled by the reconciler.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import attrs
import httpx
import pytest
from tests.faults.gateway import KEY_VARIABLE, connect_gateway, start_gateway
from tests.faults.halls import SCALE, attempts, check_books, login, make_hall, provision
from unicom_sql import create_storage

from unicom_core.domain.payments import PaymentStatus, attempt_id
from unicom_core.memory.clocks import SettableClock

pytestmark = [pytest.mark.faults, pytest.mark.slow]

SERVER = Path(__file__).with_name("hall_server.py")
CUSTOMERS = 3
OPS = 9 * SCALE
"""Payments each customer makes: a page top-up, an app top-up and a bill payment in turn."""
KILLS = 1 if SCALE == 1 else 3
DEADLINE = 60.0 * SCALE
_UP = (200, 201)
_REFUSED = {(409, "payment.bill_payment_open")}
"""What a customer may be told besides a receipt: a bill payment still open from before."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@attrs.define
class Server:
    """The hall's web server, killed and started again on one port by its supervisor.

    The supervisor (``hall_server.py``) wires the hall once and forks a server on demand.
    """

    database: str
    port: int
    gateway_port: int
    key: bytes
    supervisor: subprocess.Popen[str] | None = None
    pid: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def launch(self) -> None:
        """Start the supervisor, which imports and wires the hall meanwhile."""
        if self.supervisor is None:
            self.supervisor = subprocess.Popen(  # noqa: S603 - this test's own server script
                [
                    sys.executable,
                    str(SERVER),
                    self.database,
                    str(self.port),
                    str(self.gateway_port),
                ],
                env={**os.environ, KEY_VARIABLE: self.key.hex()},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                start_new_session=True,
            )

    def start(self) -> None:
        """Have the supervisor fork a web server; wait until it answers."""
        self.launch()
        assert self.supervisor is not None
        assert self.supervisor.stdin is not None
        assert self.supervisor.stdout is not None
        self.supervisor.stdin.write("start\n")
        self.supervisor.stdin.flush()
        self.pid = int(self.supervisor.stdout.readline())
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                httpx.get(self.base + "/api/v1/nothing", timeout=2)
            except httpx.TransportError:
                time.sleep(0.02)
            else:
                return
        pytest.fail("the hall's server did not start")

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                return  # dead and reaped
            time.sleep(0.01)
        pytest.fail("the killed server did not die")

    def stop(self) -> None:
        if self.supervisor is not None:
            os.killpg(self.supervisor.pid, signal.SIGKILL)
            self.supervisor.wait(timeout=30)
            for pipe in (self.supervisor.stdin, self.supervisor.stdout):
                if pipe is not None:
                    pipe.close()


@attrs.define
class Burst:
    """What the customers were told, and what the gateway could not deliver."""

    server: Server
    tokens: list[str]
    lock: threading.Lock = attrs.field(factory=threading.Lock)
    sent: dict[str, int] = attrs.field(factory=dict)
    """Every idempotency key sent, with its customer."""
    acknowledged: dict[str, str] = attrs.field(factory=dict)
    """Payment id -> the status the customer saw."""
    unexpected: list[str] = attrs.field(factory=list)
    lost: list[str] = attrs.field(factory=list)
    """Payments whose notification the gateway sent to a dead server."""
    done: threading.Event = attrs.field(factory=threading.Event)
    killed: threading.Event = attrs.field(factory=threading.Event)
    """Set once every kill is done: the customers go on until then (the kills are mid-burst)."""

    @staticmethod
    def request(step: int) -> tuple[str, dict[str, object]]:
        kind = step % 3
        if kind == 2:
            return "/api/v1/payments/bill-payments", {"amount_fen": 100 + step, "method": "app"}
        method = "page" if kind == 0 else "app"
        return "/api/v1/payments/top-ups", {"product_code": "top-up-50", "method": method}

    def customer(self, index: int) -> None:
        bearer = {"Authorization": f"Bearer {self.tokens[index]}"}
        deadline = time.monotonic() + DEADLINE
        with httpx.Client(base_url=self.server.base, headers=bearer, timeout=30) as client:
            step = 0
            while (step < OPS or not self.killed.is_set()) and time.monotonic() < deadline:
                key = f"k{index}-{step}"
                path, body = self.request(step)
                step += 1
                with self.lock:
                    self.sent[key] = index
                while time.monotonic() < deadline:
                    try:
                        answer = client.post(path, json=body, headers={"Idempotency-Key": key})
                    except httpx.TransportError:
                        time.sleep(0.05)  # the server is down: send it again, same key
                        continue
                    self.told(answer)
                    break

    def told(self, answer: httpx.Response) -> None:
        try:
            body = answer.json()
        except ValueError:
            body = {}
        with self.lock:
            if answer.status_code in _UP:
                payment = body["payment"]
                self.acknowledged[payment["id"]] = payment["status"]
            elif (answer.status_code, body.get("code")) not in _REFUSED:
                self.unexpected.append(f"{answer.status_code} {answer.text}")

    def notify(self, gateway, pause: threading.Lock) -> None:
        """The gateway: finish late trades and post their notifications, until the end."""
        with httpx.Client(base_url=self.server.base, timeout=30) as client:
            while not self.done.wait(0.3):
                with pause:
                    self.deliver(client, gateway.proxy.settle_all())
            self.deliver(client, gateway.proxy.settle_all())

    def deliver(self, client: httpx.Client, notifications: list[dict[str, str]]) -> None:
        for notification in notifications:
            try:
                answer = client.post("/api/v1/payments/notifications", data=notification)
            except httpx.TransportError:
                with self.lock:
                    self.lost.append(notification["out_trade_no"])
                continue
            if answer.status_code != 200:
                with self.lock:
                    self.unexpected.append(f"notification {answer.status_code} {answer.text}")


def _kill_mid_burst(burst: Burst, gateway, pause: threading.Lock) -> None:
    """SIGKILL the server ``KILLS`` times, each once enough payments were made."""
    total = CUSTOMERS * OPS
    for kill in range(KILLS):
        wanted = total * (kill + 1) // (KILLS + 1)
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            with burst.lock:
                made = len(burst.acknowledged)
                waiting = {i for i, s in burst.acknowledged.items() if s == "pending"}
            if made >= wanted and waiting & set(gateway.proxy.pending()):
                break  # an acknowledged payment waits for its notification: kill now
            time.sleep(0.01)
        with pause:  # the gateway's notifications of this moment find the server dead
            burst.server.kill()
            with httpx.Client(base_url=burst.server.base, timeout=5) as client:
                burst.deliver(client, gateway.proxy.settle_all())
        burst.server.start()


@pytest.fixture
def gateway_key():
    key = secrets.token_bytes(16)
    process, address = start_gateway(key)
    try:
        yield address, key
    finally:
        process.terminate()
        process.wait(timeout=30)


def _burst(server: Server, tokens: list[str], gateway) -> Burst:
    """The customers' burst, with the kills in its middle; what they were told."""
    burst, pause = Burst(server, tokens), threading.Lock()
    server.start()
    customers = [threading.Thread(target=burst.customer, args=(i,)) for i in range(CUSTOMERS)]
    notifier = threading.Thread(target=burst.notify, args=(gateway, pause))
    for thread in [*customers, notifier]:
        thread.start()
    try:
        _kill_mid_burst(burst, gateway, pause)
    finally:
        burst.killed.set()
        for thread in customers:
            thread.join(DEADLINE)
        burst.done.set()
        notifier.join(DEADLINE)
    return burst


def _reconciled(url: str, burst: Burst, gateway) -> None:
    """The janitor's pass an hour later settles the rest; then the books' laws hold."""
    later = SettableClock(dt.datetime.now(dt.UTC) + dt.timedelta(hours=1))
    janitor = make_hall(create_storage(url), payment_gateway=gateway, clock=later)
    try:
        report = janitor.payments.reconcile()
        assert report.open == ()
        assert report.errors == ()
        assert set(burst.lost) & set(report.settled), "the reconciler settled no half-open one"
        ids = {attempt_id(f"s{i}", key) for key, i in burst.sent.items()}
        stored = attempts(janitor.storage, ids | set(burst.acknowledged))
        assert set(burst.acknowledged) <= set(stored)
        for payment_id, status in burst.acknowledged.items():
            if status == PaymentStatus.SUCCEEDED.value:
                assert stored[payment_id].status is PaymentStatus.SUCCEEDED
        check_books(janitor.storage, CUSTOMERS, stored, gateway.proxy.ledger())
    finally:
        janitor.close()


def test_a_killed_web_server_loses_no_acknowledged_payment_and_credits_none_twice(
    sqlite_file, gateway_key
):
    address, key = gateway_key
    url = f"sqlite:///{sqlite_file}"
    server = Server(url, _free_port(), address[1], key)
    try:
        server.launch()  # it wires the hall while the customers are made
        setup = make_hall(create_storage(url))
        provision(setup, CUSTOMERS)
        tokens = [login(setup, index) for index in range(CUSTOMERS)]
        setup.close()
        gateway = connect_gateway(address, key)
        burst = _burst(server, tokens, gateway)
    finally:
        server.stop()
    assert burst.unexpected == []
    assert len(burst.sent) >= CUSTOMERS * OPS
    assert burst.lost, "no notification died with the server"
    _reconciled(url, burst, gateway)
