"""The storage the access use cases need: one repository per access record (F-AUTH).

Every repository keeps the rules of :mod:`unicom_core.ports.storage` (copies, versions set in
place, ``Conflict`` ``storage.version_conflict`` for a stale save, ``storage.duplicate`` for
an id taken). Two unique keys besides the ids:

- a credential's login ``email`` (``Conflict`` ``storage.duplicate_email``): one number per
  e-mail address (F-AUTH-1);
- a binding's :attr:`~unicom_core.domain.access.credentials.ThirdPartyBinding.subject_key`
  (``Conflict`` ``storage.duplicate_subject``): one number per QQ or Weibo identity
  (F-AUTH-3). Unbound records (no subject) never clash.

The records anyone can make by trying (failure counters, random-password records, sessions)
are :class:`Purgeable`: a keyset walk by id and a version-checked delete, so
``hall.access.purge_expired()`` can drop the stale ones in bounded batches (F-AUTH-7).

:class:`AccessUnitOfWork` is what a transaction must offer the access use cases; the storage
port's :class:`~unicom_core.ports.storage.UnitOfWork` offers all of it, so any
:class:`~unicom_core.ports.storage.Storage` is an :class:`AccessStorage`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

from unicom_core.domain.access import (
    LoginAttempts,
    LoginCredential,
    OneTimeCode,
    Session,
    ThirdPartyBinding,
)
from unicom_core.ports.access.operators import OperatorRepositories
from unicom_core.ports.shared import Repository, SharedRepositories
from unicom_core.ports.subscribers import SubscriberRepositories

if TYPE_CHECKING:
    from collections.abc import Sequence
    from contextlib import AbstractContextManager

    from unicom_core.domain.access import ThirdParty
    from unicom_core.domain.shared import EmailAddress

__all__ = [
    "AccessRepositories",
    "AccessStorage",
    "AccessUnitOfWork",
    "LoginAttemptRepository",
    "LoginCredentialRepository",
    "OneTimeCodeRepository",
    "Purgeable",
    "SessionRepository",
    "ThirdPartyBindingRepository",
]


_R = TypeVar("_R")


class Purgeable(Protocol[_R]):
    """A walk over every record by id and a delete, for purging stale records (F-AUTH-7)."""

    def list_after(self, after: str | None, limit: int, /) -> Sequence[_R]:
        """At most ``limit`` (1..500) records with an id above ``after``, ordered by id.

        ``after`` None starts at the first id: a keyset walk over the primary key.
        """
        ...

    def remove(self, record: _R, /) -> None:
        """Delete ``record`` if it is still the version read.

        Raises:
            NotFound: ``storage.not_found`` when no record has its id.
            Conflict: ``storage.version_conflict`` when it changed since it was read (maybe
                only at commit).
        """
        ...


class LoginCredentialRepository(Repository[LoginCredential, str], Protocol):
    """Service-password credentials, one per subscriber, by subscriber id (F-AUTH-2)."""

    def find_by_email(self, email: EmailAddress, /) -> LoginCredential | None:
        """The credential whose login e-mail is ``email``, or None (F-AUTH-1)."""
        ...


class OneTimeCodeRepository(Repository[OneTimeCode, str], Purgeable[OneTimeCode], Protocol):
    """Random-password records, by :func:`~unicom_core.domain.access.credentials.code_id`."""


class LoginAttemptRepository(Repository[LoginAttempts, str], Purgeable[LoginAttempts], Protocol):
    """Failure counters, by :func:`~unicom_core.domain.access.attempts_id` (F-AUTH-7)."""


class SessionRepository(Repository[Session, str], Purgeable[Session], Protocol):
    """Sessions, by the digest of their token (F-AUTH-7)."""


class ThirdPartyBindingRepository(Repository[ThirdPartyBinding, str], Protocol):
    """QQ and Weibo bindings, by :func:`~unicom_core.domain.access.credentials.binding_id`."""

    def find_by_subject(self, provider: ThirdParty, subject: str, /) -> ThirdPartyBinding | None:
        """The binding holding ``provider``'s identity ``subject``, or None (F-AUTH-3)."""
        ...


class AccessRepositories(OperatorRepositories, Protocol):
    """The repositories of the access area, as a unit of work offers them (operators too)."""

    @property
    def credentials(self) -> LoginCredentialRepository:
        """The service-password credentials."""
        ...

    @property
    def one_time_codes(self) -> OneTimeCodeRepository:
        """The random-password records."""
        ...

    @property
    def login_attempts(self) -> LoginAttemptRepository:
        """The failure counters."""
        ...

    @property
    def sessions(self) -> SessionRepository:
        """The sessions."""
        ...

    @property
    def third_party_bindings(self) -> ThirdPartyBindingRepository:
        """The QQ and Weibo bindings."""
        ...


class AccessUnitOfWork(SharedRepositories, SubscriberRepositories, AccessRepositories, Protocol):
    """What one transaction offers the access use cases."""


class AccessStorage(Protocol):
    """A store whose transactions are :class:`AccessUnitOfWork` (see the storage port)."""

    def transaction(self) -> AbstractContextManager[AccessUnitOfWork]:
        """A new unit of work: commits on normal exit of ``with``, rolls back on an exception."""
        ...

    def read(self) -> AbstractContextManager[AccessUnitOfWork]:
        """A read-only unit of work (see :meth:`unicom_core.ports.storage.Storage.read`)."""
        ...

    def close(self) -> None:
        """Release connections and resources; idempotent."""
        ...
