"""Points (積分, F-QRY-4): the balance, the history, the catalogue, earning and expiry.

:class:`PointsService` is ``hall.points``:

* :meth:`PointsService.balance` and :meth:`PointsService.history` ask the permission check
  for ``query.points`` (a random-password session has it, F-AUTH-5); they apply expiry to
  what they show, so an expired point is never shown whether or not the scheduled job ran;
* :meth:`PointsService.catalogue` is what points buy (:class:`PointsSettings`); redeeming is
  a business handling, ``points_redeem``
  (:class:`~unicom_core.usecases.handling.points_redeem.PointsRedemption`);
* :meth:`PointsService.earn_for_bill` is the hook the composition root gives the billing
  area (``hall.billing.when_settled``): it runs in the transaction of the payment that
  settles a bill, so the points and the payment commit together, and each number of the
  bill earns once per bill (its source id is the bill's id) for its own lines: the
  principal, never the late fees;
* :meth:`PointsService.expire_due` is the carrier's scheduled job (a tidy-up: correctness
  never waits for it).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from importlib import resources
from typing import TYPE_CHECKING, Final, cast

import attrs

from unicom_core.domain.access import QUERY_POINTS
from unicom_core.domain.handling import (
    POINTS_RULES,
    PointsAccount,
    PointsCatalogue,
    PointsEntry,
    PointsRules,
    points_catalogue_from_toml,
)
from unicom_core.domain.shared import PAGE_REQUEST, Money
from unicom_core.ports.shared import Page, PageRequest, check_limit
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.shared import RetryRule, publish, put, run

if TYPE_CHECKING:
    from unicom_core.domain.billing import Bill
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.billing import BillingUnitOfWork
    from unicom_core.ports.handling import HandlingStorage, HandlingUnitOfWork
    from unicom_core.ports.shared import Clock, Granted

__all__ = [
    "DEFAULT_POINTS_RESOURCE",
    "PointsService",
    "PointsSettings",
    "PointsView",
    "default_points_catalogue",
    "points_account_of",
]

DEFAULT_POINTS_RESOURCE: Final = "points.toml"
"""The file name of the default points catalogue inside this package."""
_RULE = RetryRule(attempts=5)
_EXPIRY_CHUNK = 100
_INSTANT = timedelta(microseconds=1)


def default_points_catalogue() -> PointsCatalogue:
    """The points catalogue shipped with the library (``points.toml``), freshly read."""
    text = (resources.files(__package__ or __name__) / DEFAULT_POINTS_RESOURCE).read_text("utf-8")
    return points_catalogue_from_toml(text)


def _rules(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, PointsRules):
        raise POINTS_RULES.error(field="rules")


def _catalogue(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, PointsCatalogue):
        raise POINTS_RULES.error(field="catalogue")


@attrs.frozen(slots=True, kw_only=True)
class PointsSettings:
    """The points rules and catalogue of a hall (data; the defaults ship with the library)."""

    rules: PointsRules = attrs.field(factory=PointsRules, validator=_rules)
    catalogue: PointsCatalogue = attrs.field(factory=default_points_catalogue, validator=_catalogue)


@attrs.frozen(slots=True)
class PointsView:
    """A number's points now: the balance, and the points that expire next and when."""

    balance: int
    expiring: int
    """The points of the lots that expire next (at ``next_expiry``)."""
    next_expiry: datetime | None


def points_account_of(tx: HandlingUnitOfWork, subscriber_id: str, now: datetime) -> PointsAccount:
    """The subscriber's points account with expiry applied at ``now`` (new if none).

    The events of that expiry are the caller's to publish if it saves the account.
    """
    account = tx.points_accounts.find(subscriber_id) or PointsAccount(subscriber_id)
    account.expire(now)
    return account


def _view(account: PointsAccount, now: datetime) -> PointsView:
    following = account.next_expiry
    expiring = 0 if following is None else account.expiring(now, following + _INSTANT)
    return PointsView(account.available(now), expiring, following)


class PointsService:
    """The points area of the hall (module docstring; F-QRY-4).

    Args:
        storage: the hall's storage (``tx.points_accounts``).
        clock: the hall's clock.
        authorizer: the permission check (``hall.access``).
        settings: the rules (points per yuan, expiry) and the catalogue.
    """

    def __init__(
        self,
        storage: HandlingStorage,
        clock: Clock,
        *,
        authorizer: ScopedAuthorizer,
        settings: PointsSettings | None = None,
    ) -> None:
        self._storage, self._clock, self._authorizer = storage, clock, authorizer
        self.settings = settings if settings is not None else PointsSettings()
        self._reads = GrantedReads(storage, clock, authorizer, _RULE)

    def balance(self, token: str, number: NumberIdentifier | None = None) -> PointsView:
        """The points of the session's number (or ``number`` of its customer) now.

        The check and the read are one read-only transaction, as for :meth:`history`.
        """

        def work(tx: HandlingUnitOfWork, now: datetime, grant: Granted) -> PointsView:
            return _view(points_account_of(tx, str(grant.subscriber.id), now), now)

        return self._reads.read(token, QUERY_POINTS, number, work)

    def history(
        self, token: str, page: PageRequest | None = None, number: NumberIdentifier | None = None
    ) -> Page[PointsEntry]:
        """The history of the number's points, newest first (earned, spent, expired)."""
        request = page if page is not None else PageRequest()

        def work(tx: HandlingUnitOfWork, now: datetime, grant: Granted) -> Page[PointsEntry]:
            if not isinstance(request, PageRequest):  # after the permission check
                raise PAGE_REQUEST.error(f"expected a PageRequest, not {request!r}")
            entries = points_account_of(tx, str(grant.subscriber.id), now).history[::-1]
            end = request.offset + request.limit
            return Page(entries[request.offset : end], len(entries), request)

        return self._reads.read(token, QUERY_POINTS, number, work)

    def catalogue(self) -> PointsCatalogue:
        """What points buy (the settings' catalogue)."""
        return self.settings.catalogue

    # ------------------------------------------------------------ the carrier's side
    def earn_for_bill(self, tx: BillingUnitOfWork, bill: Bill, now: datetime) -> None:
        """Earn the points of a bill just settled, in the payment's transaction (the hook).

        Each number on the bill earns for its own lines (a credit line lowers it; late fees
        are not lines), rounded down per the rules; a number earning nothing gets no lot.
        """
        units = cast("HandlingUnitOfWork", tx)  # bootstrap wires it to a full storage
        rules = self.settings.rules
        for subscriber_id in sorted({line.subscriber_id for line in bill.lines}):
            paid = Money.total(line.amount for line in bill.lines_of(subscriber_id))
            points = rules.points_for(paid)
            if points <= 0:
                continue
            account = units.points_accounts.find(subscriber_id) or PointsAccount(subscriber_id)
            events = account.earn(bill.id, points, at=now, rules=rules)
            if events:
                put(units.points_accounts, account)
                publish(units, events)

    def expire_due(self, *, until: datetime | None = None, limit: int = _EXPIRY_CHUNK) -> int:
        """Expire the lots due by ``until`` (default: now), ``limit`` accounts per transaction.

        Returns how many accounts it changed. Reads and spending expire lazily anyway.
        """
        count, changed = check_limit(limit), 0
        while True:
            done = run(
                self._storage,
                self._clock,
                lambda tx, now: self._expire(tx, now, until, count),
                _RULE,
            )
            changed += done
            if done < count:
                return changed

    @staticmethod
    def _expire(tx: HandlingUnitOfWork, now: datetime, until: datetime | None, count: int) -> int:
        limit = now if until is None else min(until, now)
        accounts = tx.points_accounts.expiring(limit, count)
        for account in accounts:
            publish(tx, account.expire(limit))
            put(tx.points_accounts, account)
        return len(accounts)
