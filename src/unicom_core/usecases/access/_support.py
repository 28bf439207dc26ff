"""What the access use cases share: resolving a user name, the failure gate, transactions.

The *gate* is where F-AUTH-7's lock-out and captcha escalation live: it loads the failure
counters of the identifier and of the client, refuses a locked identifier before any
credential is checked, asks for a captcha once a counter has reached the threshold, and
records a failure or a success afterwards. Use cases return a refusal from inside the
transaction (so the counters they changed commit) and :func:`run` raises it afterwards.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs

from unicom_core.domain.access import AttemptScope, LockoutPolicy, LoginAttempts, attempts_id
from unicom_core.domain.shared import EmailAddress
from unicom_core.domain.subscribers import Subscriber, SubscriberId, SubscriberStatus, number_key
from unicom_core.errors import Conflict, Refused, UnicomError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import datetime

    from unicom_core.domain.shared import DomainEvent, LoginIdentifier
    from unicom_core.ports.access import AccessStorage, AccessUnitOfWork
    from unicom_core.ports.shared import Clock, Repository

__all__ = [
    "Gate",
    "Target",
    "once",
    "open_gate",
    "publish",
    "put",
    "resolve",
    "run",
    "secret_digits",
]

_T = TypeVar("_T")


class _Versioned(Protocol):
    version: int


_A = TypeVar("_A", bound=_Versioned)


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


def put(repository: Repository[_A, Any], record: _A) -> None:
    """Add a new record (version 0) or save a loaded one."""
    if record.version == 0:
        repository.add(record)
    else:
        repository.save(record)


def publish(tx: AccessUnitOfWork, events: Iterable[DomainEvent]) -> None:
    """Append ``events`` to the transaction's outbox."""
    for event in events:
        tx.outbox.append(event)


def run(
    storage: AccessStorage,
    clock: Clock,
    work: Callable[[AccessUnitOfWork, datetime], _T | UnicomError],
    retries: int,
) -> _T:
    """Run ``work`` in a transaction, retry a version clash, raise a returned refusal.

    ``work`` returns its result, or the error to raise once its writes have committed (a
    counted failure must be stored even though the caller is refused).
    """
    for attempt in range(retries):
        try:
            with storage.transaction() as tx:
                outcome = work(tx, clock.now())
        except Conflict as clash:
            if clash.code != "storage.version_conflict" or attempt == retries - 1:
                raise
            continue
        if isinstance(outcome, UnicomError):
            raise outcome
        return outcome
    raise AssertionError(retries)  # pragma: no cover - retries >= 1 by the settings


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
        return Refused(
            "access.bad_credentials",
            "the user name or the password is wrong",
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
    return Refused(
        "access.locked",
        "too many failed attempts: this user name is locked for a while",
        retry_at=attempts.locked_until,
    )


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
            return Refused(
                "access.captcha_required", "solve the captcha to go on", captcha_required=True
            )
        if not solved:
            return Refused(
                "access.captcha_wrong", "the captcha was not solved", captcha_required=True
            )
    return gate
