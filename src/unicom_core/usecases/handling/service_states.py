"""What the service handlings share: a number's service state, switches and choices.

The handlings of call forwarding, roaming, WLAN and the 4G switch (F-BIZ-1, F-BIZ-5,
F-BIZ-6, F-BIZ-2) each change the number's
:class:`~unicom_core.domain.handling.ServiceState`: :func:`state_of` reads it (everything off
if none is stored) and :func:`change_state` saves it with its events in the handling's
transaction. :func:`choice` reads a parameter that is one of a field's choices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.handling import HANDLING_PARAMETER, ServiceState
from unicom_core.usecases.handling.handlers import param

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from unicom_core.domain.shared import DomainEvent
    from unicom_core.usecases.handling.handlers import HandlingContext

__all__ = ["ON_OFF", "change_state", "choice", "state_of", "switch_label"]

ON_OFF = (("on", "开通"), ("off", "关闭"))
"""The choices of a switch."""


def state_of(ctx: HandlingContext) -> ServiceState:
    """The number's service state as stored (a new one, everything off, if none is)."""
    found = ctx.tx.service_states.find(ctx.subscriber.id)
    return found if found is not None else ServiceState.new(ctx.subscriber.id)


def change_state(
    ctx: HandlingContext, change: Callable[[ServiceState], Iterable[DomainEvent]]
) -> ServiceState:
    """Apply ``change`` to the number's stored state and save it with its events."""
    state = state_of(ctx)
    ctx.write(ctx.tx.service_states, state, change(state))
    return state


def choice(params: Mapping[str, str], name: str, choices: Iterable[tuple[str, str]]) -> str:
    """The parameter ``name`` if it is one of ``choices``' values (``handling.parameter``)."""
    value = param(params, name)
    if value not in {key for key, _ in choices}:
        raise HANDLING_PARAMETER.error(field=name)
    return value


def switch_label(on: bool) -> str:  # noqa: FBT001 - a switch's state
    """``已开通`` or ``未开通``."""
    return "已开通" if on else "未开通"
