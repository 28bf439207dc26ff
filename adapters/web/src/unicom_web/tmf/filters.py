"""The TMF630 filter language of every TMF list, typed on the attributes of the body.

A query parameter that is not ``fields``, ``offset`` or ``limit`` filters the list:

* ``state=settled`` keeps the items whose ``state`` is ``settled``; ``state=new,settled``
  those whose ``state`` is one of them ("in");
* a dotted name reaches inside objects and arrays of objects:
  ``billingAccount.id=aa``, ``appliedPayment.payment.id=p1`` (an array matches when one
  of its elements does);
* a suffix compares: ``.gt``, ``.gte``, ``.lt``, ``.lte`` order, ``.eq`` is ``=`` and
  ``.ne`` keeps what differs (``amountDue.value.gt=10``, ``billDate.lt=2016-06-01``).

Every filter is typed on the attribute's type in the body class (:func:`shape_of`): a
number compares as a number (``10`` equals ``10.00``), a date-time as an instant (with its
offset; a date alone, or a time without offset, is read in Beijing time), a boolean as
``true``/``false``; only numbers, date-times and dates order. An attribute the body does
not have is a 400 ``tmf.filter_attribute``, a value that is not of the attribute's type
(or an order on text) a 400 ``tmf.filter_value``: never a silently empty list. An item
without the attribute never matches.
"""

from __future__ import annotations

import enum
import functools
import re
import types
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import attrs
import msgspec

from unicom_core.domain.shared import SHANGHAI, Money
from unicom_web.codes import TMF_FILTER_ATTRIBUTE, TMF_FILTER_VALUE
from unicom_web.tmf.converter import tmf_name

__all__ = ["OPERATORS", "Filter", "Kind", "Shape", "matches", "parse_filters", "shape_of"]

OPERATORS = ("eq", "ne", "gt", "gte", "lt", "lte")
"""The comparison suffixes of TMF630 (``amountDue.value.gt=10``)."""
_ORDERED = frozenset({"gt", "gte", "lt", "lte"})
_MAX_VALUES = 50
_OFFSET_SPACE = re.compile(r" (\d{2}(?::?\d{2})?)$")


class Kind(enum.Enum):
    """The JSON type of an attribute as the filter compares it."""

    STRING = "string"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE_TIME = "date-time"
    DATE = "date"
    ANY = "any"
    """Free content (a characteristic's value): compared as its text, never ordered."""


Shape = Kind | Mapping[str, "Shape"]
"""An attribute's shape: a :class:`Kind`, or an object's attributes (arrays are their
elements' shape: a filter looks inside them)."""

_META: Mapping[str, Shape] = {"id": Kind.STRING, "href": Kind.STRING, "@type": Kind.STRING}
_NUMBERS = (int, float, Decimal)
_MONEY: Mapping[str, Shape] = {"unit": Kind.STRING, "value": Kind.NUMBER}
_SCALARS: Mapping[type, Kind] = {
    bool: Kind.BOOLEAN,
    str: Kind.STRING,
    datetime: Kind.DATE_TIME,
    date: Kind.DATE,
}


def _generic_shape(hint: Any) -> Shape | None:  # noqa: ANN401 - a type annotation
    """The shape of a union, a sequence or another generic (None: not a generic)."""
    origin = get_origin(hint)
    if origin in {Union, types.UnionType}:
        shapes: list[Shape] = []
        for arg in get_args(hint):
            shape = _hint_shape(arg) if arg is not type(None) else None
            if shape is not None and shape not in shapes:
                shapes.append(shape)
        return shapes[0] if len(shapes) == 1 else Kind.ANY
    if origin in {list, tuple, Sequence}:
        return _hint_shape(get_args(hint)[0]) if get_args(hint) else Kind.ANY
    if origin is Literal:
        return Kind.STRING
    return None if origin is None else Kind.ANY  # a mapping: free content


def _hint_shape(hint: Any) -> Shape:  # noqa: ANN401, PLR0911 - a type annotation; one per kind
    generic = _generic_shape(hint)
    if generic is not None:
        return generic
    if hint is Money:
        return _MONEY
    if not isinstance(hint, type):
        return Kind.ANY
    if hint in _SCALARS:
        return _SCALARS[hint]
    if issubclass(hint, _NUMBERS):
        return Kind.NUMBER
    if issubclass(hint, enum.Enum):
        return Kind.STRING
    return _class_shape(hint) if attrs.has(hint) else Kind.ANY


def _class_shape(cls: type) -> Mapping[str, Shape]:
    try:
        hints = get_type_hints(cls)
    except NameError:  # an annotation only the type checker reads: free content
        hints = {}
    return {
        tmf_name(field.name): _hint_shape(hints.get(field.name, Any)) for field in attrs.fields(cls)
    }


@functools.cache
def shape_of(cls: type) -> Mapping[str, Shape]:
    """The filterable attributes of a TMF body class (``id``, ``href``, ``@type`` always)."""
    return MappingProxyType({**_META, **_class_shape(cls)})


@attrs.frozen(slots=True)
class Filter:
    """One filter: where the attribute is, how to compare, with what (parsed values)."""

    path: tuple[str, ...]
    operator: str
    kind: Kind
    values: tuple[Any, ...]

    def keeps(self, found: Any) -> bool:  # noqa: ANN401 - a JSON value of the body
        """Whether one value of the attribute satisfies the filter."""
        value = _read(found, self.kind)
        if value is None:
            return False
        if self.operator == "ne":
            return value not in self.values
        if self.operator == "eq":
            return value in self.values
        bound = self.values[0]
        kept: bool = {
            "gt": value > bound,
            "gte": value >= bound,
            "lt": value < bound,
            "lte": value <= bound,
        }[self.operator]
        return kept


def _resolve(name: str, shape: Mapping[str, Shape]) -> tuple[tuple[str, ...], str, Kind]:
    parts = name.split(".")
    operator = "eq"
    if len(parts) > 1 and parts[-1] in OPERATORS:
        operator = parts.pop()
    current: Shape = shape
    for part in parts:
        if isinstance(current, Kind) or part not in current:
            if current is Kind.ANY:
                break  # free content: any inner name
            raise TMF_FILTER_ATTRIBUTE.error(attribute=name)
        current = current[part]
    if not isinstance(current, Kind):
        raise TMF_FILTER_ATTRIBUTE.error(
            f"{name} is an object: filter on one of its attributes", attribute=name
        )
    return tuple(parts), operator, current


def parse_filters(query: Mapping[str, str], shape: Mapping[str, Shape]) -> list[Filter]:
    """The filters of the query parameters ``query`` on a body of ``shape``.

    Raises:
        InvalidInput: ``tmf.filter_attribute`` (unknown or object attribute),
            ``tmf.filter_value`` (a value not of the attribute's type, an order on text).
    """
    filters = []
    for name, text in query.items():
        path, operator, kind = _resolve(name, shape)
        ordered = operator in _ORDERED
        if ordered and kind not in {Kind.NUMBER, Kind.DATE_TIME, Kind.DATE}:
            raise TMF_FILTER_VALUE.error(
                f"{name}: only numbers, dates and date-times are ordered", attribute=name
            )
        texts = [text] if ordered else text.split(",")
        if not text or len(texts) > _MAX_VALUES:
            raise TMF_FILTER_VALUE.error(f"{name}: 1 to {_MAX_VALUES} values", attribute=name)
        values = tuple(_parse(name, kind, item) for item in texts)
        filters.append(Filter(path, operator, kind, values))
    return filters


def _parse(name: str, kind: Kind, text: str) -> Any:  # noqa: ANN401 - the typed value
    try:
        value = _parse_value(kind, text)
    except (ValueError, InvalidOperation):
        value = None
    if value is None:
        raise TMF_FILTER_VALUE.error(f"{name}: {text[:40]!r} is not a {kind.value}", attribute=name)
    return value


def _parse_value(kind: Kind, text: str) -> Any:  # noqa: ANN401 - one per kind
    if kind is Kind.NUMBER:
        number = Decimal(text.strip())
        return number if number.is_finite() else None
    if kind is Kind.BOOLEAN:
        return {"true": True, "false": False}.get(text)
    if kind is Kind.DATE_TIME:
        return _instant(text)
    if kind is Kind.DATE:
        return date.fromisoformat(text.strip()[:10]) if len(text.strip()) == 10 else None  # noqa: PLR2004
    return text


def _instant(text: str) -> datetime:
    """A date-time of a query: ``+`` may have come as a space; no offset is Beijing time."""
    cleaned = _OFFSET_SPACE.sub(r"+\1", text.strip())
    if len(cleaned) == 10:  # noqa: PLR2004 - a date alone: its first instant
        return datetime.combine(date.fromisoformat(cleaned), time(), tzinfo=SHANGHAI)
    instant = datetime.fromisoformat(cleaned)
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=SHANGHAI)


def _read(found: Any, kind: Kind) -> Any:  # noqa: ANN401 - a JSON value, read as ``kind``
    """The value of the body as the filter compares it (None: not comparable, no match)."""
    if found is None or isinstance(found, dict | list):
        return None
    try:
        return _read_value(found, kind)
    except (ValueError, InvalidOperation):
        return None


def _read_value(found: Any, kind: Kind) -> Any:  # noqa: ANN401, PLR0911 - one per kind
    if kind is Kind.NUMBER:
        if isinstance(found, msgspec.Raw):
            return Decimal(bytes(found).decode())
        if isinstance(found, bool) or not isinstance(found, _NUMBERS):
            return None
        return Decimal(str(found))
    if kind is Kind.BOOLEAN:
        return found if isinstance(found, bool) else None
    if kind is Kind.DATE_TIME:
        return _instant(found) if isinstance(found, str) else None
    if kind is Kind.DATE:
        return date.fromisoformat(found[:10]) if isinstance(found, str) else None
    if isinstance(found, bool):
        return str(found).lower()
    return str(found) if kind is Kind.ANY or isinstance(found, str) else None


def _values_at(body: Any, path: Sequence[str]) -> list[Any]:  # noqa: ANN401 - JSON
    """Every value at ``path`` in ``body``, looking inside arrays."""
    if isinstance(body, list):
        return [value for item in body for value in _values_at(item, path)]
    if not path:
        return [body]
    if not isinstance(body, dict) or path[0] not in body:
        return []
    return _values_at(body[path[0]], path[1:])


def matches(body: Mapping[str, Any], filters: Sequence[Filter]) -> bool:
    """Whether ``body`` satisfies every filter (some value at each filter's path does)."""
    return all(any(one.keeps(value) for value in _values_at(body, one.path)) for one in filters)
