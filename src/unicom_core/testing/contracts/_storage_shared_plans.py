"""Storage contract, 4G shared plans (主副卡): a group by id and by primary (F-BIZ-3).

A group reads back equal under the same optimistic versions as every other aggregate; it is
found by its primary number, before and after a change of primary; a number is the primary
of one group at most (``handling.shared_primary``), and a rolled-back change leaves the group as
it was.
"""

# A contract suite is tests shipped as a library: S101 (it asserts), PT012 (a Conflict may
# come from the commit at the end of a block).
# ruff: noqa: S101, PT012

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.handling import SharedPlan
from unicom_core.errors import Conflict
from unicom_core.testing.contracts._storage_base import (
    AT,
    FEW,
    InjectedFailure,
    StorageContractBase,
    inject_failure,
)

__all__ = ["SharedPlanContract"]

_PLAN = "4g-shared-156"


def _group(number: int, primary: str, *members: str) -> SharedPlan:
    return SharedPlan(f"g{number:03d}", _PLAN, primary, members)


class SharedPlanContract(StorageContractBase):
    """``tx.shared_plans``: 4G shared plans by id and by primary number (F-BIZ-3)."""

    def test_a_group_reads_back_equal_and_versioned(self) -> None:
        """A group reads back equal; a stale copy is a version conflict."""
        group = _group(1, "s001", "s002", "s003")
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.shared_plans.add(group)
            assert group.version == 1
            with storage.read() as tx:
                stored = tx.shared_plans.get(group.id)
            assert stored == group
            stored.change_primary("s003", at=AT)
            with storage.transaction() as tx:
                tx.shared_plans.save(stored)
            with pytest.raises(Conflict), storage.transaction() as tx:
                tx.shared_plans.save(group)  # version 1 is stale

    @FEW
    @given(st.integers(1, 3))
    def test_a_group_is_found_by_its_primary_before_and_after_a_change(self, chosen: int) -> None:
        """``find_by_primary`` follows the primary; the old primary finds nothing."""
        members = ("s101", "s102", "s103")
        group = _group(2, "s100", *members)
        new_primary = members[chosen - 1]
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.shared_plans.add(group)
            with storage.transaction() as tx:
                found = tx.shared_plans.find_by_primary("s100")
                assert found is not None
                assert found.id == group.id
                found.change_primary(new_primary, at=AT)
                tx.shared_plans.save(found)
            with storage.read() as tx:
                assert tx.shared_plans.find_by_primary("s100") is None
                moved = tx.shared_plans.find_by_primary(new_primary)
                assert moved is not None
                assert moved.primary_id == new_primary
                assert set(moved.member_ids) == {"s100", *members} - {new_primary}
                assert tx.shared_plans.find_by_primary("s999") is None

    def test_a_number_is_the_primary_of_one_group_at_most(self) -> None:
        """A second group with the same primary is refused, at add and at save."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.shared_plans.add(_group(3, "s200", "s201"))
                tx.shared_plans.add(_group(4, "s300", "s200"))
            with pytest.raises(Conflict), storage.transaction() as tx:
                tx.shared_plans.add(_group(5, "s200", "s202"))
            with pytest.raises(Conflict), storage.transaction() as tx:
                other = tx.shared_plans.get("g004")
                other.change_primary("s200", at=AT)  # s200 already leads g003
                tx.shared_plans.save(other)
            with storage.read() as tx:
                assert tx.shared_plans.get("g004").primary_id == "s300"
                assert tx.shared_plans.find("g005") is None

    def test_a_rolled_back_change_leaves_the_group_as_it_was(self) -> None:
        """A failure after the save rolls the change of primary back."""
        group = _group(6, "s400", "s401")
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.shared_plans.add(group)
            with pytest.raises(InjectedFailure), storage.transaction() as tx:
                changed = tx.shared_plans.get(group.id)
                changed.change_primary("s401", at=AT)
                tx.shared_plans.save(changed)
                inject_failure()
            with storage.read() as tx:
                assert tx.shared_plans.get(group.id) == group
