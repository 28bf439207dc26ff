"""Storage contract, part: the growth game's accounts and draws (沃之樹, F-PRO-4).

A growth account and a draw read back equal (earnings, claims, entries, commitment,
winners, version) and roll back with their transaction; two transactions claiming on one
account, or entering one draw, clash on its version, so a reward is claimed once and no
entry is lost or doubled.
"""

# A contract suite is tests shipped as a library: S101 (it asserts), PLR2004 (expected
# counts are written out), PT012 (a Conflict may come from the commit at the end of a block).
# ruff: noqa: S101, PLR2004, PT012

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.promotions import (
    Claim,
    Draw,
    EarningSource,
    GrowthAccount,
    RewardKind,
    commitment_of,
)
from unicom_core.errors import Conflict
from unicom_core.testing.contracts._storage_base import (
    AT,
    FEW,
    SOME,
    InjectedFailure,
    StorageContractBase,
    inject_failure,
)

__all__ = ["GrowthStorageContract"]

_SEED = "ab" * 16


@st.composite
def _accounts(draw: st.DrawFn) -> GrowthAccount:
    account = GrowthAccount(draw(st.sampled_from(["s1", "s2", "a-subscriber"])))
    for n, points in enumerate(draw(st.lists(st.integers(1, 10_000), max_size=5))):
        source = draw(st.sampled_from(EarningSource))
        account.earn(f"src-{n}", source, points, detail="充值 ¥50.00", at=AT)
    if draw(st.booleans()):
        account.claim(
            Claim(
                reward_code="sprout-coupon",
                request_id="req-1",
                kind=RewardKind.COUPON,
                at=AT,
                coupon="WO517ABCDEFGHJK",
            ),
            0,
        )
    return account


@st.composite
def _draws(draw: st.DrawFn) -> Draw:
    result = Draw(id="ipad-517", prize="iPad", prize_count=draw(st.integers(1, 3)), opened_at=AT)
    for n in range(draw(st.integers(0, 6))):
        result.enter(f"s{n}", "fruit", f"186****{n:04d}", at=AT)
    stage = draw(st.integers(0, 3))
    if stage >= 1:
        result.commit(commitment_of(_SEED), at=AT)
    if stage >= 2:
        result.close(at=AT)
    if stage >= 3:
        result.reveal(_SEED, at=AT)
    return result


class GrowthStorageContract(StorageContractBase):
    """Growth accounts and draws: round trips, rollback, racing writers (F-PRO-4)."""

    @SOME
    @given(account=_accounts(), prize_draw=_draws())
    def test_accounts_and_draws_read_back_equal(
        self, account: GrowthAccount, prize_draw: Draw
    ) -> None:
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.growth_accounts.add(account)
                tx.draws.add(prize_draw)
            with storage.read() as tx:
                assert tx.growth_accounts.get(account.id) == account
                assert tx.draws.get(prize_draw.id) == prize_draw
                assert (account.version, prize_draw.version) == (1, 1)

    @FEW
    @given(account=_accounts())
    def test_a_rolled_back_earning_is_not_stored(self, account: GrowthAccount) -> None:
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.growth_accounts.add(account)
            with pytest.raises(InjectedFailure), storage.transaction() as tx:
                stored = tx.growth_accounts.get(account.id)
                stored.earn("late", EarningSource.PACK, 20, detail="订购", at=AT)
                tx.growth_accounts.save(stored)
                inject_failure()
            with storage.read() as tx:
                assert tx.growth_accounts.get(account.id) == account

    def test_two_entries_into_one_draw_clash_on_its_version(self) -> None:
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.draws.add(Draw(id="ipad-517", prize="iPad", prize_count=1, opened_at=AT))
            with storage.transaction() as tx:
                first = tx.draws.get("ipad-517")
            with storage.transaction() as tx:
                second = tx.draws.get("ipad-517")
                second.enter("s2", "fruit", "186****0002", at=AT)
                tx.draws.save(second)
            first.enter("s1", "fruit", "186****0001", at=AT)
            with pytest.raises(Conflict) as clash, storage.transaction() as tx:
                tx.draws.save(first)
            assert clash.value.code == "storage.version_conflict"
            with storage.read() as tx:
                assert [e.subscriber_id for e in tx.draws.get("ipad-517").entries] == ["s2"]

    def test_an_unknown_account_or_draw_is_none(self) -> None:
        with self.opened() as storage, storage.read() as tx:
            assert tx.growth_accounts.find("nobody") is None
            assert tx.draws.find("no-draw") is None
