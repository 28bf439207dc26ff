"""The fee of each usage record as rated: the cycle's rating spread over its records (F-QRY-3).

Rating reads a cycle's totals (:func:`~unicom_core.domain.billing.rating.rate`); a detail
record shows what *it* cost. The rule: records are taken in time order (then by id, the
order the usage store lists them), and the fee of a record is what the cycle's usage charge
grows by when it is added to the records before it:

    fee(r_i) = rate(r_1 .. r_i).total - rate(r_1 .. r_(i-1)).total

So the allowances are drained by the earliest records first (a call inside the pack costs
nothing, the first one beyond it pays the overage), a data session is charged for the
started MB it crosses, and the fees of all the cycle's records add up **exactly** to the
usage lines of the bill (the sum telescopes). Rating never charges less for more usage, so
no fee is negative.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.billing.rating import rate
from unicom_core.domain.billing.usage import ServiceUse, UsageEntry, UsageKind, UsageTotals
from unicom_core.domain.shared import Money

if TYPE_CHECKING:
    from collections.abc import Iterable

    from unicom_core.domain.billing.rating import Tariff

__all__ = ["RatedEntry", "rated_entries"]


@attrs.frozen(slots=True)
class RatedEntry:
    """A detail record and its fee as rated (F-QRY-3)."""

    entry: UsageEntry
    fee: Money


class _Running:
    """The cycle's totals so far, added to one record at a time."""

    def __init__(self) -> None:
        self.counts = dict.fromkeys(UsageKind, 0)
        self.services: dict[str, tuple[int, int]] = {}

    def add(self, entry: UsageEntry) -> UsageTotals:
        self.counts[entry.kind] += entry.units
        if entry.kind is UsageKind.VALUE_ADDED:
            uses, fen = self.services.get(entry.detail, (0, 0))
            fee = entry.fee.fen if entry.fee is not None else 0
            self.services[entry.detail] = (uses + entry.units, fen + fee)
        counts = self.counts
        return UsageTotals(
            counts[UsageKind.VOICE],
            counts[UsageKind.SMS],
            counts[UsageKind.MMS],
            counts[UsageKind.DATA],
            counts[UsageKind.WLAN],
            tuple(ServiceUse(s, u, Money(f)) for s, (u, f) in sorted(self.services.items())),
        )


def rated_entries(tariff: Tariff, entries: Iterable[UsageEntry]) -> tuple[RatedEntry, ...]:
    """Each of ``entries`` (one cycle's, in time order) with its fee as rated (module rule)."""
    running = _Running()
    charged = Money.zero()
    rated: list[RatedEntry] = []
    for entry in entries:
        total = rate(tariff, running.add(entry)).total
        rated.append(RatedEntry(entry, total - charged))
        charged = total
    return tuple(rated)
