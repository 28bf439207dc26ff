"""What the customer, subscriber and account aggregates share: ids, checks, guarded updates.

Aggregate fields are guarded with ``on_setattr=attrs.setters.frozen``: a status or a balance
changes only through the aggregate's methods (a cancelled number cannot come back by a plain
assignment, F-QRY-7). The methods go through :func:`update`, which validates the whole new
state first (``attrs.evolve`` runs every validator) and then writes it in place, so the
caller's object, and its ``version`` for optimistic concurrency, stays the same object.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs
from attrs import AttrsInstance

from unicom_core.domain.shared.codes import AGGREGATE_VERSION, EVENT_OCCURRED_AT, ID_FORMAT

if TYPE_CHECKING:
    from collections.abc import Callable

    from attrs import Attribute

    from unicom_core.errors import ErrorCode, InvalidInput

__all__ = [
    "check_id",
    "check_version",
    "guarded",
    "instance_of",
    "new_id",
    "require_aware",
    "require_date",
    "tuple_of",
    "update",
]

_V = TypeVar("_V")

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")

guarded = attrs.setters.frozen
"""The ``on_setattr`` of every aggregate field but ``version``: change it through a method."""


def new_id() -> str:
    """A fresh aggregate id: 32 lower-case hex digits (uuid4); ids are made by the caller."""
    return uuid.uuid4().hex


def check_id(_instance: object, attribute: Attribute[Any], value: object) -> None:
    """Validate an aggregate id: 1-64 letters, digits, ``_.:-``, starting alphanumeric."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ID_FORMAT.error(field=attribute.name)


def check_version(_instance: object, _attribute: Attribute[int], value: object) -> None:
    """Validate an optimistic-concurrency version: an integer >= 0 (0 means never stored)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise AGGREGATE_VERSION.error(
            f"a version is an integer >= 0, not {value!r}", field="version"
        )


def instance_of(
    cls: type | tuple[type, ...], code: ErrorCode[InvalidInput]
) -> Callable[[Any, Any, Any], None]:
    """An attrs validator like ``attrs.validators.instance_of`` raising ``InvalidInput(code)``."""

    def check(_instance: object, attribute: Attribute[object], value: object) -> None:
        if not isinstance(value, cls) or isinstance(value, bool):
            raise code.error(
                f"{attribute.name} has the wrong type: {type(value).__name__}", field=attribute.name
            )

    return check


def tuple_of(
    values: object, kind: type[_V], code: ErrorCode[InvalidInput], field: str
) -> tuple[_V, ...]:
    """``values`` (a tuple or list of ``kind``) as a tuple, else ``code`` with ``field``.

    The one check of every aggregate's collection field (a bill's lines, a profile's
    adjustments, a points account's lots), called by each field's named attrs converter.
    """
    if not isinstance(values, tuple | list) or not all(isinstance(v, kind) for v in values):
        raise code.error(field=field)
    return tuple(values)


def require_aware(at: object) -> datetime:
    """Return ``at`` if it is an aware datetime; ``InvalidInput`` ``event.occurred_at`` if not."""
    if not isinstance(at, datetime) or at.utcoffset() is None:
        raise EVENT_OCCURRED_AT.error(
            f"a change happens at an aware datetime, not {at!r}", field="at"
        )
    return at


def require_date(day: object, code: ErrorCode[InvalidInput], field: str) -> date:
    """Return ``day`` if it is a calendar date (not a datetime), else raise ``InvalidInput``."""
    if not isinstance(day, date) or isinstance(day, datetime):
        raise code.error(f"{field} must be a date, not {day!r}", field=field)
    return day


def update(aggregate: AttrsInstance, **changes: object) -> None:
    """Validate ``aggregate`` with ``changes`` applied, then apply them in place."""
    checked = attrs.evolve(cast("Any", aggregate), **changes)  # any aggregate class
    for name in changes:
        object.__setattr__(aggregate, name, getattr(checked, name))
