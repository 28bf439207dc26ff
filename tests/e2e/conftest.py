"""Fixtures of the web tests: a hall on memory ports with two customers, and its app.

张三 (customer A) holds two numbers on one account, 李四 (customer B) one; every number's
service password is ``284615`` except A's second number, still on its initial ``135790``.
The clock stands still at 2026-11-26 10:00 Beijing time until a test moves it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs
import pytest
from litestar.testing import TestClient
from unicom_web import WebSettings, create_app

from unicom_core import bootstrap
from unicom_core.domain.shared import (
    SHANGHAI,
    BillingCycle,
    LoginType,
    MobileNumber,
    Money,
    ResidentId,
    check_character,
)
from unicom_core.domain.subscribers import (
    Account,
    AccountId,
    Customer,
    CustomerId,
    NetworkGeneration,
    PaymentMode,
    ServiceKind,
    ServiceNumber,
    Subscriber,
    SubscriberId,
)
from unicom_core.hall import BusinessHall
from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.memory.oauth import MemoryOAuthProvider
from unicom_core.ports.access import CaptchaChallenge

if TYPE_CHECKING:
    from litestar import Litestar

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)
PASSWORD = "284615"  # noqa: S105 - the fixture holders' password
INITIAL = "135790"
A1, A2, B1 = "18612345678", "18612340001", "18687654321"
B3G = "18687650000"  # 李四's 3G postpaid number: the bill-run blackout applies (F-CAL-3)
SECRET = "s" * 48


def _resident_id(birth: str, sequence: int) -> ResidentId:
    first17 = f"110105{birth}{sequence:03d}"
    return ResidentId(first17 + check_character(first17))


def _provision(hall: BusinessHall) -> None:
    with hall.storage.transaction() as tx:
        tx.customers.add(Customer(CustomerId("ca"), "张三", _resident_id("19491231", 1)))
        tx.customers.add(Customer(CustomerId("cb"), "李四", _resident_id("19850517", 2)))
        tx.accounts.add(Account(AccountId("aa"), CustomerId("ca"), Money.of_yuan("52.30")))
        tx.accounts.add(
            Account(AccountId("ab"), CustomerId("cb"), Money.of_yuan("-12"), Money.of_yuan(100))
        )
        for sid, cid, aid, number, mode in (
            ("s1", "ca", "aa", A1, PaymentMode.PREPAID),
            ("s2", "ca", "aa", A2, PaymentMode.PREPAID),
            ("s3", "cb", "ab", B1, PaymentMode.POSTPAID),
            ("s4", "cb", "ab", B3G, PaymentMode.POSTPAID),
        ):
            tx.subscribers.add(
                Subscriber(
                    SubscriberId(sid),
                    CustomerId(cid),
                    AccountId(aid),
                    ServiceNumber.parse(ServiceKind.MOBILE, number),
                    "4g-national-combo",
                    dt.date(2012, 3, 1),
                    mode,
                    NetworkGeneration.G3 if number == B3G else NetworkGeneration.G4,
                    "12345678",
                )
            )
    for sid, number in (("s1", A1), ("s2", A2), ("s3", B1), ("s4", B3G)):
        hall.access.enroll(SubscriberId(sid), INITIAL)
        if number != A2:
            hall.access.change_password(LoginType.MOBILE, number, INITIAL, PASSWORD, client="seed")


_APPS: dict[tuple[object, ...], Litestar] = {}


def _settings_key(settings: WebSettings) -> tuple[object, ...]:
    return tuple(
        tuple(sorted(value.items())) if isinstance(value, Mapping) else value
        for value in attrs.astuple(settings, recurse=False)
    )


def _app(hall: BusinessHall, settings: WebSettings, nth: int) -> Litestar:
    """``create_app(hall, settings)``: the ``nth`` app a test asks for, built once a worker.

    Building the app (registering some 470 handlers) costs more than most tests; the app
    reads its hall from ``app.state["hall"]`` on every request, so a test's app is a cached
    one pointed at the test's own hall. Tests run one at a time in a worker; two clients of
    one test get two apps (``nth``), as two ``create_app`` calls did.
    """
    key = (*_settings_key(settings), nth)
    app = _APPS.get(key)
    if app is None:
        app = _APPS[key] = create_app(hall, settings)
    app.state["hall"] = hall
    return app


@attrs.define
class World:
    """The hall, its app and the memory ports a test reads and drives."""

    hall: BusinessHall
    clock: SettableClock
    messages: MemoryMessageSender
    captcha: MemoryCaptcha
    oauth: MemoryOAuthProvider
    settings: WebSettings

    handed: dict[tuple[object, ...], int] = attrs.field(factory=dict, init=False)

    def app(self, **changes: object):
        """An app over this world's hall (built once a worker: see :func:`_app`)."""
        settings = attrs.evolve(self.settings, **changes)
        key = _settings_key(settings)
        nth = self.handed[key] = self.handed.get(key, -1) + 1
        return _app(self.hall, settings, nth)

    def client(self, base_url: str = "http://testserver.local", **changes: object) -> TestClient:
        return TestClient(self.app(**changes), base_url=base_url)

    def bill_history(self) -> None:
        """Packs held from May; June to October billed (at 2026-11-26, the fixture's now)."""
        since = dt.datetime(2026, 5, 1, tzinfo=SHANGHAI)
        for subscriber, pack in (
            ("s1", "data-100mb"),
            ("s1", "voice-200min"),
            ("s3", "data-300mb"),
            ("s4", "data-100mb"),
        ):
            self.hall.billing.hold_pack(subscriber, pack, starts=since)
        for month in range(6, 11):
            self.hall.billing.close_cycle(BillingCycle(2026, month))

    def solve(self, client: TestClient) -> dict[str, str]:
        """A captcha challenge asked for over the API, answered right."""
        challenge = client.post("/api/v1/captchas").json()
        asked = CaptchaChallenge(challenge["challenge_id"], challenge["prompt"])
        return {"challenge_id": asked.challenge_id, "text": self.captcha.answer_for(asked)}

    def code_for(self, number: str) -> str:
        return self.messages.last_code(MobileNumber.parse(number))

    def login(self, client: TestClient, number: str = A1, password: str = PASSWORD) -> str:
        """Log in through the API; the client keeps the cookie. Returns the token."""
        answer = client.post(
            "/api/v1/sessions/password",
            json={"login_type": "mobile", "user_name": number, "password": password},
        )
        assert answer.status_code == 201, answer.text
        return answer.json()["token"]

    def login_random(self, client: TestClient, number: str = A1) -> str:
        """Log in with a random password read from the memory SMS sender."""
        assert (
            client.post("/api/v1/random-passwords", json={"user_name": number}).status_code == 202
        )
        answer = client.post(
            "/api/v1/sessions/random-password",
            json={"user_name": number, "random_password": self.code_for(number)},
        )
        assert answer.status_code == 201, answer.text
        return answer.json()["token"]

    @staticmethod
    def csrf_token(html: str) -> str:
        """The hidden CSRF field of a page's form."""
        found = re.search(r'name="_csrf_token" value="([^"]+)"', html)
        assert found is not None, "the page has no CSRF field"
        return found.group(1)

    @staticmethod
    def problem(answer, status: int, code: str) -> dict:
        """The answer is an RFC 9457 problem with this status and code; returns its body."""
        assert answer.status_code == status, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
        body = answer.json()
        assert body["status"] == status
        assert body["code"] == code
        assert body["type"] == f"urn:unicom:error:{code}"
        assert isinstance(body["title"], str)
        assert isinstance(body["detail"], str)
        return body


@pytest.fixture
def world() -> World:
    clock = SettableClock(NOW)
    messages, captcha, oauth = MemoryMessageSender(), MemoryCaptcha(), MemoryOAuthProvider()
    hall = bootstrap(clock=clock, messages=messages, captcha=captcha, oauth=oauth)
    _provision(hall)
    return World(hall, clock, messages, captcha, oauth, WebSettings(secret=SECRET))


@pytest.fixture
def client(world: World):
    with world.client() as test_client:
        yield test_client
