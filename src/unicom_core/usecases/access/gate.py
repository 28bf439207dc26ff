"""What the access use cases share: resolving a user name, the failure gate, one-time secrets.

The *gate* is where F-AUTH-7's lock-out and captcha escalation live: it loads the failure
counters of the identifier and of the client, refuses a locked identifier before any
credential is checked, asks for a captcha once a counter has reached the threshold, and
records a failure or a success afterwards. Use cases return a refusal from inside the
transaction (so the counters they changed commit) and
:func:`~unicom_core.usecases.shared.run` raises it afterwards.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, TypeVar

import attrs

from unicom_core.domain.access import (
    ACCESS_BAD_CREDENTIALS,
    ACCESS_CAPTCHA_REQUIRED,
    ACCESS_CAPTCHA_WRONG,
    ACCESS_LOCKED,
    ACCESS_UNKNOWN_NUMBER,
    CODE_FORMAT,
    AttemptScope,
    LockoutPolicy,
    LoginAttempts,
    attempts_id,
)
from unicom_core.domain.shared import EmailAddress
from unicom_core.domain.subscribers import Subscriber, SubscriberId, SubscriberStatus, number_key
from unicom_core.usecases.shared import publish, put

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from unicom_core.domain.shared import LoginIdentifier
    from unicom_core.errors import Refused
    from unicom_core.ports.access import AccessUnitOfWork

__all__ = [
    "Gate",
    "Target",
    "code_text",
    "known",
    "locked",
    "once",
    "open_gate",
    "resolve",
    "secret_digits",
]

_T = TypeVar("_T")


def secret_digits(length: int) -> str:
    """``length`` random decimal digits from :mod:`secrets` (a one-time code)."""
    return "".join(secrets.choice("0123456789") for _ in range(length))


def once(make: Callable[[], _T]) -> Callable[[], _T]:
    """``make`` called at most once: a hash made inside a transaction survives its re-runs."""
    made: list[_T] = []

    def get() -> _T:
        if not made:
            made.append(make())
        return made[0]

    return get


def code_text(code: str, length: int) -> str:
    """``code`` if it is ``length`` ASCII digits; ``InvalidInput`` ``code.format`` otherwise."""
    if not isinstance(code, str) or len(code) != length or not code.isascii() or not code.isdigit():
        raise CODE_FORMAT.error(field="random_password", length=length)
    return code


def known(target: Target) -> Subscriber:
    """The subscriber of a target a credential was proven for."""
    if target.subscriber is None:  # pragma: no cover - a credential was proven for it
        raise ACCESS_UNKNOWN_NUMBER.error("no such number")
    return target.subscriber


@attrs.frozen(slots=True)
class Target:
    """Whom a user name names: the subscriber (None if unknown) and the counters' key."""

    subscriber: Subscriber | None
    key: str


def resolve(tx: AccessUnitOfWork, identifier: LoginIdentifier) -> Target:
    """Resolve a user name to its live subscriber (F-AUTH-1); cancelled numbers are unknown.

    The failure counters of a known subscriber are kept by subscriber, whatever the login
    type, so switching from the number to its e-mail gains an attacker nothing.
    """
    subscriber: Subscriber | None
    if isinstance(identifier, EmailAddress):
        credential = tx.credentials.find_by_email(identifier)
        subscriber = (
            None if credential is None else tx.subscribers.find(SubscriberId(credential.id))
        )
        key = f"email:{identifier.value}"
    else:
        subscriber = tx.subscribers.find_by_number(identifier)
        key = number_key(identifier)
    if subscriber is None or subscriber.status is SubscriberStatus.CANCELLED:
        return Target(None, key)
    return Target(subscriber, f"subscriber:{subscriber.id}")


@attrs.define(slots=True)
class Gate:
    """The failure counters of one attempt: the identifier's and the client's (F-AUTH-7)."""

    identifier: LoginAttempts
    client: LoginAttempts
    policy: LockoutPolicy

    def fail(self, tx: AccessUnitOfWork, now: datetime) -> Refused:
        """Count a failure on both counters and return the refusal to raise (F-AUTH-7)."""
        events = self.identifier.record_failure(now, self.policy)
        events += self.client.record_failure(now, self.policy)
        put(tx.login_attempts, self.identifier)
        put(tx.login_attempts, self.client)
        publish(tx, events)
        if self.identifier.is_locked(now):
            return locked(self.identifier)
        recent = self.identifier.recent(now, self.policy)
        return ACCESS_BAD_CREDENTIALS.error(
            captcha_required=self.needs_captcha(now),
            attempts_left=max(self.policy.lock_after - recent, 0),
        )

    def succeed(self, tx: AccessUnitOfWork) -> None:
        """A credential was proven: clear the identifier's failures."""
        if self.identifier.record_success():
            put(tx.login_attempts, self.identifier)

    def needs_captcha(self, now: datetime) -> bool:
        """Whether either counter asks for a captcha."""
        return self.identifier.needs_captcha(now, self.policy) or self.client.needs_captcha(
            now, self.policy
        )


def locked(attempts: LoginAttempts) -> Refused:
    """The refusal of a locked identifier, with the instant the lock lifts."""
    return ACCESS_LOCKED.error(retry_at=attempts.locked_until)


def _load(tx: AccessUnitOfWork, scope: AttemptScope, key: str) -> LoginAttempts:
    found = tx.login_attempts.find(attempts_id(scope, key))
    return found if found is not None else LoginAttempts.new(scope, key)


def open_gate(  # noqa: PLR0913 - the gate needs each of these
    tx: AccessUnitOfWork,
    key: str,
    *,
    client: str,
    now: datetime,
    policy: LockoutPolicy,
    captcha_solved: Callable[[], bool | None],
) -> Gate | Refused:
    """Load the counters; refuse a locked identifier or a missing or wrong captcha.

    ``captcha_solved`` answers None when no captcha was sent, else whether it was solved;
    it is asked only when a captcha is needed. Neither refusal counts as a failure.
    """
    gate = Gate(
        _load(tx, AttemptScope.IDENTIFIER, key), _load(tx, AttemptScope.CLIENT, client), policy
    )
    if gate.identifier.is_locked(now):
        return locked(gate.identifier)
    if gate.needs_captcha(now):
        solved = captcha_solved()
        if solved is None:
            return ACCESS_CAPTCHA_REQUIRED.error(captcha_required=True)
        if not solved:
            return ACCESS_CAPTCHA_WRONG.error(captcha_required=True)
    return gate
