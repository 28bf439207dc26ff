"""The one transaction kernel of the use cases: run a unit of work, retry a clash, raise late.

Every use case of every area runs its work through :func:`run`:

* the work is called with the transaction and **the clock's instant in Asia/Shanghai**
  (F-CAL-1), read afresh for each try;
* a :class:`~unicom_core.errors.Conflict` is retried only when the :class:`RetryRule` says so:
  ``storage.version_conflict`` (a concurrent write of the same aggregate) always, other codes
  (``storage.duplicate``: a concurrent writer added the same id first) only when the caller
  names them in ``also_on``; the work runs at most ``rule.attempts`` times, then the clash is
  raised as it is. Any other error is raised at once and rolls the transaction back;
* a work that must commit what it did and still fail (a counted failed login, a counted
  wrong card secret) **returns** the :class:`~unicom_core.errors.UnicomError` instead of
  raising it: the transaction commits and :func:`run` raises the returned error afterwards.
  This holds for every area alike.
* a *query* passes ``readonly=True``: the work runs in ``storage.read()``, a read-only unit
  of work that never waits for a writer and never commits; a write in it is refused
  (``storage.read_only``), so a use case that writes (a session's ``last_seen_at``, a
  counted failure) keeps the default.

:func:`put` and :func:`publish` are the two writes every use case repeats.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs

from unicom_core.domain.shared import STORAGE_VERSION_CONFLICT, TRANSACTION_RETRY_RULE, to_shanghai
from unicom_core.errors import Conflict, UnicomError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from contextlib import AbstractContextManager
    from datetime import datetime

    from unicom_core.domain.shared import DomainEvent
    from unicom_core.ports.shared import Clock, Repository, SharedRepositories

__all__ = ["VERSION_CONFLICT", "RetryRule", "Transactional", "Versioned", "publish", "put", "run"]

VERSION_CONFLICT = STORAGE_VERSION_CONFLICT.code
"""The clash every use case retries: another transaction saved the aggregate first."""

_T = TypeVar("_T")
_U_co = TypeVar("_U_co", covariant=True)


def _attempts(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise TRANSACTION_RETRY_RULE.error(field=attribute.name)


def _codes(_instance: object, attribute: attrs.Attribute[frozenset[str]], value: object) -> None:
    if not isinstance(value, frozenset) or not all(isinstance(code, str) for code in value):
        raise TRANSACTION_RETRY_RULE.error(
            f"{attribute.name} is a frozenset of codes", field="also_on"
        )


@attrs.frozen(slots=True)
class RetryRule:
    """Which clashes re-run a work, and how many times it runs at most.

    ``attempts``: the most times the work runs (1: never re-run); ``also_on``: the
    :class:`~unicom_core.errors.Conflict` codes retried besides ``storage.version_conflict``,
    which is always retried.
    """

    attempts: int = attrs.field(validator=_attempts)
    also_on: frozenset[str] = attrs.field(default=frozenset(), validator=_codes)

    def retries(self, clash: Conflict) -> bool:
        """Whether ``clash`` re-runs the work (attempts aside)."""
        return clash.code == VERSION_CONFLICT or clash.code in self.also_on


class Transactional(Protocol[_U_co]):
    """A storage whose transactions open a unit of work of type ``_U_co``."""

    def transaction(self) -> AbstractContextManager[_U_co]:
        """A unit of work: commits when the block ends, rolls back on an exception."""
        ...

    def read(self) -> AbstractContextManager[_U_co]:
        """A read-only unit of work: sees committed data, never writes, never commits."""
        ...


def run(
    storage: Transactional[_U_co],
    clock: Clock,
    work: Callable[[_U_co, datetime], _T | UnicomError],
    rule: RetryRule,
    *,
    readonly: bool = False,
) -> _T:
    """Run ``work`` in one transaction at the clock's Beijing instant (module docstring).

    ``readonly``: run it in ``storage.read()`` (queries), not ``storage.transaction()``.

    Raises:
        Conflict: the clash of the last attempt, or one ``rule`` does not retry.
        UnicomError: what ``work`` raised (rolled back) or returned (after the commit).
    """
    opened = storage.read if readonly else storage.transaction
    for attempt in range(1, rule.attempts + 1):
        try:
            with opened() as tx:
                outcome = work(tx, to_shanghai(clock.now(), field="clock"))
        except Conflict as clash:
            if attempt == rule.attempts or not rule.retries(clash):
                raise
            continue
        if isinstance(outcome, UnicomError):
            raise outcome
        return outcome
    raise AssertionError(rule.attempts)  # pragma: no cover - attempts >= 1 by the rule


class Versioned(Protocol):
    """An aggregate with a version (0: not stored yet)."""

    version: int


_A = TypeVar("_A", bound=Versioned)


def put(repository: Repository[_A, Any], record: _A) -> None:
    """Add a new record (version 0) or save a loaded one."""
    if record.version == 0:
        repository.add(record)
    else:
        repository.save(record)


def publish(tx: SharedRepositories, events: Iterable[DomainEvent]) -> None:
    """Append ``events`` to the transaction's outbox."""
    for event in events:
        tx.outbox.append(event)
