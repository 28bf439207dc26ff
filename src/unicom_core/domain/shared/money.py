"""Money in integer fen (分), and the rates applied to it (F-PAY, F-SHOP-4).

Why integer fen: a subscriber's balance is summed over millions of postings, and a binary
float cannot hold 0.1 yuan exactly. Every amount in unicom_core is a :class:`Money` holding
an ``int`` count of the currency's minor unit; no code path accepts a ``float``.

Rounding rule (documented once, used everywhere): when a rate produces a fraction of a fen
(``98.5 %`` of ``¥0.30``, a late fee of ``3 ‰`` a day), the result is rounded to the nearest
fen, halves away from zero (四舍五入, ``ROUND_HALF_UP`` in :mod:`decimal`). Splitting an
amount into parts (proration, instalments) never rounds: :meth:`Money.allocate` hands out
the remainder fen by the largest-remainder method, so the parts always add up exactly.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, ClassVar, Self

import attrs

from unicom_core.domain.shared.codes import (
    MONEY_ALLOCATE_WEIGHTS,
    MONEY_AMOUNT,
    MONEY_CURRENCY,
    MONEY_CURRENCY_MISMATCH,
    MONEY_FEN,
    MONEY_FORMAT,
    MONEY_OUT_OF_RANGE,
    MONEY_PRECISION,
    MONEY_QUANTITY,
    MONEY_RATE,
    MONEY_TYPE,
    RATE_VALUE,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from attrs import Attribute

    from unicom_core.errors import ErrorCode, InvalidInput

__all__ = ["CNY", "MAX_FEN", "MIN_FEN", "Money", "Rate"]

CNY = "CNY"
MAX_FEN = 2**63 - 1
"""The largest fen count a :class:`Money` holds: what a signed 64-bit column stores."""
MIN_FEN = -(2**63)
"""The smallest fen count a :class:`Money` holds."""
_FEN_PER_YUAN = 100
_CURRENCY = re.compile(r"[A-Z]{3}")
_AMOUNT = re.compile(
    r"""\s*(?P<sign>[-+])?\s*(?P<symbol>[¥￥])?\s*
    (?P<yuan>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fen>\d{1,2}))?
    \s*(?P<unit>元)?\s*""",
    re.VERBOSE | re.ASCII,
)


def _check_fen(_instance: object, attribute: Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise MONEY_FEN.error(
            f"an amount is an integer number of fen, not {type(value).__name__} {value!r}",
            field=attribute.name,
        )
    if not MIN_FEN <= value <= MAX_FEN:
        raise MONEY_OUT_OF_RANGE.error(field=attribute.name)


_CHECKED_CURRENCIES: set[str] = set()
"""Codes that passed :data:`_CURRENCY` (at most 26**3): a bill run builds ~10**5 amounts."""


def _check_currency(_instance: object, attribute: Attribute[str], value: object) -> None:
    if type(value) is str and value in _CHECKED_CURRENCIES:
        return
    if not isinstance(value, str) or not _CURRENCY.fullmatch(value):
        raise MONEY_CURRENCY.error(
            f"a currency is a three-letter ISO 4217 code such as CNY, not {value!r}",
            field=attribute.name,
        )
    if type(value) is str:
        _CHECKED_CURRENCIES.add(value)


def _to_decimal(value: object, code: ErrorCode[InvalidInput], what: str) -> Decimal:
    """Turn an int, a Decimal or a decimal string into a finite Decimal, refusing floats."""
    if isinstance(value, bool | float):
        raise code.error(f"{what} must not be a float or bool: {value!r}", value=value)
    try:
        number = Decimal(value) if isinstance(value, int | str | Decimal) else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise code.error(f"{what} must be a finite decimal number: {value!r}", value=value)
    return number


@attrs.frozen(slots=True)
class Rate:
    """A non-negative multiplier such as 98.5 % (a sales price rule) or 3 ‰ (a daily late fee).

    Build it with :meth:`percent` or :meth:`per_mille`; ``value`` is the plain factor
    (``Rate.percent("98.5").value == Decimal("0.985")``).
    """

    value: Decimal = attrs.field()

    @value.validator
    def _check(self, _attribute: Attribute[Decimal], value: object) -> None:
        if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
            raise RATE_VALUE.error(
                f"a rate is a finite, non-negative Decimal: {value!r}", field="rate"
            )

    @classmethod
    def percent(cls, amount: int | str | Decimal) -> Self:
        """A rate in percent: ``Rate.percent("98.5")`` is 0.985."""
        return cls(_to_decimal(amount, RATE_VALUE, "a percentage") / 100)

    @classmethod
    def per_mille(cls, amount: int | str | Decimal) -> Self:
        """A rate in per mille (‰): ``Rate.per_mille(3)`` is 0.003."""
        return cls(_to_decimal(amount, RATE_VALUE, "a per-mille rate") / 1000)

    @classmethod
    def one(cls) -> Self:
        """The neutral rate: face value."""
        return cls(Decimal(1))

    def __str__(self) -> str:
        return f"{(self.value * 100).normalize():f}%"


@attrs.frozen(slots=True, order=False)
class Money:
    """An amount of money as an integer count of fen (分); CNY unless told otherwise.

    ``str(Money(1234))`` is ``¥12.34``. Arithmetic refuses to mix currencies and never
    takes a float. Amounts may be negative (refunds, credits, a postpaid balance owed).
    The fen count fits a signed 64-bit integer (:data:`MIN_FEN` .. :data:`MAX_FEN`, what a
    ``BIGINT`` column holds); anything outside, built or computed, is refused with
    :class:`~unicom_core.errors.InvalidInput` ``money.out_of_range``.
    """

    fen: int = attrs.field(validator=_check_fen)
    currency: str = attrs.field(default=CNY, validator=_check_currency)

    symbols: ClassVar[dict[str, str]] = {CNY: "¥"}

    # ------------------------------------------------------------ constructors
    @classmethod
    def zero(cls, currency: str = CNY) -> Self:
        """No money."""
        return cls(0, currency)

    @classmethod
    def of_yuan(cls, amount: int | str | Decimal, currency: str = CNY) -> Self:
        """An amount given in yuan, exact to the fen: ``Money.of_yuan("12.34")``.

        Raises:
            InvalidInput: ``money.precision`` for a fraction of a fen, ``money.amount``
                for a float or anything that is not a decimal number.
        """
        yuan = _to_decimal(amount, MONEY_AMOUNT, "an amount in yuan")
        fen = yuan * _FEN_PER_YUAN
        if fen != fen.to_integral_value():
            raise MONEY_PRECISION.error(
                f"{amount} yuan is not a whole number of fen", value=str(amount)
            )
        return cls(int(fen), currency)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read ``¥12.34``, ``￥1,200``, ``12.34元``, ``-¥0.50`` or ``12.3`` as CNY.

        Raises:
            InvalidInput: ``money.format`` for anything else (three decimals, letters, ...).
        """
        match = _AMOUNT.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise MONEY_FORMAT.error(value=text)
        yuan = int(match["yuan"].replace(",", ""))
        fen = int((match["fen"] or "0").ljust(2, "0"))
        total = yuan * _FEN_PER_YUAN + fen
        return cls(-total if match["sign"] == "-" else total)

    @classmethod
    def total(cls, amounts: Iterable[Money], currency: str = CNY) -> Money:
        """The sum of ``amounts`` (zero for none), all in ``currency``.

        Summed on the integer fen with one :class:`Money` built at the end (a bill run sums
        some 10**5 amounts); each running sum is checked as ``a + b`` checks it, so the
        errors are those of adding the amounts one by one (``money.out_of_range`` as soon
        as a running sum leaves the 64-bit range).
        """
        result: Money = cls.zero(currency)
        fen = 0
        for amount in amounts:
            if type(amount) is not Money or amount.currency != currency:
                result._same(amount)  # raises money.type or money.currency_mismatch
            fen += amount.fen
            if not MIN_FEN <= fen <= MAX_FEN:
                raise MONEY_OUT_OF_RANGE.error(field="fen")
        return _result(fen, currency) if fen else result  # zero: the one already checked

    # ------------------------------------------------------------ formatting
    def __str__(self) -> str:
        symbol = self.symbols.get(self.currency, f"{self.currency} ")
        sign = "-" if self.fen < 0 else ""
        yuan, fen = divmod(abs(self.fen), _FEN_PER_YUAN)
        return f"{sign}{symbol}{yuan}.{fen:02d}"

    def format_yuan(self) -> str:
        """The amount as Chinese price tags write it: ``12.34元``."""
        sign = "-" if self.fen < 0 else ""
        yuan, fen = divmod(abs(self.fen), _FEN_PER_YUAN)
        return f"{sign}{yuan}.{fen:02d}元"

    def to_decimal(self) -> Decimal:
        """The amount in yuan as an exact Decimal (for reports, never for arithmetic)."""
        return Decimal(self.fen).scaleb(-2)

    # ------------------------------------------------------------ arithmetic
    def _same(self, other: object) -> Money:
        if not isinstance(other, Money):
            raise MONEY_TYPE.error(f"cannot combine money with {type(other).__name__}", value=other)
        if other.currency != self.currency:
            raise MONEY_CURRENCY_MISMATCH.error(left=self.currency, right=other.currency)
        return other

    def __add__(self, other: Money) -> Money:
        return _result(self.fen + self._same(other).fen, self.currency)

    def __sub__(self, other: Money) -> Money:
        return _result(self.fen - self._same(other).fen, self.currency)

    def __neg__(self) -> Money:
        return _result(-self.fen, self.currency)

    def __abs__(self) -> Money:
        return _result(abs(self.fen), self.currency)

    def __mul__(self, quantity: int) -> Money:
        if isinstance(quantity, bool) or not isinstance(quantity, int):
            raise MONEY_QUANTITY.error(value=quantity)
        return _result(self.fen * quantity, self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        return self.fen < self._same(other).fen

    def __le__(self, other: Money) -> bool:
        return self.fen <= self._same(other).fen

    def __gt__(self, other: Money) -> bool:
        return self.fen > self._same(other).fen

    def __ge__(self, other: Money) -> bool:
        return self.fen >= self._same(other).fen

    def __bool__(self) -> bool:
        return self.fen != 0

    @property
    def is_negative(self) -> bool:
        """True for an amount below zero (money owed, a refund)."""
        return self.fen < 0

    @property
    def is_positive(self) -> bool:
        """True for an amount above zero."""
        return self.fen > 0

    def apply(self, rate: Rate) -> Money:
        """This amount times ``rate``, rounded to the fen half away from zero (四舍五入).

        ``Money(10000).apply(Rate.percent("98.5"))`` is ``¥98.50``;
        ``Money(30).apply(Rate.percent("98.5"))`` is 29.55 fen, so ``¥0.30``.
        """
        if not isinstance(rate, Rate):
            raise MONEY_RATE.error(value=rate)
        exact = Decimal(self.fen) * rate.value
        return Money(int(exact.to_integral_value(rounding=ROUND_HALF_UP)), self.currency)

    def allocate(self, weights: Sequence[int]) -> tuple[Money, ...]:
        """Split this amount in proportion to ``weights``; the parts add up exactly.

        Each part gets the floor of its exact share; the fen left over go one each to the
        parts with the largest remainders (earlier parts first on ties). A negative amount
        is split like its absolute value, then negated. Proration by days is
        ``fee.allocate([days_used, days_left])``.

        Raises:
            InvalidInput: ``money.allocate_weights`` unless the weights are non-negative
                integers with a positive sum.
        """
        if (
            not weights
            or any(isinstance(w, bool) or not isinstance(w, int) or w < 0 for w in weights)
            or sum(weights) == 0
        ):
            raise MONEY_ALLOCATE_WEIGHTS.error(value=list(weights))
        magnitude, total_weight = abs(self.fen), sum(weights)
        shares = [divmod(magnitude * w, total_weight) for w in weights]
        parts = [share for share, _ in shares]
        left = magnitude - sum(parts)
        by_remainder = sorted(range(len(weights)), key=lambda i: (-shares[i][1], i))
        for index in by_remainder[:left]:
            parts[index] += 1
        sign = -1 if self.fen < 0 else 1
        return tuple(Money(sign * part, self.currency) for part in parts)

    def split(self, count: int) -> tuple[Money, ...]:
        """Split into ``count`` parts as equal as possible, adding up exactly."""
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise MONEY_ALLOCATE_WEIGHTS.error(f"cannot split into {count!r} parts", value=count)
        return self.allocate([1] * count)


def _result(fen: int, currency: str) -> Money:
    """The :class:`Money` an operation on checked amounts gives (F-QRY-3: ~10**5 in a run).

    Its ``fen`` is an ``int`` and its ``currency`` a checked code by construction, so only
    the range is checked, as :func:`_check_fen` checks it; the rest of ``__init__``'s
    validation is skipped.
    """
    if not MIN_FEN <= fen <= MAX_FEN:
        raise MONEY_OUT_OF_RANGE.error(field="fen")
    result = object.__new__(Money)
    object.__setattr__(result, "fen", fen)
    object.__setattr__(result, "currency", currency)
    return result
