"""The access repositories (F-AUTH): credentials, codes, counters, sessions, bindings.

Each record is one row written like every aggregate (:mod:`unicom_sql.repositories`): the id,
the version, the columns a query needs and the cattrs body. The unique keys are nullable
columns: ``credentials.email`` (one number per login e-mail) and
``third_party_bindings.subject_key`` (one number per QQ or Weibo identity); a row without a
value never clashes, in the database as in the memory reference.

The purgeable kinds (codes, counters, sessions) walk by primary key (``id > :after ORDER BY
id LIMIT :n``) and delete by ``id`` and ``version``: no column or index beyond the primary
key is needed (F-AUTH-7).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import delete, select

from unicom_core.domain.access import (
    LoginAttempts,
    LoginCredential,
    OneTimeCode,
    OperatorToken,
    Session,
    ThirdPartyBinding,
)
from unicom_core.domain.shared import (
    STORAGE_DUPLICATE_EMAIL,
    STORAGE_DUPLICATE_SUBJECT,
    STORAGE_VERSION_CONFLICT,
)
from unicom_core.ports.access import (
    LoginAttemptRepository,
    LoginCredentialRepository,
    OneTimeCodeRepository,
    SessionRepository,
    ThirdPartyBindingRepository,
)
from unicom_core.ports.shared import check_limit
from unicom_sql import schema
from unicom_sql.repositories import _Kind, _Repository

if TYPE_CHECKING:
    from unicom_core.domain.access import ThirdParty
    from unicom_core.domain.shared import EmailAddress
    from unicom_sql._session import Session as SqlSession

__all__ = [
    "PurgeableRepository",
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
    (("email", "email", STORAGE_DUPLICATE_EMAIL),),
)
ONE_TIME_CODES = _Kind("one_time_code", schema.one_time_codes, OneTimeCode, _no_keys)
LOGIN_ATTEMPTS = _Kind("login_attempts", schema.login_attempts, LoginAttempts, _no_keys)
SESSIONS = _Kind("session", schema.sessions, Session, _session_keys)
BINDINGS = _Kind(
    "third_party_binding",
    schema.third_party_bindings,
    ThirdPartyBinding,
    _binding_keys,
    (("subject_key", "subject", STORAGE_DUPLICATE_SUBJECT),),
)


_P = TypeVar("_P", LoginAttempts, OneTimeCode, Session, OperatorToken)


class PurgeableRepository(_Repository[_P]):
    """A repository that also walks by id and deletes a record of the version read."""

    def list_after(self, after: str | None, limit: int, /) -> tuple[_P, ...]:
        """At most ``limit`` records with an id above ``after``, by id."""
        check_limit(limit)
        query = select(self._table.c.body, self._table.c.version)
        if after is not None:
            query = query.where(self._table.c.id > after)
        rows = self._session.execute(query.order_by(self._table.c.id).limit(limit))
        return tuple(self._load(row) for row in rows)

    def remove(self, record: _P, /) -> None:
        """Delete ``record`` if its row still has the version read."""
        table = self._table
        statement = delete(table).where(table.c.id == record.id, table.c.version == record.version)
        if self._session.execute(statement).rowcount == 1:
            return
        if not self._exists(table.c.id == record.id):
            raise self._not_found(record.id)
        raise STORAGE_VERSION_CONFLICT.error(
            f"the {self._kind.name} changed since it was read (version {record.version})",
            kind=self._kind.name,
            id=record.id,
            version=record.version,
        )


class SqlLoginCredentialRepository(_Repository[LoginCredential], LoginCredentialRepository):
    """Credentials in table ``credentials``, unique by login e-mail (F-AUTH-1, F-AUTH-2)."""

    def __init__(self, session: SqlSession) -> None:
        super().__init__(session, CREDENTIALS)

    def find_by_email(self, email: EmailAddress, /) -> LoginCredential | None:
        """The credential whose login e-mail is ``email``, or None."""
        return self._find_by(self._table.c.email == email.value)


class SqlOneTimeCodeRepository(PurgeableRepository[OneTimeCode], OneTimeCodeRepository):
    """Random-password records in table ``one_time_codes`` (F-AUTH-2)."""

    def __init__(self, session: SqlSession) -> None:
        super().__init__(session, ONE_TIME_CODES)


class SqlLoginAttemptRepository(PurgeableRepository[LoginAttempts], LoginAttemptRepository):
    """Failure counters in table ``login_attempts`` (F-AUTH-7)."""

    def __init__(self, session: SqlSession) -> None:
        super().__init__(session, LOGIN_ATTEMPTS)


class SqlSessionRepository(PurgeableRepository[Session], SessionRepository):
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
