"""Roaming and long distance on and off (国际/港澳台漫游、国内长途, F-BIZ-5), and the 4G switch.

:class:`RoamingSwitch` switches international roaming, Hong Kong/Macau/Taiwan roaming or
domestic long distance on or off, at once. Switching one on needs what the carrier's
:class:`~unicom_core.domain.handling.RoamingSettings` say for it: a credit limit of at least
the rule's amount for a postpaid number, or the rule's deposit available on the account
(balance plus credit limit) for a prepaid one. The deposit is checked, not held (the money
stays the subscriber's; the arrears rules stop the service when it runs out). A number in
arrears is refused every roaming handling, switching off included (``handling.arrears``:
the engine checks it before reading the request). Roaming abroad is for SIM numbers; long
distance for fixed lines too.

:class:`Switch4g` switches the 4G data of a 4G SIM number on or off (开通4G, part of F-BIZ-2);
a number of another generation, or without a SIM, is refused ``handling.not_4g``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from unicom_core.domain.access import Capability
from unicom_core.domain.handling import (
    HANDLING_NOT_4G,
    HANDLING_SERVICE_KIND,
    Change,
    Effect,
    RoamingService,
    RoamingSettings,
)
from unicom_core.domain.subscribers import NetworkGeneration, PaymentMode
from unicom_core.usecases.handling.handlers import Field, Handler
from unicom_core.usecases.handling.service_states import (
    ON_OFF,
    change_state,
    choice,
    state_of,
    switch_label,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from unicom_core.domain.handling import BusinessRecord, RoamingRule
    from unicom_core.usecases.handling.handlers import HandlingContext

__all__ = ["RoamingSwitch", "Switch4g"]

_SERVICES = tuple((s.value, s.label) for s in RoamingService)


def _terms(rule: RoamingRule, mode: PaymentMode) -> tuple[str, ...]:
    terms = ["漫游及长途通话、上网按所在地资费另行收费，计入账单。"]
    if mode is PaymentMode.POSTPAID and rule.credit_limit.fen > 0:
        terms.append(f"开通需信用额度不低于 {rule.credit_limit}。")
    elif mode is PaymentMode.PREPAID and rule.deposit.fen > 0:
        terms.append(f"开通需账户可用余额不低于 {rule.deposit}（押金，不冻结）。")
    return tuple(terms)


class RoamingSwitch(Handler):
    """Switch a roaming or long-distance service on or off (F-BIZ-5; module docstring)."""

    kind: ClassVar[str] = "roaming"
    title: ClassVar[str] = "国际及港澳台漫游、国内长途"
    capability: ClassVar[Capability] = Capability("handle.roaming")
    fields: ClassVar[tuple[Field, ...]] = (
        Field("service", "业务", choices=_SERVICES),
        Field("switch", "开通或关闭", choices=ON_OFF),
    )
    refuses_arrears: ClassVar[bool] = True

    def __init__(self, settings: RoamingSettings | None = None) -> None:
        self._settings = settings if settings is not None else RoamingSettings()

    @property
    def settings(self) -> RoamingSettings:
        """The carrier's rules per service."""
        return self._settings

    def current(self, ctx: HandlingContext) -> Mapping[str, str]:
        """The first service switched on (``on``), else the first service (``off``)."""
        switched = state_of(ctx).roaming
        service = next((s for s in RoamingService if s in switched), None)
        if service is None:
            return {"service": next(iter(RoamingService)).value, "switch": "off"}
        return {"service": service.value, "switch": "on"}

    def decide(self, ctx: HandlingContext, params: Mapping[str, str]) -> Change:
        """Check the number and, to switch on, the credit limit or the deposit."""
        service = RoamingService(choice(params, "service", _SERVICES))
        on = choice(params, "switch", ON_OFF) == "on"
        kind = ctx.subscriber.number.kind
        if service.needs_sim and not kind.has_sim:
            raise HANDLING_SERVICE_KIND.error(kind=kind.value, service=service.value)
        rule = self._settings.rule(service)
        if on:
            rule.require(ctx.subscriber.payment_mode, ctx.account)
        state = state_of(ctx)
        was = service in state.roaming
        state.switch_roaming(service, on=on, at=ctx.now)
        terms = _terms(rule, ctx.subscriber.payment_mode) if on else ()
        return Change(
            summary=f"{'开通' if on else '关闭'}{service.label}",
            effect=Effect.NOW,
            before=((service.label, switch_label(was)),),
            after=((service.label, switch_label(on)),),
            terms=terms,
            params=(("service", service.value), ("switch", "on" if on else "off")),
        )

    def apply_now(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """Switch the service in the number's state."""
        service = RoamingService(record.change.param("service"))
        on = record.change.param("switch") == "on"
        change_state(ctx, lambda s: s.switch_roaming(service, on=on, at=ctx.now))


class Switch4g(Handler):
    """Switch the 4G data of a 4G SIM number on or off (开通4G, F-BIZ-2)."""

    kind: ClassVar[str] = "switch_4g"
    title: ClassVar[str] = "开通4G"
    capability: ClassVar[Capability] = Capability("handle.switch_4g")
    fields: ClassVar[tuple[Field, ...]] = (Field("switch", "4G上网", choices=ON_OFF),)

    def current(self, ctx: HandlingContext) -> Mapping[str, str]:
        """Whether the 4G data is on now."""
        return {"switch": "on" if state_of(ctx).data_4g else "off"}

    def decide(self, ctx: HandlingContext, params: Mapping[str, str]) -> Change:
        """Refuse a number that is not a 4G SIM; show the switch before and after."""
        on = choice(params, "switch", ON_OFF) == "on"
        generation = ctx.subscriber.generation
        if generation is not NetworkGeneration.G4:
            shown = ctx.subscriber.number.kind.value if generation is None else generation.value
            raise HANDLING_NOT_4G.error(generation=shown)
        state = state_of(ctx)
        was = state.data_4g
        state.switch_data_4g(on=on, at=ctx.now)
        return Change(
            summary=f"{'开通' if on else '关闭'}4G上网",
            effect=Effect.NOW,
            before=(("4G上网", switch_label(was)),),
            after=(("4G上网", switch_label(on)),),
            terms=("4G上网流量按号码所用套餐计费。",) if on else (),
            params=(("switch", "on" if on else "off"),),
        )

    def apply_now(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """Switch the 4G data in the number's state."""
        on = record.change.param("switch") == "on"
        change_state(ctx, lambda s: s.switch_data_4g(on=on, at=ctx.now))
