"""The storage of operator principals: clients, their tokens, the audit log (F-AUTH-6).

The repositories keep the rules of :mod:`unicom_core.ports.storage`. Operator tokens are
kept by the SHA-256 digest of their value and are :class:`~unicom_core.ports.access.
storage.Purgeable`, like sessions; audit entries are only ever added, and read newest first.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from unicom_core.domain.access import (
    OPERATOR_AUDIT_QUERY,
    AuditEntry,
    OperatorClient,
    OperatorToken,
)
from unicom_core.ports.shared import Repository

if TYPE_CHECKING:
    from collections.abc import Sequence

    from unicom_core.ports.shared import Page, PageRequest

__all__ = [
    "AuditFilter",
    "AuditLogRepository",
    "OperatorClientRepository",
    "OperatorRepositories",
    "OperatorTokenRepository",
]


def _optional_aware(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, datetime) or value.utcoffset() is None):
        raise OPERATOR_AUDIT_QUERY.error(field=attribute.name)


def _optional_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value):
        raise OPERATOR_AUDIT_QUERY.error(field=attribute.name)


@attrs.frozen(slots=True, kw_only=True)
class AuditFilter:
    """Which audit entries to read: ``since`` <= at < ``until``, by client, by account."""

    since: datetime | None = attrs.field(default=None, validator=_optional_aware)
    until: datetime | None = attrs.field(default=None, validator=_optional_aware)
    client_id: str | None = attrs.field(default=None, validator=_optional_text)
    account_id: str | None = attrs.field(default=None, validator=_optional_text)

    def matches(self, entry: AuditEntry) -> bool:
        """Whether ``entry`` passes the filter (what every adapter's query selects)."""
        return (
            (self.since is None or entry.at >= self.since)
            and (self.until is None or entry.at < self.until)
            and (self.client_id is None or entry.client_id == self.client_id)
            and (self.account_id is None or entry.account_id == self.account_id)
        )


class OperatorClientRepository(Repository[OperatorClient, str], Protocol):
    """Operator clients, by client id."""

    def list_page(self, page: PageRequest, /) -> Page[OperatorClient]:
        """One page of every client, by id."""
        ...


class OperatorTokenRepository(Repository[OperatorToken, str], Protocol):
    """Issued operator tokens, by the digest of their value; purgeable like sessions.

    ``list_after`` and ``remove`` are those of
    :class:`~unicom_core.ports.access.storage.Purgeable` (F-AUTH-7).
    """

    def list_after(self, after: str | None, limit: int, /) -> Sequence[OperatorToken]:
        """At most ``limit`` (1..500) tokens with an id above ``after``, ordered by id."""
        ...

    def remove(self, record: OperatorToken, /) -> None:
        """Delete ``record`` if it is still the version read (``storage.not_found`` else)."""
        ...


class AuditLogRepository(Repository[AuditEntry, str], Protocol):
    """The audit log of operator actions; entries are added, never changed."""

    def query(self, where: AuditFilter, page: PageRequest, /) -> Page[AuditEntry]:
        """One page of the entries ``where`` selects, newest first (by id, descending)."""
        ...


class OperatorRepositories(Protocol):
    """The operator repositories, as a unit of work offers them."""

    @property
    def operator_clients(self) -> OperatorClientRepository:
        """The operator clients."""
        ...

    @property
    def operator_tokens(self) -> OperatorTokenRepository:
        """The issued operator tokens."""
        ...

    @property
    def audit_log(self) -> AuditLogRepository:
        """The audit log."""
        ...
