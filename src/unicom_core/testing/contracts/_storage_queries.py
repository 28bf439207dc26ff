"""Storage contract, part 2: the queries a business hall needs, paged (F-QRY-7, F-AUTH-1)."""

# A contract suite is tests shipped as a library: S101 (it asserts).
# ruff: noqa: S101

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.shared import BroadbandAccount, FixedLineNumber, MobileNumber
from unicom_core.domain.subscribers import (
    Account,
    CustomerId,
    ServiceKind,
    ServiceNumber,
    Subscriber,
)
from unicom_core.ports.shared import Page, PageRequest
from unicom_core.testing.contracts._storage_base import FEW, SOME, StorageContractBase
from unicom_core.testing.strategies.subscribers import (
    accounts,
    customer_ids,
    service_numbers,
    subscribers,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from unicom_core.ports.storage import Storage, UnitOfWork

__all__ = ["QueryContract"]

_MAX_HELD = 9


def _walk(
    storage: Storage,
    query: Callable[[UnitOfWork, PageRequest], Page[Subscriber] | Page[Account]],
    limit: int,
) -> list[str]:
    """Read every page of ``query`` with ``limit`` per page; check totals; return the ids."""
    ids: list[str] = []
    request = PageRequest(0, limit)
    while True:
        with storage.transaction() as tx:
            page = query(tx, request)
        assert page.request == request
        assert len(page.items) <= limit
        ids.extend(item.id for item in page.items)
        if not page.has_more:
            assert page.total == len(ids)
            return ids
        assert len(page.items) == limit
        request = request.next()


class QueryContract(StorageContractBase):
    """find_by_number, find_by_resident_id (in part 1) and the paged lists by customer."""

    @SOME
    @given(subscriber=subscribers(), other=service_numbers())
    def test_find_by_number_for_each_kind(
        self, subscriber: Subscriber, other: ServiceNumber
    ) -> None:
        """A number of any kind finds its subscriber; another number finds none (F-AUTH-1)."""
        with self.opened() as storage:
            self.store(storage, subscriber)
            with storage.transaction() as tx:
                found = tx.subscribers.find_by_number(subscriber.number.identifier)
                assert found == subscriber
                if other.key != subscriber.number.key:
                    assert tx.subscribers.find_by_number(other.identifier) is None

    @FEW
    @given(subscriber=subscribers(kind=ServiceKind.DATA_CARD))
    def test_a_data_card_is_found_by_its_mobile_number(self, subscriber: Subscriber) -> None:
        """A data card (上网卡) is found by the MobileNumber it carries (F-AUTH-1, F-PAY-1)."""
        with self.opened() as storage:
            self.store(storage, subscriber)
            with storage.transaction() as tx:
                found = tx.subscribers.find_by_number(MobileNumber(subscriber.number.value))
            assert found == subscriber

    @FEW
    @given(subscriber=subscribers(kind=ServiceKind.FIXED_LINE))
    def test_numbers_of_different_kinds_do_not_match(self, subscriber: Subscriber) -> None:
        """A fixed line and a broadband account with the same text are different numbers."""
        with self.opened() as storage:
            self.store(storage, subscriber)
            with storage.transaction() as tx:
                same_text = BroadbandAccount(subscriber.number.value)
                assert tx.subscribers.find_by_number(same_text) is None
                fixed = FixedLineNumber(subscriber.number.value)
                assert tx.subscribers.find_by_number(fixed) == subscriber

    @FEW
    @given(
        owner=customer_ids(),
        neighbour=customer_ids(),
        held=st.integers(0, _MAX_HELD),
        limit=st.integers(1, 4),
        data=st.data(),
    )
    def test_subscribers_of_a_customer_page_by_id(
        self,
        owner: CustomerId,
        neighbour: CustomerId,
        held: int,
        limit: int,
        data: st.DataObject,
    ) -> None:
        """Pages cover the customer's numbers once each, by id, with the total (F-QRY-7)."""
        mine = [data.draw(subscribers(customer_id=owner)) for _ in range(held)]
        theirs = [data.draw(subscribers(customer_id=neighbour)) for _ in range(2)]
        kept, my_ids = _distinct_numbers(mine + theirs), {s.id for s in mine}
        with self.opened() as storage:
            self.store(storage, *kept)
            expected = sorted(s.id for s in kept if s.id in my_ids)
            ids = _walk(
                storage, lambda tx, page: tx.subscribers.list_by_customer(owner, page), limit
            )
            assert ids == expected

    @FEW
    @given(
        owner=customer_ids(),
        neighbour=customer_ids(),
        held=st.integers(0, _MAX_HELD),
        limit=st.integers(1, 4),
        data=st.data(),
    )
    def test_accounts_of_a_customer_page_by_id(
        self,
        owner: CustomerId,
        neighbour: CustomerId,
        held: int,
        limit: int,
        data: st.DataObject,
    ) -> None:
        """Pages cover the customer's accounts once each, by id, with the total (F-QRY-1)."""
        mine = [data.draw(accounts(customer_id=owner)) for _ in range(held)]
        theirs = [data.draw(accounts(customer_id=neighbour)) for _ in range(2)]
        with self.opened() as storage:
            self.store(storage, *mine, *theirs)
            ids = _walk(storage, lambda tx, page: tx.accounts.list_by_customer(owner, page), limit)
            assert ids == sorted(a.id for a in mine)

    @FEW
    @given(owner=customer_ids(), data=st.data())
    def test_a_page_past_the_end_is_empty(self, owner: CustomerId, data: st.DataObject) -> None:
        """An offset past the last item gives no items but the right total (F-QRY-7)."""
        held = _distinct_numbers([data.draw(subscribers(customer_id=owner)) for _ in range(3)])
        with self.opened() as storage:
            self.store(storage, *held)
            with storage.transaction() as tx:
                page = tx.subscribers.list_by_customer(owner, PageRequest(10, 5))
                nobody = tx.accounts.list_by_customer(owner, PageRequest())
            assert page.items == ()
            assert page.total == len(held)
            assert not page.has_more
            assert nobody.items == ()
            assert nobody.total == 0


def _distinct_numbers(drawn: list[Subscriber]) -> list[Subscriber]:
    """Drop subscribers whose number an earlier one holds (numbers are unique)."""
    seen: set[str] = set()
    kept = []
    for subscriber in drawn:
        if subscriber.number.key not in seen:
            seen.add(subscriber.number.key)
            kept.append(subscriber)
    return kept
