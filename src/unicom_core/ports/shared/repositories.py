"""What every repository shares: pages, the repository protocol, counters and outbox access.

The rules every repository keeps (copies, versions set in place, uniqueness) are those of the
storage port (:mod:`unicom_core.ports.storage`). :class:`SharedRepositories` is what every
area's unit of work offers besides its own repositories: the atomic counters and the outbox.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

import attrs

from unicom_core.domain.shared import PAGE_LIMIT, PAGE_OFFSET

if TYPE_CHECKING:
    from attrs import Attribute

    from unicom_core.ports.shared.counters import Counters
    from unicom_core.ports.shared.outbox import Outbox

__all__ = [
    "MAX_PAGE_LIMIT",
    "Page",
    "PageRequest",
    "Repository",
    "SharedRepositories",
    "check_limit",
]

MAX_PAGE_LIMIT = 500
"""The largest page a query returns (F-QRY: a business hall never lists unbounded)."""

_T_co = TypeVar("_T_co", covariant=True)
_A = TypeVar("_A")
_I_contra = TypeVar("_I_contra", contravariant=True)


def _check_offset(_instance: object, _attribute: Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PAGE_OFFSET.error(f"an offset is an integer >= 0, not {value!r}")


def check_limit(value: object) -> int:
    """Return ``value`` if it is a page limit (1..500); ``InvalidInput`` ``page.limit`` if not."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PAGE_LIMIT:
        raise PAGE_LIMIT.error(f"a page limit is an integer in 1..{MAX_PAGE_LIMIT}, not {value!r}")
    return value


def _check_limit(_instance: object, _attribute: Attribute[int], value: object) -> None:
    check_limit(value)


@attrs.frozen(slots=True)
class PageRequest:
    """Which slice of a query to return: skip ``offset`` items, return at most ``limit``."""

    offset: int = attrs.field(default=0, validator=_check_offset)
    limit: int = attrs.field(default=50, validator=_check_limit)

    def next(self) -> PageRequest:
        """The request for the following page."""
        return PageRequest(self.offset + self.limit, self.limit)


@attrs.frozen(slots=True)
class Page(Generic[_T_co]):
    """One page of a query, in the query's stable order, with the total count of all items."""

    items: tuple[_T_co, ...]
    total: int
    request: PageRequest

    @property
    def has_more(self) -> bool:
        """True when items remain after this page."""
        return self.request.offset + len(self.items) < self.total


class Repository(Protocol[_A, _I_contra]):
    """What every aggregate repository offers (see the module docstring for the rules)."""

    def get(self, aggregate_id: _I_contra, /) -> _A:
        """The aggregate with this id; ``NotFound`` ``storage.not_found`` if there is none."""
        ...

    def find(self, aggregate_id: _I_contra, /) -> _A | None:
        """The aggregate with this id, or None."""
        ...

    def add(self, aggregate: _A, /) -> None:
        """Store a new aggregate (version 0) as version 1; ``Conflict`` if the id exists."""
        ...

    def save(self, aggregate: _A, /) -> None:
        """Store a changed aggregate if its version is current, then bump it in place."""
        ...


class SharedRepositories(Protocol):
    """What every unit of work offers: the atomic counters and the outbox."""

    @property
    def counters(self) -> Counters:
        """The conditional counters (quotas, stock, rate limits)."""
        ...

    @property
    def outbox(self) -> Outbox:
        """The outbox (domain events, published after the commit by the relay)."""
        ...
