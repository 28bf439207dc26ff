"""The captcha port: a challenge a person solves, asked for after failures (F-AUTH-2, F-AUTH-7).

The hall decides *when* a captcha is needed (after repeated failures, see
:class:`~unicom_core.domain.access.lockout.LockoutPolicy`); the port issues challenges and checks
answers. A challenge is answered at most once, right or wrong.
"""

from __future__ import annotations

from typing import Protocol

import attrs

__all__ = ["Captcha", "CaptchaAnswer", "CaptchaChallenge"]


@attrs.frozen(slots=True)
class CaptchaChallenge:
    """A challenge to show: its id and what to show (an image URL, a data URI, a question)."""

    challenge_id: str
    prompt: str


@attrs.frozen(slots=True)
class CaptchaAnswer:
    """What the person answered to challenge ``challenge_id``."""

    challenge_id: str
    text: str = attrs.field(repr=False)


class Captcha(Protocol):
    """Issues captcha challenges and checks answers, each challenge once (F-AUTH-2)."""

    def new_challenge(self) -> CaptchaChallenge:
        """A fresh challenge to show to the person logging in."""
        ...

    def verify(self, answer: CaptchaAnswer, /) -> bool:
        """Whether ``answer`` solves its challenge; the challenge is spent either way.

        Raises:
            AdapterError: ``captcha.failed`` when the captcha service fails.
        """
        ...
