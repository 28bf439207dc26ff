"""The payment gateway of the fault tests: the sandbox, in a process of its own (F-PAY-3).

A real gateway lives outside the hall: when the hall's web server is killed, the trades it
opened go on existing, and the reconciler learns their outcome by asking the gateway again
(``query``). :class:`~unicom_payments.SandboxPaymentGateway` keeps its trades in memory, so a
sandbox inside the server process would die with it and make the test lie. Here the sandbox
is served by a :mod:`multiprocessing` manager in a process of its own (:func:`start_gateway`
runs this module as a script); the killed
server, its successor and the test's reconciler all reach that one sandbox through
:class:`RemoteGateway`, an adapter of the payment gateway port.

:class:`FaultGateway` answers a page payment late (PENDING, as a cashier page does) and any
other method at once, so a burst mixes payments settled by the request itself with payments
settled by a notification, and by the reconciler when the notification was lost.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.managers import BaseManager
from typing import TYPE_CHECKING, Any

from unicom_payments import Behaviour, SandboxPaymentGateway, Step

from unicom_core.domain.payments import PaymentMethod

if TYPE_CHECKING:
    from collections.abc import Mapping

    from unicom_core.domain.shared import Money
    from unicom_core.ports.payments import (
        ChargeRequest,
        GatewayNotification,
        GatewayResult,
        RefundRequest,
    )

SECRET = b"faults-sandbox-secret-0123456789"
KEY_VARIABLE = "UNICOM_FAULTS_GATEWAY_KEY"
"""The environment variable holding the manager's key (hex) for the gateway's process."""
_START_TIMEOUT = 60.0


class FaultGateway(SandboxPaymentGateway):
    """The sandbox: page payments answer late, others succeed; it reports what it holds."""

    def __init__(self) -> None:
        super().__init__(name="sandbox", secret=SECRET)
        self._order = threading.Lock()
        self._late: set[str] = set()
        self._charged: set[str] = set()

    def charge(self, request: ChargeRequest, /) -> GatewayResult:
        """A new page payment stays PENDING until :meth:`settle_all`; others succeed."""
        with self._order:
            new = request.idempotency_key not in self._charged
            self._charged.add(request.idempotency_key)
            if new and request.method is PaymentMethod.PAGE:
                self.script(Step(Behaviour.ANSWER_LATE))
                self._late.add(request.idempotency_key)
            return super().charge(request)

    def gateway_name(self) -> str:
        """The name (a manager proxy forwards methods, not properties)."""
        return self.name

    def pending(self) -> list[str]:
        """The keys of the page payments still waiting for their late answer."""
        with self._order:
            return sorted(self._late)

    def settle_all(self) -> list[dict[str, str]]:
        """Finish every late trade (paid); the signed notifications the gateway now sends."""
        with self._order:
            self.settle_late()
            self._late.clear()
            return self.take_notifications()

    def ledger(self) -> dict[str, Money]:
        """The money taken per charge key (the sandbox's own books)."""
        return self.captured


class GatewayManager(BaseManager):
    """The manager serving one :class:`FaultGateway` (registered below)."""


_GATEWAY: FaultGateway | None = None


def _the_gateway() -> FaultGateway:
    global _GATEWAY  # noqa: PLW0603 - the one sandbox of the manager process
    if _GATEWAY is None:
        _GATEWAY = FaultGateway()
    return _GATEWAY


GatewayManager.register("gateway", callable=_the_gateway)


def start_gateway(authkey: bytes) -> tuple[subprocess.Popen[bytes], tuple[str, int]]:
    """Start the gateway's process on a free localhost port; the process and its address.

    It does not wait: :func:`connect_gateway` waits until the gateway answers.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        address = ("127.0.0.1", int(probe.getsockname()[1]))
    process = subprocess.Popen(  # noqa: S603 - this very script
        [sys.executable, __file__, str(address[1])], env={**os.environ, KEY_VARIABLE: authkey.hex()}
    )
    return process, address


def connect_gateway(address: tuple[str, int], authkey: bytes) -> RemoteGateway:
    """The gateway port of the sandbox served at ``address``, once it answers."""
    gateway = RemoteGateway(address, authkey)
    deadline = time.monotonic() + _START_TIMEOUT
    while True:
        try:
            gateway.proxy.gateway_name()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
        else:
            return gateway


class RemoteGateway:
    """The payment gateway port over a manager proxy of :class:`FaultGateway`.

    It connects on first use in each process, so a process forked from one holding it
    (the kill test's web servers) never shares the other's connection.
    """

    def __init__(self, address: tuple[str, int], authkey: bytes) -> None:
        self._address, self._authkey = address, authkey
        self._proxy: Any = None
        self._pid = 0
        self._lock = threading.Lock()

    @property
    def proxy(self) -> Any:
        """The proxy of the sandbox, made by this process."""
        with self._lock:
            if self._proxy is None or self._pid != os.getpid():
                manager = GatewayManager(address=self._address, authkey=self._authkey)
                manager.connect()
                self._proxy = manager.gateway()  # type: ignore[attr-defined]
                self._pid = os.getpid()
            return self._proxy

    @property
    def name(self) -> str:
        """The sandbox's name."""
        return str(self.proxy.gateway_name())

    def charge(self, request: ChargeRequest, /) -> GatewayResult:
        """Charge through the sandbox."""
        result: GatewayResult = self.proxy.charge(request)
        return result

    def refund(self, request: RefundRequest, /) -> GatewayResult:
        """Refund through the sandbox."""
        result: GatewayResult = self.proxy.refund(request)
        return result

    def query(self, idempotency_key: str, /) -> GatewayResult:
        """Ask the sandbox about a trade (what the reconciler does)."""
        result: GatewayResult = self.proxy.query(idempotency_key)
        return result

    def verify_notification(self, payload: Mapping[str, str], /) -> GatewayNotification:
        """Check a notification's signature with the sandbox's secret."""
        notification: GatewayNotification = self.proxy.verify_notification(dict(payload))
        return notification


if __name__ == "__main__":
    GatewayManager(
        address=("127.0.0.1", int(sys.argv[1])), authkey=bytes.fromhex(os.environ[KEY_VARIABLE])
    ).get_server().serve_forever()
