"""The TM Forum converter: TMF bodies (attrs classes) to the JSON of the TMF specifications.

A TMF body is an attrs class marked with :func:`tmf_shape`, its attributes named in Python
style (``is_bundle``, ``type_``); this module's cattrs converter writes it with the spec's
names (:func:`tmf_name`: ``isBundle``, ``@type``, ``@baseType``, ``@schemaLocation``,
``@referredType``) and leaves out every attribute whose default is None and whose value is
None (the TMF630 convention: an attribute without a value is absent, never ``null``).
A :class:`~unicom_core.domain.shared.Money` (integer fen) is written as a TMF ``Money``,
``{"unit": "CNY", "value": 12.50}``: the yuan value is computed here, at the edge, and
nowhere else, and written as an exact JSON number (a ``Decimal``, never a float: no fen is
lost, however large the amount). A ``datetime`` is written in ISO 8601 with its offset.

The same names document the bodies in OpenAPI (:mod:`unicom_web.tmf.schema`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import cattrs
import msgspec
from cattrs.gen import make_dict_unstructure_fn, override

from unicom_core.domain.shared import Money

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "SPECIAL_NAMES",
    "is_tmf_shape",
    "tmf_money",
    "tmf_name",
    "tmf_shape",
    "unstructure",
    "yuan_of",
]

T = TypeVar("T")

SPECIAL_NAMES = {
    "type_": "@type",
    "base_type": "@baseType",
    "schema_location": "@schemaLocation",
    "referred_type": "@referredType",
}
"""The attributes whose TMF name is a meta attribute (``@...``) rather than camelCase."""

_SHAPES: set[type] = set()


def tmf_name(name: str) -> str:
    """The TMF name of a body attribute: ``type_`` -> ``@type``, ``is_bundle`` -> ``isBundle``."""
    special = SPECIAL_NAMES.get(name)
    if special is not None:
        return special
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def tmf_shape(cls: type[T]) -> type[T]:
    """Mark an attrs class as a TMF body: written and documented with the TMF names."""
    if not bool(attrs.has(cls)):  # bool(): keep ``cls`` a ``type[T]`` for the checker
        msg = f"a TMF shape is an attrs class, not {cls!r}"
        raise TypeError(msg)
    _SHAPES.add(cls)
    return cls


def is_tmf_shape(cls: object) -> bool:
    """Whether ``cls`` is a class marked with :func:`tmf_shape`."""
    return isinstance(cls, type) and cls in _SHAPES


def yuan_of(amount: Money) -> Decimal:
    """The yuan of ``amount``, exactly: ``Money(1250)`` is ``Decimal("12.50")``."""
    return Decimal(amount.fen).scaleb(-2)


def _number(value: Decimal) -> msgspec.Raw:
    """An exact JSON number (``12.50``): the JSON encoder writes it as it is."""
    return msgspec.Raw(format(value, "f").encode())


def tmf_money(amount: Money) -> dict[str, Any]:
    """A TMF ``Money``: the currency as ``unit`` and the yuan ``value`` of the fen count."""
    return {"unit": amount.currency, "value": _number(yuan_of(amount))}


def _shape_hook(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    overrides = {
        field.name: override(rename=tmf_name(field.name), omit_if_default=field.default is None)
        for field in attrs.fields(cls)
    }
    return make_dict_unstructure_fn(cls, _converter, **overrides)  # type: ignore[arg-type]


_converter = cattrs.Converter()
_converter.register_unstructure_hook(Money, tmf_money)
_converter.register_unstructure_hook(Decimal, _number)
_converter.register_unstructure_hook(datetime, datetime.isoformat)
_converter.register_unstructure_hook(date, date.isoformat)
_converter.register_unstructure_hook_factory(is_tmf_shape, _shape_hook)


def unstructure(value: object) -> Any:  # noqa: ANN401 - JSON-ready primitives of any shape
    """``value`` (a TMF body, or a list of them) as JSON-ready primitives with the TMF names."""
    return _converter.unstructure(value)
