"""Storage contract: the split bill run's partitions and the account split (F-QRY-3).

A partition reads back equal under the usual optimistic versions; ``of_cycle`` lists the
partitions of one cycle only, by id; ``accounts.split_points(count)`` names the last id of
each near-equal range of accounts by id but the last (the ``floor(i * n / count)``-th
account), the same on every adapter, and refuses a count outside 1..1,000;
``accounts.list_between`` walks one range by id and reads nothing past it.
"""

# A contract suite is tests shipped as a library: S101 (it asserts), PT012 (a Conflict may
# come from the commit at the end of the block).
# ruff: noqa: S101, PT012

from __future__ import annotations

import pytest

from unicom_core.domain.billing import BillRunPartition
from unicom_core.domain.shared import BillingCycle, Money
from unicom_core.domain.subscribers import Account, AccountId, CustomerId
from unicom_core.errors import Conflict, InvalidInput
from unicom_core.testing.contracts._storage_base import AT, StorageContractBase

__all__ = ["PartitionStorageContract"]

_CYCLE = BillingCycle(2016, 5)


class PartitionStorageContract(StorageContractBase):
    """What every storage does with bill-run partitions and the account split."""

    def test_a_partition_reads_back_equal_and_keeps_its_version(self) -> None:
        """A partition advanced and finished reads back equal; a stale copy is refused."""
        partition = BillRunPartition.of(_CYCLE, 3, "a-10", "a-20")
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.bill_run_partitions.add(partition)
            with storage.transaction() as tx:
                stale = tx.bill_run_partitions.get(partition.id)
                fresh = tx.bill_run_partitions.get(partition.id)
                fresh.advance("a-15", 5, Money(12_345))
                fresh.finish(at=AT)
                tx.bill_run_partitions.save(fresh)
            with storage.transaction() as tx:
                assert tx.bill_run_partitions.get("2016-05/0003") == fresh
            with pytest.raises(Conflict), storage.transaction() as tx:
                stale.advance("a-12", 1, Money(1))
                tx.bill_run_partitions.save(stale)

    def test_of_cycle_lists_one_cycles_partitions_by_id(self) -> None:
        """``of_cycle`` is the cycle's partitions in id order, no other cycle's."""
        made = [
            BillRunPartition.of(_CYCLE, 1, "a-5", None),
            BillRunPartition.of(BillingCycle(2016, 6), 0, None, None),
            BillRunPartition.of(_CYCLE, 0, None, "a-5"),
        ]
        with self.opened() as storage:
            with storage.transaction() as tx:
                for partition in made:
                    tx.bill_run_partitions.add(partition)
            with storage.transaction() as tx:
                found = tx.bill_run_partitions.of_cycle(_CYCLE)
                assert tx.bill_run_partitions.of_cycle(BillingCycle(2016, 7)) == []
        assert [p.id for p in found] == ["2016-05/0000", "2016-05/0001"]
        assert list(found) == [made[2], made[0]]

    def test_split_points_cut_the_accounts_into_near_equal_ranges(self) -> None:
        """10 accounts in 3 ranges: the 3rd and 6th ids (ranges of 3, 3 and 4)."""
        ids = [f"a-{n:02d}" for n in (7, 1, 10, 3, 12, 5, 2, 9, 11, 4)]
        with self.opened() as storage:
            with storage.transaction() as tx:
                assert list(tx.accounts.split_points(4)) == []  # no account: one range
                for account_id in ids:
                    tx.accounts.add(Account(AccountId(account_id), CustomerId("c1")))
            with storage.transaction() as tx:
                three = list(tx.accounts.split_points(3))
                one = list(tx.accounts.split_points(1))
                many = list(tx.accounts.split_points(40))
        assert three == ["a-03", "a-07"]
        assert one == []
        assert many == sorted(ids)[:-1]  # one account per range

    def test_list_between_walks_one_range_of_accounts_by_id(self) -> None:
        """``list_between`` keeps to ``(after, upto]``, in id order, at most ``limit``."""
        ids = ["a-07", "a-01", "a-10", "a-03", "a-05"]
        with self.opened() as storage:
            with storage.transaction() as tx:
                for account_id in ids:
                    tx.accounts.add(Account(AccountId(account_id), CustomerId("c1")))
            with storage.transaction() as tx:
                walk = tx.accounts.list_between
                middle = [a.id for a in walk(AccountId("a-01"), AccountId("a-07"), 500)]
                first = [a.id for a in walk(None, AccountId("a-05"), 2)]
                last = [a.id for a in walk(AccountId("a-05"), None, 500)]
                assert list(walk(AccountId("a-10"), None, 500)) == []
                with pytest.raises(InvalidInput):
                    walk(None, None, 0)
        assert middle == ["a-03", "a-05", "a-07"]
        assert first == ["a-01", "a-03"]
        assert last == ["a-07", "a-10"]

    def test_split_points_refuse_a_count_out_of_range(self) -> None:
        """A count is 1..1,000: ``bill_run.partition_count``."""
        with self.opened() as storage, storage.transaction() as tx:
            for count in (0, 1001, True):
                with pytest.raises(InvalidInput) as refused:
                    tx.accounts.split_points(count)
                assert refused.value.code == "bill_run.partition_count"
