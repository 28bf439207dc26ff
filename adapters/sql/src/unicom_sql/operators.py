"""Operator clients, their tokens and the audit log in SQL (F-AUTH-6).

Three aggregate tables (id, version, query columns, the cattrs body) made by migration
``0018``: ``operator_clients`` by client id; ``operator_tokens`` by the SHA-256 digest of the
token value, with the client and the expiry as columns, purgeable like sessions;
``audit_log`` by a time-ordered id (UTC microseconds first), with the client, the instant
(UTC microseconds, :func:`unicom_sql.repositories.micros`) and the account as columns,
indexed for the filters of ``hall.access.audit``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, Column, ColumnElement, Index, func, select, true

from unicom_core.domain.access import AuditEntry, OperatorClient, OperatorToken
from unicom_core.domain.shared import PAGE_REQUEST
from unicom_core.ports.access import (
    AuditLogRepository,
    OperatorClientRepository,
    OperatorTokenRepository,
)
from unicom_core.ports.shared import Page, PageRequest
from unicom_sql.access_repositories import PurgeableRepository
from unicom_sql.repositories import _Kind, _Listing, _Repository, micros
from unicom_sql.schema import Id, aggregate_table

if TYPE_CHECKING:
    from unicom_core.ports.access import AuditFilter
    from unicom_sql._session import Session

__all__ = [
    "SqlAuditLogRepository",
    "SqlOperatorClientRepository",
    "SqlOperatorRepositories",
    "SqlOperatorTokenRepository",
    "audit_log",
    "operator_clients",
    "operator_tokens",
]

operator_clients = aggregate_table("operator_clients")
"""Operator clients by client id; the secret only as its hash, in the body (F-AUTH-6)."""

operator_tokens = aggregate_table(
    "operator_tokens",
    Column("client_id", Id, nullable=False),
    Column("expires_at_us", BigInteger, nullable=False),
    Index("ix_operator_tokens_client_id", "client_id"),
)
"""Operator tokens by the digest of their value, with their client and expiry."""

audit_log = aggregate_table(
    "audit_log",
    Column("client_id", Id, nullable=False),
    Column("at_us", BigInteger, nullable=False),
    Column("account_id", Id, nullable=True),
    Index("ix_audit_log_client_id", "client_id", "id"),
    Index("ix_audit_log_account_id", "account_id", "id"),
    Index("ix_audit_log_at_us", "at_us"),
)
"""The audit log of operator actions, newest first by id (F-AUTH-6)."""


def _no_keys(_record: object) -> dict[str, object]:
    return {}


def _token_keys(token: OperatorToken) -> dict[str, object]:
    return {"client_id": token.client_id, "expires_at_us": micros(token.expires_at)}


def _audit_keys(entry: AuditEntry) -> dict[str, object]:
    return {"client_id": entry.client_id, "at_us": micros(entry.at), "account_id": entry.account_id}


CLIENTS = _Kind("operator_client", operator_clients, OperatorClient, _no_keys)
TOKENS = _Kind("operator_token", operator_tokens, OperatorToken, _token_keys)
AUDIT = _Kind("audit_entry", audit_log, AuditEntry, _audit_keys)


class SqlOperatorClientRepository(_Repository[OperatorClient], OperatorClientRepository):
    """Operator clients in table ``operator_clients``."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, CLIENTS)

    def list_page(self, page: PageRequest, /) -> Page[OperatorClient]:
        """One page of every client, by id."""
        return self._page(true(), page)


class SqlOperatorTokenRepository(PurgeableRepository[OperatorToken], OperatorTokenRepository):
    """Operator tokens in table ``operator_tokens``; purgeable like sessions (F-AUTH-7)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, TOKENS)


class SqlAuditLogRepository(_Listing, AuditLogRepository):
    """The audit log in table ``audit_log``."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, AUDIT)

    def query(self, where: AuditFilter, page: PageRequest, /) -> Page[AuditEntry]:
        """One page of the entries ``where`` selects, newest first (by id, descending)."""
        if not isinstance(page, PageRequest):
            raise PAGE_REQUEST.error(f"expected a PageRequest, not {page!r}")
        t = self._table
        conditions: list[ColumnElement[bool]] = []
        if where.since is not None:
            conditions.append(t.c.at_us >= micros(where.since))
        if where.until is not None:
            conditions.append(t.c.at_us < micros(where.until))
        if where.client_id is not None:
            conditions.append(t.c.client_id == where.client_id)
        if where.account_id is not None:
            conditions.append(t.c.account_id == where.account_id)
        total = self._session.execute(select(func.count()).select_from(t).where(*conditions))
        query = self._bodies(*conditions).order_by(t.c.id.desc())
        rows = self._rows(query.offset(page.offset).limit(page.limit))
        return Page(tuple(rows), int(total.scalar_one()), page)


class SqlOperatorRepositories:
    """The operator repositories of a SQL unit of work (mixed into ``SqlUnitOfWork``)."""

    _session: Session
    _operator_clients: SqlOperatorClientRepository | None
    _operator_tokens: SqlOperatorTokenRepository | None
    _audit_log: SqlAuditLogRepository | None

    def _init_operators(self, _session: Session) -> None:
        self._operator_clients = self._operator_tokens = self._audit_log = None  # on first use

    @property
    def operator_clients(self) -> SqlOperatorClientRepository:
        """The operator clients (F-AUTH-6)."""
        self._session.check_open()
        if self._operator_clients is None:
            self._operator_clients = SqlOperatorClientRepository(self._session)
        return self._operator_clients

    @property
    def operator_tokens(self) -> SqlOperatorTokenRepository:
        """The issued operator tokens (F-AUTH-6)."""
        self._session.check_open()
        if self._operator_tokens is None:
            self._operator_tokens = SqlOperatorTokenRepository(self._session)
        return self._operator_tokens

    @property
    def audit_log(self) -> SqlAuditLogRepository:
        """The audit log of operator actions (F-AUTH-6)."""
        self._session.check_open()
        if self._audit_log is None:
            self._audit_log = SqlAuditLogRepository(self._session)
        return self._audit_log
