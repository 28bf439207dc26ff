"""The access records in memory: their tables and repositories (F-AUTH-1..7).

The repositories are :class:`~unicom_core.memory._repositories.MemoryRepository` views over
:class:`~unicom_core.memory._repositories.Table` objects, exactly like the customer and
subscriber ones; :class:`~unicom_core.memory.storage.MemoryStorage` keeps the tables in its
state and offers the repositories on its unit of work, committed all or nothing with the
rest. A unique key that is unset (no login e-mail, no bound identity) never clashes.

The purgeable repositories (codes, counters, sessions) add a keyset walk and a delete that,
like a save, is staged in the transaction and checked against the committed version when it
commits (F-AUTH-7).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Protocol, TypeVar

from unicom_core.domain.access import (
    LoginAttempts,
    LoginCredential,
    OneTimeCode,
    Session,
    ThirdPartyBinding,
)
from unicom_core.domain.shared import STORAGE_DUPLICATE_EMAIL, STORAGE_DUPLICATE_SUBJECT
from unicom_core.memory._repositories import MemoryRepository, Table, Unique
from unicom_core.ports.access import (
    LoginAttemptRepository,
    LoginCredentialRepository,
    OneTimeCodeRepository,
    SessionRepository,
    ThirdPartyBindingRepository,
)
from unicom_core.ports.shared import check_limit

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

    from unicom_core.domain.access import ThirdParty
    from unicom_core.domain.shared import EmailAddress

__all__ = [
    "MemoryLoginAttemptRepository",
    "MemoryLoginCredentialRepository",
    "MemoryOneTimeCodeRepository",
    "MemorySessionRepository",
    "MemoryThirdPartyBindingRepository",
    "binding_table",
    "credential_table",
    "login_attempt_table",
    "one_time_code_table",
    "session_table",
]


def _unset(aggregate_id: str) -> str:
    """A unique-index key for "no value": never equal to a real key, nor to another's."""
    return f"\x00unset:{aggregate_id}"


def credential_table() -> Table[LoginCredential]:
    """The credentials, unique by login e-mail (when one is set)."""
    by_email = Unique[LoginCredential](
        "email",
        lambda c: c.email.value if c.email is not None else _unset(c.id),
        STORAGE_DUPLICATE_EMAIL,
    )
    return Table("credential", by_email)


def binding_table() -> Table[ThirdPartyBinding]:
    """The third-party bindings, unique by bound identity (when one is bound)."""
    by_subject = Unique[ThirdPartyBinding](
        "subject",
        lambda b: b.subject_key if b.subject_key is not None else _unset(b.id),
        STORAGE_DUPLICATE_SUBJECT,
    )
    return Table("third_party_binding", by_subject)


def one_time_code_table() -> Table[OneTimeCode]:
    """The random-password records."""
    return Table("one_time_code")


def login_attempt_table() -> Table[LoginAttempts]:
    """The failure counters."""
    return Table("login_attempts")


def session_table() -> Table[Session]:
    """The sessions."""
    return Table("session")


class _Record(Protocol):
    @property
    def id(self) -> str: ...

    version: int


_P = TypeVar("_P", bound=_Record)


class _PurgeableRepository(MemoryRepository[_P]):
    """A memory repository that also walks by id and deletes (staged until commit)."""

    def __init__(
        self, table: Table[_P], lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        super().__init__(table, lock, check_open)
        self._deleted: dict[str, int] = {}  # id -> the committed version it deletes

    def list_after(self, after: str | None, limit: int, /) -> tuple[_P, ...]:
        """At most ``limit`` records with an id above ``after``, by id."""
        check_limit(limit)
        self._check_open()
        with self._lock:
            ids = {*self._table.rows, *self._writes} - self._deleted.keys()
            chosen = sorted(i for i in ids if after is None or i > after)[:limit]
            return tuple(copy.deepcopy(self._visible(i)) for i in chosen)

    def remove(self, record: _P, /) -> None:
        """Delete ``record`` at commit if it is still the version read."""
        self._check_open()
        with self._lock:
            current = self._current(record.id)
            if current is None:
                raise self._not_found(record.id)
            if current.version != record.version:
                raise self._stale(record.id, current.version, record.version)
            staged = self._writes.pop(record.id, None)
            self._deleted[record.id] = current.version if staged is None else staged[0]

    def _visible(self, aggregate_id: str) -> _P:
        found = self._current(aggregate_id)
        if found is None:  # pragma: no cover - listed ids are visible
            raise self._not_found(aggregate_id)
        return found

    def _current(self, aggregate_id: str) -> _P | None:
        if aggregate_id in self._deleted:
            return None
        return super()._current(aggregate_id)

    def _stage(self, aggregate: _P, *, replaces: int) -> None:
        # An add after a delete in one transaction replaces the deleted row's version.
        super()._stage(aggregate, replaces=self._deleted.pop(aggregate.id, replaces))

    def check_commit(self) -> None:
        """Raise ``Conflict`` if a concurrent commit made a write or a delete stale."""
        super().check_commit()
        for aggregate_id, replaces in self._deleted.items():
            committed = self._table.rows.get(aggregate_id)
            version = 0 if committed is None else committed.version
            if version != replaces:
                raise self._stale(aggregate_id, version, replaces)

    def commit(self) -> None:
        """Write the staged copies, then drop the deleted rows."""
        super().commit()
        for aggregate_id in self._deleted:
            self._table.rows.pop(aggregate_id, None)
        self._deleted.clear()


class MemoryLoginCredentialRepository(MemoryRepository[LoginCredential], LoginCredentialRepository):
    """Credentials in memory (F-AUTH-1, F-AUTH-2)."""

    def find_by_email(self, email: EmailAddress, /) -> LoginCredential | None:
        """The credential whose login e-mail is ``email``, or None."""
        return self._find_unique("email", email.value)


class MemoryOneTimeCodeRepository(_PurgeableRepository[OneTimeCode], OneTimeCodeRepository):
    """Random-password records in memory (F-AUTH-2)."""


class MemoryLoginAttemptRepository(_PurgeableRepository[LoginAttempts], LoginAttemptRepository):
    """Failure counters in memory (F-AUTH-7)."""


class MemorySessionRepository(_PurgeableRepository[Session], SessionRepository):
    """Sessions in memory (F-AUTH-7)."""


class MemoryThirdPartyBindingRepository(
    MemoryRepository[ThirdPartyBinding], ThirdPartyBindingRepository
):
    """QQ and Weibo bindings in memory (F-AUTH-3)."""

    def find_by_subject(self, provider: ThirdParty, subject: str, /) -> ThirdPartyBinding | None:
        """The binding holding ``provider``'s identity ``subject``, or None."""
        return self._find_unique("subject", f"{provider.value}:{subject}")
