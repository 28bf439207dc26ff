"""The janitor of the way in: dropping the records anyone can make by trying (F-AUTH-7).

Anyone, without logging in, makes records: a failure counter per identifier and per client,
a random-password record per number asked for, a session per login. Each outlives its use:
:meth:`AccessPurge.purge_expired` deletes those that no longer change any answer:

- failure counters with no failure in :attr:`LockoutPolicy.window` and no running lock;
- random-password records whose code is spent or expired and whose sends have all left
  :attr:`CodePolicy.daily_window` (deleting one earlier would reset the daily limit);
- sessions ended, or past their idle or absolute limit;
- the storage's rate-limit counters whose time bucket is over
  (:meth:`Counters.purge_expired <unicom_core.ports.storage.Counters.purge_expired>`): the
  random passwords a client asked for in an hour, the wrong recharge-card secrets a number
  tried in a day, the gateway notifications an address posted in a minute (the web
  adapter's limit). Counters without an expiry (quotas, stock, once-only markers) stay.

It walks each table by id in transactions of ``AccessSettings.purge_batch`` records (the
counters in batches of as many expired ones), so no transaction grows with the table; run
it from a scheduler (every few minutes is plenty: the notification counters are one per
address and minute).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

import attrs

from unicom_core.usecases.shared import RetryRule, run

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from unicom_core.domain.access import LoginAttempts, OneTimeCode, Session
    from unicom_core.ports.access import AccessStorage, AccessUnitOfWork, Purgeable
    from unicom_core.ports.shared import Clock
    from unicom_core.usecases.access.settings import AccessSettings

__all__ = ["AccessPurge", "PurgeReport"]


class _Record(Protocol):
    @property
    def id(self) -> str: ...


_R = TypeVar("_R", bound=_Record)


@attrs.frozen(slots=True, kw_only=True)
class PurgeReport:
    """How many records one purge deleted, by kind."""

    login_attempts: int
    one_time_codes: int
    sessions: int
    counters: int
    """Expired rate-limit counters (a random-password client's hour, a card secret's day...)."""


class AccessPurge:
    """``purge_expired``: the bounded clean-up of counters, codes and sessions (F-AUTH-7)."""

    def __init__(self, storage: AccessStorage, clock: Clock, settings: AccessSettings) -> None:
        self._storage, self._clock, self._settings = storage, clock, settings
        self._rule = RetryRule(settings.conflict_retries)

    def purge_expired(self) -> PurgeReport:
        """Delete the stale failure counters, codes, sessions and expired counters (F-AUTH-7).

        Each batch is its own transaction: a purge that stops half-way has deleted only
        stale records, and running it again carries on.
        """
        settings = self._settings

        def attempts(tx: AccessUnitOfWork) -> Purgeable[LoginAttempts]:
            return tx.login_attempts

        def stale_attempts(record: LoginAttempts, now: datetime) -> bool:
            return record.is_stale(now, settings.lockout)

        def codes(tx: AccessUnitOfWork) -> Purgeable[OneTimeCode]:
            return tx.one_time_codes

        def stale_code(record: OneTimeCode, now: datetime) -> bool:
            return record.is_stale(now, settings.codes)

        def sessions(tx: AccessUnitOfWork) -> Purgeable[Session]:
            return tx.sessions

        def stale_session(record: Session, now: datetime) -> bool:
            return record.is_stale(now, settings.sessions)

        return PurgeReport(
            login_attempts=self._sweep(attempts, stale_attempts),
            one_time_codes=self._sweep(codes, stale_code),
            sessions=self._sweep(sessions, stale_session),
            counters=self._purge_counters(),
        )

    def _purge_counters(self) -> int:
        """Delete the expired storage counters, a batch per transaction; how many."""
        limit, removed = self._settings.purge_batch, 0

        def work(tx: AccessUnitOfWork, now: datetime) -> int:
            return tx.counters.purge_expired(now, limit)

        while True:
            count = run(self._storage, self._clock, work, self._rule)
            removed += count
            if count < limit:
                return removed

    def _sweep(
        self,
        repository: Callable[[AccessUnitOfWork], Purgeable[_R]],
        stale: Callable[[_R, datetime], bool],
    ) -> int:
        """Walk one table by id, a batch per transaction; the number of records deleted."""
        after: str | None = None
        removed = 0
        while True:
            after, count = self._purge_batch(repository, stale, after)
            removed += count
            if after is None:
                return removed

    def _purge_batch(
        self,
        repository: Callable[[AccessUnitOfWork], Purgeable[_R]],
        stale: Callable[[_R, datetime], bool],
        after: str | None,
    ) -> tuple[str | None, int]:
        """Delete the stale records of one batch; the id to go on after (None: done)."""
        limit = self._settings.purge_batch

        def work(tx: AccessUnitOfWork, now: datetime) -> tuple[str | None, int]:
            records = repository(tx)
            batch = records.list_after(after, limit)
            gone = [record for record in batch if stale(record, now)]
            for record in gone:
                records.remove(record)
            last = batch[-1].id if len(batch) == limit else None
            return last, len(gone)

        return run(self._storage, self._clock, work, self._rule)
