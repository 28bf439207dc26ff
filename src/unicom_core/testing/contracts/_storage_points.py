"""Storage contract, part: points accounts (積分, F-QRY-4).

A points account reads back equal (lots, history, version) and rolls back with its
transaction; two transactions spending from one account clash on its version, so points
are never spent twice; the expiry worklist lists the accounts with a lot left expiring by
an instant, soonest first, then by id.
"""

# A contract suite is tests shipped as a library: S101 (it asserts), PLR2004 (expected
# counts are written out), PT012 (a Conflict may come from the commit at the end of a block).
# ruff: noqa: S101, PLR2004, PT012

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from unicom_core.domain.handling import PointsAccount, PointsRules
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import Conflict
from unicom_core.testing.contracts._storage_base import (
    AT,
    FEW,
    SOME,
    InjectedFailure,
    StorageContractBase,
    inject_failure,
)
from unicom_core.testing.strategies.points import points_accounts

__all__ = ["PointsStorageContract"]

_RULES = PointsRules()


def _earning(subscriber_id: str, *lots: tuple[str, int, dt.datetime]) -> PointsAccount:
    account = PointsAccount(subscriber_id)
    for source, points, at in lots:
        account.earn(source, points, at=at, rules=_RULES)
    return account


class PointsStorageContract(StorageContractBase):
    """Points accounts: round trips, versions, rollback, the expiry worklist (F-QRY-4)."""

    @SOME
    @given(account=points_accounts())
    def test_a_points_account_reads_back_equal(self, account: PointsAccount) -> None:
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.points_accounts.add(account)
            with storage.read() as tx:
                assert tx.points_accounts.get(account.id) == account
                assert account.version == 1

    @FEW
    @given(account=points_accounts("s1"))
    def test_a_rolled_back_earning_is_not_stored(self, account: PointsAccount) -> None:
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.points_accounts.add(account)
            with pytest.raises(InjectedFailure), storage.transaction() as tx:
                stored = tx.points_accounts.get("s1")
                stored.earn("bill-x", 100, at=AT.replace(year=2030), rules=_RULES)
                tx.points_accounts.save(stored)
                inject_failure()
            with storage.read() as tx:
                assert tx.points_accounts.get("s1") == account

    def test_two_spenders_of_one_account_clash_on_its_version(self) -> None:
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.points_accounts.add(_earning("s1", ("bill-1", 1000, AT)))
            with storage.transaction() as tx:
                first = tx.points_accounts.get("s1")
            with storage.transaction() as tx:
                second = tx.points_accounts.get("s1")
                second.spend(800, "redeem-2", at=AT)
                tx.points_accounts.save(second)
            first.spend(800, "redeem-1", at=AT)
            with pytest.raises(Conflict) as clash, storage.transaction() as tx:
                tx.points_accounts.save(first)
            assert clash.value.code == "storage.version_conflict"
            with storage.read() as tx:
                assert tx.points_accounts.get("s1").balance == 200

    def test_the_expiry_worklist_is_soonest_first_then_by_id(self) -> None:
        y2016 = dt.datetime(2016, 6, 1, tzinfo=SHANGHAI)
        y2017 = dt.datetime(2017, 6, 1, tzinfo=SHANGHAI)
        spent = _earning("s0", ("bill-0", 10, y2016))
        spent.spend(10, "redeem-0", at=y2016)  # nothing left: never on the worklist
        accounts = [
            spent,
            _earning("s3", ("bill-3", 10, y2017)),
            _earning("s2", ("bill-2", 10, y2016), ("bill-22", 5, y2017)),
            _earning("s1", ("bill-1", 10, y2016)),
        ]
        with self.opened() as storage:
            with storage.transaction() as tx:
                for account in accounts:
                    tx.points_accounts.add(account)
            end_2017 = dt.datetime(2018, 1, 1, tzinfo=SHANGHAI)  # 2016's points expire then
            with storage.read() as tx:
                due = [a.id for a in tx.points_accounts.expiring(end_2017, 10)]
                assert due == ["s1", "s2"]
                assert [a.id for a in tx.points_accounts.expiring(end_2017, 1)] == ["s1"]
                assert tx.points_accounts.expiring(end_2017 - dt.timedelta(seconds=1), 10) == []
                later = dt.datetime(2019, 1, 1, tzinfo=SHANGHAI)
                assert [a.id for a in tx.points_accounts.expiring(later, 10)] == [
                    "s1",
                    "s2",
                    "s3",
                ]
