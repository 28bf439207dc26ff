"""Detail records with the fee of each as rated, and the totals of the page (F-QRY-3).

:meth:`BillingQueries.rated_details
<unicom_core.usecases.billing.queries.BillingQueries.rated_details>` answers what the detail
page shows: the records of a kind and month, each with the fee rating gives it
(:mod:`unicom_core.domain.billing.record_fees`: the earliest records drain the allowances,
the fees add up to the bill's usage lines), and the page's totals. To rate a page, the
records of the month before it are read too (in pages of at most 500), since they drained
the allowances first. The tariff is the one of the month: the plan, and the packs held in
that month, with today's catalogue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.billing import (
    DetailKind,
    RatedEntry,
    UsageEntry,
    rated_entries,
    tariff_for,
)
from unicom_core.domain.shared import BillingCycle, Money
from unicom_core.ports.shared import MAX_PAGE_LIMIT, Page, PageRequest

if TYPE_CHECKING:
    from unicom_core.domain.billing import DefaultRates
    from unicom_core.domain.catalog import Catalog
    from unicom_core.domain.subscribers import Subscriber
    from unicom_core.ports.billing import BillingUnitOfWork

__all__ = ["DetailsView", "rated_page"]


@attrs.frozen(slots=True)
class DetailsView:
    """One page of detail records of ``kind`` in ``cycle``, each with its rated fee."""

    kind: DetailKind
    cycle: BillingCycle
    page: Page[RatedEntry]

    @property
    def quantity(self) -> int:
        """The page's quantity in the network's unit (seconds, messages, bytes, uses)."""
        return sum(rated.entry.quantity for rated in self.page.items)

    @property
    def fee(self) -> Money:
        """The page's fees as rated."""
        return Money.total(rated.fee for rated in self.page.items)


def _records_until(
    tx: BillingUnitOfWork, subscriber: Subscriber, kind: DetailKind, cycle: BillingCycle, end: int
) -> tuple[list[UsageEntry], int]:
    """The month's records of ``kind`` from the first up to index ``end``, and their count."""
    chunk = PageRequest(0, MAX_PAGE_LIMIT)
    found: list[UsageEntry] = []
    while True:
        page = tx.usage.records(subscriber.id, kind.usage_kinds, cycle, chunk)
        found.extend(page.items)
        if len(found) >= end or not page.has_more:
            return found, page.total
        chunk = chunk.next()


def rated_page(  # noqa: PLR0913 - what rating a page of records needs
    tx: BillingUnitOfWork,
    catalog: Catalog,
    subscriber: Subscriber,
    *,
    kind: DetailKind,
    cycle: BillingCycle,
    page: PageRequest,
    defaults: DefaultRates,
) -> DetailsView:
    """The records of ``page`` with their rated fees (the module's rule)."""
    end = page.offset + page.limit
    records, total = _records_until(tx, subscriber, kind, cycle, end)
    profile = tx.billing_profiles.find(subscriber.id)
    holdings = profile.packs_in(cycle) if profile is not None else ()
    packs = [catalog.pack(holding.pack_code) for holding in holdings]
    rated = rated_entries(tariff_for(catalog, subscriber.plan_code, packs, defaults), records)
    return DetailsView(kind, cycle, Page(rated[page.offset : end], total, page))
