"""The number pool port (號碼池, F-NUM-1..3): bulk load, search, atomic reserve/release/sell.

Why a port of its own and not repositories of the storage unit of work: a pool holds
millions of rows that are never loaded as aggregates; every change is one conditional
update of one row, atomic by itself, so a reservation needs no surrounding transaction,
and the search is an indexed query the adapter plans (docs/explanation/number-pool.md).

Semantics every adapter keeps (the contract suite in
:mod:`unicom_core.testing.contracts` checks them against memory, SQLite and PostgreSQL):

- **Time** is the caller's: every call takes ``now`` (from the hall's clock). A reservation
  holds its number while ``now < until``; after that the number counts as free in every
  call (``search``, ``find``, ``reserve``), whether or not :meth:`NumberPool.purge_expired`
  ran. No janitor is needed for correctness.
- **Search** returns exactly the rows a linear scan would: the available numbers (free, or
  reserved with the reservation past) that :meth:`NumberQuery.matches
  <unicom_core.domain.numbers.NumberQuery.matches>` accepts, ordered by tier rank then
  number, the page ``offset``/``limit`` of them, and ``has_more``.
- **Reserve** is atomic: of any number of concurrent reservers of one available number,
  exactly one wins; the others get ``number.taken`` (Conflict). A number never reserved,
  sold or held twice.
- **Release** and **sell** act only on the reservation that holds the number now: another
  (an older one, one already released or sold) is ``number.reservation_unknown``; ``sell``
  of a reservation past its ``until`` is ``number.reservation_expired``.

Error codes: ``number.duplicate`` (Conflict; ``load`` stores nothing then),
``number.unknown`` (NotFound), ``number.taken`` (Conflict),
``number.reservation_unknown`` (NotFound), ``number.reservation_expired`` (Conflict).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from unicom_core.domain.numbers import NumberPage, NumberQuery, PoolNumber, Reservation

__all__ = ["NumberPool"]


class NumberPool(Protocol):
    """Where the numbers on sale live (module docstring)."""

    def load(self, rows: Iterable[PoolNumber], /) -> int:
        """Add new numbers (status FREE or HELD, classified); return how many.

        All or nothing: a number already in the pool (or twice in ``rows``) is
        ``number.duplicate`` and nothing of the call is stored.
        """
        ...

    def find(self, number: str, /) -> PoolNumber | None:
        """The row of ``number`` as stored (its status and reservation), or None."""
        ...

    def search(self, query: NumberQuery, now: datetime, /) -> NumberPage:
        """The page of available numbers ``query`` matches at ``now`` (module docstring)."""
        ...

    def reserve(self, reservation: Reservation, /) -> None:
        """Hold ``reservation.number`` for its holder, if available at ``reserved_at``.

        Raises:
            NotFound: ``number.unknown``.
            Conflict: ``number.taken`` (reserved now, sold or held back).
        """
        ...

    def release(self, reservation: Reservation, /) -> None:
        """Free the number ``reservation`` holds (also after its ``until``, if not retaken).

        Raises:
            NotFound: ``number.reservation_unknown``.
        """
        ...

    def sell(self, reservation: Reservation, now: datetime, /) -> PoolNumber:
        """Move the number from RESERVED to SOLD under ``reservation``; the sold row.

        Raises:
            NotFound: ``number.reservation_unknown``.
            Conflict: ``number.reservation_expired`` (``now`` is past ``until``).
        """
        ...

    def reservations_of(self, holder: str, now: datetime, /) -> tuple[Reservation, ...]:
        """The reservations ``holder`` holds at ``now``, soonest to end first."""
        ...

    def purge_expired(self, now: datetime, limit: int, /) -> int:
        """Set at most ``limit`` numbers whose reservation ended back to FREE; how many.

        Tidiness only: queries treat an ended reservation as free already.
        """
        ...

    def close(self) -> None:
        """Release connections and resources; idempotent."""
        ...
