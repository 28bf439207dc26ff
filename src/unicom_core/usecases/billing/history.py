"""The bills and usage pages in one query: months of charges and more (F-QRY-1..3, F-CAL-3/4).

:meth:`BillingHistory.history` (``hall.billing.history``) answers what the hall's bills and
usage pages show in **one** read-only transaction
(:class:`~unicom_core.usecases.access.GrantedReads`), the permission check included. Before,
those pages asked :meth:`~unicom_core.usecases.billing.queries.BillingQueries.charges` once a
month, then the bills, the balance or the allowances: seven or eight transactions. The answers
are the same, worked out by the same
:class:`~unicom_core.usecases.billing.queries.SubscriberFigures`:

* the charges of the last ``months`` months, the current one included, oldest first; each
  month as ``charges`` answers it, **or its refusal**: the calendar refuses some months
  (the bill run's blackout, F-CAL-3; the month an upgrade to 4G takes effect, F-CAL-4), and
  the others are still shown;
* asked for by flags: the issued bills (``query.bill``, as the charges), the balance
  (``query.balance``) and the allowances left (``query.usage``), each as its own query answers
  it or its refusal. The second and third permission checks are answered from the first
  grant (:meth:`GrantedReads.refusal <unicom_core.usecases.access.GrantedReads.refusal>`: no
  read; a refused one is asked again, so its refusal is the check's own): a random-password
  session sees the bills and the balance but is refused the allowances
  with ``access.capability_missing``, exactly as the separate calls refuse it (F-AUTH-5);
* the offering names of the catalogue the charges were rated with (what
  :meth:`CatalogService.names <unicom_core.usecases.catalog.service.CatalogService.names>`
  answers), so a page naming the plan and packs of its lines needs no read of its own.

A refusal of the check itself (not logged in, another customer's number, F-AUTH-6; a session
without ``query.bill``) is raised, as ``charges`` raises it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import attrs

from unicom_core.domain.billing import Bill
from unicom_core.domain.shared import TIME_MONTHS, BillingCycle
from unicom_core.errors import InvalidInput, NotFound, Refused, UnicomError
from unicom_core.ports.shared import Page, PageRequest
from unicom_core.usecases.billing.queries import (
    QUERY_BALANCE,
    QUERY_BILL,
    QUERY_USAGE,
    AllowancesView,
    BalanceView,
    BillingReader,
    ChargesView,
    SubscriberFigures,
)
from unicom_core.usecases.catalog import OfferingNames, offering_names

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from unicom_core.domain.access import Capability
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.billing import BillingUnitOfWork
    from unicom_core.ports.shared import Granted

__all__ = ["HISTORY_MONTHS", "MOST_MONTHS", "BillingHistory", "ChargesHistory", "MonthCharges"]

HISTORY_MONTHS = 6
"""The months the bills and usage pages chart, the current one included (F-QRY-3)."""
MOST_MONTHS = 24
"""The most months one history answers."""

_T = TypeVar("_T")


@attrs.frozen(slots=True)
class MonthCharges:
    """One month of a history: its charges, or the refusal of the calendar (F-CAL-3, F-CAL-4)."""

    cycle: BillingCycle
    charges: ChargesView | None
    refusal: UnicomError | None = None


@attrs.frozen(slots=True, kw_only=True)
class ChargesHistory:
    """What :meth:`BillingHistory.history` answers.

    ``bills``, ``balance`` and ``allowances`` are None when not asked for, else the answer
    or its refusal. ``offerings`` are every product's ``name`` and ``names`` by code (as
    ``hall.catalog.names()`` answers; empty without a catalogue).
    """

    number: str
    months: tuple[MonthCharges, ...]
    bills: Page[Bill] | UnicomError | None = None
    balance: BalanceView | UnicomError | None = None
    allowances: AllowancesView | UnicomError | None = None
    offerings: OfferingNames = attrs.field(factory=dict)

    @property
    def refusal(self) -> UnicomError | None:
        """The refusal of the oldest month refused, if any."""
        return next((month.refusal for month in self.months if month.refusal), None)


def _answer(work: Callable[[], _T]) -> _T | UnicomError:
    """What ``work`` answers, or its refusal.

    A conflict (the transaction reruns) and an adapter's failure (the database) are raised.
    """
    try:
        return work()
    except (Refused, InvalidInput, NotFound) as refusal:
        return refusal


def _offerings(figures: SubscriberFigures) -> OfferingNames:
    try:
        catalog = figures.catalog()
    except NotFound:  # no catalogue installed: every text as the domain wrote it
        return {}
    return offering_names(catalog)


def _check_months(months: object) -> int:
    if isinstance(months, bool) or not isinstance(months, int) or not 0 < months <= MOST_MONTHS:
        raise TIME_MONTHS.error(
            f"months is a whole number of months from 1 to {MOST_MONTHS}, not {months!r}",
            field="months",
        )
    return months


@attrs.frozen(slots=True, kw_only=True)
class _Asked:
    """What a history is asked for besides the months."""

    months: int
    bills: bool
    balance: bool
    allowances: bool
    page: PageRequest | None


class BillingHistory(BillingReader):
    """The bills and usage pages' query (``hall.billing.history``; F-QRY-1..3, F-AUTH-5).

    Args:
        storage: any storage whose units of work offer the billing repositories.
        clock: the hall's clock (F-CAL-1).
        authorizer: the permission check (``hall.access``).
        settings: the calendar windows, bill policy and default rates.
    """

    def history(  # noqa: PLR0913 - what the page asks for, each a flag
        self,
        token: str,
        months: int = HISTORY_MONTHS,
        *,
        bills: bool = False,
        balance: bool = False,
        allowances: bool = False,
        page: PageRequest | None = None,
        number: NumberIdentifier | None = None,
    ) -> ChargesHistory:
        """The last ``months`` months' charges and what else is asked for, in one read.

        Raises:
            Refused: ``access.*`` / ``operator.*`` as the check of ``query.bill`` refuses.
            NotFound: ``access.unknown_number`` (F-AUTH-6).
            InvalidInput: ``time.months`` unless ``months`` is 1 to :data:`MOST_MONTHS`.
        """
        asked = _Asked(
            months=_check_months(months),
            bills=bills,
            balance=balance,
            allowances=allowances,
            page=page,
        )

        reads = self._reads

        def work(tx: BillingUnitOfWork, now: datetime, grant: Granted) -> ChargesHistory:
            def refusal(capability: Capability) -> UnicomError | None:
                return reads.refusal(
                    tx, now, grant, token=token, capability=capability, number=number
                )

            figures = self._figures(tx, now, grant.subscriber)
            return self._answer(figures, refusal, asked)

        return reads.read(token, QUERY_BILL, number, work)

    def _answer(
        self,
        figures: SubscriberFigures,
        refusal: Callable[[Capability], UnicomError | None],
        asked: _Asked,
    ) -> ChargesHistory:
        current = figures.current
        cycles = [BillingCycle.from_anchor(current, -back) for back in range(asked.months)]
        return ChargesHistory(
            number=figures.subscriber.number.value,
            months=tuple(self._month(figures, cycle) for cycle in reversed(cycles)),
            bills=_answer(lambda: figures.bills(asked.page)) if asked.bills else None,
            balance=_granted(refusal, QUERY_BALANCE, figures.balance) if asked.balance else None,
            allowances=(
                _granted(refusal, QUERY_USAGE, figures.allowances) if asked.allowances else None
            ),
            offerings=_offerings(figures),
        )

    @staticmethod
    def _month(figures: SubscriberFigures, cycle: BillingCycle) -> MonthCharges:
        found = _answer(lambda: figures.charges(cycle))
        if isinstance(found, UnicomError):
            return MonthCharges(cycle, None, found)
        return MonthCharges(cycle, found)


def _granted(
    refusal: Callable[[Capability], UnicomError | None],
    capability: Capability,
    work: Callable[[], _T],
) -> _T | UnicomError:
    """``work``'s answer if the grant extends to ``capability``, else the check's refusal."""
    refused = refusal(capability)
    return refused if refused is not None else _answer(work)
