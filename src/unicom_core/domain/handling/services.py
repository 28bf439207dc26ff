"""The switchable services of a number (F-BIZ-1, F-BIZ-5, F-BIZ-6, F-BIZ-2): one aggregate.

:class:`ServiceState` (id = the subscriber's id, versioned) holds what a subscriber switches
through business handling:

* call forwarding, one rule per condition (:mod:`unicom_core.domain.handling.forwarding`);
* roaming and long distance (:class:`RoamingService`): international, Hong Kong/Macau/
  Taiwan, domestic long distance, each on or off; switching one on needs a credit limit
  (postpaid) or a deposit (prepaid) per :class:`RoamingSettings`;
* WLAN (the carrier's hotspots): on or off, and the digest of its password (never the
  password: see :func:`check_wlan_password`) with when it was set;
* the 4G data switch of a 4G SIM (开通4G).

A number without a stored state has every service off and no forwarding
(:meth:`ServiceState.new`). Each move returns its domain events and changes one thing; a move
that changes nothing is ``handling.no_change``.
"""

from __future__ import annotations

import enum
import re
from datetime import datetime
from typing import TYPE_CHECKING, Final

import attrs

from unicom_core.domain.handling.codes import (
    HANDLING_NO_CHANGE,
    HANDLING_ROAMING_CREDIT,
    HANDLING_ROAMING_DEPOSIT,
    HANDLING_SERVICE_STATE,
    HANDLING_WLAN_PASSWORD,
)
from unicom_core.domain.handling.forwarding import Forwarding, ForwardingCondition
from unicom_core.domain.shared import (
    DomainEvent,
    Money,
    check_id,
    check_version,
    domain_event,
    guarded,
    instance_of,
    require_aware,
    to_shanghai,
    update,
)
from unicom_core.domain.subscribers import PaymentMode

if TYPE_CHECKING:
    from collections.abc import Iterable

    from unicom_core.domain.subscribers import Account

__all__ = [
    "WLAN_PASSWORD_RULE",
    "Data4gSwitched",
    "ForwardingCancelled",
    "ForwardingSet",
    "RoamingRule",
    "RoamingService",
    "RoamingSettings",
    "RoamingSwitched",
    "ServiceState",
    "WlanPasswordSet",
    "WlanSwitched",
    "check_wlan_password",
]

_WLAN_PASSWORD = re.compile(r"(?=[A-Za-z0-9]*[A-Za-z])(?=[A-Za-z0-9]*[0-9])[A-Za-z0-9]{8,16}")
WLAN_PASSWORD_RULE: Final = "8-16 letters and digits, at least one of each"  # noqa: S105 - a rule
"""The rule a WLAN password follows (F-BIZ-6)."""


def check_wlan_password(password: str) -> str:
    """``password`` if it follows :data:`WLAN_PASSWORD_RULE` (``handling.wlan_password``).

    The error never carries the password.
    """
    if not isinstance(password, str) or not _WLAN_PASSWORD.fullmatch(password):
        raise HANDLING_WLAN_PASSWORD.error()
    return password


class RoamingService(enum.Enum):
    """A service switched on and off as roaming (F-BIZ-5)."""

    INTERNATIONAL = "international"
    """国际漫游."""
    HK_MACAU_TAIWAN = "hk_macau_taiwan"
    """港澳台漫游."""
    LONG_DISTANCE = "long_distance"
    """国内长途."""

    @property
    def label(self) -> str:
        """The service as the subscriber reads it."""
        return _ROAMING_LABELS[self]

    @property
    def needs_sim(self) -> bool:
        """Roaming abroad is for SIM numbers; long distance is for fixed lines too."""
        return self is not RoamingService.LONG_DISTANCE


_ROAMING_LABELS = {
    RoamingService.INTERNATIONAL: "国际漫游",
    RoamingService.HK_MACAU_TAIWAN: "港澳台漫游",
    RoamingService.LONG_DISTANCE: "国内长途",
}


def _amount(_instance: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if not isinstance(value, Money) or value.is_negative:
        raise HANDLING_SERVICE_STATE.error(field=attribute.name)


@attrs.frozen(slots=True)
class RoamingRule:
    """What switching ``service`` on needs (F-BIZ-5).

    A postpaid number's account needs a credit limit of at least ``credit_limit``; a prepaid
    number's account needs ``deposit`` available (balance plus credit limit). The deposit is
    checked, not held: the balance stays the subscriber's to spend (the carrier's arrears
    rules stop the service if it runs out).
    """

    service: RoamingService = attrs.field(
        validator=instance_of(RoamingService, HANDLING_SERVICE_STATE)
    )
    credit_limit: Money = attrs.field(default=Money(0), validator=_amount)
    deposit: Money = attrs.field(default=Money(0), validator=_amount)

    def require(self, payment_mode: PaymentMode, account: Account) -> None:
        """Refuse unless ``account`` meets the rule for a number paying by ``payment_mode``.

        Raises:
            Refused: ``handling.roaming_credit`` (postpaid), ``handling.roaming_deposit``
                (prepaid).
        """
        if payment_mode is PaymentMode.POSTPAID:
            if account.credit_limit < self.credit_limit:
                raise HANDLING_ROAMING_CREDIT.error(
                    service=self.service.value, required=str(self.credit_limit)
                )
        elif account.available < self.deposit:
            raise HANDLING_ROAMING_DEPOSIT.error(
                service=self.service.value, required=str(self.deposit)
            )


_DEFAULT_RULES = (
    RoamingRule(RoamingService.INTERNATIONAL, credit_limit=Money(50000), deposit=Money(50000)),
    RoamingRule(RoamingService.HK_MACAU_TAIWAN, credit_limit=Money(30000), deposit=Money(30000)),
    RoamingRule(RoamingService.LONG_DISTANCE),
)


def _rules(values: Iterable[RoamingRule]) -> tuple[RoamingRule, ...]:
    rules = tuple(values)
    services = [rule.service for rule in rules if isinstance(rule, RoamingRule)]
    if len(services) != len(rules) or sorted(s.value for s in services) != sorted(
        s.value for s in RoamingService
    ):
        raise HANDLING_SERVICE_STATE.error("one rule per roaming service", field="rules")
    return rules


@attrs.frozen(slots=True)
class RoamingSettings:
    """The carrier's roaming rules, one per :class:`RoamingService` (F-BIZ-5).

    The defaults: international roaming needs a 500元 credit limit (postpaid) or 500元
    available (prepaid); Hong Kong/Macau/Taiwan 300元; domestic long distance nothing.
    """

    rules: tuple[RoamingRule, ...] = attrs.field(default=_DEFAULT_RULES, converter=_rules)

    def rule(self, service: RoamingService) -> RoamingRule:
        """The rule of ``service``."""
        return next(rule for rule in self.rules if rule.service is service)


def _flag(_instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise HANDLING_SERVICE_STATE.error(field=attribute.name)


def _forwardings(values: Iterable[Forwarding]) -> tuple[Forwarding, ...]:
    rules = tuple(values)
    if not all(isinstance(rule, Forwarding) for rule in rules):
        raise HANDLING_SERVICE_STATE.error(field="forwardings")
    order = list(ForwardingCondition)
    conditions = [rule.condition for rule in rules]
    if len(set(conditions)) != len(conditions):
        raise HANDLING_SERVICE_STATE.error("one rule per condition", field="forwardings")
    return tuple(sorted(rules, key=lambda rule: order.index(rule.condition)))


def _roaming(values: Iterable[RoamingService]) -> tuple[RoamingService, ...]:
    services = tuple(values)
    if not all(isinstance(service, RoamingService) for service in services):
        raise HANDLING_SERVICE_STATE.error(field="roaming")
    order = list(RoamingService)
    return tuple(sorted(set(services), key=order.index))


def _optional_instant(value: datetime | None) -> datetime | None:
    return None if value is None else to_shanghai(value, field="wlan_password_set_at")


def _digest(_instance: object, _attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value or len(value) > 512):  # noqa: PLR2004
        raise HANDLING_SERVICE_STATE.error(field="wlan_password_digest")


@domain_event("services.forwarding_set")
@attrs.frozen(slots=True, kw_only=True)
class ForwardingSet(DomainEvent):
    """A number forwards its calls under ``forwarding.condition`` (F-BIZ-1)."""

    forwarding: Forwarding


@domain_event("services.forwarding_cancelled")
@attrs.frozen(slots=True, kw_only=True)
class ForwardingCancelled(DomainEvent):
    """A number stopped forwarding its calls under ``condition`` (F-BIZ-1)."""

    condition: ForwardingCondition


@domain_event("services.roaming_switched")
@attrs.frozen(slots=True, kw_only=True)
class RoamingSwitched(DomainEvent):
    """A roaming or long-distance service was switched on or off (F-BIZ-5)."""

    service: RoamingService
    on: bool


@domain_event("services.wlan_switched")
@attrs.frozen(slots=True, kw_only=True)
class WlanSwitched(DomainEvent):
    """WLAN was switched on or off (F-BIZ-6)."""

    on: bool


@domain_event("services.wlan_password_set")
@attrs.frozen(slots=True, kw_only=True)
class WlanPasswordSet(DomainEvent):
    """The WLAN password was changed (``reset``: generated and sent by SMS); never the secret."""

    reset: bool


@domain_event("services.data_4g_switched")
@attrs.frozen(slots=True, kw_only=True)
class Data4gSwitched(DomainEvent):
    """The 4G data switch of a 4G SIM was switched on or off (F-BIZ-2)."""

    on: bool


@attrs.define(slots=True)
class ServiceState:
    """The switchable services of one number (module docstring); ``id`` is its subscriber id."""

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    forwardings: tuple[Forwarding, ...] = attrs.field(
        default=(), converter=_forwardings, on_setattr=guarded
    )
    roaming: tuple[RoamingService, ...] = attrs.field(
        default=(), converter=_roaming, on_setattr=guarded
    )
    """The roaming and long-distance services switched on."""
    wlan_on: bool = attrs.field(default=False, validator=_flag, on_setattr=guarded)
    wlan_password_digest: str | None = attrs.field(
        default=None, validator=_digest, repr=False, on_setattr=guarded
    )
    """What the password hasher made of the WLAN password; never shown, never logged."""
    wlan_password_set_at: datetime | None = attrs.field(
        default=None, converter=_optional_instant, on_setattr=guarded
    )
    data_4g: bool = attrs.field(default=False, validator=_flag, on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)

    def __attrs_post_init__(self) -> None:
        """A password digest and its date come together."""
        if (self.wlan_password_digest is None) != (self.wlan_password_set_at is None):
            raise HANDLING_SERVICE_STATE.error(field="wlan_password_set_at")

    @classmethod
    def new(cls, subscriber_id: str) -> ServiceState:
        """The state of a number that never changed a service: everything off."""
        return cls(subscriber_id)

    def forwarding(self, condition: ForwardingCondition) -> Forwarding | None:
        """The rule of ``condition``, or None."""
        return next((rule for rule in self.forwardings if rule.condition is condition), None)

    @property
    def targets(self) -> tuple[str, ...]:
        """The numbers this one forwards to, under any condition."""
        return tuple(rule.target for rule in self.forwardings)

    def forward(self, rule: Forwarding, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Set the rule of ``rule.condition`` (replacing the one there was)."""
        if self.forwarding(rule.condition) == rule:
            raise HANDLING_NO_CHANGE.error(field="target")
        others = [r for r in self.forwardings if r.condition is not rule.condition]
        update(self, forwardings=(*others, rule))
        return (
            ForwardingSet(aggregate_id=self.id, occurred_at=require_aware(at), forwarding=rule),
        )

    def stop_forwarding(
        self, condition: ForwardingCondition, *, at: datetime
    ) -> tuple[DomainEvent, ...]:
        """Remove the rule of ``condition`` (``handling.no_change`` if there is none)."""
        if self.forwarding(condition) is None:
            raise HANDLING_NO_CHANGE.error(field="condition")
        kept = tuple(r for r in self.forwardings if r.condition is not condition)
        update(self, forwardings=kept)
        event = ForwardingCancelled(
            aggregate_id=self.id, occurred_at=require_aware(at), condition=condition
        )
        return (event,)

    def switch_roaming(
        self, service: RoamingService, *, on: bool, at: datetime
    ) -> tuple[DomainEvent, ...]:
        """Switch ``service`` on or off (the rule of its settings is the handler's to check)."""
        if (service in self.roaming) == on:
            raise HANDLING_NO_CHANGE.error(field="switch")
        kept = [s for s in self.roaming if s is not service]
        update(self, roaming=(*kept, service) if on else kept)
        event = RoamingSwitched(
            aggregate_id=self.id, occurred_at=require_aware(at), service=service, on=on
        )
        return (event,)

    def switch_wlan(self, *, on: bool, at: datetime) -> tuple[DomainEvent, ...]:
        """Switch WLAN on or off."""
        if self.wlan_on == on:
            raise HANDLING_NO_CHANGE.error(field="action")
        update(self, wlan_on=on)
        return (WlanSwitched(aggregate_id=self.id, occurred_at=require_aware(at), on=on),)

    def set_wlan_password(
        self, digest: str, *, reset: bool, at: datetime
    ) -> tuple[DomainEvent, ...]:
        """Keep ``digest`` (the hasher's output, never the password) as the WLAN password."""
        when = require_aware(at)
        update(self, wlan_password_digest=digest, wlan_password_set_at=when)
        return (WlanPasswordSet(aggregate_id=self.id, occurred_at=when, reset=reset),)

    def switch_data_4g(self, *, on: bool, at: datetime) -> tuple[DomainEvent, ...]:
        """Switch the 4G data switch on or off."""
        if self.data_4g == on:
            raise HANDLING_NO_CHANGE.error(field="switch")
        update(self, data_4g=on)
        return (Data4gSwitched(aggregate_id=self.id, occurred_at=require_aware(at), on=on),)
