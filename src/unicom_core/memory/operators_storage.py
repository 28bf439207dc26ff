"""Operator clients, their tokens and the audit log in memory (F-AUTH-6).

:class:`OperatorTables` holds the committed records inside a
:class:`~unicom_core.memory.storage.MemoryStorage`; :class:`MemoryOperatorRepositories`
mixes ``tx.operator_clients``, ``tx.operator_tokens`` and ``tx.audit_log`` into the memory
unit of work. Tokens are purgeable like sessions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.access import AuditEntry, OperatorClient, OperatorToken
from unicom_core.domain.shared import PAGE_REQUEST
from unicom_core.memory._repositories import MemoryRepository, Table
from unicom_core.memory.access_storage import _PurgeableRepository
from unicom_core.ports.access import (
    AuditLogRepository,
    OperatorClientRepository,
    OperatorTokenRepository,
)
from unicom_core.ports.shared import Page, PageRequest

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable
    from typing import Any

    from unicom_core.ports.access import AuditFilter

__all__ = [
    "MemoryAuditLogRepository",
    "MemoryOperatorClientRepository",
    "MemoryOperatorRepositories",
    "MemoryOperatorTokenRepository",
    "OperatorTables",
]


class OperatorTables:
    """The committed operator records of one memory store (guarded by the store's lock)."""

    def __init__(self) -> None:
        self.clients = Table[OperatorClient]("operator_client")
        self.tokens = Table[OperatorToken]("operator_token")
        self.audit = Table[AuditEntry]("audit_entry")


class MemoryOperatorClientRepository(MemoryRepository[OperatorClient], OperatorClientRepository):
    """Operator clients in memory (F-AUTH-6)."""

    def list_page(self, page: PageRequest, /) -> Page[OperatorClient]:
        """One page of every client, by id."""
        return self._page(lambda _client: True, page)


class MemoryOperatorTokenRepository(_PurgeableRepository[OperatorToken], OperatorTokenRepository):
    """Operator tokens in memory, by digest; purgeable (F-AUTH-6, F-AUTH-7)."""


class MemoryAuditLogRepository(MemoryRepository[AuditEntry], AuditLogRepository):
    """The audit log in memory (F-AUTH-6)."""

    def query(self, where: AuditFilter, page: PageRequest, /) -> Page[AuditEntry]:
        """One page of the entries ``where`` selects, newest first (by id, descending)."""
        if not isinstance(page, PageRequest):
            raise PAGE_REQUEST.error(f"expected a PageRequest, not {page!r}")
        found = sorted(self._merged(where.matches), key=lambda e: e.id, reverse=True)
        return Page(tuple(found[page.offset : page.offset + page.limit]), len(found), page)


class MemoryOperatorRepositories:
    """The operator repositories of a memory unit of work (mixed into ``MemoryUnitOfWork``)."""

    _operator_clients: MemoryOperatorClientRepository
    _operator_tokens: MemoryOperatorTokenRepository
    _audit_log: MemoryAuditLogRepository

    def _check_open(self) -> None:
        raise NotImplementedError

    def _init_operators(
        self, tables: OperatorTables, lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        self._operator_clients = MemoryOperatorClientRepository(tables.clients, lock, check_open)
        self._operator_tokens = MemoryOperatorTokenRepository(tables.tokens, lock, check_open)
        self._audit_log = MemoryAuditLogRepository(tables.audit, lock, check_open)

    def _operator_repositories(self) -> tuple[MemoryRepository[Any], ...]:
        return (self._operator_clients, self._operator_tokens, self._audit_log)

    @property
    def operator_clients(self) -> MemoryOperatorClientRepository:
        """The operator clients (F-AUTH-6)."""
        self._check_open()
        return self._operator_clients

    @property
    def operator_tokens(self) -> MemoryOperatorTokenRepository:
        """The issued operator tokens (F-AUTH-6)."""
        self._check_open()
        return self._operator_tokens

    @property
    def audit_log(self) -> MemoryAuditLogRepository:
        """The audit log of operator actions (F-AUTH-6)."""
        self._check_open()
        return self._audit_log
