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
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "AdapterError",
    "Conflict",
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
        self.data: Mapping[str, object] = MappingProxyType(dict(data))

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
