"""The access repositories (issue 5, F-AUTH): credentials, codes, counters, sessions, bindings.

Each record is one row written like every aggregate (:mod:`unicom_sql.repositories`): the id,
the version, the columns a query needs and the cattrs body. The unique keys are nullable
columns: ``credentials.email`` (one number per login e-mail) and
``third_party_bindings.subject_key`` (one number per QQ or Weibo identity); a row without a
value never clashes, in the database as in the memory reference.
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
from unicom_core.ports.access_storage import (
    LoginAttemptRepository,
    LoginCredentialRepository,
    OneTimeCodeRepository,
    SessionRepository,
    ThirdPartyBindingRepository,
)
from unicom_sql import schema
from unicom_sql.repositories import _Kind, _Repository

if TYPE_CHECKING:
    from unicom_core.domain.credentials import ThirdParty
    from unicom_core.domain.phone import EmailAddress
    from unicom_sql._session import Session as SqlSession

__all__ = [
    "SqlLoginAttemptRepository",
    "SqlLoginCredentialRepository",
    "SqlOneTimeCodeRepository",
    "SqlSessionRepository",
    "SqlThirdPartyBindingRepository",
]


def _credential_keys(credential: LoginCredential) -> dict[str, object]:
    return {"email": credential.email.value if credential.email is not None else None}


def _no_keys(_record: object) -> dict[str, object]:
    return {}


def _session_keys(session: Session) -> dict[str, object]:
    return {"subscriber_id": session.subscriber_id}


def _binding_keys(binding: ThirdPartyBinding) -> dict[str, object]:
    return {"subscriber_id": binding.subscriber_id, "subject_key": binding.subject_key}


CREDENTIALS = _Kind(
    "credential",
    schema.credentials,
    LoginCredential,
    _credential_keys,
    (("email", "email", "storage.duplicate_email"),),
)
ONE_TIME_CODES = _Kind("one_time_code", schema.one_time_codes, OneTimeCode, _no_keys)
LOGIN_ATTEMPTS = _Kind("login_attempts", schema.login_attempts, LoginAttempts, _no_keys)
SESSIONS = _Kind("session", schema.sessions, Session, _session_keys)
BINDINGS = _Kind(
    "third_party_binding",
    schema.third_party_bindings,
    ThirdPartyBinding,
    _binding_keys,
    (("subject_key", "subject", "storage.duplicate_subject"),),
)


class SqlLoginCredentialRepository(_Repository[LoginCredential], LoginCredentialRepository):
    """Credentials in table ``credentials``, unique by login e-mail (F-AUTH-1, F-AUTH-2)."""

    def __init__(self, session: SqlSession) -> None:
        super().__init__(session, CREDENTIALS)

    def find_by_email(self, email: EmailAddress, /) -> LoginCredential | None:
        """The credential whose login e-mail is ``email``, or None."""
        return self._find_by(self._table.c.email == email.value)


class SqlOneTimeCodeRepository(_Repository[OneTimeCode], OneTimeCodeRepository):
    """Random-password records in table ``one_time_codes`` (F-AUTH-2)."""

    def __init__(self, session: SqlSession) -> None:
        super().__init__(session, ONE_TIME_CODES)


class SqlLoginAttemptRepository(_Repository[LoginAttempts], LoginAttemptRepository):
    """Failure counters in table ``login_attempts`` (F-AUTH-7)."""

    def __init__(self, session: SqlSession) -> None:
        super().__init__(session, LOGIN_ATTEMPTS)


class SqlSessionRepository(_Repository[Session], SessionRepository):
    """Sessions in table ``sessions``, by token digest (F-AUTH-7)."""

    def __init__(self, session: SqlSession) -> None:
        super().__init__(session, SESSIONS)


class SqlThirdPartyBindingRepository(_Repository[ThirdPartyBinding], ThirdPartyBindingRepository):
    """QQ and Weibo bindings in table ``third_party_bindings`` (F-AUTH-3)."""

    def __init__(self, session: SqlSession) -> None:
        super().__init__(session, BINDINGS)

    def find_by_subject(self, provider: ThirdParty, subject: str, /) -> ThirdPartyBinding | None:
        """The binding holding ``provider``'s identity ``subject``, or None."""
        return self._find_by(self._table.c.subject_key == f"{provider.value}:{subject}")
