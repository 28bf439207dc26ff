"""Call forwarding (呼叫转移, F-BIZ-1): set or cancel a forwarding per condition.

A mobile or fixed-line number forwards its calls unconditionally, when busy, when it does
not answer within 5-30 seconds, or when it cannot be reached, to a valid mobile or
fixed-line number: never to itself, and never so that the calls come back
(:func:`~unicom_core.domain.handling.check_no_loop`: the forwardings of the carrier's numbers
are followed from the target, through ``tx.subscribers.find_by_number`` and their service
states). It applies at once; the record shows the four conditions before and after.

Concurrent forwardings: two numbers forwarding to each other at the same moment would each
pass the check against the other's committed state. So applying a forwarding also saves the
service state of every carrier's number the check walked through (unchanged, a new version;
created empty if it had none): of two transactions that could close a loop, one meets a
version conflict or a duplicate, is run again, and then sees the loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from unicom_core.domain.access import Capability
from unicom_core.domain.handling import (
    HANDLING_FORWARDING_DELAY,
    HANDLING_SERVICE_KIND,
    MAX_DELAY,
    MIN_DELAY,
    Change,
    Effect,
    Forwarding,
    ForwardingCondition,
    ServiceState,
    check_no_loop,
    forwarding_target,
)
from unicom_core.domain.subscribers import ServiceKind
from unicom_core.usecases.handling.handlers import Field, Handler, optional_param
from unicom_core.usecases.handling.service_states import change_state, choice, state_of
from unicom_core.usecases.shared import put

if TYPE_CHECKING:
    from collections.abc import Mapping

    from unicom_core.domain.handling import BusinessRecord
    from unicom_core.usecases.handling.handlers import HandlingContext

__all__ = ["CallForwarding"]

_CONDITIONS = tuple((c.value, c.label) for c in ForwardingCondition)
_ACTIONS = (("set", "设置"), ("cancel", "取消"))
_CALLING_KINDS = frozenset({ServiceKind.MOBILE, ServiceKind.FIXED_LINE})


def _delay(condition: ForwardingCondition, text: str | None) -> int | None:
    if condition is not ForwardingCondition.NO_REPLY:
        if text is not None:
            raise HANDLING_FORWARDING_DELAY.error(minimum=MIN_DELAY, maximum=MAX_DELAY)
        return None
    if text is None or not text.isascii() or not text.isdigit() or len(text) > 2:  # noqa: PLR2004
        raise HANDLING_FORWARDING_DELAY.error(minimum=MIN_DELAY, maximum=MAX_DELAY)
    return int(text)


def _request(params: Mapping[str, str]) -> tuple[ForwardingCondition, Forwarding | None]:
    """The condition, and the rule to set (None: cancel the condition's rule)."""
    condition = ForwardingCondition(choice(params, "condition", _CONDITIONS))
    if choice(params, "action", _ACTIONS) == "cancel":
        return condition, None
    target = forwarding_target(optional_param(params, "target") or "")
    delay = _delay(condition, optional_param(params, "delay"))
    return condition, Forwarding(condition, target.value, delay)


def _rows(state: ServiceState) -> tuple[tuple[str, str], ...]:
    rows = []
    for condition in ForwardingCondition:
        rule = state.forwarding(condition)
        rows.append((condition.label, "未设置" if rule is None else rule.describe()))
    return tuple(rows)


def _walk(ctx: HandlingContext, target: str) -> list[str]:
    """Refuse a loop from the number to ``target``; the subscriber ids walked through."""
    walked: list[str] = []

    def follow(number: str) -> tuple[str, ...] | None:
        holder = ctx.tx.subscribers.find_by_number(forwarding_target(number))
        if holder is None:
            return None
        walked.append(holder.id)
        state = ctx.tx.service_states.find(holder.id)
        return () if state is None else state.targets

    check_no_loop(ctx.subscriber.number.value, target, follow)
    return walked


class CallForwarding(Handler):
    """Set or cancel the call forwarding of one condition (F-BIZ-1)."""

    kind: ClassVar[str] = "call_forwarding"
    title: ClassVar[str] = "呼叫转移设置"
    capability: ClassVar[Capability] = Capability("handle.call_forwarding")
    fields: ClassVar[tuple[Field, ...]] = (
        Field("condition", "转移条件", choices=_CONDITIONS),
        Field("action", "操作", choices=_ACTIONS),
        Field("target", "转移号码", required=False, hint="手机号码或固定电话号码（不含区号）"),
        Field("delay", "无应答等待（秒）", required=False, hint="5-30秒，仅无应答转移填写"),
    )

    def current(self, ctx: HandlingContext) -> Mapping[str, str]:
        """The forwarding set now: the unconditional one, else the first condition set.

        Its condition, target and delay (the number's own settings); none if nothing is set.
        """
        state = state_of(ctx)
        rule = next(
            (r for c in ForwardingCondition if (r := state.forwarding(c)) is not None), None
        )
        if rule is None:
            return {}
        values = {"condition": rule.condition.value, "action": "set", "target": rule.target}
        if rule.delay_seconds is not None:
            values["delay"] = str(rule.delay_seconds)
        return values

    def decide(self, ctx: HandlingContext, params: Mapping[str, str]) -> Change:
        """Check the number, the target and the loop rule; show the four conditions."""
        kind = ctx.subscriber.number.kind
        if kind not in _CALLING_KINDS:
            raise HANDLING_SERVICE_KIND.error(kind=kind.value, service="call forwarding")
        condition, rule = _request(params)
        state = state_of(ctx)
        before = _rows(state)
        if rule is None:
            state.stop_forwarding(condition, at=ctx.now)
            summary = f"取消{condition.label}"
        else:
            state.forward(rule, at=ctx.now)
            _walk(ctx, rule.target)
            summary = f"{condition.label}：{rule.describe()}"
        kept = [("condition", condition.value), ("action", "cancel" if rule is None else "set")]
        if rule is not None:
            kept.append(("target", rule.target))
            if rule.delay_seconds is not None:
                kept.append(("delay", str(rule.delay_seconds)))
        return Change(
            summary=summary,
            effect=Effect.NOW,
            before=before,
            after=_rows(state),
            terms=("转移后的通话按本号码至转移号码的通话收费。",),
            params=kept,
        )

    def apply_now(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """Set or cancel the rule; save the states walked through (module docstring)."""
        condition, rule = _request(dict(record.change.params))
        if rule is None:
            change_state(ctx, lambda s: s.stop_forwarding(condition, at=ctx.now))
            return
        for holder_id in _walk(ctx, rule.target):
            found = ctx.tx.service_states.find(holder_id)
            put(ctx.tx.service_states, found if found is not None else ServiceState.new(holder_id))
        change_state(ctx, lambda s: s.forward(rule, at=ctx.now))
