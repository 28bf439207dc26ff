"""The one error tree of unicom_core.

Every failure the library reports is a :class:`UnicomError` carrying a stable machine
``code`` (``"resident_id.check_digit"``), a human ``message`` and structured ``data``
(``retry_at``, ``field``, ...). Under the root sits a small vocabulary that adapters map
once, e.g. the web adapter to HTTP status codes:

=================  ===========================================================
class              meaning
=================  ===========================================================
``InvalidInput``   the caller's input breaks a rule; fixing the input helps
``NotFound``       the thing asked for does not exist (or is not yours)
``Conflict``       a version clash, sold out, already paid: the state moved on
``Refused``        understood and valid, but not allowed (permissions, windows)
``PaymentFailed``  the payment gateway declined or failed the charge
``AdapterError``   the outside world failed (database down, gateway timeout)
=================  ===========================================================

Every code is declared once, as an :class:`ErrorCode` (the code, its class, an English
message template and the data it takes), in the ``codes`` module of the area that owns it
(``unicom_core.domain.payments.codes``, ``unicom_web.codes``, ...). A raise site reads
``raise PAYMENT_KEY_REUSED.error(payment_id=attempt.id)``; :data:`ERROR_CODES` holds every
code declared so far, and refuses a second declaration of the same code.
"""

from __future__ import annotations

import functools
import re
import string
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = [
    "ERROR_CODES",
    "AdapterError",
    "Conflict",
    "ErrorCode",
    "InvalidInput",
    "NotFound",
    "PaymentFailed",
    "Refused",
    "UnicomError",
]


class UnicomError(Exception):
    """The root of every error unicom_core raises on purpose.

    Args:
        code: a stable, dotted machine code such as ``"mobile.segment"``; callers and
            translators switch on it, so it never changes once published.
        message: a sentence for a human (a developer or, translated, a subscriber).
        **data: structured facts about the failure (``field``, ``retry_at``, ...).
    """

    kind: ClassVar[str] = "error"

    def __init__(self, code: str, message: str, **data: object) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message
        # ``**data`` is a dict of this call's own: a read-only view of it needs no copy.
        self.data: Mapping[str, object] = MappingProxyType(data)

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"

    def __repr__(self) -> str:
        extra = "".join(f", {key}={value!r}" for key, value in self.data.items())
        return f"{type(self).__name__}({self.code!r}, {self.message!r}{extra})"

    def __reduce__(self) -> tuple[object, ...]:
        # Keep the error picklable across processes (Dask workers, multiprocessing tests).
        return (_rebuild, (type(self), self.code, self.message, dict(self.data)))


def _rebuild(
    cls: type[UnicomError], code: str, message: str, data: dict[str, object]
) -> UnicomError:
    return cls(code, message, **data)


_Made = TypeVar("_Made", bound=UnicomError)


def _bare(kind: type[_Made], code: str, message: str, data: Mapping[str, object]) -> _Made:
    """What ``UnicomError.__init__`` does, without repacking ``data`` (a refusal is hot)."""
    error = kind.__new__(kind, code, message)
    error.code, error.message, error.data = code, message, data
    return error


class InvalidInput(UnicomError):
    """The input breaks a rule; ``data["field"]`` names the field where one applies."""

    kind = "invalid_input"


class NotFound(UnicomError):
    """The thing asked for does not exist, or the caller may not know that it does."""

    kind = "not_found"


class Conflict(UnicomError):
    """The state moved on: a stale version, a sold-out stock, a bill already paid."""

    kind = "conflict"


class Refused(UnicomError):
    """Valid, but not allowed now or not for this caller (permissions, blackout windows)."""

    kind = "refused"


class PaymentFailed(UnicomError):
    """The payment gateway declined or failed a charge or refund."""

    kind = "payment_failed"


class AdapterError(UnicomError):
    """The outside world failed: a database, a gateway, a message service."""

    kind = "adapter_error"


E = TypeVar("E", bound=UnicomError)
V = TypeVar("V", bound=UnicomError)

_DOTTED = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")
_REGISTRY: dict[str, ErrorCode[UnicomError]] = {}

ERROR_CODES: Mapping[str, ErrorCode[UnicomError]] = MappingProxyType(_REGISTRY)
"""Every declared code by its dotted string (a read-only view, filled as modules import)."""


class ErrorCode(Generic[E]):
    """One declared error code: its dotted ``code``, its class, its message and its data.

    Args:
        code: the stable dotted code (``"payment.key_reused"``); declared once in the tree.
        kind: the :class:`UnicomError` subclass raised with it.
        template: the English message, ``{named}`` fields formatted from the data.
        fields: the data every raise site gives (the template may name only these).
        optional: the data a raise site may give as well.

    :meth:`error` refuses a missing or an unknown data field with a ``TypeError``: that is
    a mistake in the code of the raise site (like a wrong keyword argument), found by its
    tests, never a fault of the caller's input.
    """

    __slots__ = (
        "_allowed",
        "_required",
        "code",
        "fields",
        "kind",
        "optional",
        "template",
        "variants",
    )

    def __init__(
        self,
        code: str,
        kind: type[E],
        template: str,
        *,
        fields: tuple[str, ...] = (),
        optional: tuple[str, ...] = (),
    ) -> None:
        if not _DOTTED.fullmatch(code):
            msg = f"an error code is dotted lower-case words, not {code!r}"
            raise ValueError(msg)
        named = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        if not named <= set(fields):
            msg = f"the template of {code} names {sorted(named - set(fields))}, not data"
            raise ValueError(msg)
        if code in _REGISTRY:
            msg = f"the error code {code} is declared twice"
            raise ValueError(msg)
        self.code = code
        self.kind = kind
        self.template = template
        self.fields = fields
        self.optional = optional
        self._required, self._allowed = frozenset(fields), frozenset(fields + optional)
        self.variants: list[ErrorCode[UnicomError]] = []
        _REGISTRY[code] = self  # type: ignore[assignment]

    def variant(
        self,
        kind: type[V],
        template: str,
        *,
        fields: tuple[str, ...] = (),
        optional: tuple[str, ...] = (),
    ) -> ErrorCode[V]:
        """The same code raised as another class by another layer (listed with this one).

        A published code keeps its class where it has always had it: the gateway port's
        ``payment.key_reused`` is an ``InvalidInput`` of the charge request, the payment
        attempt's a ``Conflict``. The variant is not registered on its own.
        """
        twin: ErrorCode[V] = object.__new__(ErrorCode)
        twin.code, twin.kind, twin.template = self.code, kind, template
        twin.fields, twin.optional, twin.variants = fields, optional, []
        twin._required, twin._allowed = frozenset(fields), frozenset(fields + optional)
        self.variants.append(twin)  # type: ignore[arg-type]
        return twin

    def __repr__(self) -> str:
        return f"ErrorCode({self.code!r}, {self.kind.__name__})"

    def message(self, **data: object) -> str:
        """The template formatted with ``data`` (which must match the declared fields)."""
        self._check(data)
        return self.template.format_map(data)

    def error(self, message: str | None = None, **data: object) -> E:
        """The error to raise: the template's message, or ``message`` when it says more.

        A specific ``message`` is for a raise site that knows more than the template (the
        offending value, the limit in force); the code and the data stay the declared ones.
        """
        self._check(data)
        text = self.template.format_map(data) if message is None else message
        kind = self.kind
        if kind.__init__ is not UnicomError.__init__:  # a class of its own: construct it so
            return kind(self.code, text, **data)
        return _bare(kind, self.code, text, MappingProxyType(data))

    def maker(self, message: str | None = None, **data: object) -> Callable[[], E]:
        """A maker of :meth:`error` with this message and data, checked once (a hot refusal).

        Every call makes a new error (a raised exception carries its own traceback); they
        share one read-only view of ``data``, copied here.
        """
        self._check(data)
        text = self.template.format_map(data) if message is None else message
        kind, code, frozen = self.kind, self.code, MappingProxyType(dict(data))
        if kind.__init__ is not UnicomError.__init__:
            return lambda: kind(code, text, **frozen)
        return functools.partial(_bare, kind, code, text, frozen)

    def _check(self, data: Mapping[str, object]) -> None:
        if tuple(data) == self.fields:
            return  # the declared fields in their order: the usual raise site, the fastest test
        keys = data.keys()
        if keys >= self._required and keys <= self._allowed:
            return  # the declared fields in another order, or with optional ones
        missing = [name for name in self.fields if name not in data]
        unknown = [name for name in data if name not in self.fields + self.optional]
        if missing or unknown:
            msg = (
                f"{self.code} takes {self.fields} (+ {self.optional}): "
                f"missing {missing}, unknown {unknown}"
            )
            raise TypeError(msg)
