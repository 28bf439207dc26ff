"""A hypothesis state machine of logins, failures, code requests and clock moves (F-AUTH-7).

Every answer of the hall is predicted first by a small model written from the rules of F-AUTH-7
and the default lock-out and code policies (a captcha after 3 failures, a 30-minute lock after 5
within 15 minutes, codes valid 5 minutes and sent at most once a minute; the daily limit is
set to 3 so that runs reach it), not from the code under test. Subclass it and override
:meth:`LoginMachine.make_storage` to run it on another storage adapter::

    class MyStorageLogins(LoginMachine):
        def make_storage(self):
            return my_storage()

    TestMyStorageLogins = MyStorageLogins.TestCase
"""

# The machine is a test: it asserts (S101).
# ruff: noqa: S101

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from unicom_core.domain.access import CodePolicy, CredentialKind
from unicom_core.domain.shared import LoginType
from unicom_core.errors import Refused
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.memory.storage import MemoryStorage
from unicom_core.testing.worlds.access import AccessWorld
from unicom_core.usecases.access import AccessSettings

if TYPE_CHECKING:
    from collections.abc import Callable

    from unicom_core.ports.access import CaptchaAnswer
    from unicom_core.ports.storage import Storage
    from unicom_core.usecases.access import LoginResult

__all__ = ["LoginMachine"]

MOBILE = "18612345678"
PASSWORD = "284615"  # noqa: S105 - the model holder's password
MINUTE = dt.timedelta(minutes=1)
WINDOW, LOCK_FOR = 15 * MINUTE, 30 * MINUTE
CODE_LIFE, RESEND, DAY = 5 * MINUTE, MINUTE, dt.timedelta(hours=24)
DAILY = 3  # configured low (the default is 10) so that runs reach the limit
_EDGE_SECONDS = (-180, 59, 60, 299, 300, 899, 900, 1799, 1800, 3 * 3600, 25 * 3600)


class LoginMachine(RuleBasedStateMachine):
    """One number, one client; every answer of the hall is predicted by the model first."""

    def make_storage(self) -> Storage:
        """A new, empty storage for one run (the memory reference here)."""
        return MemoryStorage()

    @initialize()
    def start(self) -> None:
        """Provision the number with a changed service password; the model starts empty."""
        settings = AccessSettings(codes=CodePolicy(daily_limit=DAILY))
        self.world = AccessWorld(
            storage=self.make_storage(),
            hasher=MemoryPasswordHasher(iterations=1),
            settings=settings,
        )
        self.world.enrolled(MOBILE, PASSWORD)
        self.identifier_failures: list[dt.datetime] = []
        self.client_failures: list[dt.datetime] = []
        self.locked_until: dt.datetime | None = None
        self.sends: list[dt.datetime] = []
        self.code: tuple[str, dt.datetime] | None = None  # (code, issued at), unspent
        self.old_codes: list[str] = []

    def teardown(self) -> None:
        """Close the storage of the run."""
        if hasattr(self, "world"):
            self.world.storage.close()

    # ------------------------------------------------------------------ the model
    @property
    def now(self) -> dt.datetime:
        """The hall's clock."""
        return self.world.clock.now()

    def _recent(self, failures: list[dt.datetime]) -> list[dt.datetime]:
        return [at for at in failures if at > self.now - WINDOW]

    def expected_gate(self, *, captcha: bool) -> str | None:
        """The refusal that comes before any credential is looked at, if any."""
        if self.locked_until is not None and self.now < self.locked_until:
            return "access.locked"
        recent = max(
            len(self._recent(self.identifier_failures)), len(self._recent(self.client_failures))
        )
        if recent >= 3 and not captcha:  # noqa: PLR2004 - the policy's default
            return "access.captcha_required"
        return None

    def expect_failure(self) -> str:
        """Count a failure on both counters; lock the identifier at the fifth."""
        self.identifier_failures = [*self._recent(self.identifier_failures), self.now]
        self.client_failures = [*self._recent(self.client_failures), self.now]
        if len(self.identifier_failures) >= 5:  # noqa: PLR2004 - the policy's default
            until = self.now + LOCK_FOR
            self.locked_until = max(until, self.locked_until or until)
            return "access.locked"
        return "access.bad_credentials"

    def outcome(self, call: Callable[[], LoginResult]) -> str | CredentialKind:
        """The kind of the session ``call`` opened, or the code of its refusal."""
        try:
            return call().session.kind
        except Refused as refusal:
            return refusal.code

    def captcha(self, *, solved: bool) -> CaptchaAnswer | None:
        """A solved captcha, or none."""
        return self.world.captcha.solve() if solved else None

    # ------------------------------------------------------------------ rules
    @rule(seconds=st.integers(0, 40 * 60) | st.sampled_from(_EDGE_SECONDS))
    def move_clock(self, seconds: int) -> None:
        """Time passes (or steps back a little, as NTP may do)."""
        self.world.clock.advance(dt.timedelta(seconds=seconds))

    @rule(edge=st.sampled_from(["lock", "code", "resend", "window"]), second=st.integers(-1, 1))
    def jump_to_an_edge(self, edge: str, second: int) -> None:
        """Stand right at a boundary: the lock lifts, the code dies, a failure ages out."""
        edges = {
            "lock": self.locked_until,
            "code": self.code[1] + CODE_LIFE if self.code else None,
            "resend": max(self.sends) + RESEND if self.sends else None,
            "window": min(self.identifier_failures) + WINDOW if self.identifier_failures else None,
        }
        target = edges[edge]
        if target is not None:
            self.world.clock.set(target + second * dt.timedelta(seconds=1))

    @rule(right=st.booleans(), with_captcha=st.booleans())
    def login_with_password(self, right: bool, with_captcha: bool) -> None:  # noqa: FBT001
        """Log in with the right or a wrong service password."""
        expected: str | CredentialKind | None = self.expected_gate(captcha=with_captcha)
        if expected is None:
            if right:
                self.identifier_failures = []
                expected = CredentialKind.SERVICE_PASSWORD
            else:
                expected = self.expect_failure()
        password = PASSWORD if right else "000001"
        answer = self.captcha(solved=with_captcha)
        got = self.outcome(
            lambda: self.world.service.login_with_password(
                LoginType.MOBILE, MOBILE, password, client="ip", captcha=answer
            )
        )
        assert got == expected

    @rule()
    def request_code(self) -> None:
        """Ask for a random password."""
        expected = None
        if self.sends and self.now < max(self.sends) + RESEND:
            expected = "code.resend_too_soon"
        elif sum(1 for at in self.sends if at > self.now - DAY) >= DAILY:
            expected = "code.daily_limit"
        try:
            self.world.service.request_random_password(MOBILE)
            got = None
        except Refused as refusal:
            got = refusal.code
        assert got == expected
        if got is None:
            self.sends.append(self.now)
            if self.code is not None:
                self.old_codes.append(self.code[0])
            self.code = (self.world.code_for(MOBILE), self.now)

    @rule(which=st.sampled_from(["current", "old", "wrong"]), with_captcha=st.booleans())
    def login_with_code(self, which: str, with_captcha: bool) -> None:  # noqa: FBT001
        """Log in with the live code, an older one, or a wrong one."""
        code = "000000"
        if which == "current" and self.code is not None:
            code = self.code[0]
        elif which == "old" and self.old_codes:
            code = self.old_codes[-1]
        live = self.code is not None and self.code[1] <= self.now < self.code[1] + CODE_LIFE
        works = live and self.code is not None and code == self.code[0]
        expected: str | CredentialKind | None = self.expected_gate(captcha=with_captcha)
        if expected is None:
            if works:
                self.identifier_failures = []
                self.old_codes.append(code)
                self.code = None
                expected = CredentialKind.RANDOM_PASSWORD
            else:
                expected = self.expect_failure()
        answer = self.captcha(solved=with_captcha)
        got = self.outcome(
            lambda: self.world.service.login_with_random_password(
                MOBILE, code, client="ip", captcha=answer
            )
        )
        assert got == expected

    @invariant()
    def every_sms_carried_one_code(self) -> None:
        """One SMS per accepted request, none for a refused one."""
        if hasattr(self, "world"):
            assert len(self.world.messages.sent) == len(self.sends)
