"""Random passwords (随机密码): one-time codes sent by SMS (F-AUTH-2, F-AUTH-7).

One record per (purpose, number): a login code never resets a password and the other way
round. The record keeps only a salted slow hash of the code (made through the
``PasswordHasher`` port), valid from when it was issued for :attr:`CodePolicy.valid_for`;
issuing a new code replaces the old one; a code works once. Sending is limited: not again
within :attr:`CodePolicy.resend_after`, and at most :attr:`CodePolicy.daily_limit` within
:attr:`CodePolicy.daily_window` (a rolling window, so the limit has no midnight edge).

The record exists for unknown numbers too (with no code): the limits and answers are then
the same for a number the hall knows and one it does not, so nobody can probe which
numbers are customers'.

A record is :meth:`OneTimeCode.is_stale` once its code is spent or expired and its sends
have all left the rolling window: deleting it then changes no answer (a purge may).
"""

from __future__ import annotations

import enum
import hashlib
from datetime import datetime, timedelta

import attrs

from unicom_core.domain.access.checks import (
    count_at_least,
    instants,
    optional_aware,
    positive_duration,
)
from unicom_core.domain.access.codes import (
    CODE_DAILY_LIMIT,
    CODE_EXPIRES_AT,
    CODE_ISSUED_AT,
    CODE_POLICY,
    CODE_PURPOSE,
    CODE_RESEND_TOO_SOON,
    CODE_SENT_AT,
)
from unicom_core.domain.shared import check_id, check_version, guarded, instance_of, update

__all__ = ["CodePolicy", "CodePurpose", "OneTimeCode", "client_quota_key", "code_id"]

_MIN_CODE_LENGTH = 4
_MAX_CODE_LENGTH = 10


class CodePurpose(enum.Enum):
    """What a random password is for: logging in or resetting the service password."""

    LOGIN = "login"
    RESET = "reset"


def code_id(purpose: CodePurpose, number_key: str) -> str:
    """The store id of a number's code record: a SHA-256 digest of purpose and number key."""
    return hashlib.sha256(f"{purpose.value}\x00{number_key}".encode()).hexdigest()


def _check_length(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not _MIN_CODE_LENGTH <= value <= _MAX_CODE_LENGTH
    ):
        raise CODE_POLICY.error(
            f"{attribute.name} must be an integer in {_MIN_CODE_LENGTH}..{_MAX_CODE_LENGTH}",
            field=attribute.name,
        )


@attrs.frozen(slots=True, kw_only=True)
class CodePolicy:
    """How long a random password lives and how often one may be sent (F-AUTH-7).

    Defaults: 6 digits, valid 5 minutes, once a minute, 10 within 24 hours per number, and
    20 an hour per client.
    """

    length: int = attrs.field(default=6, validator=_check_length)
    valid_for: timedelta = attrs.field(
        default=timedelta(minutes=5), validator=positive_duration(CODE_POLICY)
    )
    resend_after: timedelta = attrs.field(
        default=timedelta(minutes=1), validator=positive_duration(CODE_POLICY)
    )
    daily_limit: int = attrs.field(default=10, validator=count_at_least(CODE_POLICY, 1))
    daily_window: timedelta = attrs.field(
        default=timedelta(hours=24), validator=positive_duration(CODE_POLICY)
    )
    client_hourly_limit: int = attrs.field(default=20, validator=count_at_least(CODE_POLICY, 1))
    """Random passwords one client (an address, a device) may request an hour, whatever the
    numbers: the per-number limits alone let one client send codes to many numbers."""


def _hidden(value: str | None) -> str:
    return "None" if value is None else "'<hashed>'"


@attrs.define(slots=True)
class OneTimeCode:
    """The current random password of a (purpose, number), hashed, and its sends (F-AUTH-7)."""

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    purpose: CodePurpose = attrs.field(
        validator=instance_of(CodePurpose, CODE_PURPOSE), on_setattr=guarded
    )
    code_hash: str | None = attrs.field(default=None, repr=_hidden, on_setattr=guarded)
    issued_at: datetime | None = attrs.field(
        default=None, validator=optional_aware(CODE_ISSUED_AT), on_setattr=guarded
    )
    expires_at: datetime | None = attrs.field(
        default=None, validator=optional_aware(CODE_EXPIRES_AT), on_setattr=guarded
    )
    sent_at: tuple[datetime, ...] = attrs.field(
        default=(), validator=instants(CODE_SENT_AT), on_setattr=guarded
    )
    version: int = attrs.field(default=0, validator=check_version)

    @classmethod
    def new(cls, purpose: CodePurpose, number_key: str) -> OneTimeCode:
        """An empty record for ``number_key`` (not stored yet)."""
        return cls(code_id(purpose, number_key), purpose)

    def check_can_send(self, now: datetime, policy: CodePolicy) -> None:
        """Refuse a send too soon after the last or beyond the rolling limit (F-AUTH-7).

        Raises:
            Refused: ``code.resend_too_soon`` or ``code.daily_limit``, with ``retry_at``.
        """
        if self.sent_at:
            ready = max(self.sent_at) + policy.resend_after
            if now < ready:
                raise CODE_RESEND_TOO_SOON.error(retry_at=ready)
        recent = sorted(sent for sent in self.sent_at if sent > now - policy.daily_window)
        if len(recent) >= policy.daily_limit:
            retry_at = recent[len(recent) - policy.daily_limit] + policy.daily_window
            raise CODE_DAILY_LIMIT.error(
                f"at most {policy.daily_limit} random passwords are sent in "
                f"{policy.daily_window}; try again later",
                retry_at=retry_at,
            )

    def issue(self, code_hash: str | None, now: datetime, policy: CodePolicy) -> datetime:
        """Record a send at ``now`` holding ``code_hash`` (None: nothing to send); the expiry.

        The new code replaces any earlier one. Call :meth:`check_can_send` first.
        """
        self.check_can_send(now, policy)
        recent = tuple(sent for sent in self.sent_at if sent > now - policy.daily_window)
        expires_at = now + policy.valid_for
        update(
            self,
            code_hash=code_hash,
            issued_at=now,
            expires_at=expires_at,
            sent_at=(*recent, now),
        )
        return expires_at

    def is_usable(self, now: datetime) -> bool:
        """Whether a code is waiting and ``now`` lies within its validity."""
        return (
            self.code_hash is not None
            and self.issued_at is not None
            and self.expires_at is not None
            and self.issued_at <= now < self.expires_at
        )

    def is_stale(self, now: datetime, policy: CodePolicy) -> bool:
        """Whether no code works and no send still counts at ``now`` (purgeable)."""
        since = now - max(policy.daily_window, policy.resend_after)
        return not self.is_usable(now) and all(sent <= since for sent in self.sent_at)

    def consume(self) -> None:
        """Spend the code: it never works again (F-AUTH-7)."""
        update(self, code_hash=None)


def client_quota_key(client: str, now: datetime) -> tuple[str, datetime]:
    """The counter key of ``client``'s random-password requests in the hour of ``now``.

    Returns the key and the instant the hour ends (the ``retry_at`` of a refusal). The hour
    is taken in ``now``'s own zone (the clock's, Asia/Shanghai), so a key never spans two.
    """
    hour = now.replace(minute=0, second=0, microsecond=0)
    digest = hashlib.sha256(client.encode()).hexdigest()[:32]
    return f"code.client:{digest}:{hour:%Y%m%d%H}", hour + timedelta(hours=1)
