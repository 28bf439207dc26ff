"""Real-name re-registration (实名补登记, F-REAL-2): complete a holder's real-name data online.

A number whose customer joined without complete real-name data (not VERIFIED,
:attr:`~unicom_core.domain.subscribers.Customer.needs_real_name`) re-registers with a name
and a resident ID. The number may be suspended for the missing data, so it need not be active.

* :meth:`RealNameRegistration.decide` reads the ID (``resident_id.*`` errors), checks the
  name and the day's failed attempts, and shows the ID masked only; it asks nobody.
* :meth:`RealNameRegistration.apply_now` asks the identity port
  (:class:`~unicom_core.ports.subscribers.IdentityVerifier`):

  - ``MATCH``: if no other customer holds the ID, the customer's name and ID are replaced
    and VERIFIED (all its numbers count under the ID). If another customer holds it, the
    number joins that customer (``subscriber.moved``) with its account (``account.moved``),
    unless the account pays for other numbers too (``realname.shared_account``). Either way
    the cap of five numbers per ID is checked in the same transaction
    (:func:`~unicom_core.usecases.subscribers.take_number_slots`, ``realname.cap_reached``).
  - ``MISMATCH`` / ``DECEASED``: nothing of the customer changes; the failure is counted per
    number and day (Beijing) and the typed refusal ``realname.mismatch`` /
    ``realname.deceased`` (data ``attempts_left``) is raised after the count commits. From the
    ``attempts_per_day``-th failure on, ``realname.too_many_attempts`` (``retry_at``: the next
    midnight) until the day ends, before the port is asked: a number cannot probe IDs.
  - the port cannot answer (``identity.unavailable``): ``realname.unavailable``, nothing
    changed, nothing counted.

The full ID exists only in the request and the customer row. The change shown and the record
kept show it masked: ``apply_now`` reads the ID from the change's parameters, then replaces
them with the masked form before the engine stores the record; events carry masked forms.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, ClassVar

import attrs

from unicom_core.domain.access import Capability
from unicom_core.domain.handling import Change, Effect
from unicom_core.domain.shared import SHANGHAI, ResidentId, to_shanghai, update
from unicom_core.domain.subscribers import (
    REALNAME_COMPLETE,
    REALNAME_DECEASED,
    REALNAME_ID_IN_USE,
    REALNAME_MISMATCH,
    REALNAME_SHARED_ACCOUNT,
    REALNAME_TOO_MANY_ATTEMPTS,
    REALNAME_UNAVAILABLE,
    RealNameStatus,
    SubscriberStatus,
)
from unicom_core.errors import AdapterError
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_core.ports.subscribers import IdentityAnswer
from unicom_core.usecases.handling.handlers import Field, Handler, param
from unicom_core.usecases.shared import publish
from unicom_core.usecases.subscribers import NUMBERS_PER_RESIDENT_ID, take_number_slots

if TYPE_CHECKING:
    from collections.abc import Mapping

    from unicom_core.domain.handling import BusinessRecord
    from unicom_core.domain.subscribers import Customer
    from unicom_core.errors import UnicomError
    from unicom_core.ports.subscribers import IdentityVerifier
    from unicom_core.usecases.handling.handlers import HandlingContext

__all__ = ["ATTEMPTS_PER_DAY", "RealNameRegistration"]

ATTEMPTS_PER_DAY = 3
"""Failed re-registrations a number may make per day (Beijing) before it must wait."""

_STATUS = {
    RealNameStatus.UNVERIFIED: "未登记",
    RealNameStatus.PENDING: "审核中",
    RealNameStatus.VERIFIED: "已登记",
    RealNameStatus.REJECTED: "未通过",
}


def _masked(name: str) -> str:
    return name[0] + "*" * max(1, len(name) - 1)


def _rows(name: str, resident: str, status: RealNameStatus) -> tuple[tuple[str, str], ...]:
    return (("机主", name), ("证件号码", resident), ("实名状态", _STATUS[status]))


def _tomorrow(now: datetime) -> datetime:
    day = to_shanghai(now).date()
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=SHANGHAI)


class RealNameRegistration(Handler):
    """Re-register a number's holder with a name and a resident ID (F-REAL-2, module doc).

    Args:
        identity: the identity port asked on every accepted request.
        attempts_per_day: failed attempts a number may make per day (default 3).
        numbers_per_id: the cap of numbers per resident ID (default 5, F-REAL-2).
        join_existing: whether a number may join the customer already holding the ID
            (default False: refused with ``realname.id_in_use``, the join is done at a
            shop). A name and an ID are not secrets, and a joined number reaches the
            holder's other numbers (F-AUTH-6): pass True only with an identity service that
            proves the person is present (a liveness or face check).
    """

    kind: ClassVar[str] = "realname"
    title: ClassVar[str] = "实名补登记"
    capability: ClassVar[Capability] = Capability("handle.realname")
    fields: ClassVar[tuple[Field, ...]] = (
        Field("name", "机主姓名", hint="与身份证上的姓名一致"),
        Field("resident_id", "身份证号码", hint="18位居民身份证号码，末位可为X"),
    )
    requires_active: ClassVar[bool] = False

    def __init__(
        self,
        identity: IdentityVerifier,
        *,
        attempts_per_day: int = ATTEMPTS_PER_DAY,
        numbers_per_id: int = NUMBERS_PER_RESIDENT_ID,
        join_existing: bool = False,
    ) -> None:
        self._identity = identity
        self._attempts, self._cap = attempts_per_day, numbers_per_id
        self._join_existing = join_existing

    def __repr__(self) -> str:
        return f"{type(self).__name__}(attempts_per_day={self._attempts}, cap={self._cap})"

    # ------------------------------------------------------------ decide: read only
    def decide(self, ctx: HandlingContext, params: Mapping[str, str]) -> Change:
        """Validate the request and show it masked; refuse a complete holder or a spent day."""
        if not ctx.customer.needs_real_name:
            raise REALNAME_COMPLETE.error()
        self._refuse_if_spent(ctx)
        name, resident = _read(ctx, params)
        customer = ctx.customer
        return Change(
            summary=f"实名补登记：{_masked(name)}，证件号码 {resident.masked()}",
            effect=Effect.NOW,
            before=_rows(
                customer.masked_name(), customer.resident_id.masked(), customer.real_name_status
            ),
            after=_rows(_masked(name), resident.masked(), RealNameStatus.VERIFIED),
            terms=(
                "所填姓名与身份证号码将经公安机关身份信息核验，核验一致后替换原登记资料。",
                f"核验不一致时原登记资料不变；每个号码每日最多核验失败{self._attempts}次。",
                f"同一身份证件在本公司最多登记{self._cap}个号码。",
            ),
            params=(("name", name), ("resident_id", resident.value)),
        )

    # ------------------------------------------------------------ apply: one transaction
    def apply_now(self, ctx: HandlingContext, record: BusinessRecord) -> UnicomError | None:
        """Verify through the port, then write (module docstring); a failure is counted."""
        name = record.change.param("name")
        resident = ResidentId(record.change.param("resident_id"))
        masked = (("name", _masked(name)), ("resident_id", resident.masked()))
        update(record, change=attrs.evolve(record.change, params=masked))
        self._refuse_if_spent(ctx)
        try:
            answer = self._identity.verify(name, resident)
        except AdapterError as down:
            raise REALNAME_UNAVAILABLE.error() from down
        if answer is not IdentityAnswer.MATCH:
            return self._count_failure(ctx, answer)
        owner = ctx.tx.customers.find_by_resident_id(resident)
        if owner is None or owner.id == ctx.customer.id:
            self._register(ctx, ctx.customer, name, resident, adding=0)
        else:
            self._join(ctx, owner, name, resident)
        return None

    def _register(
        self,
        ctx: HandlingContext,
        customer: Customer,
        name: str,
        resident: ResidentId,
        *,
        adding: int,
    ) -> None:
        events = (
            customer.register_real_name(name, resident, at=ctx.now)
            if customer.needs_real_name
            else ()
        )
        take_number_slots(ctx.tx, customer, adding, limit=self._cap)
        publish(ctx.tx, events)

    def _join(self, ctx: HandlingContext, owner: Customer, name: str, resident: ResidentId) -> None:
        """The number, and its account, join ``owner``: the customer holding the ID."""
        if not self._join_existing:
            raise REALNAME_ID_IN_USE.error()
        if _pays_for_others(ctx):
            raise REALNAME_SHARED_ACCOUNT.error()
        self._register(ctx, owner, name, resident, adding=1)
        ctx.change_subscriber(lambda s: s.move_to(owner.id, at=ctx.now))
        ctx.change_account(lambda a: a.move_to(owner.id, at=ctx.now))

    # ------------------------------------------------------------ the day's failures
    def _key(self, ctx: HandlingContext) -> str:
        day = to_shanghai(ctx.now).date()
        return f"realname.failed:{ctx.subscriber.id}:{day.isoformat()}"

    def _refuse_if_spent(self, ctx: HandlingContext) -> None:
        if ctx.tx.counters.taken(self._key(ctx)) >= self._attempts:
            raise REALNAME_TOO_MANY_ATTEMPTS.error(retry_at=_tomorrow(ctx.now))

    def _count_failure(self, ctx: HandlingContext, answer: IdentityAnswer) -> UnicomError:
        key = self._key(ctx)
        ctx.tx.counters.try_take(key, 1, self._attempts, expires_at=_tomorrow(ctx.now))
        left = max(0, self._attempts - ctx.tx.counters.taken(key))
        code = REALNAME_DECEASED if answer is IdentityAnswer.DECEASED else REALNAME_MISMATCH
        return code.error(attempts_left=left)


def _read(ctx: HandlingContext, params: Mapping[str, str]) -> tuple[str, ResidentId]:
    """The name (checked as a customer's name is) and the parsed resident ID."""
    name = param(params, "name")
    resident = ResidentId.parse(param(params, "resident_id"), today=to_shanghai(ctx.now).date())
    checked = attrs.evolve(ctx.customer, name=name)  # customer.name: the store's own rule
    return checked.name, resident


def _pays_for_others(ctx: HandlingContext) -> bool:
    """Whether the number's account pays for another number of its customer, not cancelled."""
    page = PageRequest(0, MAX_PAGE_LIMIT)
    while True:
        batch = ctx.tx.subscribers.list_by_customer(ctx.customer.id, page)
        if any(
            s.account_id == ctx.account.id
            and s.id != ctx.subscriber.id
            and s.status is not SubscriberStatus.CANCELLED
            for s in batch.items
        ):
            return True
        if not batch.has_more:
            return False
        page = page.next()
