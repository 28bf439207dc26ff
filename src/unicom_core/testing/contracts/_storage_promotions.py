"""Storage contract: campaigns and participations (F-PRO-1..3).

A campaign and a participation read back equal under the same optimistic versions as every
other aggregate; campaigns list by code; a subscriber's participations come newest first;
the live participations of a campaign are counted; the entitlement worklist holds the ACTIVE
participations with an entitlement due, soonest first, and drops them once issued.
"""

# A contract suite is tests shipped as a library: S101 (it asserts).
# ruff: noqa: S101

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.catalog import Channel
from unicom_core.domain.promotions import (
    Benefits,
    Campaign,
    Entitlement,
    EntitlementIssue,
    Grant,
    GrantKind,
    Participation,
    ParticipationState,
    PlanDiscount,
    participation_id,
)
from unicom_core.domain.shared import SHANGHAI, Money, Rate
from unicom_core.errors import Conflict
from unicom_core.testing.contracts._storage_base import FEW, SOME, StorageContractBase

__all__ = ["PromotionStorageContract", "campaign_of", "participation_of"]

_START = datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)


def campaign_of(code: str = "festival-517", quota: int | None = 100) -> Campaign:
    """A DRAFT campaign ``code`` giving 50 % off a plan and a cloud-storage entitlement."""
    benefits = Benefits(
        plan_discounts=(PlanDiscount(Rate.percent(50), date(2020, 6, 30)),),
        entitlements=(Entitlement("cloud-storage-1y", "沃云存储一年会员"),),
    )
    return Campaign(
        code=code,
        name="517感恩节",
        starts=_START,
        ends=_START + timedelta(days=15),
        channels=(Channel.ONLINE_HALL,),
        benefits=benefits,
        quota=quota,
    )


def participation_of(
    subscriber: str, code: str = "festival-517", minutes: int = 0, *, due: int | None = 0
) -> Participation:
    """An ACTIVE participation of ``subscriber``; an entitlement due ``due`` minutes on."""
    at = _START + timedelta(minutes=minutes)
    grant = Grant(
        GrantKind.PLAN_DISCOUNT, "4g-national-76", Rate.percent(50), at, None, "优惠", "d1"
    )
    issues: tuple[EntitlementIssue, ...] = ()
    if due is not None:
        issues = (EntitlementIssue("cloud-storage-1y", "云", at + timedelta(minutes=due)),)
    return Participation(
        participation_id(subscriber, code),
        code,
        subscriber,
        "a1",
        "r1",
        Channel.ONLINE_HALL,
        at,
        Money(0),
        ParticipationState.ACTIVE,
        None,
        (grant,),
        issues,
    )


class PromotionStorageContract(StorageContractBase):
    """What every storage does with campaigns and participations."""

    @SOME
    @given(st.integers(0, 10_000), st.none() | st.integers(1, 10**6))
    def test_a_campaign_and_a_participation_read_back_equal(
        self, minutes: int, quota: int | None
    ) -> None:
        """Both are read back equal, as version 1."""
        campaign = campaign_of(quota=quota)
        participation = participation_of("s1", minutes=minutes)
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.campaigns.add(campaign)
                tx.participations.add(participation)
            with storage.read() as tx:
                assert tx.campaigns.get(campaign.code) == campaign
                assert tx.participations.get(participation.id) == participation
            assert (campaign.version, participation.version) == (1, 1)

    def test_a_stale_campaign_is_a_version_conflict(self) -> None:
        """Two copies of one campaign: the second save clashes."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.campaigns.add(campaign_of())
            with storage.read() as tx:
                first, second = tx.campaigns.get("festival-517"), tx.campaigns.get("festival-517")
            first.publish(at=_START)
            second.end(at=_START)
            with storage.transaction() as tx:
                tx.campaigns.save(first)
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                tx.campaigns.save(second)
            assert raised.value.code == "storage.version_conflict"

    def test_a_second_participation_of_a_number_is_a_duplicate(self) -> None:
        """The id is the number's and the campaign's: adding it twice clashes."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.participations.add(participation_of("s1"))
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                tx.participations.add(participation_of("s1"))
            assert raised.value.code == "storage.duplicate"

    @FEW
    @given(st.lists(st.tuples(st.sampled_from(["s1", "s2"]), st.integers(0, 50)), max_size=6))
    def test_lists_and_counts(self, drawn: list[tuple[str, int]]) -> None:
        """Campaigns by code; a number's participations newest first; live ones counted."""
        items = [participation_of(s, f"c{n}", minutes) for n, (s, minutes) in enumerate(drawn)]
        with self.opened() as storage:
            with storage.transaction() as tx:
                for code in ("b", "a", "c"):
                    tx.campaigns.add(campaign_of(code))
                for item in items:
                    tx.participations.add(item)
            with storage.read() as tx:
                assert [c.code for c in tx.campaigns.listed()] == ["a", "b", "c"]
                mine = tx.participations.of_subscriber("s1")
                assert all(p.campaign_code.startswith("c") for p in items)
                expected = sorted((p for p in items if p.subscriber_id == "s1"), key=lambda p: p.id)
                expected.sort(key=lambda p: p.joined_at, reverse=True)
                assert [p.id for p in mine] == [p.id for p in expected]
                if items:
                    assert tx.participations.count_live(items[0].campaign_code) == 1
                assert tx.participations.count_live("nothing") == 0

    def test_the_entitlement_worklist(self) -> None:
        """ACTIVE participations with an entitlement due, soonest first; issued ones leave."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.participations.add(participation_of("s1", due=30))
                tx.participations.add(participation_of("s2", due=10))
                tx.participations.add(participation_of("s3", due=None))
            with storage.read() as tx:
                due = tx.participations.entitlements_due(_START + timedelta(hours=1), 10)
                assert [p.subscriber_id for p in due] == ["s2", "s1"]
                early = tx.participations.entitlements_due(_START + timedelta(minutes=20), 10)
                assert [p.subscriber_id for p in early] == ["s2"]
            with storage.transaction() as tx:
                found = tx.participations.get(participation_id("s2", "festival-517"))
                found.issued("cloud-storage-1y", "ref-1", at=_START)
                tx.participations.save(found)
            with storage.read() as tx:
                due = tx.participations.entitlements_due(_START + timedelta(hours=1), 10)
                assert [p.subscriber_id for p in due] == ["s1"]
