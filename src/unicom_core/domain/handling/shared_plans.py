"""A 4G shared plan (主副卡): a primary number and its secondary cards (F-BIZ-3).

The primary number (主卡) holds the shared plan and pays it; the secondary cards (副卡) share
its allowances on the plan's member plan. Changing the primary number (主卡变更) makes one
secondary card the primary and the old primary a secondary card: the members stay, only the
roles move (:meth:`SharedPlan.change_primary`). The change is a business handling effective
from the next cycle (:mod:`unicom_core.usecases.handling.primary_number`).

A group is stored under its own id; its primary is unique in the store (one group per
primary number).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.catalog import check_code
from unicom_core.domain.handling.codes import HANDLING_NOT_MEMBER, HANDLING_SHARED_PLAN
from unicom_core.domain.shared import (
    DomainEvent,
    check_id,
    check_version,
    domain_event,
    guarded,
    require_aware,
    update,
)

if TYPE_CHECKING:
    from datetime import datetime

__all__ = ["MAX_MEMBERS", "SharedPlan", "SharedPlanPrimaryChanged"]

MAX_MEMBERS = 20
"""The most secondary cards a group keeps (the catalogue's plan admits fewer)."""


def _members(values: object) -> tuple[str, ...]:
    items = tuple(values) if isinstance(values, tuple | list) else None
    if items is None or len(items) > MAX_MEMBERS or len(set(items)) != len(items):
        raise HANDLING_SHARED_PLAN.error(field="member_ids")
    for item in items:
        check_id(None, attrs.fields(SharedPlan).member_ids, item)
    return items


@domain_event("handling.shared_plan_primary_changed")
@attrs.frozen(slots=True, kw_only=True)
class SharedPlanPrimaryChanged(DomainEvent):
    """The primary number of a shared plan changed; the old primary is a member now."""

    previous: str
    primary_id: str


@attrs.define(slots=True)
class SharedPlan:
    """A primary number and its secondary cards sharing a 4G plan (F-BIZ-3)."""

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    plan_code: str = attrs.field(validator=check_code, on_setattr=guarded)
    primary_id: str = attrs.field(validator=check_id, on_setattr=guarded)
    member_ids: tuple[str, ...] = attrs.field(default=(), converter=_members, on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)

    def __attrs_post_init__(self) -> None:
        """The primary is not also one of its secondary cards."""
        if self.primary_id in self.member_ids:
            raise HANDLING_SHARED_PLAN.error(field="member_ids")

    def has_member(self, subscriber_id: str) -> bool:
        """Whether ``subscriber_id`` is a secondary card of the group."""
        return subscriber_id in self.member_ids

    def change_primary(self, subscriber_id: str, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Make the secondary card ``subscriber_id`` the primary; the old primary a member.

        Raises:
            Refused: ``handling.not_member`` unless ``subscriber_id`` is a secondary card.
        """
        if not self.has_member(subscriber_id):
            raise HANDLING_NOT_MEMBER.error(number=str(subscriber_id)[:64])
        previous = self.primary_id
        members = tuple(previous if m == subscriber_id else m for m in self.member_ids)
        update(self, primary_id=subscriber_id, member_ids=members)
        event = SharedPlanPrimaryChanged(
            aggregate_id=self.id,
            occurred_at=require_aware(at),
            previous=previous,
            primary_id=subscriber_id,
        )
        return (event,)
