"""Sessions: who is logged in, how, and until when (F-AUTH-5, F-AUTH-6, F-AUTH-7).

The holder carries an opaque random token; the store keeps only its SHA-256 digest as the
session id, so a leaked table opens no session, and neither holds the number. A session
ends when its holder logs out, after :attr:`SessionPolicy.idle` without use, after
:attr:`SessionPolicy.absolute` since it opened whatever the use, or when the service
password changes or is reset (the credential's ``epoch`` moves on).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access.checks import (
    aware,
    count_at_least,
    optional_aware,
    positive_duration,
)
from unicom_core.domain.access.codes import (
    ACCESS_NOT_LOGGED_IN,
    ACCESS_SESSION_EXPIRED,
    SESSION_ENDED_AT,
    SESSION_EPOCH,
    SESSION_KIND,
    SESSION_LAST_SEEN_AT,
    SESSION_OPENED_AT,
    SESSION_POLICY,
)
from unicom_core.domain.access.events import LoggedIn, LoggedOut
from unicom_core.domain.access.permissions import CredentialKind
from unicom_core.domain.shared import check_id, check_version, guarded, instance_of, update

if TYPE_CHECKING:
    from unicom_core.domain.shared import DomainEvent

__all__ = ["Session", "SessionPolicy", "token_digest"]


def token_digest(token: str) -> str:
    """The session id of a token: its SHA-256 hex digest (the token itself is never stored)."""
    return hashlib.sha256(token.encode()).hexdigest()


@attrs.frozen(slots=True, kw_only=True)
class SessionPolicy:
    """Session lifetimes (F-AUTH-7): 30 minutes idle, 12 hours absolute by default.

    ``touch_every`` spares a write per request: a use within that time of the last recorded
    one does not move ``last_seen_at`` (so idle expiry may come that much early).
    """

    idle: timedelta = attrs.field(
        default=timedelta(minutes=30), validator=positive_duration(SESSION_POLICY)
    )
    absolute: timedelta = attrs.field(
        default=timedelta(hours=12), validator=positive_duration(SESSION_POLICY)
    )
    touch_every: timedelta = attrs.field(
        default=timedelta(minutes=1), validator=positive_duration(SESSION_POLICY)
    )


@attrs.define(slots=True)
class Session:
    """A logged-in session of one subscriber, acting for its customer (F-AUTH-6)."""

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    subscriber_id: str = attrs.field(validator=check_id, on_setattr=guarded)
    customer_id: str = attrs.field(validator=check_id, on_setattr=guarded)
    kind: CredentialKind = attrs.field(
        validator=instance_of(CredentialKind, SESSION_KIND), on_setattr=guarded
    )
    opened_at: datetime = attrs.field(validator=aware(SESSION_OPENED_AT), on_setattr=guarded)
    last_seen_at: datetime = attrs.field(validator=aware(SESSION_LAST_SEEN_AT), on_setattr=guarded)
    epoch: int = attrs.field(
        default=0, validator=count_at_least(SESSION_EPOCH, 0), on_setattr=guarded
    )
    ended_at: datetime | None = attrs.field(
        default=None, validator=optional_aware(SESSION_ENDED_AT), on_setattr=guarded
    )
    version: int = attrs.field(default=0, validator=check_version)

    @classmethod
    def open(  # noqa: PLR0913 - each is a fact of the new session
        cls,
        token: str,
        *,
        subscriber_id: str,
        customer_id: str,
        kind: CredentialKind,
        epoch: int,
        at: datetime,
    ) -> tuple[Session, tuple[DomainEvent, ...]]:
        """A new session for ``token`` (not stored yet), and its ``LoggedIn`` event."""
        session = cls(
            id=token_digest(token),
            subscriber_id=subscriber_id,
            customer_id=customer_id,
            kind=kind,
            opened_at=at,
            last_seen_at=at,
            epoch=epoch,
        )
        event = LoggedIn(
            aggregate_id=subscriber_id, occurred_at=at, kind=kind, customer_id=customer_id
        )
        return session, (event,)

    def expiry(self, now: datetime, policy: SessionPolicy, epoch: int) -> str | None:
        """Why the session is over at ``now`` (``ended``, ``revoked``, ``absolute``, ``idle``)."""
        if self.ended_at is not None:
            return "ended"
        if self.epoch != epoch:
            return "revoked"
        if now >= self.opened_at + policy.absolute:
            return "absolute"
        if now >= self.last_seen_at + policy.idle:
            return "idle"
        return None

    def check(self, now: datetime, policy: SessionPolicy, epoch: int) -> None:
        """Refuse a session that is over (F-AUTH-7).

        Raises:
            Refused: ``access.session_expired`` (data ``reason``: idle or absolute) or
                ``access.not_logged_in`` (ended by log-out or revoked by a password change).
        """
        reason = self.expiry(now, policy, epoch)
        if reason in {"idle", "absolute"}:
            raise ACCESS_SESSION_EXPIRED.error(reason=reason)
        if reason is not None:
            raise ACCESS_NOT_LOGGED_IN.error()

    def is_stale(self, now: datetime, policy: SessionPolicy) -> bool:
        """Whether the session is over for good at ``now`` whatever the epoch (purgeable).

        Ended, or past its idle or absolute limit; a session only revoked by a password
        change becomes stale at its limits.
        """
        return self.expiry(now, policy, self.epoch) is not None

    def touch(self, now: datetime, policy: SessionPolicy) -> bool:
        """Record a use at ``now`` if ``touch_every`` has passed; say whether it changed."""
        if now < self.last_seen_at + policy.touch_every:
            return False
        update(self, last_seen_at=now)
        return True

    def end(self, now: datetime) -> tuple[DomainEvent, ...]:
        """Log out; ending an ended session changes nothing."""
        if self.ended_at is not None:
            return ()
        update(self, ended_at=now)
        return (LoggedOut(aggregate_id=self.subscriber_id, occurred_at=now),)
