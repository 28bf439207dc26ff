"""A captcha whose answers the test knows (F-AUTH-2).

Each challenge's answer is random; :meth:`MemoryCaptcha.answer_for` tells it to the test,
as a person would read it off the picture. A challenge is spent by its first answer.
"""

from __future__ import annotations

import hmac
import secrets
import threading

from unicom_core.errors import NotFound
from unicom_core.ports.captcha import Captcha, CaptchaAnswer, CaptchaChallenge

__all__ = ["MemoryCaptcha"]

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_LENGTH = 4


class MemoryCaptcha(Captcha):
    """Issues challenges with random four-character answers; one answer per challenge."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._answers: dict[str, str] = {}

    def new_challenge(self) -> CaptchaChallenge:
        """A fresh challenge (its prompt names it; the answer is kept here)."""
        challenge_id = secrets.token_hex(8)
        with self._lock:
            self._answers[challenge_id] = "".join(secrets.choice(_ALPHABET) for _ in range(_LENGTH))
        return CaptchaChallenge(challenge_id, f"memory-captcha:{challenge_id}")

    def answer_for(self, challenge: CaptchaChallenge) -> str:
        """The right answer of an unspent ``challenge`` (what a person reads off it)."""
        with self._lock:
            answer = self._answers.get(challenge.challenge_id)
        if answer is None:
            raise NotFound("captcha.unknown", "no such challenge is waiting")
        return answer

    def solve(self) -> CaptchaAnswer:
        """A new challenge answered correctly: what a person who solves it sends back."""
        challenge = self.new_challenge()
        return CaptchaAnswer(challenge.challenge_id, self.answer_for(challenge))

    def verify(self, answer: CaptchaAnswer, /) -> bool:
        """Whether ``answer`` is right (case-insensitive); the challenge is spent either way."""
        with self._lock:
            expected = self._answers.pop(answer.challenge_id, None)
        if expected is None:
            return False
        return hmac.compare_digest(answer.text.strip().upper().encode(), expected.encode())
