"""The demo business hall wired together: SQLite, the memory SMS and captcha, the web app.

:func:`build` is what ``make demo`` runs (through ``serve.py``) and what the browser tests
start on a free port: the SQL adapter on a SQLite file (migrated first), the memory SMS
sender and captcha (which print the codes, as the demo's phone and eyes), the sandbox
payment gateway with a checkout page the visitor completes (``demo_checkout.py``), the
seeded demo numbers, recharge-card stock and the shop's stock (phones, data cards; the
charger sold out), the PDF renderer of acceptance forms and invoices (``unicom_documents``,
with Debian's Noto CJK font), and the Litestar app of the web adapter.
:meth:`Demo.start_reconciler` runs the payment janitor in the background.

The demo is not production (``production=False``: its SMS, captcha and gateway are doubles),
but its passwords are stored as production stores them: argon2id (the default beside SQL
storage) of the password peppered with a secret kept beside the database (F-AUTH-7).
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import uvicorn
from demo_checkout import DemoCheckoutGateway, mount_checkout
from demo_operator import seed_operator
from demo_promotions import demo_growth_settings, seed_promotions
from demo_seed import DemoNumber, seed, seed_billing, seed_cards, seed_pool, seed_stock
from litestar import Litestar
from unicom_documents import PdfDocuments
from unicom_metrics import PrometheusMetrics
from unicom_sql import SqlMetricsStore, SqlNumberPool, create_storage, upgrade
from unicom_support import Bm25SupportBot
from unicom_web import WebSettings, create_app
from unicom_web.areas.support import agent_key_digest
from uvicorn.supervisors import Multiprocess

from unicom_core import bootstrap
from unicom_core.catalog_data import default_catalog
from unicom_core.domain.access import Pepper
from unicom_core.hall import BusinessHall
from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.usecases.access import AccessSettings

if TYPE_CHECKING:
    from collections.abc import Callable

    from unicom_core.ports.access import CaptchaChallenge

__all__ = [
    "DATABASE_VARIABLE",
    "DEMO_AGENT",
    "ConsoleCaptcha",
    "Demo",
    "build",
    "serve_workers",
    "wire",
    "worker_app",
]


class ConsoleCaptcha(MemoryCaptcha):
    """The memory captcha, printing each answer as the demo's stand-in for a picture."""

    def __init__(self, echo: Callable[[str], object]) -> None:
        super().__init__()
        self._echo = echo

    def new_challenge(self) -> CaptchaChallenge:
        """A challenge whose answer is printed to the console."""
        challenge = super().new_challenge()
        self._echo(f"captcha {challenge.challenge_id}: {self.answer_for(challenge)}")
        return challenge


@attrs.frozen
class Demo:
    """The running demo: the hall, its web app, its SMS outbox and its demo numbers."""

    hall: BusinessHall
    app: Litestar
    messages: MemoryMessageSender
    captcha: ConsoleCaptcha
    numbers: tuple[DemoNumber, ...]
    gateway: DemoCheckoutGateway
    agent_key: str = attrs.field(default="", repr=False)
    """The key of :data:`DEMO_AGENT` for the customer-service console (``/support/agent``)."""
    operator: tuple[str, str] = attrs.field(default=("", ""), repr=False)
    """The operator console's client id and secret (``/operator/login``, F-AUTH-6)."""

    def start_reconciler(self, every: float = 30.0) -> Callable[[], None]:
        """Run ``hall.payments.reconcile()`` every ``every`` seconds; returns the stop call."""
        stop = threading.Event()

        def loop() -> None:
            while not stop.wait(every):
                self.hall.payments.reconcile()

        thread = threading.Thread(target=loop, name="payment-reconciler", daemon=True)
        thread.start()

        def halt() -> None:
            stop.set()
            thread.join(timeout=every + 5)

        return halt


def _secret(path: Path) -> str:
    """The CSRF secret kept beside the database, so that a restart keeps forms working."""
    if not path.exists():
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def build(database: Path, *, echo: Callable[[str], object] = print) -> Demo:
    """Migrate ``database``, seed it, and wire the hall and its web app."""
    database.parent.mkdir(parents=True, exist_ok=True)
    upgrade(f"sqlite:///{database}")
    demo = wire(database, echo=echo)
    numbers = seed(demo.hall)
    seed_billing(demo.hall, numbers)
    seed_cards(demo.hall)
    seed_pool(demo.hall)
    seed_stock(demo.hall)
    seed_promotions(demo.hall, database.with_suffix(".draw"))  # F-PRO-1..4
    operator = seed_operator(demo.hall, database.with_suffix(".operator"))  # F-AUTH-6
    return attrs.evolve(demo, numbers=numbers, operator=operator)


def wire(database: Path, *, echo: Callable[[str], object] = print) -> Demo:
    """Wire the hall and its web app on ``database``, migrated and seeded already (no numbers).

    What each web worker runs (:func:`worker_app`): :func:`build` migrates and seeds once,
    before the workers start.
    """
    messages = MemoryMessageSender(echo=echo)
    captcha = ConsoleCaptcha(echo)
    gateway = DemoCheckoutGateway()
    pepper = Pepper("demo", bytes.fromhex(_secret(database.with_suffix(".pepper"))))
    storage = create_storage(f"sqlite:///{database}")
    hall = bootstrap(
        storage=storage,
        number_pool=SqlNumberPool(storage.engine),
        messages=messages,
        captcha=captcha,
        payment_gateway=gateway,
        documents=PdfDocuments(),
        access_settings=AccessSettings(password_pepper=pepper),
        support_bot=Bm25SupportBot(default_catalog().products()),
        metrics_store=SqlMetricsStore(storage.engine),
        metrics=[PrometheusMetrics()],
        growth_settings=demo_growth_settings(),  # 沃之树 around today (F-PRO-4)
        production=False,
    )
    agent_key = _secret(database.with_suffix(".agent"))
    settings = WebSettings(
        secret=_secret(database.with_suffix(".secret")),
        support_agent_keys={DEMO_AGENT: agent_key_digest(agent_key)},
    )
    app = create_app(hall, settings)
    mount_checkout(app, hall, gateway)
    return Demo(hall, app, messages, captcha, (), gateway, agent_key)


DEMO_AGENT = "demo-agent"
"""The demo's one customer-service agent (F-BIZ-8); its key is kept beside the database."""

DATABASE_VARIABLE = "UNICOM_DEMO_DB"
"""The environment variable that names the demo database to every web worker."""


def worker_app() -> Litestar:
    """The app of one web worker (``uvicorn.run("demo_hall:worker_app", factory=True)``).

    The database is the one :data:`DATABASE_VARIABLE` names, built by :func:`build` before.
    Each worker has its own memory captcha, SMS outbox and checkout gateway: a captcha or a
    sandbox checkout begun on one worker is unknown to the others.
    """
    return wire(Path(os.environ[DATABASE_VARIABLE])).app


def serve_workers(  # noqa: PLR0913 - uvicorn's settings, by name
    factory: str,
    *,
    host: str,
    port: int,
    workers: int,
    log_level: str = "warning",
    access_log: bool = True,
    healthcheck_timeout: int = 5,
) -> None:
    """Serve the app ``factory`` (``"module:function"``) by ``workers`` uvicorn processes.

    What ``uvicorn.run(factory, factory=True, workers=workers)`` does, but on a listening
    socket made as a TCP socket (``IPPROTO_TCP``): asyncio then sets ``TCP_NODELAY`` on each
    connection it accepts. uvicorn binds a socket of protocol 0 for its workers, on which
    asyncio leaves Nagle's algorithm on, and every second request of a keep-alive connection
    waits for a delayed ACK (about 40 ms on Linux).

    ``healthcheck_timeout``: the seconds a worker has to answer uvicorn's health check, the
    first one included (uvicorn's default 5); a worker still importing the hall on a busy
    machine is killed and restarted after it, so a load test on a shared machine gives more.
    """
    config = uvicorn.Config(
        factory,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=access_log,
        timeout_worker_healthcheck=healthcheck_timeout,
    )
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listening.bind((host, port))
    listening.set_inheritable(True)
    try:
        Multiprocess(config, sockets=[listening]).run()
    finally:
        listening.close()
