"""Reading a pattern table from TOML (F-NUM-2); every problem names its entry.

The shape of the file (the default is ``unicom_core/usecases/numbers/classes.toml``)::

    default_tier = "ordinary"

    [[tiers]]
    code = "gold"
    name = "金号"
    rank = 2
    prestore = "1000元"
    min_monthly = "96元"
    contract_months = 24

    [[classes]]
    code = "AAAA"
    name = "四连号"
    tier = "gold"
    shape = "AAAA"

Errors are ``number.classes`` with ``entry`` (``tiers[2].prestore``, ``classes.ABCD``, ...).
"""

from __future__ import annotations

import tomllib
from typing import Any, Final, cast

from unicom_core.domain.numbers.codes import NUMBER_CLASSES
from unicom_core.domain.numbers.patterns import PatternClass, PatternTable, Tier
from unicom_core.domain.shared import Money
from unicom_core.errors import InvalidInput

__all__ = ["pattern_table_from_toml"]

_TIER_FIELDS: Final = frozenset(
    {"code", "name", "rank", "prestore", "min_monthly", "contract_months"}
)
_CLASS_FIELDS: Final = frozenset(
    {"code", "name", "tier", "shape", "step", "tails", "date", "years"}
)
_TOP: Final = frozenset({"default_tier", "tiers", "classes"})


def _fail(entry: str, why: str) -> InvalidInput:
    return NUMBER_CLASSES.error(f"the pattern table is invalid at {entry}: {why}", entry=entry)


def _tables(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    values = data.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
        raise _fail(key, f"write [[{key}]] tables")
    return values


def _known(entry: str, table: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise _fail(entry, f"unknown field {min(unknown)!r}")


def _amount(entry: str, value: object) -> Money:
    if not isinstance(value, str):
        raise _fail(entry, 'write an amount as "100元"')
    try:
        return Money.parse(value)
    except InvalidInput:
        raise _fail(entry, 'write an amount as "100元"') from None


def _tier(index: int, table: dict[str, Any]) -> Tier:
    entry = f"tiers[{index}]"
    _known(entry, table, _TIER_FIELDS)
    return Tier(
        code=cast("Any", table.get("code")),
        name=cast("Any", table.get("name")),
        rank=cast("Any", table.get("rank")),
        prestore=_amount(f"{entry}.prestore", table.get("prestore")),
        min_monthly=_amount(f"{entry}.min_monthly", table.get("min_monthly")),
        contract_months=table.get("contract_months", 0),
    )


def _years(entry: str, value: object) -> tuple[int, int] | None:
    if value is None:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2  # noqa: PLR2004 - [first, last]
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise _fail(f"{entry}.years", "years = [first, last]")
    return (value[0], value[1])


def _class(index: int, table: dict[str, Any]) -> PatternClass:
    entry = f"classes[{index}]"
    _known(entry, table, _CLASS_FIELDS)
    tails = table.get("tails", [])
    if not isinstance(tails, list):
        raise _fail(f"{entry}.tails", 'tails = ["8", "88"]')
    return PatternClass(
        code=cast("Any", table.get("code")),
        name=cast("Any", table.get("name")),
        tier=cast("Any", table.get("tier")),
        shape=table.get("shape"),
        step=table.get("step"),
        tails=tuple(tails),
        date=table.get("date"),
        years=_years(entry, table.get("years")),
    )


def pattern_table_from_toml(text: str) -> PatternTable:
    """Read a pattern table (module docstring).

    Raises:
        InvalidInput: ``number.classes`` naming the ``entry`` at fault.
    """
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, TypeError) as error:
        raise _fail("toml", f"not TOML: {error}") from None
    _known("toml", data, _TOP)
    default = data.get("default_tier")
    if not isinstance(default, str):
        raise _fail("default_tier", "name the default tier")
    return PatternTable(
        tiers=tuple(_tier(i, t) for i, t in enumerate(_tables(data, "tiers"))),
        classes=tuple(_class(i, t) for i, t in enumerate(_tables(data, "classes"))),
        default_tier=default,
    )
