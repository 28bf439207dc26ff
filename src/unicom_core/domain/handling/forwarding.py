"""Call forwarding (呼叫转移, F-BIZ-1): the conditions, a rule, and the rule against loops.

A number forwards its calls per :class:`ForwardingCondition`: always (unconditional), when
busy, when it does not answer within ``delay_seconds`` (5-30 s), or when it cannot be
reached. The target is a valid mainland mobile number or a fixed-line number (parsed as
:class:`~unicom_core.domain.shared.MobileNumber` or
:class:`~unicom_core.domain.shared.FixedLineNumber`), never the number itself.

**No loop (the rule of** :func:`check_no_loop` **).** A forwarding from number *A* to *T* is
refused (``handling.forwarding_loop``) when following the forwardings of the carrier's numbers
from *T*, under any condition, comes back to *A*. Every accepted forwarding passes this
check, so the stored forwardings of the carrier's numbers never form a cycle: a call is never
passed around for ever. The walk visits at most :data:`MAX_WALK` numbers (beyond that the
forwarding is refused as ``handling.forwarding_chain``: too long a chain to check); numbers
of other carriers, and the carrier's numbers that forward nowhere, end it.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Final

import attrs

from unicom_core.domain.handling.codes import (
    HANDLING_FORWARDING_CHAIN,
    HANDLING_FORWARDING_DELAY,
    HANDLING_FORWARDING_LOOP,
    HANDLING_FORWARDING_SELF,
    HANDLING_FORWARDING_TARGET,
    HANDLING_SERVICE_STATE,
)
from unicom_core.domain.shared import FixedLineNumber, MobileNumber, instance_of
from unicom_core.errors import InvalidInput

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "MAX_DELAY",
    "MAX_WALK",
    "MIN_DELAY",
    "Forwarding",
    "ForwardingCondition",
    "check_no_loop",
    "forwarding_target",
]

MIN_DELAY: Final = 5
"""The shortest no-reply delay, in seconds (F-BIZ-1)."""
MAX_DELAY: Final = 30
"""The longest no-reply delay, in seconds (F-BIZ-1)."""
MAX_WALK: Final = 32
"""How many numbers the loop check follows at most before refusing the chain as too long."""
_MOBILE_DIGITS = 11


class ForwardingCondition(enum.Enum):
    """When calls are forwarded (F-BIZ-1)."""

    UNCONDITIONAL = "unconditional"
    """无条件转移: every call."""
    BUSY = "busy"
    """遇忙转移: when the line is busy."""
    NO_REPLY = "no_reply"
    """无应答转移: when no one answers within the delay."""
    NOT_REACHABLE = "not_reachable"
    """不可及转移: when the phone is off or out of coverage."""

    @property
    def label(self) -> str:
        """The condition as the subscriber reads it."""
        return _LABELS[self]


_LABELS = {
    ForwardingCondition.UNCONDITIONAL: "无条件呼叫转移",
    ForwardingCondition.BUSY: "遇忙呼叫转移",
    ForwardingCondition.NO_REPLY: "无应答呼叫转移",
    ForwardingCondition.NOT_REACHABLE: "不可及呼叫转移",
}


def forwarding_target(text: str) -> MobileNumber | FixedLineNumber:
    """The number ``text`` names: a mobile number (11 digits) or a fixed-line number.

    Raises:
        InvalidInput: ``handling.forwarding_target`` if it is neither.
    """
    try:
        if isinstance(text, str) and sum(c.isdigit() for c in text) >= _MOBILE_DIGITS:
            return MobileNumber.parse(text)
        return FixedLineNumber.parse(text)
    except InvalidInput:
        raise HANDLING_FORWARDING_TARGET.error() from None


def _check_target(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or forwarding_target(value).value != value:
        raise HANDLING_FORWARDING_TARGET.error()


def _check_delay(
    instance: Forwarding, _attribute: attrs.Attribute[int | None], value: object
) -> None:
    if instance.condition is not ForwardingCondition.NO_REPLY:
        if value is not None:
            raise HANDLING_FORWARDING_DELAY.error(minimum=MIN_DELAY, maximum=MAX_DELAY)
        return
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_DELAY <= value <= MAX_DELAY:
        raise HANDLING_FORWARDING_DELAY.error(minimum=MIN_DELAY, maximum=MAX_DELAY)


@attrs.frozen(slots=True)
class Forwarding:
    """One forwarding rule: under ``condition``, to ``target`` (its canonical digits).

    ``delay_seconds`` is the no-reply delay (5-30 s) of a ``NO_REPLY`` rule, None otherwise.
    """

    condition: ForwardingCondition = attrs.field(
        validator=instance_of(ForwardingCondition, HANDLING_SERVICE_STATE)
    )
    target: str = attrs.field(validator=_check_target)
    delay_seconds: int | None = attrs.field(default=None, validator=_check_delay)

    def describe(self) -> str:
        """The rule as the subscriber reads it: ``转至 186****0002（20秒无应答）``."""
        target = forwarding_target(self.target)
        shown = target.masked() if isinstance(target, MobileNumber) else target.value
        delay = f"（{self.delay_seconds}秒无应答）" if self.delay_seconds is not None else ""
        return f"转至 {shown}{delay}"


def check_no_loop(
    own: str, target: str, follow: Callable[[str], Iterable[str] | None]
) -> tuple[str, ...]:
    """Refuse a forwarding from ``own`` to ``target`` that would come back (module docstring).

    ``follow(number)`` answers the forwarding targets of the carrier's number ``number`` (empty
    if it forwards nowhere), or None if ``number`` is not one of the carrier's. Returns the
    carrier's numbers the walk went through, in the order visited.

    Raises:
        InvalidInput: ``handling.forwarding_self`` if ``target`` is ``own``.
        Refused: ``handling.forwarding_loop``; ``handling.forwarding_chain`` past
            :data:`MAX_WALK` numbers.
    """
    if target == own:
        raise HANDLING_FORWARDING_SELF.error()
    seen: set[str] = set()
    visited: list[str] = []
    stack = [target]
    while stack:
        number = stack.pop()
        if number == own:
            raise HANDLING_FORWARDING_LOOP.error()
        if number in seen:
            continue
        seen.add(number)
        if len(seen) > MAX_WALK:
            raise HANDLING_FORWARDING_CHAIN.error(maximum=MAX_WALK)
        onward = follow(number)
        if onward is None:
            continue
        visited.append(number)
        stack.extend(sorted(set(onward), reverse=True))
    return tuple(visited)
