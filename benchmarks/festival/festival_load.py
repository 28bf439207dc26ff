"""The festival's crowd: virtual visitors sending the 517 mix to the hall, for a bounded time.

Each visitor is one httpx client (its own keep-alive connection and cookies) with one crowd
number. It logs in by service password (F-AUTH-1), rushes the flash campaign once when the
mix starts (秒杀: every visitor at once, more visitors than places), then until the phase's
deadline draws the next action from the mix (:data:`MIX`, after the festival's figures: one
login in six visits, about one transaction in twenty-five):

* ``login``: a new session; ``bills`` and ``balance``: the bill list and the balance
  (F-QRY-1, F-QRY-3); ``bundle``: a 4G combination change, alternating two sets of packs
  (F-BUN-2); ``join``: the flash campaign, on a quota smaller than the crowd (F-PRO-2);
  ``reserve``: one of a few popular numbers of the pool, released again half the time
  (F-NUM-3); ``top_up``: a top-up (F-PAY-1), paid at the sandbox's cashier (the visitor
  plays the buyer and the gateway, :mod:`festival_gateway`), whose signed notification is
  posted once, twice, or never (a lost one: the reconciler settles it after the load).

A 4xx answer whose code is a business refusal (the quota is full, the number is held by
someone else) is a *refusal*, counted but not an error; a 5xx, a transport error or any
other 4xx is an *error*. Every latency is kept per kind.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
import uuid
from collections import Counter, defaultdict
from typing import Any

import attrs
import httpx
from festival_gateway import FestivalGateway, pay
from festival_hall import FLASH, PASSWORD
from sqlalchemy.engine import Engine

__all__ = ["MIX", "TOP_UPS_ONLY", "Crowd", "Tally", "run_phase"]

MIX = {
    "login": 16,
    "bills": 24,
    "balance": 32,
    "bundle": 4,
    "join": 6,
    "reserve": 8,
    "top_up": 10,
}
"""The festival's mix: relative weights of each action (1.8 亿 visits, 3,000 萬 logins)."""
TOP_UPS_ONLY = {"top_up": 1}
"""The top-up phase: nothing but top-ups."""
FATES = (("once", 80), ("twice", 10), ("never", 10))
"""How often a paid top-up's notification is posted once, twice, or lost."""
REFUSALS = frozenset(
    {
        "promotion.sold_out",
        "promotion.already_joined",
        "number.taken",
        "number.too_many_reservations",
        "handling.no_change",
        "handling.pending_exists",
    }
)
"""Codes that are business answers under contention, not errors."""
PACKS = ("data-100mb,sms-200", "data-100mb")
"""The two bundles a visitor alternates between."""
_BUNDLES = "/api/v1/handling/bundle"


@attrs.define
class Tally:
    """What a phase measured: latencies per kind, refusals and errors by code, top-ups."""

    latencies: dict[str, list[float]] = attrs.field(factory=lambda: defaultdict(list))
    refusals: Counter[str] = attrs.field(factory=Counter)
    errors: Counter[str] = attrs.field(factory=Counter)
    paid: list[tuple[str, int, str]] = attrs.field(factory=list)
    """Each top-up paid at the cashier: its payment id, its fen and its notification fate."""
    elapsed: float = 0.0

    @property
    def requests(self) -> int:
        """Every HTTP request answered (refusals and errors included)."""
        return sum(len(values) for values in self.latencies.values())


@attrs.frozen
class Crowd:
    """What every visitor shares: the hall's address, the gateway, the numbers to fight over."""

    base: str
    gateway: FestivalGateway
    engine: Engine
    """The gateway's database (the cashier marks trades paid there)."""
    numbers: tuple[str, ...]
    popular: tuple[str, ...]


class _Visitor:
    def __init__(self, crowd: Crowd, number: str, tally: Tally, draw: random.Random) -> None:
        self.crowd, self.number, self.tally, self.draw = crowd, number, tally, draw
        self.client = httpx.AsyncClient(base_url=crowd.base, timeout=60)
        self.packs = 0

    async def call(
        self, kind: str, method: str, path: str, **options: Any
    ) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            answer = await self.client.request(method, path, **options)
        except httpx.TransportError as error:
            self.tally.latencies[kind].append(time.perf_counter() - started)
            self.tally.errors[f"{kind}: {type(error).__name__}"] += 1
            return None
        self.tally.latencies[kind].append(time.perf_counter() - started)
        if answer.status_code < 400:
            return answer
        code = _code_of(answer)
        if answer.status_code < 500 and code in REFUSALS:
            self.tally.refusals[f"{kind}: {code}"] += 1
        else:
            self.tally.errors[f"{kind}: {answer.status_code} {code}"] += 1
        return None

    async def login(self) -> None:
        body = {"login_type": "mobile", "user_name": self.number, "password": PASSWORD}
        answer = await self.call("login", "POST", "/api/v1/sessions/password", json=body)
        if answer is not None:
            self.client.headers["Authorization"] = f"Bearer {answer.json()['token']}"

    async def bills(self) -> None:
        await self.call("bills", "GET", "/api/v1/billing/bills")

    async def balance(self) -> None:
        await self.call("balance", "GET", "/api/v1/billing/balance")

    async def bundle(self) -> None:
        self.packs = 1 - self.packs
        body = {"params": {"packs": PACKS[self.packs]}, "request_id": _request_id()}
        await self.call("bundle", "POST", _BUNDLES, json=body)

    async def join(self) -> None:
        path = f"/api/v1/promotions/campaigns/{FLASH}/join"
        await self.call("join", "POST", path, json={"request_id": _request_id()})

    async def reserve(self) -> None:
        path = f"/api/v1/numbers/{self.draw.choice(self.crowd.popular)}/reservation"
        if await self.call("reserve", "POST", path) is not None and self.draw.random() < 0.5:
            await self.call("release", "DELETE", path)

    async def top_up(self) -> None:
        body = {"product_code": "top-up-50", "idempotency_key": _request_id(), "method": "page"}
        answer = await self.call("top_up", "POST", "/api/v1/payments/top-ups", json=body)
        if answer is None:
            return
        payment = answer.json()["payment"]
        key, fen = payment["id"], payment["amount"]["fen"]
        if not await asyncio.to_thread(_pay, self.crowd.engine, key, fen):
            self.tally.errors["cashier: no such trade"] += 1
            return
        fate = self.draw.choices([f for f, _ in FATES], [w for _, w in FATES])[0]
        self.tally.paid.append((key, fen, fate))
        notification = self.crowd.gateway.notification(key, fen)
        for _ in range({"once": 1, "twice": 2, "never": 0}[fate]):
            await self.call("notify", "POST", "/api/v1/payments/notifications", data=notification)


def _pay(engine: Engine, key: str, fen: int) -> bool:
    with engine.begin() as connection:
        return pay(connection, key, fen)


def _request_id() -> str:
    return uuid.uuid4().hex


def _code_of(answer: httpx.Response) -> str:
    try:
        return str(answer.json().get("code", ""))
    except ValueError:
        return ""


async def _visit(visitor: _Visitor, mix: dict[str, int], deadline: float) -> None:
    """Log in, rush the flash sale (when the mix joins), then act until ``deadline``.

    The action under way at the deadline is finished, never cut.
    """
    kinds, weights = list(mix), list(mix.values())
    async with visitor.client:
        await visitor.login()
        if "join" in mix:
            await visitor.join()  # 秒杀: every visitor at once, on a quota smaller than them
        while time.monotonic() < deadline:
            kind = visitor.draw.choices(kinds, weights)[0]
            await getattr(visitor, kind)()


async def _phase(crowd: Crowd, mix: dict[str, int], seconds: float, visitors: int) -> Tally:
    tally = Tally()
    draw = random.Random(517)  # noqa: S311 - a load mix, not a secret
    crowded = [
        _Visitor(crowd, crowd.numbers[i % len(crowd.numbers)], tally, random.Random(draw.random()))  # noqa: S311
        for i in range(visitors)
    ]
    began = time.perf_counter()
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(_visit(v, mix, deadline) for v in crowded))
    tally.elapsed = time.perf_counter() - began
    return tally


def run_phase(crowd: Crowd, mix: dict[str, int], seconds: float, visitors: int) -> Tally:
    """Send ``mix`` from ``visitors`` visitors for ``seconds``; what was measured."""
    logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per request
    return asyncio.run(_phase(crowd, mix, seconds, visitors))
