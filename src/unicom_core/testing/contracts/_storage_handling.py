"""Storage contract: business records (F-QRY-5).

Records read back equal under the same optimistic versions as every other aggregate; a
number's records page newest request first (optionally of one kind); its pending records and
the due changes come in the order they take effect, and a record leaves the due list once it
is no longer pending (the engine's exactly-once rests on it).
"""

# A contract suite is tests shipped as a library: S101 (it asserts).
# ruff: noqa: S101

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.handling import BusinessRecord, RecordStatus
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.contracts._storage_base import FEW, SOME, StorageContractBase
from unicom_core.testing.strategies.handling import business_records

__all__ = ["HandlingStorageContract"]

_RECORDS = st.lists(business_records(), min_size=1, max_size=6, unique_by=lambda r: r.id)


class HandlingStorageContract(StorageContractBase):
    """What every storage does with business records."""

    @SOME
    @given(business_records())
    def test_a_record_reads_back_equal(self, record: BusinessRecord) -> None:
        """A stored record is read back equal, as version 1."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.business_records.add(record)
            with storage.transaction() as tx:
                assert tx.business_records.get(record.id) == record
                assert record.version == 1

    @FEW
    @given(_RECORDS, st.sampled_from([None, "bundle", "wlan"]))
    def test_records_come_newest_first(self, drawn: list[BusinessRecord], kind: str | None) -> None:
        """A number's records page newest request first, then by id; ``kind`` filters."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                for record in drawn:
                    tx.business_records.add(record)
            with storage.transaction() as tx:
                page = tx.business_records.list_by_subscriber("s1", PageRequest(), kind=kind)
            expected = [r for r in drawn if r.subscriber_id == "s1" and kind in {None, r.kind}]
            expected.sort(key=lambda r: r.id)
            expected.sort(key=lambda r: r.requested_at, reverse=True)
            assert [r.id for r in page.items] == [r.id for r in expected]
            assert page.total == len(expected)

    @FEW
    @given(_RECORDS)
    def test_pending_and_due_records_come_in_effect_order(
        self, drawn: list[BusinessRecord]
    ) -> None:
        """Pending records by effect then id; due ones up to an instant; a limit holds."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                for record in drawn:
                    tx.business_records.add(record)
            pending = sorted(
                (r for r in drawn if r.status is RecordStatus.PENDING),
                key=lambda r: (r.effective_from, r.id),
            )
            until = max(r.effective_from for r in drawn)
            with storage.transaction() as tx:
                mine = tx.business_records.pending_of("s1")
                due = tx.business_records.due(until, 500)
                first = tx.business_records.due(until, 1)
            assert [r.id for r in mine] == [r.id for r in pending if r.subscriber_id == "s1"]
            assert [r.id for r in due] == [r.id for r in pending]
            assert [r.id for r in first] == [r.id for r in pending[:1]]

    @FEW
    @given(business_records(status=RecordStatus.PENDING))
    def test_a_record_applied_leaves_the_due_list(self, record: BusinessRecord) -> None:
        """Once a pending record is saved applied, no due query lists it again."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.business_records.add(record)
            with storage.transaction() as tx:
                stored = tx.business_records.get(record.id)
                stored.take_effect(at=stored.effective_from + timedelta(seconds=1))
                tx.business_records.save(stored)
            with storage.transaction() as tx:
                assert tx.business_records.due(stored.effective_from, 10) == []
                assert tx.business_records.pending_of(record.subscriber_id) == []
