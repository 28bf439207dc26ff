"""A number's detail records of several kinds over several months, in one query (F-QRY-3).

:meth:`UsageWindows.window` (``hall.billing.usage_window``) answers what the TMF635 usage list
shows of one number: the records of each detail kind asked in each month asked, and which of
those months have an issued bill. It is **one** read-only transaction
(:class:`~unicom_core.usecases.access.GrantedReads`), the permission checks included, where
asking :meth:`BillingQueries.details <unicom_core.usecases.billing.queries.BillingQueries.
details>` once per kind, month and page, and ``bills`` once, opened one per call (31 for the
six months of five kinds).

Each (month, kind) is checked as ``details`` checks it, in the order the calls made, months
first: the kind's own capability (``query.detail.voice`` ...: a random-password session has
none, F-AUTH-5; another customer's number is ``access.unknown_number``, F-AUTH-6), the
kind's window (:func:`~unicom_core.domain.billing.usage.require_detail_window`, F-QRY-3),
the calendar (``require_usage_query``: in the month an upgrade to 4G takes effect, nothing
before 08:00 on the 4th, F-CAL-4). The first refusal is raised; the first capability is the
grant's, a further one is answered from it (``GrantedReads.refusal``). No kind or no month
asked checks and reads nothing (the empty window).

A month is *billed* when the number's account has its bill and the session may see bills
(``query.bill`` and ``require_charge_query``, F-CAL-3): else no month is.

An operator's token (F-AUTH-6) walks the carrier's numbers: one call, so one transaction,
per number. With ``skip_pending`` a number inside its 4G upgrade window answers an empty
window (``pending``) instead of ``billing.upgrade_query_pending``, as the walk skips it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import QUERY_BILL, Capability
from unicom_core.domain.billing import (
    BILLING_DETAIL_KIND,
    DetailKind,
    UsageEntry,
    bill_id,
    require_detail_window,
)
from unicom_core.domain.shared import BillingCycle
from unicom_core.domain.subscribers import NumberIdentifier
from unicom_core.errors import Refused
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_core.usecases.billing.queries import BillingReader, SubscriberFigures

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import datetime

    from unicom_core.domain.subscribers import Subscriber
    from unicom_core.ports.billing import BillingUnitOfWork
    from unicom_core.ports.shared import Granted

__all__ = ["UsageWindow", "UsageWindows"]


@attrs.frozen(slots=True)
class UsageWindow:
    """A number's records by month (the kinds in the order asked) and its billed months.

    ``pending``: the number is inside its 4G upgrade window and was skipped (F-CAL-4).
    """

    records: Mapping[BillingCycle, tuple[UsageEntry, ...]] = attrs.field(factory=dict)
    billed: frozenset[BillingCycle] = frozenset()
    pending: bool = False

    def of(self, cycle: BillingCycle) -> tuple[UsageEntry, ...]:
        """The records of ``cycle`` (none for a month not asked)."""
        return self.records.get(cycle, ())


class UsageWindows(BillingReader):
    """The usage-window query (``hall.billing.usage_window``; F-QRY-3, F-AUTH-5, F-CAL-4).

    Args:
        storage: any storage whose units of work offer the billing repositories.
        clock: the hall's clock (F-CAL-1).
        authorizer: the permission check (``hall.access``).
        settings: the calendar windows.
    """

    def window(
        self,
        token: str,
        kinds: Sequence[DetailKind],
        cycles: Sequence[BillingCycle],
        *,
        number: NumberIdentifier | None = None,
        skip_pending: bool = False,
    ) -> UsageWindow:
        """The records of ``kinds`` in ``cycles`` of the number (default: the session's).

        Raises:
            InvalidInput: ``billing.detail_kind`` for anything not a :class:`DetailKind`.
            Refused: ``access.*`` / ``operator.*``, ``billing.detail_window`` naming
                ``earliest``, ``billing.upgrade_query_pending`` (unless ``skip_pending``).
            NotFound: ``access.unknown_number``.
        """
        for kind in kinds:
            if not isinstance(kind, DetailKind):
                raise BILLING_DETAIL_KIND.error(f"not a detail kind: {kind!r}")
        if not kinds or not cycles:
            return UsageWindow()
        asked = _Asked(token, tuple(kinds), tuple(cycles), number, skip_pending=skip_pending)

        def work(tx: BillingUnitOfWork, now: datetime, grant: Granted) -> UsageWindow:
            return self._window(tx, now, grant, asked)

        return self._reads.read(token, Capability(asked.kinds[0].capability_name), number, work)

    def _window(
        self, tx: BillingUnitOfWork, now: datetime, grant: Granted, asked: _Asked
    ) -> UsageWindow:
        subscriber = grant.subscriber
        figures = self._figures(tx, now, subscriber)
        try:
            self._calendar.require_usage_query(figures.calendar_profile(), now)
            blocked: Refused | None = None
        except Refused as closed:
            blocked = closed
        current = BillingCycle.containing(now)
        records: dict[BillingCycle, tuple[UsageEntry, ...]] = {}
        for cycle in asked.cycles:
            found: list[UsageEntry] = []
            for kind in asked.kinds:
                capability = Capability(kind.capability_name)
                refusal = self._reads.refusal(
                    tx, now, grant, token=asked.token, capability=capability, number=asked.number
                )
                if refusal is not None:
                    raise refusal
                require_detail_window(kind, cycle, current)
                if blocked is not None and not asked.skip_pending:
                    raise blocked
                if blocked is None:
                    found.extend(_all_records(tx, subscriber, kind, cycle))
            records[cycle] = tuple(found)
        if blocked is not None:
            return UsageWindow(pending=True)
        return UsageWindow(records, self._billed(figures, grant, asked.cycles))

    def _billed(
        self, figures: SubscriberFigures, grant: Granted, cycles: Iterable[BillingCycle]
    ) -> frozenset[BillingCycle]:
        """The months whose bill is issued, as the bills query shows them (none if refused)."""
        if not self._reads.may(grant, QUERY_BILL):
            return frozenset()
        try:
            figures.require_bills()
        except Refused:  # a bill-run blackout (F-CAL-3) or an upgrade's (F-CAL-4)
            return frozenset()
        account_id, bills = figures.subscriber.account_id, figures.tx.bills
        return frozenset(c for c in cycles if bills.find(bill_id(account_id, c)) is not None)


@attrs.frozen(slots=True)
class _Asked:
    token: str
    kinds: tuple[DetailKind, ...]
    cycles: tuple[BillingCycle, ...]
    number: NumberIdentifier | None
    skip_pending: bool = attrs.field(kw_only=True)


def _all_records(
    tx: BillingUnitOfWork, subscriber: Subscriber, kind: DetailKind, cycle: BillingCycle
) -> list[UsageEntry]:
    """Every record of ``kind`` in ``cycle``, read in pages of at most 500, in their order."""
    found: list[UsageEntry] = []
    wanted = PageRequest(0, MAX_PAGE_LIMIT)
    while True:
        page = tx.usage.records(subscriber.id, kind.usage_kinds, cycle, wanted)
        found.extend(page.items)
        if not page.has_more or not page.items:
            return found
        wanted = PageRequest(wanted.offset + len(page.items), MAX_PAGE_LIMIT)
