"""Usage posted by an operator, one record at a time, once per record id (F-QRY-2, F-AUTH-6).

A mediation system that is not a feed posts each record it rates or collects
(:meth:`UsagePosting.post`, TMF635 ``POST usage``): the record takes **the same path** as a
batch of the feed (:meth:`~unicom_core.usecases.billing.usage.UsageIntake.ingest_in`: the
same checks, the same cycles open to usage, the same count on the cycle's bill run), in one
transaction with the operator's audit entry (``usage.posted``).

Idempotent by the record id: the same record again answers the stored one and writes
nothing (``created`` False); the same id with another number, kind, time, quantity, detail
or fee is ``Conflict`` ``usage.record_conflict`` (the stored record is never changed). Two
posts of one record racing meet on the cycle's bill run (its optimistic version): the one
that clashes re-runs and finds the record stored.

:func:`audit_operator` is how the billing and payment use cases of operators write their
audit entry in their own transaction, naming the subscriber acted on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import USAGE_INGEST
from unicom_core.domain.billing import USAGE_RECORD_CONFLICT, USAGE_REJECTED, UsageEntry
from unicom_core.domain.shared import BillingCycle
from unicom_core.ports.billing import UsageBatch
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_core.usecases.access import Authorized, audit_granted
from unicom_core.usecases.billing.lookups import resolve_number
from unicom_core.usecases.shared import run

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from unicom_core.domain.access import AuditEntry
    from unicom_core.domain.billing import UsageRecord
    from unicom_core.domain.subscribers import Subscriber
    from unicom_core.ports.access import OperatorRepositories
    from unicom_core.ports.billing import BillingStorage, BillingUnitOfWork
    from unicom_core.ports.shared import Authorizer, Clock, Granted
    from unicom_core.usecases.billing.settings import BillingSettings
    from unicom_core.usecases.billing.usage import UsageIntake

__all__ = ["PostedUsage", "UsagePosting", "audit_operator"]


@attrs.frozen(slots=True)
class PostedUsage:
    """A posted record as stored, and whether this post stored it (False: a replay)."""

    entry: UsageEntry
    created: bool


def audit_operator(  # noqa: PLR0913 - the facts of one entry
    tx: OperatorRepositories,
    granted: Granted,
    action: str,
    now: datetime,
    parameters: Mapping[str, str],
    *,
    subject: Subscriber | None,
) -> AuditEntry | None:
    """Record an operator's ``action`` on ``subject`` in ``tx`` (nothing for a subscriber).

    ``granted`` is what the hall's authorizer answered (an
    :class:`~unicom_core.usecases.access.Authorized`); ``parameters`` hold no secret.
    """
    if not isinstance(granted, Authorized):
        return None
    return audit_granted(tx, attrs.evolve(granted, subject=subject), action, now, parameters)


def _same(entry: UsageEntry, record: UsageRecord) -> bool:
    return (
        entry.kind is record.kind
        and entry.started_at == record.started_at
        and entry.quantity == record.quantity
        and entry.detail == record.detail
        and entry.fee == record.fee
    )


def stored_record(tx: BillingUnitOfWork, record: UsageRecord) -> UsageEntry | None:
    """The stored entry of ``record``'s id, if it is stored for the same number and month."""
    owner = resolve_number(tx, record.number)
    if owner is None:
        return None
    cycle = BillingCycle.containing(record.started_at)
    offset = 0
    while True:
        page = tx.usage.records(
            owner.id, (record.kind,), cycle, PageRequest(offset, MAX_PAGE_LIMIT)
        )
        for entry in page.items:
            if entry.record_id == record.record_id:
                return entry
        if not page.has_more or not page.items:
            return None
        offset += len(page.items)


class UsagePosting:
    """Operators' usage records, one by one (``hall.billing.post_usage``; F-QRY-2)."""

    def __init__(
        self,
        storage: BillingStorage,
        clock: Clock,
        *,
        authorizer: Authorizer,
        intake: UsageIntake,
        settings: BillingSettings,
    ) -> None:
        self._storage, self._clock, self._authorizer = storage, clock, authorizer
        self._intake, self._rule = intake, settings.retry_rule

    def post(self, token: str, record: UsageRecord) -> PostedUsage:
        """Store ``record`` once by its id, audited; the same record again answers it.

        Raises:
            Refused: ``operator.*`` (a token without ``usage.ingest`` or ``tmf.write``),
                ``access.capability_missing`` for a subscriber's session.
            InvalidInput: ``usage.rejected`` with the ``reason`` the feed's check gives
                (``unknown_number``, ``outside_open_cycle``, ``negative_quantity``, ...).
            Conflict: ``usage.record_conflict``: the id is stored with other values.
        """
        granted = self._authorizer.authorize(token, USAGE_INGEST)
        batch = UsageBatch(f"posted:{record.record_id}", (record,))

        def work(tx: BillingUnitOfWork, now: datetime) -> PostedUsage:
            report = self._intake.ingest_in(tx, now, batch)
            for rejection in report.rejected:
                raise USAGE_REJECTED.error(
                    f"usage record {record.record_id} is refused: {rejection.message}",
                    record_id=record.record_id,
                    reason=rejection.reason.value,
                )
            entry = stored_record(tx, record)
            if entry is None or not _same(entry, record):
                raise USAGE_RECORD_CONFLICT.error(record_id=record.record_id)
            if report.accepted:
                subject = tx.subscribers.find(entry.subscriber_id)  # type: ignore[arg-type]
                facts = {"record_id": record.record_id, "kind": record.kind.value}
                audit_operator(tx, granted, "usage.posted", now, facts, subject=subject)
            return PostedUsage(entry, created=report.accepted > 0)

        return run(self._storage, self._clock, work, self._rule)
