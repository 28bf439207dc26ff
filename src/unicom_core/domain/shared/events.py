"""Domain events: the facts an aggregate reports after a change (docs/explanation/hexagon.md).

An aggregate method returns the events that happened; a use case appends them to the
storage outbox in the same transaction, and a relay publishes them later. Every concrete
event is a frozen attrs class of simple values (so the one cattrs converter can store it)
registered under a stable dotted name with :func:`domain_event`; a stored event is read
back with :func:`event_class`.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, TypeVar

import attrs

from unicom_core.domain.shared.codes import EVENT_FIELD, EVENT_OCCURRED_AT, EVENT_UNKNOWN_TYPE

if TYPE_CHECKING:
    from collections.abc import Callable

    from attrs import Attribute

__all__ = ["DomainEvent", "domain_event", "event_class", "event_types", "new_event_id"]

_E = TypeVar("_E", bound="type[DomainEvent]")
_REGISTRY: dict[str, type[DomainEvent]] = {}


def new_event_id() -> str:
    """A fresh, random event id (uuid4 hex); events are identified, never compared by time."""
    return uuid.uuid4().hex


def _check_aware(_instance: object, attribute: Attribute[datetime], value: object) -> None:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise EVENT_OCCURRED_AT.error(
            f"an event happens at an aware datetime, not {value!r}", field=attribute.name
        )


def _check_text(_instance: object, attribute: Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise EVENT_FIELD.error(field=attribute.name)


@attrs.frozen(slots=True, kw_only=True)
class DomainEvent:
    """The base of every domain event: what happened to which aggregate, and when.

    ``event_type`` is the registered stable name (``"subscriber.suspended"``); it is a class
    variable, not a field, so it never appears twice in a stored payload.
    """

    event_type: ClassVar[str] = "domain.event"

    aggregate_id: str = attrs.field(validator=_check_text)
    occurred_at: datetime = attrs.field(validator=_check_aware)
    event_id: str = attrs.field(factory=new_event_id, validator=_check_text)


def domain_event(name: str) -> Callable[[_E], _E]:
    """Register a concrete event class under a stable ``name`` (the outbox stores the name)."""

    def register(cls: _E) -> _E:
        known = _REGISTRY.get(name)
        if known is not None and known.__qualname__ != cls.__qualname__:
            msg = f"event name {name!r} is taken by {known.__qualname__}"
            raise ValueError(msg)
        cls.event_type = name
        _REGISTRY[name] = cls
        return cls

    return register


def event_class(name: str) -> type[DomainEvent]:
    """The event class registered under ``name``; ``NotFound`` ``event.unknown_type`` if none."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise EVENT_UNKNOWN_TYPE.error(event_type=name) from None


def event_types() -> dict[str, type[DomainEvent]]:
    """A copy of the registry: every registered event name and its class."""
    return dict(_REGISTRY)
