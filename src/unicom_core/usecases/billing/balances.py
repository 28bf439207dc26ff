"""A number's balance, and its allowances left, in one query each (F-QRY-1, F-QRY-2).

What the TMF654 balance resources show of a number, each in **one** read-only transaction
(:class:`~unicom_core.usecases.access.GrantedReads`), its permission checks included:

* :meth:`BalanceReads.balance_of` (``hall.billing.balance_of``; ``accumulatedBalance``): the
  account's balance as :meth:`BillingQueries.balance <unicom_core.usecases.billing.queries.
  BillingQueries.balance>` computes it (``query.balance``), with the number it is shown for,
  as the bills name it (``query.bill`` too, as the resource always asked).
* :meth:`BalanceReads.buckets` (``hall.billing.buckets``; ``bucket``): that balance and what
  is left of each allowance this month, as :meth:`BillingQueries.allowances
  <unicom_core.usecases.billing.queries.BillingQueries.allowances>` computes it
  (``query.usage``, which a random-password session lacks, F-AUTH-5; the 4G upgrade's
  blackout, F-CAL-4).

The checks come in the order the separate queries asked them (the balance's first), with the
same refusals: the second capability is answered from the first grant
(``GrantedReads.refusal``). An operator's token (F-AUTH-6) names the number; walking the
carrier is one query per number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import attrs

from unicom_core.domain.access import QUERY_BILL
from unicom_core.usecases.billing.queries import (
    QUERY_BALANCE,
    QUERY_USAGE,
    AllowancesView,
    BalanceView,
    BillingReader,
    SubscriberFigures,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from unicom_core.domain.access import Capability
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.billing import BillingUnitOfWork
    from unicom_core.ports.shared import Granted

__all__ = ["BalanceReads", "NumberBalance"]

_T = TypeVar("_T")


@attrs.frozen(slots=True)
class NumberBalance:
    """A number (its MSISDN) and its account's balance."""

    number: str
    balance: BalanceView


class BalanceReads(BillingReader):
    """The balance queries of TMF654 (``hall.billing.balance_of`` and ``buckets``).

    Args:
        storage: any storage whose units of work offer the billing repositories.
        clock: the hall's clock (F-CAL-1).
        authorizer: the permission check (``hall.access``).
        settings: the calendar windows and default rates.
    """

    def balance_of(self, token: str, number: NumberIdentifier | None = None) -> NumberBalance:
        """The number's account balance and the number (``query.balance``, ``query.bill``).

        Raises:
            Refused: ``access.*`` / ``operator.*`` (F-AUTH-5, F-AUTH-6).
            NotFound: ``access.unknown_number``.
        """
        return self._read(
            token, number, QUERY_BILL, lambda f, b: NumberBalance(f.subscriber.number.value, b)
        )

    def buckets(
        self, token: str, number: NumberIdentifier | None = None
    ) -> tuple[BalanceView, AllowancesView]:
        """The balance and what is left of each allowance this month (F-QRY-1, F-QRY-2).

        Raises:
            Refused: ``access.*`` / ``operator.*`` (``query.usage``: F-AUTH-5),
                ``billing.upgrade_query_pending`` (F-CAL-4).
            NotFound: ``access.unknown_number``; ``catalog.not_installed``.
        """
        return self._read(token, number, QUERY_USAGE, lambda f, b: (b, f.allowances()))

    def _read(
        self,
        token: str,
        number: NumberIdentifier | None,
        also: Capability,
        then: Callable[[SubscriberFigures, BalanceView], _T],
    ) -> _T:
        """The balance (``query.balance``), then ``also`` checked, then ``then``: one read."""
        reads = self._reads

        def work(tx: BillingUnitOfWork, now: datetime, grant: Granted) -> _T:
            figures = self._figures(tx, now, grant.subscriber)
            balance = figures.balance()
            refusal = reads.refusal(tx, now, grant, token=token, capability=also, number=number)
            if refusal is not None:
                raise refusal
            return then(figures, balance)

        return reads.read(token, QUERY_BALANCE, number, work)
