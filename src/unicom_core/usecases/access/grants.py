"""A query and its permission check in one read-only transaction (F-AUTH-5..7).

Every query of an area above access (a balance, the bills, the packs held, the invoices)
asks the permission check first and then reads. :class:`GrantedReads` does both in **one**
read-only unit of work: it opens ``storage.read()``, asks
:meth:`~unicom_core.ports.access.ScopedAuthorizer.authorize_in` in it, and hands the work
the transaction, the instant and the grant. A page of the hall is so one transaction, not
one for the check and one for the answer.

:func:`touching` is the rule both this runner and the access area's own look-ups follow: run
read-only; when the session's use is due to be recorded (F-AUTH-7: a read-only check raises
:class:`~unicom_core.ports.access.SessionTouchNeeded`), run again in a writing transaction,
where the check records it. With the default policy (``SessionPolicy.touch_every``) that is
at most one request of a session a minute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

from unicom_core.errors import InvalidInput, NotFound, Refused, UnicomError
from unicom_core.ports.access import AccessUnitOfWork, SessionTouchNeeded
from unicom_core.usecases.shared import run

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from unicom_core.domain.access import Capability
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.shared import Clock, Granted
    from unicom_core.usecases.shared import RetryRule, Transactional

__all__ = ["GrantedReads", "touching"]

_T = TypeVar("_T")
_U = TypeVar("_U", bound=AccessUnitOfWork)


def touching(attempt: Callable[[bool], _T]) -> _T:
    """``attempt(True)`` (read-only); ``attempt(False)`` if it must record a session's use."""
    try:
        return attempt(True)  # noqa: FBT003
    except SessionTouchNeeded:
        return attempt(False)  # noqa: FBT003


class GrantedReads(Generic[_U]):
    """The one runner of an area's queries: the check and the reads in one unit of work.

    Args:
        storage: the area's storage (its units of work offer the access repositories too).
        clock: the hall's clock (F-CAL-1).
        authorizer: the permission check (``hall.access``).
        rule: the area's retry rule.
    """

    def __init__(
        self,
        storage: Transactional[_U],
        clock: Clock,
        authorizer: ScopedAuthorizer,
        rule: RetryRule,
    ) -> None:
        self._storage, self._clock, self._authorizer, self._rule = storage, clock, authorizer, rule

    def read(
        self,
        token: str,
        capability: Capability,
        number: NumberIdentifier | None,
        work: Callable[[_U, datetime, Granted], _T | UnicomError],
    ) -> _T:
        """``work`` with the grant of ``capability`` on ``number``, in one transaction.

        A refusal of ``work`` in the writing pass is raised after the session's use is
        committed, as when the check ran on its own (F-AUTH-7).

        Raises:
            Refused: ``access.*`` / ``operator.*`` as the check refuses (F-AUTH-5, F-AUTH-6).
            NotFound: ``access.unknown_number``.
            UnicomError: what ``work`` raises or returns.
        """
        authorizer = self._authorizer

        def attempt(readonly: bool) -> _T:  # noqa: FBT001
            def body(tx: _U, now: datetime) -> _T | UnicomError:
                granted = authorizer.authorize_in(
                    tx, token, capability, number, now, readonly=readonly
                )
                if isinstance(granted, UnicomError):
                    return granted
                try:
                    return work(tx, now, granted)
                except (Refused, NotFound, InvalidInput) as refusal:
                    if readonly:
                        raise
                    return refusal  # the due use commits, then it is raised (a clash reruns,
                    # a failing database rolls back)

            return run(self._storage, self._clock, body, self._rule, readonly=readonly)

        return touching(attempt)

    def may(self, grant: Granted, capability: Capability) -> bool:
        """Whether ``grant`` also allows ``capability``, inside a :meth:`read` (no read)."""
        return self._authorizer.permits(grant, capability)

    def refusal(  # noqa: PLR0913 - the check's facts and the transaction's
        self,
        tx: _U,
        now: datetime,
        grant: Granted,
        *,
        token: str,
        capability: Capability,
        number: NumberIdentifier | None,
    ) -> UnicomError | None:
        """None if ``grant`` also allows ``capability`` (:meth:`may`), else the check's refusal.

        Inside a :meth:`read` for a second capability whose refusal a query answers as the
        check would (``access.capability_missing`` naming it): only a refused one is asked
        again, in ``tx`` (read-only: the first check recorded any due use in ``tx``).
        """
        if self.may(grant, capability):
            return None
        again = self._authorizer.authorize_in(tx, token, capability, number, now, readonly=True)
        return again if isinstance(again, UnicomError) else None
