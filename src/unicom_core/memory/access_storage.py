"""The access records in memory: their tables and repositories (F-AUTH-1..7).

The repositories are :class:`~unicom_core.memory._repositories.MemoryRepository` views over
:class:`~unicom_core.memory._repositories.Table` objects, exactly like the customer and
subscriber ones; :class:`~unicom_core.memory.storage.MemoryStorage` keeps the tables in its
state and offers the repositories on its unit of work, committed all or nothing with the
rest. A unique key that is unset (no login e-mail, no bound identity) never clashes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.credentials import (
    LoginAttempts,
    LoginCredential,
    OneTimeCode,
    Session,
    ThirdPartyBinding,
)
from unicom_core.memory._repositories import MemoryRepository, Table, Unique
from unicom_core.ports.access_storage import (
    LoginAttemptRepository,
    LoginCredentialRepository,
    OneTimeCodeRepository,
    SessionRepository,
    ThirdPartyBindingRepository,
)

if TYPE_CHECKING:
    from unicom_core.domain.credentials import ThirdParty
    from unicom_core.domain.phone import EmailAddress

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
        "storage.duplicate_email",
    )
    return Table("credential", by_email)


def binding_table() -> Table[ThirdPartyBinding]:
    """The third-party bindings, unique by bound identity (when one is bound)."""
    by_subject = Unique[ThirdPartyBinding](
        "subject",
        lambda b: b.subject_key if b.subject_key is not None else _unset(b.id),
        "storage.duplicate_subject",
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


class MemoryLoginCredentialRepository(MemoryRepository[LoginCredential], LoginCredentialRepository):
    """Credentials in memory (F-AUTH-1, F-AUTH-2)."""

    def find_by_email(self, email: EmailAddress, /) -> LoginCredential | None:
        """The credential whose login e-mail is ``email``, or None."""
        return self._find_unique("email", email.value)


class MemoryOneTimeCodeRepository(MemoryRepository[OneTimeCode], OneTimeCodeRepository):
    """Random-password records in memory (F-AUTH-2)."""


class MemoryLoginAttemptRepository(MemoryRepository[LoginAttempts], LoginAttemptRepository):
    """Failure counters in memory (F-AUTH-7)."""


class MemorySessionRepository(MemoryRepository[Session], SessionRepository):
    """Sessions in memory (F-AUTH-7)."""


class MemoryThirdPartyBindingRepository(
    MemoryRepository[ThirdPartyBinding], ThirdPartyBindingRepository
):
    """QQ and Weibo bindings in memory (F-AUTH-3)."""

    def find_by_subject(self, provider: ThirdParty, subject: str, /) -> ThirdPartyBinding | None:
        """The binding holding ``provider``'s identity ``subject``, or None."""
        return self._find_unique("subject", f"{provider.value}:{subject}")
