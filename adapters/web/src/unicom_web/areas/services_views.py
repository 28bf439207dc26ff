"""What the web shows of a number's services and plan status (F-BIZ-1..7): bodies and making.

The JSON bodies of ``/api/v1/services`` and ``/api/v1/plans/...`` are views of the hall's
reads (``hall.services``, ``hall.plans``), not the stored aggregates: a forwarding target
is shown masked (``186****0002``; a fixed line ``82****78``), since it may be another
person's number; the WLAN password, or its digest, never appears, only when it was set.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.handling import (
    ForwardingCondition,
    RecordStatus,
    RoamingService,
    forwarding_target,
)
from unicom_core.domain.shared import MobileNumber
from unicom_core.domain.subscribers import NetworkGeneration
from unicom_core.usecases.handling import SharedPlanView, UpgradeState

if TYPE_CHECKING:
    from unicom_core.domain.handling import Forwarding
    from unicom_core.usecases.handling import ServicesView, UpgradeStatus

__all__ = [
    "ForwardingBody",
    "RoamingBody",
    "ServicesBody",
    "SharedPlanBody",
    "UpgradeStatusBody",
    "masked_target",
    "services_body",
    "upgrade_body",
]

_SHOWN = 2


@attrs.frozen(slots=True)
class ForwardingBody:
    """One forwarding set (F-BIZ-1): its condition, the target masked, the no-reply delay."""

    condition: ForwardingCondition
    target: str
    delay_seconds: int | None


@attrs.frozen(slots=True)
class RoamingBody:
    """A roaming or long-distance service, on or off (F-BIZ-5)."""

    service: RoamingService
    on: bool


@attrs.frozen(slots=True)
class ServicesBody:
    """What the number has switched (F-BIZ-1, F-BIZ-5, F-BIZ-6, F-BIZ-2).

    ``forwardings``: the conditions set, in the order of :class:`ForwardingCondition`;
    ``roaming``: every service with its switch; ``wlan_password_set_at``: when the WLAN
    password was last set (None: never), the password itself is never shown.
    """

    forwardings: tuple[ForwardingBody, ...]
    roaming: tuple[RoamingBody, ...]
    wlan_on: bool
    wlan_password_set_at: datetime | None
    data_4g: bool


@attrs.frozen(slots=True)
class UpgradeStatusBody:
    """Where the number stands with the 4G upgrade (F-BIZ-4) and its F-CAL-4 windows.

    ``record_*``: the latest upgrade record, if any (its page: ``/handling/records/{id}``);
    ``effective_cycle``: the cycle (``2026-12``) the 4G plan takes or took effect in;
    ``payment_opens`` / ``query_opens``: when payments / charge and usage queries open
    again in that cycle, if not now.
    """

    state: UpgradeState
    generation: NetworkGeneration | None
    plan_code: str
    record_id: str | None
    record_status: RecordStatus | None
    requested_at: datetime | None
    effective_from: datetime | None
    effective_cycle: str | None
    payment_opens: datetime | None
    query_opens: datetime | None


@attrs.frozen(slots=True)
class SharedPlanBody:
    """The 4G shared plan whose primary is the number (F-BIZ-3), or ``group`` null.

    The primary and the secondary cards are masked.
    """

    group: SharedPlanView | None


def masked_target(value: str) -> str:
    """A forwarding target as shown: ``186****0002``; a fixed line ``82****78``."""
    target = forwarding_target(value)
    if isinstance(target, MobileNumber):
        return target.masked()
    digits = target.value
    return f"{digits[:_SHOWN]}{'*' * (len(digits) - 2 * _SHOWN)}{digits[-_SHOWN:]}"


def _forwarding(rule: Forwarding) -> ForwardingBody:
    return ForwardingBody(rule.condition, masked_target(rule.target), rule.delay_seconds)


def services_body(view: ServicesView) -> ServicesBody:
    """The body of ``view``: forwardings by condition, every roaming service's switch."""
    rules = {rule.condition: rule for rule in view.forwardings}
    return ServicesBody(
        forwardings=tuple(_forwarding(rules[c]) for c in ForwardingCondition if c in rules),
        roaming=tuple(RoamingBody(s, s in view.roaming) for s in RoamingService),
        wlan_on=view.wlan_on,
        wlan_password_set_at=view.wlan_password_set_at,
        data_4g=view.data_4g,
    )


def upgrade_body(status: UpgradeStatus) -> UpgradeStatusBody:
    """The body of ``status``: the latest record's id, status and dates, not the record."""
    record = status.record
    cycle = status.effective_cycle
    return UpgradeStatusBody(
        state=status.state,
        generation=status.generation,
        plan_code=status.plan_code,
        record_id=None if record is None else record.id,
        record_status=None if record is None else record.status,
        requested_at=None if record is None else record.requested_at,
        effective_from=None if record is None else record.effective_from,
        effective_cycle=None if cycle is None else str(cycle),
        payment_opens=status.payment_opens,
        query_opens=status.query_opens,
    )
