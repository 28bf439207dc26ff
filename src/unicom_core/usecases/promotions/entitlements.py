"""Issuing third-party entitlements once per participant, retried until issued (F-PRO-3).

A join records each entitlement of the campaign as pending in the participation (in the
join's transaction). :meth:`EntitlementJob.issue_entitlements` (``hall.promotions.
issue_entitlements()``, a job a scheduler runs) takes the participations with an
entitlement due, calls the :class:`~unicom_core.ports.promotions.EntitlementIssuer` **outside
any transaction** with the idempotency key ``"<participation id>:<entitlement code>"``, then
marks it issued in a transaction of its own. A failure (an ``AdapterError``) is counted and
the next try waits ``settings.backoff(attempts)``; a crash between the issue and the mark
issues nothing twice, since the issuer answers the same key with the same reference.

The pass names its ``actor`` (the operator client or ``cli:<name>`` that ran it); each mark,
issued (``entitlement.issued``) or failed (``entitlement.failed``), writes an audit entry in
its own transaction (F-AUTH-6). The issuer's reference is not recorded there: a voucher's
reference may be what redeems it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.promotions import ParticipationState
from unicom_core.errors import AdapterError
from unicom_core.ports.shared import check_limit
from unicom_core.usecases.access import audit_by, audited
from unicom_core.usecases.shared import publish, run

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.promotions import Participation
    from unicom_core.ports.promotions import EntitlementIssuer, PromotionUnitOfWork
    from unicom_core.ports.shared import Clock
    from unicom_core.ports.storage import Storage
    from unicom_core.usecases.promotions.settings import PromotionSettings

__all__ = ["EntitlementJob", "EntitlementReport", "issue_key"]


def issue_key(participation_id: str, entitlement: str) -> str:
    """The idempotency key of one entitlement of one participation."""
    return f"{participation_id}:{entitlement}"


@attrs.frozen(slots=True)
class EntitlementReport:
    """What a pass did: entitlements issued, and those that failed (retried later)."""

    issued: int
    failed: int


class EntitlementJob:
    """The issuing pass (module docstring)."""

    def __init__(
        self,
        storage: Storage,
        clock: Clock,
        issuer: EntitlementIssuer,
        settings: PromotionSettings,
    ) -> None:
        self._storage, self._clock, self._issuer, self._settings = storage, clock, issuer, settings

    def issue_entitlements(self, limit: int = 100, *, actor: str) -> EntitlementReport:
        """Issue the entitlements due now, at most those of ``limit`` participations.

        Raises:
            InvalidInput: ``operator.actor``, ``page.limit``.
        """
        audited(actor)
        count = check_limit(limit)
        due = run(
            self._storage,
            self._clock,
            lambda tx, now: _due_work(tx, now, count),
            self._settings.retry_rule,
            readonly=True,
        )
        issued = failed = 0
        for participation, number, now in due:
            for issue in participation.entitlements:
                if not issue.pending or issue.next_try_at > now:
                    continue
                key = issue_key(participation.id, issue.code)
                try:
                    reference = self._issuer.issue(issue.code, number, idempotency_key=key)
                except AdapterError as error:
                    self._record(participation.id, issue.code, (None, error.code), actor)
                    failed += 1
                else:
                    self._record(participation.id, issue.code, (reference, None), actor)
                    issued += 1
        return EntitlementReport(issued, failed)

    def _record(
        self, pid: str, code: str, outcome: tuple[str | None, str | None], actor: str
    ) -> None:
        reference, error = outcome

        def work(tx: PromotionUnitOfWork, now: datetime) -> None:
            participation = tx.participations.get(pid)
            if participation.state is not ParticipationState.ACTIVE:
                return
            parameters = {"participation": pid, "entitlement": code}
            if reference is not None:
                publish(tx, participation.issued(code, reference, at=now))
                action = "entitlement.issued"
            else:
                attempts = next(e.attempts for e in participation.entitlements if e.code == code)
                backoff = self._settings.backoff(attempts + 1)
                participation.issue_failed(code, str(error), at=now, backoff=backoff)
                action, parameters["error"] = "entitlement.failed", str(error)
            tx.participations.save(participation)
            subject = tx.subscribers.get(participation.subscriber_id)  # type: ignore[arg-type]  # SubscriberId
            audit_by(tx, actor, action, now, parameters=parameters, subject=subject)

        run(self._storage, self._clock, work, self._settings.retry_rule)


def _due_work(
    tx: PromotionUnitOfWork, now: datetime, limit: int
) -> list[tuple[Participation, str, datetime]]:
    found = tx.participations.entitlements_due(now, limit)
    numbers = {p.id: tx.subscribers.get(p.subscriber_id).number.value for p in found}  # type: ignore[arg-type]  # SubscriberId
    return [(p, numbers[p.id], now) for p in found]
