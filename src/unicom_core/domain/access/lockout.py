"""Failed-attempt counters: captcha escalation and lock-out (F-AUTH-2, F-AUTH-7).

Failures are counted per *scope*: the identifier logged in with (resolved to its subscriber
when known) and the client (an IP address or device id the caller passes). A failure is
kept for :attr:`LockoutPolicy.window`; a scope with :attr:`LockoutPolicy.captcha_after`
recent failures needs a captcha on the next attempt; an identifier with
:attr:`LockoutPolicy.lock_after` recent failures is locked for
:attr:`LockoutPolicy.lock_for`, and while locked nothing lets it in, not even the right
password. A success clears the identifier's failures (not the client's).

Time may step back (an NTP correction): failures "in the future" still count and a lock
lasts until its end as written, so a backward step never shortens a lock. A failure already
older than the window when a later one is recorded is dropped for good.

Storage stays bounded: a counter keeps at most :meth:`LockoutPolicy.kept` failures (the newest
ones; every decision only compares the recent count with the thresholds, so the older ones
never change an answer), and a counter with no failure in the window and no running lock
:meth:`LoginAttempts.is_stale`: it answers as a fresh one would, so a purge may delete it.
"""

from __future__ import annotations

import enum
import hashlib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access.checks import (
    count_at_least,
    instants,
    optional_aware,
    positive_duration,
)
from unicom_core.domain.access.codes import (
    LOCKOUT_FAILURES,
    LOCKOUT_LOCKED_UNTIL,
    LOCKOUT_POLICY,
    LOCKOUT_SCOPE,
)
from unicom_core.domain.access.events import IdentifierLocked
from unicom_core.domain.shared import check_id, check_version, guarded, instance_of, update

if TYPE_CHECKING:
    from unicom_core.domain.shared import DomainEvent

__all__ = ["AttemptScope", "LockoutPolicy", "LoginAttempts", "attempts_id"]


class AttemptScope(enum.Enum):
    """What failures are counted against: the identifier or the client (F-AUTH-7)."""

    IDENTIFIER = "identifier"
    CLIENT = "client"


def attempts_id(scope: AttemptScope, key: str) -> str:
    """The store id of a scope's counter: a SHA-256 digest, so no raw identifier is an id."""
    return hashlib.sha256(f"{scope.value}\x00{key}".encode()).hexdigest()


@attrs.frozen(slots=True, kw_only=True)
class LockoutPolicy:
    """How many failures, in what window, bring a captcha and a lock (F-AUTH-7).

    Defaults: a captcha after 3 failures, a 30-minute lock after 5, within 15 minutes.
    ``captcha_after=0`` asks for a captcha on every attempt.
    """

    captcha_after: int = attrs.field(default=3, validator=count_at_least(LOCKOUT_POLICY, 0))
    lock_after: int = attrs.field(default=5, validator=count_at_least(LOCKOUT_POLICY, 1))
    window: timedelta = attrs.field(
        default=timedelta(minutes=15), validator=positive_duration(LOCKOUT_POLICY)
    )
    lock_for: timedelta = attrs.field(
        default=timedelta(minutes=30), validator=positive_duration(LOCKOUT_POLICY)
    )

    def kept(self) -> int:
        """How many failures a counter keeps: the most any rule compares with."""
        return max(self.captcha_after, self.lock_after)


@attrs.define(slots=True)
class LoginAttempts:
    """The recent failures of one scope, and the identifier's lock (F-AUTH-7)."""

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    scope: AttemptScope = attrs.field(
        validator=instance_of(AttemptScope, LOCKOUT_SCOPE), on_setattr=guarded
    )
    failures: tuple[datetime, ...] = attrs.field(
        default=(), validator=instants(LOCKOUT_FAILURES), on_setattr=guarded
    )
    locked_until: datetime | None = attrs.field(
        default=None, validator=optional_aware(LOCKOUT_LOCKED_UNTIL), on_setattr=guarded
    )
    version: int = attrs.field(default=0, validator=check_version)

    @classmethod
    def new(cls, scope: AttemptScope, key: str) -> LoginAttempts:
        """A fresh counter for ``key`` in ``scope`` (not stored yet)."""
        return cls(attempts_id(scope, key), scope)

    def recent(self, now: datetime, policy: LockoutPolicy) -> int:
        """How many failures fall within the window before ``now`` (later ones count too)."""
        since = now - policy.window
        return sum(1 for failure in self.failures if failure > since)

    def is_locked(self, now: datetime) -> bool:
        """Whether the identifier is locked at ``now``."""
        return self.locked_until is not None and now < self.locked_until

    def needs_captcha(self, now: datetime, policy: LockoutPolicy) -> bool:
        """Whether the next attempt must carry a solved captcha (F-AUTH-2)."""
        return self.recent(now, policy) >= policy.captcha_after

    def record_failure(self, now: datetime, policy: LockoutPolicy) -> tuple[DomainEvent, ...]:
        """Count a failure at ``now``; lock an identifier that reaches ``lock_after``."""
        since = now - policy.window
        failures = (*(failure for failure in self.failures if failure > since), now)
        if len(failures) > policy.kept():
            failures = tuple(sorted(failures)[-policy.kept() :])
        if self.scope is not AttemptScope.IDENTIFIER or len(failures) < policy.lock_after:
            update(self, failures=failures)
            return ()
        until = now + policy.lock_for
        if self.locked_until is not None and self.locked_until > until:
            until = self.locked_until
        update(self, failures=failures, locked_until=until)
        return (IdentifierLocked(aggregate_id=self.id, occurred_at=now, locked_until=until),)

    def is_stale(self, now: datetime, policy: LockoutPolicy) -> bool:
        """Whether the counter holds nothing that still counts at ``now`` (purgeable)."""
        return self.recent(now, policy) == 0 and not self.is_locked(now)

    def record_success(self) -> bool:
        """Clear an identifier's failures after a proven credential; say whether it changed."""
        if self.scope is not AttemptScope.IDENTIFIER or not self.failures:
            return False
        update(self, failures=())
        return True
