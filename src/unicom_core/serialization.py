"""The one cattrs converter: attrs values and aggregates to primitives and back.

Every edge of the hexagon (the SQL adapter's JSON columns, the web adapter's bodies, the
outbox) turns domain objects into plain data through :data:`converter` and back through
:func:`structure`, so a value is written one way everywhere (docs/explanation/hexagon.md).

The shapes chosen here are part of the public contract:

* :class:`~unicom_core.domain.shared.money.Money` -> ``{"fen": 1234, "currency": "CNY"}``
  (integer fen: JSON numbers are floats in many clients, but an integer below 2**53 is exact).
* identifier values (``MobileNumber``, ``ResidentId``, ...) -> their canonical string.
  A resident ID is written in full: storage needs it; logs and pages use ``masked()``.
* ``BillingCycle`` -> ``"2026-11"``; aware ``datetime`` -> ISO 8601 with its offset;
  ``date`` -> ``"2026-11-26"``; ``Decimal`` -> its string; enums -> their value.

Structuring is strict: ``"12"`` is not an ``int``, ``1.5`` is not a fen count, a naive
timestamp is refused, an unknown key is refused. Every failure is an
:class:`~unicom_core.errors.InvalidInput`, never a bare ``ValueError``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol, TypeVar, cast

import cattrs

from unicom_core.domain.shared import (
    SERIALIZATION_INVALID,
    SERIALIZATION_TYPE,
    TIME_NAIVE,
    BillingCycle,
    BroadbandAccount,
    EmailAddress,
    FixedLineNumber,
    MobileNumber,
    ResidentId,
)
from unicom_core.errors import InvalidInput

__all__ = ["converter", "structure", "unstructure"]

T = TypeVar("T")


class _StringValue(Protocol):
    value: str


converter = cattrs.Converter(forbid_extra_keys=True)
"""The converter every adapter uses; register hooks for new value types here."""


def _bad(type_name: str, value: object) -> InvalidInput:
    return SERIALIZATION_TYPE.error(
        f"expected {type_name}, got {type(value).__name__} {value!r}", expected=type_name
    )


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad("an integer", value)
    return value


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _bad("a string", value)
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _bad("true or false", value)
    return value


def _structure_decimal(value: object, _: type) -> Decimal:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise _bad("a decimal string", value)
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise _bad("a decimal string", value) from None
    if not number.is_finite():
        raise _bad("a finite decimal", value)
    return number


def _structure_datetime(value: object, _: type) -> datetime:
    if not isinstance(value, str):
        raise _bad("an ISO 8601 timestamp", value)
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        raise _bad("an ISO 8601 timestamp", value) from None
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise TIME_NAIVE.error(f"a timestamp needs its UTC offset: {value!r}", value=value)
    return instant


def _structure_date(value: object, _: type) -> date:
    if not isinstance(value, str):
        raise _bad("an ISO 8601 date", value)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _bad("an ISO 8601 date (YYYY-MM-DD)", value) from None


def _register_scalars() -> None:
    # Scalars first: cattrs resolves hooks for containers from the hooks already present.
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(datetime, _structure_datetime)
    converter.register_unstructure_hook(datetime, datetime.isoformat)
    converter.register_structure_hook(date, _structure_date)
    converter.register_unstructure_hook(date, date.isoformat)


def _register_string_value(cls: type[_StringValue]) -> None:
    def _structure(value: object, _: type) -> _StringValue:
        if not isinstance(value, str):
            raise _bad(f"a {cls.__name__} string", value)
        return cls(value)  # type: ignore[call-arg]

    converter.register_structure_hook(cls, _structure)
    converter.register_unstructure_hook(cls, lambda item: item.value)


def _register_values() -> None:
    for cls in (MobileNumber, EmailAddress, FixedLineNumber, BroadbandAccount, ResidentId):
        _register_string_value(cast("type[_StringValue]", cls))

    def _structure_cycle(value: object, _: type) -> BillingCycle:
        if not isinstance(value, str):
            raise _bad("a billing cycle such as 2026-11", value)
        return BillingCycle.parse(value)

    converter.register_structure_hook(BillingCycle, _structure_cycle)
    converter.register_unstructure_hook(BillingCycle, str)


_register_scalars()
_register_values()

_fast = converter.copy(detailed_validation=False)
"""The same hooks without cattrs' detailed validation: the path of data that is valid.

Stored rows are read through it (a bill run structures some 10**4 accounts, subscribers
and profiles); what it refuses is structured again through :data:`converter`, so every
error keeps its paths. A copy of the hooks above: a hook registered on :data:`converter`
later is not in it, so register hooks here, before this line.
"""


def unstructure(obj: object) -> Any:  # noqa: ANN401 - primitives of any JSON shape
    """Turn a domain object into JSON-ready primitives (dicts, lists, str, int, bool)."""
    return converter.unstructure(obj)


def _first_invalid_input(error: BaseException) -> InvalidInput | None:
    if isinstance(error, InvalidInput):
        return error
    for inner in getattr(error, "exceptions", ()):
        found = _first_invalid_input(inner)
        if found is not None:
            return found
    return None


def structure(data: object, cls: type[T]) -> T:
    """Build a ``cls`` from primitives, or raise :class:`InvalidInput` saying where and why.

    The error carries ``errors``: one line per problem with its path
    (``"invalid value @ $.balance.fen"``); its code is the first domain rule that failed
    (``mobile.segment``) or ``serialization.invalid`` for a shape error.
    """
    try:
        return _fast.structure(data, cls)
    except Exception:  # noqa: BLE001, S110 - told again, with its paths, just below
        pass
    try:
        return converter.structure(data, cls)
    except InvalidInput:
        raise
    except cattrs.BaseValidationError as error:
        problems = cattrs.transform_error(error)
        inner = _first_invalid_input(error)
        if inner is not None:
            data_fields = {**inner.data, "errors": problems}
            raise InvalidInput(inner.code, inner.message, **data_fields) from error
        raise SERIALIZATION_INVALID.error(
            f"cannot read a {cls.__name__}: " + "; ".join(problems), errors=problems
        ) from error
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise SERIALIZATION_INVALID.error(
            f"cannot read a {cls.__name__}: {error}", errors=[str(error)]
        ) from error
