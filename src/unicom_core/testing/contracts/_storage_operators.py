"""Storage contract: operator clients, their tokens and the audit log (F-AUTH-6).

A client and a token read back equal under the usual optimistic versions; tokens walk by id
and are removed like sessions; the audit log pages newest first and filters by instant
(``since`` inclusive, ``until`` exclusive), client and account, exactly as
:meth:`AuditFilter.matches <unicom_core.ports.access.AuditFilter.matches>` says.
"""

# A contract suite is tests shipped as a library: S101 (it asserts).
# ruff: noqa: S101

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.access import AuditEntry, OperatorClient, OperatorToken, audit_id
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import Conflict
from unicom_core.ports.access import AuditFilter
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.contracts._storage_base import FEW, StorageContractBase

__all__ = ["OperatorStorageContract"]

_START = datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)


def _client(client_id: str = "op-1") -> OperatorClient:
    return OperatorClient(client_id, "billing system", "hash$1", ("audit.read", "tmf.read"), _START)


def _entry(n: int, minutes: int, client_id: str, account_id: str | None) -> AuditEntry:
    at = _START + timedelta(minutes=minutes)
    return AuditEntry(
        id=audit_id(at, f"{n:04d}"),
        client_id=client_id,
        action="token.issued",
        at=at,
        parameters={"scope": "tmf.read"},
        account_id=account_id,
        number=None if account_id is None else "18612345678",
    )


_ENTRIES = st.lists(
    st.tuples(
        st.integers(0, 30), st.sampled_from(["op-1", "op-2"]), st.sampled_from([None, "a1", "a2"])
    ),
    max_size=8,
)


class OperatorStorageContract(StorageContractBase):
    """What every storage does with operator clients, tokens and the audit log."""

    def test_a_client_reads_back_equal_and_a_stale_copy_clashes(self) -> None:
        """A client is read back equal as version 1; a stale save is a version conflict."""
        with self.opened() as storage:
            client = _client()
            with storage.transaction() as tx:
                tx.operator_clients.add(client)
            with storage.read() as tx:
                assert tx.operator_clients.get("op-1") == client
                first, second = tx.operator_clients.get("op-1"), tx.operator_clients.get("op-1")
            assert client.version == 1
            first.disable()
            second.rotate("hash$2", _START)
            with storage.transaction() as tx:
                tx.operator_clients.save(first)
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                tx.operator_clients.save(second)
            assert raised.value.code == "storage.version_conflict"
            with storage.read() as tx:
                assert tx.operator_clients.list_page(PageRequest()).items == (first,)

    def test_tokens_walk_by_id_and_are_removed(self) -> None:
        """Tokens are kept by digest, walk in id order and are deleted like sessions."""
        expires = _START + timedelta(hours=1)
        tokens = [
            OperatorToken(OperatorToken.digest(f"op_{n}"), "op-1", ("tmf.read",), _START, expires)
            for n in range(3)
        ]
        with self.opened() as storage:
            with storage.transaction() as tx:
                for token in tokens:
                    tx.operator_tokens.add(token)
            with storage.read() as tx:
                walked = list(tx.operator_tokens.list_after(None, 10))
            assert [t.id for t in walked] == sorted(t.id for t in tokens)
            with storage.transaction() as tx:
                tx.operator_tokens.remove(walked[0])
            with storage.read() as tx:
                assert tx.operator_tokens.find(walked[0].id) is None
                assert tx.operator_tokens.get(walked[1].id) == walked[1]

    @FEW
    @given(_ENTRIES, st.integers(0, 30), st.integers(0, 31))
    def test_the_audit_log_pages_newest_first_and_filters(
        self, drawn: list[tuple[int, str, str | None]], since: int, until: int
    ) -> None:
        """Entries page newest first; every filter selects what ``AuditFilter.matches`` says."""
        entries = [_entry(n, m, c, a) for n, (m, c, a) in enumerate(drawn)]
        filters = [
            AuditFilter(),
            AuditFilter(client_id="op-1"),
            AuditFilter(account_id="a1"),
            AuditFilter(
                since=_START + timedelta(minutes=since), until=_START + timedelta(minutes=until)
            ),
        ]
        with self.opened() as storage:
            with storage.transaction() as tx:
                for entry in entries:
                    tx.audit_log.add(entry)
            with storage.read() as tx:
                for where in filters:
                    page = tx.audit_log.query(where, PageRequest(0, 3))
                    expected = sorted(
                        (e for e in entries if where.matches(e)), key=lambda e: e.id, reverse=True
                    )
                    assert list(page.items) == expected[:3]
                    assert page.total == len(expected)
