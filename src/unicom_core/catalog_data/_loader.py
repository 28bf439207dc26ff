"""Read a catalogue from TOML text, validating it with errors that name line and field (F-BUN).

The document is structured by a copy of the one cattrs converter (so the catalogue has one
shape everywhere) with hooks for the ways a person writes data: ``"8元"`` for money,
``"98.5%"`` for a rate, TOML datetimes (or a date, meaning 00:00 Beijing time) for instants.
Every failure is an :class:`~unicom_core.errors.InvalidInput` with code ``catalog.data`` and
data ``path`` (``"$.packs[3].fee"``), ``line`` (1-based, or None where it cannot be told),
``field`` and ``rule`` (the code of the rule broken, such as ``money.format``).
"""

from __future__ import annotations

import enum
import re
import tomllib
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast, get_args, get_origin

import attrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from unicom_core.catalog_data._lines import line_of
from unicom_core.domain.catalog import (
    CATALOG_DATA,
    CATALOG_ENUM,
    CATALOG_LIST,
    CATALOG_MONEY,
    CATALOG_RATE,
    CATALOG_TABLE,
    CATALOG_UNKNOWN_FIELD,
    CATALOG_WINDOW,
    Catalog,
)
from unicom_core.domain.shared import SHANGHAI, TIME_NAIVE, Money, Rate
from unicom_core.errors import InvalidInput
from unicom_core.serialization import converter

if TYPE_CHECKING:
    from collections.abc import Callable

    from cattrs import Converter

__all__ = ["load_catalog_text"]

Path = list[str | int]

_TOML_POSITION = re.compile(r"at line (\d+), column (\d+)")
_PERCENT = re.compile(r"\s*(\d+(?:\.\d+)?)\s*%\s*")
_FILE_ONLY_ERRORS = (KeyError, TypeError, ValueError, ForbiddenExtraKeysError, InvalidInput)

_file_converter = converter.copy()


def _structure_money(value: object, _: type) -> Money:
    if not isinstance(value, str):
        raise CATALOG_MONEY.error(f'write an amount as a string such as "8元", not {value!r}')
    return Money.parse(value)


def _structure_rate(value: object, _: type) -> Rate:
    match = _PERCENT.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise CATALOG_RATE.error(f'write a rate in percent such as "98.5%": {value!r}')
    return Rate.percent(match[1])


def _structure_instant(value: object, _: type) -> datetime:
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise TIME_NAIVE.error(f"give the instant its offset (+08:00 for Beijing): {value}")
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=SHANGHAI)
    raise CATALOG_WINDOW.error(f"expected a TOML datetime or date, not {value!r}")


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    for member in cls:
        if member.value == value:
            return member
    allowed = ", ".join(repr(member.value) for member in cls)
    raise CATALOG_ENUM.error(f"{value!r} is not one of {allowed}")


def _is_homogeneous_tuple(cls: object) -> bool:
    args = get_args(cls)
    return get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _tuple_hook(cls: type, conv: Converter) -> Callable[[object, type], tuple[object, ...]]:
    inner = homogenous_tuple_structure_factory(cls, conv)

    def structure(value: object, _: type) -> tuple[object, ...]:
        if not isinstance(value, list):
            raise CATALOG_LIST.error(f"write a list such as [...], not {value!r}")
        return cast("tuple[object, ...]", inner(value, cls))

    return structure


def _table_hook(cls: type, conv: Converter) -> Callable[[object, type], object]:
    inner: Callable[[Any, type], object] = conv.gen_structure_attrs_fromdict(cls)

    def structure(value: object, _: type) -> object:
        if not isinstance(value, dict):
            raise CATALOG_TABLE.error(f"write a table such as {{...}}, not {value!r}")
        return inner(value, cls)

    return structure


def _structure_names(value: object, _: type) -> dict[str, str]:
    if not isinstance(value, dict):
        raise CATALOG_TABLE.error(f'write names as a table such as {{ en = "..." }}, not {value!r}')
    return value  # the product validates its tags and names (catalog.name)


_file_converter.register_structure_hook_factory(attrs.has, _table_hook)
_file_converter.register_structure_hook_func(lambda cls: cls == Mapping[str, str], _structure_names)
_file_converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
_file_converter.register_structure_hook(Money, _structure_money)
_file_converter.register_structure_hook(Rate, _structure_rate)
_file_converter.register_structure_hook(datetime, _structure_instant)
_file_converter.register_structure_hook_func(
    lambda cls: isinstance(cls, type) and issubclass(cls, enum.Enum), _structure_enum
)


def _path_text(path: Path) -> str:
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)


def _parse_path(text: str) -> Path:
    parts: Path = []
    for name, index in re.findall(r"\.([A-Za-z0-9_]+)|\[(\d+)\]", text):
        parts.append(name or int(index))
    return parts


def _leaf(error: BaseException, path: Path) -> tuple[Path, BaseException, bool]:
    """The first failure in a cattrs error tree, its path, and whether the path names a field."""
    named = False
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            path, named = [*path, note.name], True
        elif isinstance(note, IterableValidationNote):
            path, named = [*path, int(note.index)], False
    inner = getattr(error, "exceptions", None)
    if inner:
        return _leaf(inner[0], path)
    return path, error, named


def _describe(error: BaseException, path: Path, named: bool) -> tuple[Path, str, str]:  # noqa: FBT001
    """The path completed with the field, the rule broken, and a message."""
    if isinstance(error, ForbiddenExtraKeysError):
        extra = sorted(error.extra_fields)
        return [*path, extra[0]], "catalog.unknown_field", f"unknown field(s) {', '.join(extra)}"
    if isinstance(error, KeyError):
        return path, "catalog.missing_field", "required field missing"
    if isinstance(error, InvalidInput):
        if "path" in error.data:
            return _parse_path(str(error.data["path"])), error.code, error.message
        field = error.data.get("field")
        if not named and isinstance(field, str):
            path = [*path, field]
        return path, error.code, error.message
    return path, "catalog.invalid", str(error)


def _data_error(origin: str, lines: list[str], path: Path, rule: str, message: str) -> InvalidInput:
    line = line_of(lines, path)
    fields = [part for part in path if isinstance(part, str)]
    field = fields[-1] if fields else None
    where = f"{origin}:{line}" if line is not None else origin
    return CATALOG_DATA.error(
        f"{where}: {_path_text(path)}: {message}",
        path=_path_text(path),
        line=line,
        field=field,
        rule=rule,
        source=origin,
    )


def _syntax_error(origin: str, error: tomllib.TOMLDecodeError) -> InvalidInput:
    position = _TOML_POSITION.search(str(error))
    line = int(position[1]) if position else None
    where = f"{origin}:{line}" if line is not None else origin
    return CATALOG_DATA.error(
        f"{where}: not valid TOML: {error}",
        path="$",
        line=line,
        field=None,
        rule="catalog.syntax",
        source=origin,
    )


def load_catalog_text(text: str, origin: str = "<catalogue>") -> Catalog:
    """Read and validate a catalogue written in TOML (F-BUN, F-SHOP-4).

    Raises:
        InvalidInput: ``catalog.data`` naming ``line``, ``path`` and ``field`` of the first
            problem found, and the ``rule`` it breaks.
    """
    try:
        document: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(origin, error) from None
    lines = text.splitlines()
    if "version" in document:
        message = "version is kept by the store; a data file sets revision"
        raise _data_error(origin, lines, ["version"], CATALOG_UNKNOWN_FIELD.code, message)
    try:
        return _file_converter.structure(document, Catalog)
    except (BaseValidationError, *_FILE_ONLY_ERRORS) as error:
        path, leaf, named = _leaf(error, [])
        if not isinstance(leaf, _FILE_ONLY_ERRORS):
            raise
        full_path, rule, message = _describe(leaf, path, named)
        raise _data_error(origin, lines, full_path, rule, message) from error
