"""Validators shared by the access records: aware instants, durations, counts (F-AUTH-7)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from attrs import Attribute

    from unicom_core.errors import ErrorCode, InvalidInput

__all__ = ["aware", "count_at_least", "instants", "optional_aware", "positive_duration"]


def _is_aware(value: object) -> bool:
    return isinstance(value, datetime) and value.utcoffset() is not None


def aware(code: ErrorCode[InvalidInput]) -> Callable[[Any, Attribute[Any], Any], None]:
    """A validator requiring an aware datetime, raising ``InvalidInput(code)``."""

    def check(_instance: object, attribute: Attribute[Any], value: object) -> None:
        if not _is_aware(value):
            raise code.error(f"{attribute.name} must be an aware datetime", field=attribute.name)

    return check


def optional_aware(code: ErrorCode[InvalidInput]) -> Callable[[Any, Attribute[Any], Any], None]:
    """Like :func:`aware`, but None is allowed."""
    inner = aware(code)

    def check(instance: object, attribute: Attribute[Any], value: object) -> None:
        if value is not None:
            inner(instance, attribute, value)

    return check


def instants(code: ErrorCode[InvalidInput]) -> Callable[[Any, Attribute[Any], Any], None]:
    """A validator requiring a tuple of aware datetimes."""

    def check(_instance: object, attribute: Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple) or not all(_is_aware(item) for item in value):
            raise code.error(
                f"{attribute.name} must be a tuple of aware datetimes", field=attribute.name
            )

    return check


def positive_duration(code: ErrorCode[InvalidInput]) -> Callable[[Any, Attribute[Any], Any], None]:
    """A validator requiring a timedelta longer than zero."""

    def check(_instance: object, attribute: Attribute[Any], value: object) -> None:
        if not isinstance(value, timedelta) or value <= timedelta(0):
            raise code.error(f"{attribute.name} must be a positive timedelta", field=attribute.name)

    return check


def count_at_least(
    code: ErrorCode[InvalidInput], minimum: int
) -> Callable[[Any, Attribute[Any], Any], None]:
    """A validator requiring an integer >= ``minimum`` (bools refused)."""

    def check(_instance: object, attribute: Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise code.error(
                f"{attribute.name} must be an integer >= {minimum}", field=attribute.name
            )

    return check
