"""The permission check inside the caller's own transaction (F-AUTH-5, F-AUTH-6, F-AUTH-7).

:class:`~unicom_core.ports.shared.Authorizer` opens a transaction of its own for each check.
A query of an area above access (billing, payments, handling, ...) reads in **one**
transaction instead: it opens a read-only unit of work, asks :meth:`ScopedAuthorizer.
authorize_in` with it, and reads its answer in the same unit of work. ``hall.access``
implements both; :class:`~unicom_core.usecases.access.GrantedReads` is the one runner of such
queries.

A read-only check cannot record a session's use (``last_seen_at``, F-AUTH-7): when one is
due it raises :class:`SessionTouchNeeded`, and the runner runs the query again in a writing
transaction, where the check records it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from unicom_core.ports.shared import Authorizer

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.access import Capability
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.errors import UnicomError
    from unicom_core.ports.access.storage import AccessUnitOfWork
    from unicom_core.ports.shared import Granted

__all__ = ["ScopedAuthorizer", "SessionTouchNeeded"]


class SessionTouchNeeded(Exception):
    """A read-only check found a session use to record: run the work in a writing transaction."""


class ScopedAuthorizer(Authorizer, Protocol):
    """The one permission check, also inside a transaction the caller opened."""

    def authorize_in(  # noqa: PLR0913 - the check's facts and the transaction's
        self,
        tx: AccessUnitOfWork,
        token: str,
        capability: Capability,
        number: NumberIdentifier | None,
        now: datetime,
        /,
        *,
        readonly: bool,
    ) -> Granted | UnicomError:
        """What :meth:`~unicom_core.ports.shared.Authorizer.authorize` answers, read in ``tx``.

        Returns the refusal (``access.*``, ``operator.*``) instead of raising it: the caller
        raises it once its transaction is closed.

        Raises:
            SessionTouchNeeded: ``readonly`` and the session's use must be recorded now.
        """
        ...

    def permits(self, granted: Granted, capability: Capability, /) -> bool:
        """Whether the principal ``granted`` names may also use ``capability`` on its subject.

        Answered from ``granted`` alone (no read): a second capability a query shows more
        with (the home page's allowances, ``query.usage``), once the first was granted.
        """
        ...
