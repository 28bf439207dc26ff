"""A captcha whose answers the test knows (F-AUTH-2), with bounded memory (F-AUTH-7).

Each challenge's answer is random; :meth:`MemoryCaptcha.answer_for` tells it to the test,
as a person would read it off the picture. A challenge is spent by its first answer.

Anyone may ask for challenges without logging in, so the waiting ones are bounded: each
lives :attr:`MemoryCaptcha.lifetime` (5 minutes by default, on the clock port) and at most
:attr:`MemoryCaptcha.capacity` wait at once, the oldest dropped first. Every operation is
O(1) amortised: challenges wait in issue order, so the expired ones are at the front.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from collections import OrderedDict
from datetime import timedelta
from typing import TYPE_CHECKING

from unicom_core.clock import SystemClock
from unicom_core.domain.access import CAPTCHA_SETTINGS, CAPTCHA_UNKNOWN
from unicom_core.ports.access import Captcha, CaptchaAnswer, CaptchaChallenge

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.ports.shared import Clock

__all__ = ["MemoryCaptcha"]

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_LENGTH = 4


class MemoryCaptcha(Captcha):
    """Issues challenges with random four-character answers; one answer per challenge.

    Args:
        clock: where the time comes from (default: the system clock).
        lifetime: how long a challenge can be answered (default 5 minutes).
        capacity: how many challenges may wait at once (default 10,000); beyond it the
            oldest is dropped.
    """

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        lifetime: timedelta = timedelta(minutes=5),
        capacity: int = 10_000,
    ) -> None:
        if not isinstance(lifetime, timedelta) or lifetime <= timedelta(0):
            raise CAPTCHA_SETTINGS.error()
        if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1:
            raise CAPTCHA_SETTINGS.error("capacity is an integer >= 1")
        self.lifetime, self.capacity = lifetime, capacity
        self._clock = clock if clock is not None else SystemClock()
        self._lock = threading.Lock()
        self._answers: OrderedDict[str, tuple[str, datetime]] = OrderedDict()

    def __len__(self) -> int:
        """How many challenges are waiting (expired ones not yet dropped included)."""
        with self._lock:
            return len(self._answers)

    def new_challenge(self) -> CaptchaChallenge:
        """A fresh challenge (its prompt names it; the answer is kept here)."""
        challenge_id = secrets.token_hex(8)
        answer = "".join(secrets.choice(_ALPHABET) for _ in range(_LENGTH))
        now = self._clock.now()
        with self._lock:
            self._drop_expired(now)
            while len(self._answers) >= self.capacity:
                self._answers.popitem(last=False)
            self._answers[challenge_id] = (answer, now + self.lifetime)
        return CaptchaChallenge(challenge_id, f"memory-captcha:{challenge_id}")

    def answer_for(self, challenge: CaptchaChallenge) -> str:
        """The right answer of an unspent, unexpired ``challenge`` (what a person reads)."""
        now = self._clock.now()
        with self._lock:
            self._drop_expired(now)
            waiting = self._answers.get(challenge.challenge_id)
        if waiting is None or now >= waiting[1]:
            raise CAPTCHA_UNKNOWN.error()
        return waiting[0]

    def solve(self) -> CaptchaAnswer:
        """A new challenge answered correctly: what a person who solves it sends back."""
        challenge = self.new_challenge()
        return CaptchaAnswer(challenge.challenge_id, self.answer_for(challenge))

    def verify(self, answer: CaptchaAnswer, /) -> bool:
        """Whether ``answer`` is right (case-insensitive) in time; spent either way."""
        now = self._clock.now()
        with self._lock:
            self._drop_expired(now)
            waiting = self._answers.pop(answer.challenge_id, None)
        if waiting is None or now >= waiting[1]:
            return False
        return hmac.compare_digest(answer.text.strip().upper().encode(), waiting[0].encode())

    def _drop_expired(self, now: datetime) -> None:
        """Drop the expired challenges at the front (lock held)."""
        while self._answers:
            _, expires_at = next(iter(self._answers.values()))
            if now < expires_at:
                return
            self._answers.popitem(last=False)
