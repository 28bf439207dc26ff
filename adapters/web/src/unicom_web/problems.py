"""The one mapping of the error tree to HTTP: status codes and RFC 9457 problem details.

Every :class:`~unicom_core.errors.UnicomError` an endpoint or a page meets is turned into a
:class:`Problem` here, and only here (docs/explanation/errors.md). The kind of the error picks
the status; a few codes refine it:

====================  ======  ============================================================
error                 status  why
====================  ======  ============================================================
``InvalidInput``      422     the request is well-formed but breaks a rule of the domain
``NotFound``          404     includes another customer's number (F-AUTH-6: same answer)
``Conflict``          409     the state moved on (version clash, already bound, sold out)
``Refused``           403     valid but not allowed: permissions, windows, real name
``PaymentFailed``     402     the gateway declined
``AdapterError``      503     the outside world failed; worth a retry later (with
                              ``Retry-After``: :data:`UNAVAILABLE_RETRY_AFTER` seconds)
not logged in         401     ``access.not_logged_in``, ``access.session_expired``,
                              ``access.bad_credentials`` (with ``WWW-Authenticate``)
too many attempts     429     ``access.locked``, ``code.resend_too_soon``,
                              ``code.daily_limit``, ``code.client_limit``,
                              ``payment.notification_limit`` (with ``Retry-After``)
bad return URL        400     ``payment.return_url``: not a path here or a public origin
too deep a body       400     ``request.json_depth``: JSON nested beyond the settings' depth
bad TMF filter        400     ``tmf.filter_attribute``, ``tmf.filter_value``: TMF630 query
====================  ======  ============================================================

A problem carries ``type`` (the settings' base + the code), ``title`` (the status phrase),
``status``, ``detail`` (the error's message), ``code``, and the error's data as extension
members, each value written by the one cattrs converter (``retry_at`` as ISO 8601 with its
offset, amounts as ``{"fen", "currency"}``).

``Retry-After``: an error that carries ``retry_at`` (a rate limit, F-CAL-4's 08:00) names
that instant (an HTTP date); any other 503 (``storage.unavailable`` while the database
restarts, ``storage.disk_full``, a gateway that does not answer) says to come back in
:data:`UNAVAILABLE_RETRY_AFTER` seconds, so a client or a proxy backs off instead of hammering
a hall that waits for its database (docs/explanation/faults.md).
"""

from __future__ import annotations

import email.utils
from collections.abc import Mapping
from datetime import UTC, datetime
from http import HTTPStatus
from types import MappingProxyType
from typing import Any

import attrs

from unicom_core.errors import (
    AdapterError,
    Conflict,
    InvalidInput,
    NotFound,
    PaymentFailed,
    Refused,
    UnicomError,
)
from unicom_core.serialization import unstructure

__all__ = [
    "PARAMETER_CODES",
    "RESERVED_MEMBERS",
    "STATUS_BY_CODE",
    "STATUS_BY_KIND",
    "UNAVAILABLE_DETAIL",
    "UNAVAILABLE_RETRY_AFTER",
    "Problem",
    "ProblemDetails",
    "TmfError",
    "parameter_code",
    "problem_for",
]

STATUS_BY_KIND: Mapping[type[UnicomError], int] = MappingProxyType(
    {
        InvalidInput: 422,
        NotFound: 404,
        Conflict: 409,
        Refused: 403,
        PaymentFailed: 402,
        AdapterError: 503,
    }
)
"""The status of each kind of error (the most derived kind wins)."""

STATUS_BY_CODE: Mapping[str, int] = MappingProxyType(
    {
        "access.not_logged_in": 401,
        "access.session_expired": 401,
        "access.bad_credentials": 401,
        "access.locked": 429,
        "operator.invalid_client": 401,
        "operator.token_invalid": 401,
        "operator.locked": 429,
        "operator.invalid_scope": 400,
        "code.resend_too_soon": 429,
        "code.daily_limit": 429,
        "code.client_limit": 429,
        "payment.notification_limit": 429,
        "payment.return_url": 400,
        "request.json_depth": 400,
        "tmf.filter_attribute": 400,
        "tmf.filter_value": 400,
    }
)
"""Codes whose status refines their kind's: authentication (401), rate limits (429), and a
``return_url`` the request itself gets wrong (400: checked before any use case runs)."""

PARAMETER_CODES: Mapping[str, str] = MappingProxyType(
    {"offset": "page.offset", "limit": "page.limit"}
)
"""The codes of a refused paging parameter (a 400 problem instead of ``request.invalid``)."""

UNAVAILABLE_RETRY_AFTER = 5
"""The ``Retry-After`` (in seconds) of a 503 problem whose error names no ``retry_at``."""
UNAVAILABLE_DETAIL = "a service the hall depends on failed; try again later"
"""The ``detail`` of every 5xx problem (the error's own message goes to the log only)."""

RESERVED_MEMBERS = frozenset({"type", "title", "status", "detail", "instance", "code"})
"""Problem members an error's data never overrides."""

_UNAUTHORIZED = 401
_UNAVAILABLE = 503
_SERVER_ERROR = 500


@attrs.frozen(slots=True)
class Problem:
    """An error as HTTP sees it: status, code, message, JSON-ready data and headers."""

    status: int
    code: str
    detail: str
    data: Mapping[str, Any] = attrs.field(factory=dict)
    headers: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def title(self) -> str:
        """The status phrase (``Forbidden``)."""
        return HTTPStatus(self.status).phrase

    def body(self, type_base: str) -> dict[str, Any]:
        """The RFC 9457 problem details object (``application/problem+json``)."""
        return {
            **self.data,
            "type": type_base + self.code,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
        }

    def tmf_body(self, type_base: str) -> dict[str, Any]:
        """The TM Forum ``Error`` object, for the TMF paths (their clients expect it)."""
        return {
            "code": self.code,
            "reason": self.title,
            "message": self.detail,
            "status": str(self.status),
            "referenceError": type_base + self.code,
            "@type": "Error",
        }


@attrs.frozen(slots=True)
class ProblemDetails:
    """The schema of an RFC 9457 problem (extension members carry the error's data)."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    correlation_id: str | None = None


@attrs.frozen(slots=True)
class TmfError:
    """The schema of a TM Forum API error (TMF630 ``Error``)."""

    code: str
    reason: str
    message: str | None = None
    status: str | None = None
    referenceError: str | None = None  # noqa: N815 - the TM Forum field name


def _status_of(error: UnicomError) -> int:
    refined = STATUS_BY_CODE.get(error.code)
    if refined is not None:
        return refined
    for kind in type(error).__mro__:
        status = STATUS_BY_KIND.get(kind)
        if status is not None:
            return int(status)
    return 500


def _json_value(value: object) -> object:
    try:
        plain = unstructure(value)
    except Exception:  # noqa: BLE001 - a value cattrs cannot write is shown as text
        return str(value)
    if isinstance(plain, str | int | float | bool | dict | list) or plain is None:
        return plain
    return str(plain)


_BEARER_ERRORS: Mapping[str, str] = MappingProxyType(
    {"operator.token_invalid": "invalid_token", "operator.scope_missing": "insufficient_scope"}
)
"""RFC 6750 §3.1 ``error`` values of the operator token refusals (F-AUTH-6)."""


def _headers(status: int, data: Mapping[str, object], code: str = "") -> dict[str, str]:
    headers: dict[str, str] = {}
    if code in _BEARER_ERRORS:
        scope = f', scope="{data["scopes"]}"' if "scopes" in data else ""
        headers["WWW-Authenticate"] = (
            f'Bearer realm="unicom", error="{_BEARER_ERRORS[code]}"{scope}'
        )
    elif status == _UNAUTHORIZED:
        headers["WWW-Authenticate"] = 'Bearer realm="unicom"'
    retry_at = data.get("retry_at")
    if isinstance(retry_at, datetime):
        headers["Retry-After"] = email.utils.format_datetime(retry_at.astimezone(UTC), usegmt=True)
    elif status == _UNAVAILABLE:
        headers["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER)
    return headers


def parameter_code(errors: object, default: str) -> str:
    """The code of a Litestar validation failure whose ``errors`` all name one paging parameter.

    ``?offset=9223372036854775808`` is ``page.offset``; anything else keeps ``default``.
    """
    if not isinstance(errors, list) or not errors:
        return default
    codes = {
        PARAMETER_CODES.get(str(error.get("key"))) if isinstance(error, dict) else None
        for error in errors
    }
    code = codes.pop() if len(codes) == 1 else None
    return code or default


def problem_for(error: UnicomError) -> Problem:
    """The HTTP face of ``error``: its status, code, message, data and headers.

    A 5xx (an :class:`~unicom_core.errors.AdapterError`: the database, a gateway, the SMS
    service failed) tells the client only its code, :data:`UNAVAILABLE_DETAIL` and when to
    come back (``retry_at``, ``Retry-After``): its message and other data name the hall's
    insides (a database's host or file, a gateway's answer), which the log keeps
    (:mod:`unicom_web.http_errors`) and a client has no use for.
    """
    status = _status_of(error)
    headers = _headers(status, error.data, error.code)
    if status >= _SERVER_ERROR:
        kept = {k: _json_value(v) for k, v in error.data.items() if k == "retry_at"}
        return Problem(status, error.code, UNAVAILABLE_DETAIL, kept, headers)
    data = {
        key: _json_value(value) for key, value in error.data.items() if key not in RESERVED_MEMBERS
    }
    return Problem(status, error.code, error.message, data, headers)
