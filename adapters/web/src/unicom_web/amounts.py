"""Money in a request body: strictly typed, exactly parsed, bounded (F-PAY-1, F-PAY-2).

Two shapes reach the hall, each a field type of a request class:

* :class:`FenAmount` — the JSON API's ``amount_fen`` / ``limit_fen``: a JSON **integer**
  count of fen. A string (``"100"``), a number with a fraction part (``100.0``) or a
  boolean is refused, never coerced.
* :class:`YuanAmount` — a TM Forum amount in yuan (TMF654 ``Quantity.amount``): a JSON
  number with **at most two decimals**, read from the JSON text as a
  :class:`~decimal.Decimal` (:mod:`unicom_web.json_bodies` decodes every JSON number
  with a fraction or an exponent so), never through a binary float. ``12.345``,
  ``1e400``, ``NaN`` or ``Infinity`` are refused.

Either is **positive** and at most the web maximum (``WebSettings.max_amount_fen``, by
default ¥50,000), which is itself never above a signed 64-bit fen count
(:data:`~unicom_core.domain.shared.money.MAX_FEN`). A refusal is an
:class:`~unicom_core.errors.InvalidInput` ``payment.amount`` (a 422 problem, like every
``InvalidInput``), raised while the body is read: the handler never runs, nothing is
written. :func:`amount_decoders` are the app's ``type_decoders`` doing that;
:class:`AmountSchemaPlugin` documents both shapes in the OpenAPI document.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from litestar.openapi.spec import Schema
from litestar.openapi.spec.enums import OpenAPIType
from litestar.plugins import OpenAPISchemaPluginProtocol

from unicom_core.domain.payments import PAYMENT_AMOUNT
from unicom_core.domain.shared import MAX_FEN, Money

if TYPE_CHECKING:
    from litestar._openapi.schema_generation import SchemaCreator
    from litestar.types import TypeDecodersSequence
    from litestar.typing import FieldDefinition

    from unicom_core.errors import InvalidInput

__all__ = [
    "AMOUNT_CODE",
    "AmountSchemaPlugin",
    "FenAmount",
    "RequestAmount",
    "YuanAmount",
    "amount_decoders",
    "check_amount",
    "fen_of_yuan",
]

AMOUNT_CODE = PAYMENT_AMOUNT.code
"""The code of every refused amount in a request body."""
_FEN_PER_YUAN = 100
_DECIMALS = 2
_MAX_DIGITS = len(str(MAX_FEN))
_SHOWN = 40


class RequestAmount:
    """An amount a request body carries, checked and bounded; :attr:`money` is its value.

    Not an attrs class on purpose: msgspec would read an attrs class as a JSON object, while
    this type reads a JSON number through :func:`amount_decoders`.
    """

    __slots__ = ("money",)

    def __init__(self, money: Money) -> None:
        self.money = money

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, RequestAmount)
            and type(other) is type(self)
            and other.money == self.money
        )

    def __hash__(self) -> int:
        return hash((type(self), self.money))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.money!r})"


class FenAmount(RequestAmount):
    """A JSON integer count of fen (``"amount_fen": 5000`` is ¥50.00)."""

    __slots__ = ()


class YuanAmount(RequestAmount):
    """A JSON number of yuan with at most two decimals (``"amount": 12.34``)."""

    __slots__ = ()


def _shown(value: object) -> str:
    """``value`` as the JSON text had it, shortened: ``"100"``, ``100.0``, ``true``."""
    if isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, int) and value.bit_length() > _SHOWN * 3:  # str() has a limit
        text = f"an integer of {value.bit_length()} bits"
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return text if len(text) <= _SHOWN else f"{text[:_SHOWN]}..."


def _refuse(message: str, value: object) -> InvalidInput:
    shown = _shown(value)
    return PAYMENT_AMOUNT.error(f"{message}, not {shown}", value=shown)


def _bounded(fen: int, maximum: int, value: object) -> Money:
    if fen <= 0:
        raise _refuse("an amount is positive", value)
    if fen > maximum:
        raise _refuse(f"an amount is at most {Money(maximum).format_yuan()}", value)
    return Money(fen)


def check_amount(amount: Money, maximum: int) -> Money:
    """``amount`` if it is positive and at most ``maximum`` fen; ``payment.amount`` if not.

    For an amount read otherwise than from JSON (the bill-payment page's form, in yuan).
    """
    return _bounded(amount.fen, maximum, amount.format_yuan())


def fen_of_yuan(value: Decimal) -> int | None:
    """The exact fen count of a finite, non-negative ``value`` of at most two decimals.

    None when ``value`` is negative, not finite, has a third decimal other than zero, or
    has more digits than any signed 64-bit fen count. Exact: no rounding context is used.
    """
    sign, digits, exponent = value.as_tuple()
    if sign or not isinstance(exponent, int):
        return None
    if not any(digits):
        return 0
    significant = list(digits)
    while len(significant) > 1 and significant[-1] == 0:
        significant.pop()
        exponent += 1
    if exponent < -_DECIMALS or len(significant) + exponent + _DECIMALS > _MAX_DIGITS:
        return None
    fen = 0
    for digit in significant:
        fen = fen * 10 + int(digit)
    scale: int = 10 ** (exponent + _DECIMALS)  # the exponent is >= -2 here: a whole number
    return fen * scale


def _decode_fen(maximum: int, _target: type, value: object) -> FenAmount:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse("an amount is a JSON integer of fen", value)
    return FenAmount(_bounded(value, maximum, value))


def _decode_yuan(maximum: int, _target: type, value: object) -> YuanAmount:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise _refuse("an amount is a JSON number of yuan", value)
    number = Decimal(value)
    if number.is_signed() and number.is_finite():
        raise _refuse("an amount is positive", value)
    fen = fen_of_yuan(number)
    if fen is None:
        limit = Money(maximum).format_yuan()
        raise _refuse(f"an amount is a number of yuan with two decimals at most {limit}", value)
    return YuanAmount(_bounded(fen, maximum, value))


def amount_decoders(maximum_fen: int) -> TypeDecodersSequence:
    """The ``type_decoders`` reading :class:`FenAmount` and :class:`YuanAmount` fields."""
    return [
        (lambda target: target is FenAmount, partial(_decode_fen, maximum_fen)),
        (lambda target: target is YuanAmount, partial(_decode_yuan, maximum_fen)),
    ]


class AmountSchemaPlugin(OpenAPISchemaPluginProtocol):
    """Documents :class:`FenAmount` as an integer and :class:`YuanAmount` as a number."""

    def __init__(self, maximum_fen: int) -> None:
        self.maximum_fen = maximum_fen

    @staticmethod
    def is_plugin_supported_type(value: Any) -> bool:  # noqa: ANN401 - Litestar's signature
        """Whether ``value`` is one of the amount types."""
        return value is FenAmount or value is YuanAmount

    def to_openapi_schema(
        self,
        field_definition: FieldDefinition,
        schema_creator: SchemaCreator,  # noqa: ARG002 - Litestar's signature
    ) -> Schema:
        """An integer of fen, or a number of yuan, from 0.01 yuan to the web maximum."""
        if field_definition.annotation is FenAmount:
            return Schema(
                type=OpenAPIType.INTEGER,
                minimum=1,
                maximum=self.maximum_fen,
                description="an amount in fen, a JSON integer (5000 is 50.00 yuan)",
            )
        return Schema(
            type=OpenAPIType.NUMBER,
            exclusive_minimum=0,
            maximum=self.maximum_fen // _FEN_PER_YUAN,
            description="an amount in yuan, a JSON number with at most two decimals",
        )
