"""Who the client is, for the per-client limits, and the gateway-notification flood limit.

A forwarded header (``X-Forwarded-For``) names the client only when the direct peer is a
trusted proxy, and then its right-most address that is not itself a proxy counts: a client
that writes the header itself gets no fresh lock-out counter (F-AUTH-7). Gateway
notifications are counted per source address and minute; beyond the limit the answer is
429 with ``Retry-After`` and nothing is recorded (F-PAY-3); a purge deletes the counters of
minutes that are over.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from litestar import Request
from litestar.testing import TestClient
from unicom_payments import Behaviour, SandboxPaymentGateway
from unicom_web import WebSettings
from unicom_web.cookies import client_of
from unicom_web.limits import notification_key

from unicom_core import bootstrap
from unicom_core.domain.shared import Money
from unicom_core.errors import InvalidInput

A1, B1 = "18612345678", "18687654321"
SECRET = "s" * 48
XFF = "x-forwarded-for"


class _Peer:
    """The app as seen from ``host``: the ASGI scope's client is that address."""

    def __init__(self, app, host: str) -> None:
        self.app, self.host = app, host

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            scope = {**scope, "client": (self.host, 40000)}
        await self.app(scope, receive, send)


def _from(world, host: str, **changes: object) -> TestClient:
    return TestClient(_Peer(world.app(**changes), host), base_url="http://testserver.local")


def _fail_login(client, user: str, forwarded: str):
    body = {"login_type": "mobile", "user_name": user, "password": "0" * 6}
    return client.post("/api/v1/sessions/password", json=body, headers={XFF: forwarded})


def _fill_the_counter(world, client, prefix: str) -> None:
    """Fail as often as the captcha threshold, each time naming another forwarded address."""
    for n in range(world.hall.access.settings.lockout.captcha_after):
        _fail_login(client, A1, f"{prefix}.{n + 1}")


@pytest.mark.parametrize(
    ("peer", "proxies"),
    [("testclient", ()), ("203.0.113.50", ()), ("203.0.113.50", ("10.0.0.0/8",))],
)
def test_a_spoofed_header_from_an_untrusted_peer_gets_no_fresh_counter(world, peer, proxies):
    with _from(world, peer, client_header=XFF, trusted_proxies=proxies) as client:
        _fill_the_counter(world, client, "198.51.100")
        fresh = _fail_login(client, B1, "192.0.2.77")
    assert fresh.json()["code"] == "access.captcha_required"  # the peer's counter is full


def test_a_trusted_proxy_names_the_right_most_untrusted_address(world):
    """F-AUTH-7 behind a proxy: the address the proxy saw is the client, not what it wrote."""
    proxies = ("10.0.0.0/8",)
    with _from(world, "10.0.0.1", client_header=XFF, trusted_proxies=proxies) as client:
        for n in range(world.hall.access.settings.lockout.captcha_after):
            _fail_login(client, A1, f"198.51.100.{n + 1}, 203.0.113.9, 10.0.0.7")
        same = _fail_login(client, B1, "1.2.3.4, 203.0.113.9")
        fresh = _fail_login(client, B1, "203.0.113.9, 198.51.100.7")
    assert same.json()["code"] == "access.captcha_required"  # 203.0.113.9's counter is full
    assert fresh.json()["code"] == "access.bad_credentials"  # 198.51.100.7 is another client


def _request(peer: str, forwarded: str | None) -> Request:
    headers = [] if forwarded is None else [(XFF.encode(), forwarded.encode())]
    return Request({"type": "http", "client": (peer, 1), "headers": headers})  # type: ignore[arg-type]


_PROXIED = WebSettings(secret=SECRET, client_header=XFF, trusted_proxies=("10.0.0.0/8", "::1"))


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("10.0.0.1", "203.0.113.9", "ip:203.0.113.9"),
        ("10.0.0.1", "1.1.1.1, 203.0.113.9", "ip:203.0.113.9"),
        ("10.0.0.1", "1.1.1.1, 203.0.113.9, 10.2.3.4", "ip:203.0.113.9"),
        ("::1", "2001:db8::5", "ip:2001:db8::5"),
        ("10.0.0.1", "10.0.0.2, 10.0.0.3", "ip:10.0.0.1"),  # only proxies: the peer
        ("10.0.0.1", "not-an-address", "ip:10.0.0.1"),
        ("10.0.0.1", None, "ip:10.0.0.1"),
        ("192.0.2.1", "203.0.113.9", "ip:192.0.2.1"),  # not a proxy: its header is ignored
    ],
)
def test_the_client_address_behind_trusted_proxies(peer, forwarded, client):
    assert client_of(_request(peer, forwarded), _PROXIED) == client


_ADDRESSES = st.ip_addresses(v=4).map(str)


@given(peer=_ADDRESSES, hops=st.lists(_ADDRESSES, max_size=4))
def test_an_untrusted_peer_is_always_its_own_client(peer, hops):
    """Law: with no trusted proxy configured, the header never changes the client."""
    settings = WebSettings(secret=SECRET, client_header=XFF)
    assert client_of(_request(peer, ", ".join(hops)), settings) == f"ip:{peer}"


def test_the_proxy_settings_are_addresses_or_networks():
    settings = WebSettings(secret=SECRET, trusted_proxies=["10.0.0.1", "192.168.0.0/16", "::1"])
    assert settings.trusted_proxies == ("10.0.0.1/32", "192.168.0.0/16", "::1/128")
    assert WebSettings(secret=SECRET).trusted_proxies == ()  # trust no forwarded header
    with pytest.raises(InvalidInput) as caught:
        WebSettings(secret=SECRET, trusted_proxies=("proxy.example",))
    assert caught.value.code == "web.trusted_proxies"
    with pytest.raises(InvalidInput) as caught:
        WebSettings(secret=SECRET, notification_limit_per_minute=0)
    assert caught.value.code == "web.notification_limit"


# ---------------------------------------------------------------- the notification flood


@pytest.fixture
def sandbox(world):
    gateway = SandboxPaymentGateway()
    world.hall = bootstrap(
        storage=world.hall.storage,
        clock=world.clock,
        messages=world.messages,
        captcha=world.captcha,
        oauth=world.oauth,
        payment_gateway=gateway,
    )
    return gateway


def _outbox(world) -> int:
    with world.hall.storage.transaction() as tx:
        return len(tx.outbox.pending(500))


def _notify(client, payload: dict[str, str]):
    return client.post("/api/v1/payments/notifications", data=payload)


def test_forged_notifications_beyond_the_limit_are_429_and_write_nothing(world, sandbox):
    forged = sandbox.forged_notification("pa_" + "1" * 40, Money(5000))
    with _from(world, "198.51.100.1", notification_limit_per_minute=3) as flood:
        for _ in range(3):
            world.problem(_notify(flood, forged), 403, "payment.notification_forged")
        recorded = _outbox(world)
        refused = world.problem(_notify(flood, forged), 429, "payment.notification_limit")
        assert _outbox(world) == recorded  # nothing written beyond the limit
        assert "Retry-After" in _notify(flood, forged).headers
        assert refused["retry_at"].startswith("2026-11-26T10:01:00")
        world.clock.advance(dt.timedelta(minutes=1))  # the next minute counts afresh
        world.problem(_notify(flood, forged), 403, "payment.notification_forged")
    with _from(world, "198.51.100.2", notification_limit_per_minute=3) as other:
        world.problem(_notify(other, forged), 403, "payment.notification_forged")


def test_the_default_limit_lets_a_gateway_post_a_few_hundred_a_minute(world, sandbox):
    sandbox.script(Behaviour.ANSWER_LATE)
    assert WebSettings(secret=SECRET).notification_limit_per_minute == 300
    with _from(world, "198.51.100.3", notification_limit_per_minute=1) as client:
        world.login(client)
        payment = client.post(
            "/api/v1/payments/top-ups",
            json={"product_code": "top-up-50", "idempotency_key": "n-1"},
        ).json()["payment"]
        sandbox.settle_late(payment["id"])
        (notice,) = sandbox.take_notifications()
        assert _notify(client, notice).text == "success"
        world.problem(_notify(client, notice), 429, "payment.notification_limit")


def test_the_past_minutes_notification_counters_are_purged(world, sandbox):
    forged = sandbox.forged_notification("pa_" + "2" * 40, Money(5000))
    first_minute = world.clock.now()
    with _from(world, "198.51.100.4", notification_limit_per_minute=2) as flood:
        for _ in range(2):
            world.problem(_notify(flood, forged), 403, "payment.notification_forged")
        world.problem(_notify(flood, forged), 429, "payment.notification_limit")
        past, minute_ends = notification_key("ip:198.51.100.4", first_minute)
        world.clock.set(minute_ends)  # the next minute: the past one's counter has expired
        world.problem(_notify(flood, forged), 403, "payment.notification_forged")
    current, _ = notification_key("ip:198.51.100.4", world.clock.now())
    assert (_taken(world, past), _taken(world, current)) == (2, 1)
    assert world.hall.access.purge_expired().counters == 1
    assert (_taken(world, past), _taken(world, current)) == (0, 1)


def _taken(world, key: str) -> int:
    with world.hall.storage.transaction() as tx:
        return tx.counters.taken(key)
