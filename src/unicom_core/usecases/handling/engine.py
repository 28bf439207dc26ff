"""The one engine of business handling (業務辦理, F-BIZ, F-QRY-5, F-QRY-6).

Every kind of handling runs through :class:`HandlingEngine` (``hall.handling``): a handler
(:mod:`unicom_core.usecases.handling.handlers`) decides *what* changes; the engine does the
rest, the same way for every kind:

1. authorize the session for the handler's capability (F-AUTH-5, F-AUTH-6);
2. load the number, its customer, account and the catalogue; refuse a number that is not
   active, or in arrears where the handler says so;
3. idempotency: the record's id comes from the number and the request id, so the same request
   again answers the record it made, and the same request id with different parameters is
   ``handling.request_reused``;
4. refuse a second change of a kind while one waits for the next cycle
   (``handling.pending_exists``: cancel it first);
5. ask the handler to decide; the billing calendar decides when a next-cycle change applies
   (00:00 on the 1st of the next month, Beijing time: a change asked on the last day of a
   month is never half-applied);
6. in the same transaction: the handler's writes, the business record, its events. The
   number's subscriber row is written first, so two handlings of one number never interleave
   (the second waits, clashes and is retried on what the first committed).

A refusal raises before anything is written, so it changes nothing. A pending change is
applied exactly once by :meth:`HandlingEngine.apply_due` (the bill run calls it first) or
cancelled by :meth:`HandlingEngine.cancel` until then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from unicom_core.domain.access import Capability
from unicom_core.domain.catalog import CATALOG_NOT_INSTALLED, DEFAULT_CATALOG_ID, Channel
from unicom_core.domain.handling import (
    HANDLING_ARREARS,
    HANDLING_KIND,
    HANDLING_NOT_ACTIVE,
    HANDLING_PENDING_EXISTS,
    HANDLING_REQUEST_REUSED,
    HANDLING_UNKNOWN_RECORD,
    BusinessRecord,
    Effect,
    RecordStatus,
    acceptance_form,
    record_id_of,
    request_digest,
)
from unicom_core.domain.shared import STORAGE_DUPLICATE, Document, Money
from unicom_core.domain.subscribers import SubscriberStatus
from unicom_core.errors import UnicomError
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.catalog import catalog_cache
from unicom_core.usecases.handling.handlers import HandlingContext
from unicom_core.usecases.shared import RetryRule, publish, put, run

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from datetime import datetime

    from unicom_core.domain.billing import BillingCalendar
    from unicom_core.domain.handling import Change
    from unicom_core.domain.shared import DomainEvent
    from unicom_core.domain.subscribers import NumberIdentifier, Subscriber
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.handling import HandlingStorage, HandlingUnitOfWork
    from unicom_core.ports.shared import Clock, Granted, Page, PageRequest
    from unicom_core.usecases.handling.handlers import Handler

__all__ = ["HandledHook", "HandlingEngine"]

HandledHook: TypeAlias = (
    "Callable[[HandlingUnitOfWork, BusinessRecord, datetime], Iterable[DomainEvent]]"
)
"""What an area above handling does in the transaction of an accepted handling (F-PRO-4)."""
QUERY_RECORDS = Capability("query.business_records")
QUERY_FORM = Capability("query.acceptance_form")
_DUE_CHUNK = 100


class HandlingEngine:
    """Business handling: preview, handle, cancel, records and forms, due changes (F-BIZ)."""

    def __init__(  # noqa: PLR0913 - the engine's ports and settings
        self,
        storage: HandlingStorage,
        clock: Clock,
        *,
        authorizer: ScopedAuthorizer,
        calendar: BillingCalendar,
        handlers: Mapping[str, Handler],
        retry_rule: RetryRule,
        catalog_id: str = DEFAULT_CATALOG_ID,
    ) -> None:
        self._storage, self._clock, self._authorizer = storage, clock, authorizer
        self._calendar, self._handlers = calendar, dict(handlers)
        self._rule = RetryRule(retry_rule.attempts, retry_rule.also_on | {STORAGE_DUPLICATE.code})
        self._reads = GrantedReads(storage, clock, authorizer, self._rule)
        self._catalog_id = catalog_id
        self._catalogs = catalog_cache(storage)
        self._handled: list[HandledHook] = []

    def when_handled(self, hook: HandledHook) -> None:
        """Call ``hook(tx, record, now)`` in the transaction of each handling accepted.

        Hooks run in the order added, after the record is stored (again if the transaction
        is re-run, never for the same request answered again); their events are published
        with the record's, and a hook that raises rolls the handling back. The composition
        root wires the growth game's earning for pack orders here (F-PRO-4).
        """
        self._handled.append(hook)

    @property
    def handlers(self) -> tuple[Handler, ...]:
        """The kinds this hall handles, in the order they were given."""
        return tuple(self._handlers.values())

    def handler(self, kind: str) -> Handler:
        """The handler of ``kind`` (``handling.kind`` if this hall has none)."""
        found = self._handlers.get(kind) if isinstance(kind, str) else None
        if found is None:
            raise HANDLING_KIND.error(kind=str(kind))
        return found

    # ------------------------------------------------------------ a subscriber's handling
    def preview(
        self,
        token: str,
        kind: str,
        params: Mapping[str, str],
        number: NumberIdentifier | None = None,
    ) -> Change:
        """What ``params`` would change, and when, without changing anything (the confirmation).

        Raises:
            Refused, InvalidInput, NotFound: as :meth:`handle` would.
        """
        handler = self.handler(kind)

        def work(tx: HandlingUnitOfWork, now: datetime, grant: Granted) -> Change:
            subscriber = grant.subscriber
            ctx = self._context(tx, now, subscriber.id, Channel.ONLINE_HALL)
            ctx.request = params
            self._check(ctx, handler)
            return handler.decide(ctx, params)

        return self._reads.read(token, handler.capability, number, work)

    def current(
        self, token: str, kind: str, number: NumberIdentifier | None = None
    ) -> dict[str, str]:
        """The form's values as the number stands now (:meth:`Handler.current`), read-only.

        Raises:
            Refused, NotFound: as :meth:`preview` would (the handler's capability).
        """
        handler = self.handler(kind)

        def work(tx: HandlingUnitOfWork, now: datetime, grant: Granted) -> dict[str, str]:
            subscriber = grant.subscriber
            ctx = self._context(tx, now, subscriber.id, Channel.ONLINE_HALL)
            return dict(handler.current(ctx))

        return self._reads.read(token, handler.capability, number, work)

    def handle(  # noqa: PLR0913 - the request and where it comes from
        self,
        token: str,
        kind: str,
        params: Mapping[str, str],
        *,
        request_id: str,
        number: NumberIdentifier | None = None,
        channel: Channel = Channel.ONLINE_HALL,
    ) -> BusinessRecord:
        """Accept a handling: decide, apply (now, or schedule for the next cycle), record it.

        Raises:
            Refused: ``access.*`` (F-AUTH-5), ``handling.not_active``, ``handling.arrears``,
                the handler's own rules.
            Conflict: ``handling.request_reused``, ``handling.pending_exists``.
            InvalidInput: ``handling.request_id``, ``handling.parameter``, the handler's.
        """
        handler = self.handler(kind)
        granted = self._authorizer.authorize(token, handler.capability, number)
        subscriber, session_id = granted.subscriber, granted.session.id
        record_id = record_id_of(subscriber.id, request_id)
        secret = {field.name for field in handler.fields if field.secret}
        digest = request_digest(kind, {k: v for k, v in params.items() if k not in secret})

        def work(tx: HandlingUnitOfWork, now: datetime) -> BusinessRecord | UnicomError:
            known = tx.business_records.find(record_id)
            if known is not None:
                if known.request_digest != digest:
                    raise HANDLING_REQUEST_REUSED.error(request_id=request_id)
                return known
            ctx = self._context(tx, now, subscriber.id, channel)
            ctx.request = params
            # One handling of a number at a time: saving the subscriber first takes its row,
            # so a concurrent handling of the same number waits and then clashes (retried),
            # and never decides on a state another one is changing.
            tx.subscribers.save(ctx.subscriber)
            self._check(ctx, handler)
            for pending in tx.business_records.pending_of(subscriber.id):
                if pending.kind == handler.kind:
                    raise HANDLING_PENDING_EXISTS.error(kind=handler.kind, record_id=pending.id)
            change = handler.decide(ctx, params)
            record = self._record(
                ctx, handler, change, record_id=record_id, digest=digest, requested_by=session_id
            )
            refused = handler.apply_now(ctx, record)
            if refused is not None:  # a counted refusal: commit the count, keep no record
                return refused
            put(tx.business_records, record)
            publish(tx, record.accepted())
            for hook in self._handled:
                publish(tx, hook(tx, record, now))
            return record

        try:
            return run(self._storage, self._clock, work, self._rule)
        except UnicomError:
            # The same request from another tab may have committed between this one's
            # lookup and its decision (READ COMMITTED): then its record is the answer.
            known = self._find(record_id)
            if known is not None and known.request_digest == digest:
                return known
            raise

    def _find(self, record_id: str) -> BusinessRecord | None:
        def work(tx: HandlingUnitOfWork, _now: datetime) -> BusinessRecord | None:
            return tx.business_records.find(record_id)

        return run(self._storage, self._clock, work, self._rule, readonly=True)

    def cancel(self, token: str, record_id: str) -> BusinessRecord:
        """Cancel a change still waiting for its cycle (``handling.not_pending`` if it is not).

        Raises:
            NotFound: ``handling.unknown_record`` (also for another customer's record).
        """
        record = self.record(token, record_id)
        handler = self.handler(record.kind)
        self._authorizer.authorize(token, handler.capability, None)

        def work(tx: HandlingUnitOfWork, now: datetime) -> BusinessRecord:
            current = tx.business_records.get(record.id)
            ctx = self._context(tx, now, current.subscriber_id, Channel.ONLINE_HALL)
            events = current.cancel(at=now)
            handler.cancel(ctx, current)
            put(tx.business_records, current)
            publish(tx, events)
            return current

        return run(self._storage, self._clock, work, self._rule)

    def records(
        self,
        token: str,
        page: PageRequest,
        *,
        kind: str | None = None,
        number: NumberIdentifier | None = None,
    ) -> Page[BusinessRecord]:
        """The number's business records (of ``kind``), newest first (辦理記錄, F-QRY-5)."""

        def work(tx: HandlingUnitOfWork, _now: datetime, grant: Granted) -> Page[BusinessRecord]:
            subscriber = grant.subscriber
            return tx.business_records.list_by_subscriber(subscriber.id, page, kind=kind)

        return self._reads.read(token, QUERY_RECORDS, number, work)

    def record(self, token: str, record_id: str) -> BusinessRecord:
        """One record of the session's customer; another's is answered like an unknown one."""
        return self._own_record(token, QUERY_RECORDS, record_id)

    def acceptance_form(self, token: str, record_id: str) -> Document:
        """The acceptance form of a record (電子受理單, F-QRY-6), for the document port."""
        return acceptance_form(self._own_record(token, QUERY_FORM, record_id))

    # ------------------------------------------------------------ the carrier's side
    def apply_due(self, *, until: datetime | None = None) -> int:
        """Apply every pending change due by ``until`` (default: now), each exactly once.

        Each change applies in its own transaction, in the order they take effect; a change
        applied by a concurrent run is skipped. Returns how many this call applied.
        """
        applied = 0
        while True:
            due = self._due(until)
            if not due:
                return applied
            for record_id in due:
                applied += self._apply_one(record_id)

    def _due(self, until: datetime | None) -> list[str]:
        def work(tx: HandlingUnitOfWork, now: datetime) -> list[str]:
            limit = now if until is None else min(until, now)
            return [r.id for r in tx.business_records.due(limit, _DUE_CHUNK)]

        return run(self._storage, self._clock, work, self._rule, readonly=True)

    def _apply_one(self, record_id: str) -> int:
        def work(tx: HandlingUnitOfWork, now: datetime) -> int:
            record = tx.business_records.get(record_id)
            if not record.is_pending or record.effective_from > now:
                return 0
            ctx = self._context(tx, now, record.subscriber_id, Channel.ONLINE_HALL)
            events = record.take_effect(at=now)
            self.handler(record.kind).take_effect(ctx, record)
            put(tx.business_records, record)
            publish(tx, events)
            return 1

        return run(self._storage, self._clock, work, self._rule)

    # ------------------------------------------------------------ shared steps
    def _own_record(self, token: str, capability: Capability, record_id: str) -> BusinessRecord:
        """A record of the session's customer, checked and read in one transaction."""

        def work(tx: HandlingUnitOfWork, _now: datetime, grant: Granted) -> BusinessRecord:
            customer_id = grant.subscriber.customer_id
            record = tx.business_records.find(record_id) if isinstance(record_id, str) else None
            owner = None if record is None else tx.subscribers.find(record.subscriber_id)  # type: ignore[arg-type]
            if record is None or owner is None or owner.customer_id != customer_id:
                raise HANDLING_UNKNOWN_RECORD.error(record_id=str(record_id)[:64])
            return record

        return self._reads.read(token, capability, None, work)

    def _context(
        self, tx: HandlingUnitOfWork, now: datetime, subscriber_id: str, channel: Channel
    ) -> HandlingContext:
        subscriber = tx.subscribers.get(subscriber_id)  # type: ignore[arg-type]
        catalog = self._catalogs.find(tx, self._catalog_id)  # type: ignore[arg-type]
        if catalog is None:
            raise CATALOG_NOT_INSTALLED.error(catalog_id=self._catalog_id)
        return HandlingContext(
            tx=tx,
            now=now,
            subscriber=subscriber,
            customer=tx.customers.get(subscriber.customer_id),
            account=tx.accounts.get(subscriber.account_id),
            catalog=catalog,
            calendar=self._calendar,
            channel=channel,
        )

    @staticmethod
    def _check(ctx: HandlingContext, handler: Handler) -> None:
        status = ctx.subscriber.status
        if handler.requires_active and status is not SubscriberStatus.ACTIVE:
            raise HANDLING_NOT_ACTIVE.error(status=status.value)
        if handler.refuses_arrears:
            owed = _arrears(ctx)
            if owed.fen > 0:
                raise HANDLING_ARREARS.error(balance=str(owed))

    def _record(  # noqa: PLR0913 - the facts of one record
        self,
        ctx: HandlingContext,
        handler: Handler,
        change: Change,
        *,
        record_id: str,
        digest: str,
        requested_by: str,
    ) -> BusinessRecord:
        now = ctx.now
        pending = change.effect is Effect.NEXT_CYCLE
        return BusinessRecord(
            id=record_id,
            subscriber_id=ctx.subscriber.id,
            number=_masked_number(ctx.subscriber),
            holder=ctx.customer.masked_name(),
            kind=handler.kind,
            title=handler.title,
            channel=ctx.channel.value,
            requested_by=requested_by,
            requested_at=now,
            effective_from=self._calendar.effective_next_month(now) if pending else now,
            change=change,
            request_digest=digest,
            status=RecordStatus.PENDING if pending else RecordStatus.DONE,
        )


def _masked_number(subscriber: Subscriber) -> str:
    identifier = subscriber.number.identifier
    masked: Callable[[], str] | None = getattr(identifier, "masked", None)
    return masked() if masked is not None else str(identifier)


def _arrears(ctx: HandlingContext) -> Money:
    """What the number's account owes: a negative balance, or bills past their due date."""
    owed = Money.zero() if ctx.account.balance.fen >= 0 else -ctx.account.balance
    for bill in ctx.tx.bills.unsettled_of_account(ctx.account.id):
        if bill.days_in_arrears(ctx.now) > 0:
            owed += bill.owed_at(ctx.now)
    return owed
