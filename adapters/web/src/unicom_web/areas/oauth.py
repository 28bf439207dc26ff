"""Operator access on the web: the OAuth 2.0 token endpoint and the audit log (F-AUTH-6).

``POST /oauth/token`` is the client-credentials grant of RFC 6749 §4.4: a form-encoded body
(``grant_type=client_credentials`` and an optional ``scope``), the client authenticated by
HTTP Basic (``client_secret_basic``) or by ``client_id`` and ``client_secret`` in the body
(``client_secret_post``), never both. The answers are exactly RFC 6749 §5.1 and §5.2: a JSON token
response, or ``{"error": ..., "error_description": ...}`` with ``invalid_request``,
``invalid_client`` (401, ``WWW-Authenticate: Basic``), ``invalid_scope`` or
``unsupported_grant_type`` (400); a client id locked after too many failures (F-AUTH-7) gets
429 ``invalid_client`` with ``Retry-After``. Every answer carries ``Cache-Control: no-store``.

``GET /operator/audit`` lists the audit log as JSON for a Bearer operator token with scope
``audit.read``; errors are RFC 9457 problems with RFC 6750 ``WWW-Authenticate`` headers.

:func:`operator_numbers` is the walk over the carrier that the TM Forum lists use when the
Bearer token is an operator's (scope ``tmf.read``).
"""

from __future__ import annotations

import base64
import binascii
import email.utils
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote_plus

import attrs
from anyio import to_thread
from litestar import MediaType, Request, Response, get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromQuery

from unicom_core.domain.access import AUDIT_READ, OPERATOR_AUDIT_QUERY, is_operator_token
from unicom_core.errors import InvalidInput, UnicomError
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_web.areas import Area
from unicom_web.bodies import PROBLEMS
from unicom_web.cookies import token_of
from unicom_web.problems import problem_for

if TYPE_CHECKING:
    from collections.abc import Iterator

    from unicom_core.domain.access import AuditEntry
    from unicom_core.domain.subscribers import Subscriber
    from unicom_core.hall import BusinessHall
    from unicom_core.usecases.access import IssuedToken
    from unicom_web.settings import WebSettings

__all__ = [
    "AREA",
    "MAX_OPERATOR_NUMBERS",
    "audit_log",
    "is_operator",
    "operator_accounts",
    "operator_numbers",
    "operator_problem",
    "token",
]

MAX_OPERATOR_NUMBERS = 10_000
"""The most numbers one operator TM Forum list walks (a carrier-wide list is paged after)."""
_FORM = "application/x-www-form-urlencoded"
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
_WALK = 200


class _OAuthError(Exception):
    """An RFC 6749 §5.2 error answer."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error, self.description, self.status = error, description, status
        self.headers: dict[str, str] = {}


def _oauth_error(problem: _OAuthError) -> Response[Any]:
    headers = dict(_NO_STORE) | problem.headers
    if problem.error == "invalid_client" and problem.status == 401:  # noqa: PLR2004
        headers["WWW-Authenticate"] = 'Basic realm="unicom"'
    body = {"error": problem.error, "error_description": problem.description}
    return Response(body, status_code=problem.status, headers=headers, media_type=MediaType.JSON)


def _form(body: bytes, content_type: str) -> dict[str, str]:
    if content_type.split(";", maxsplit=1)[0].strip().lower() != _FORM:
        raise _OAuthError("invalid_request", f"the body must be {_FORM}")
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        raise _OAuthError("invalid_request", "the body is not UTF-8") from None
    if any(len(values) > 1 for values in parsed.values()):
        raise _OAuthError("invalid_request", "a parameter is repeated")
    return {name: values[0] for name, values in parsed.items()}


def _basic(header: str) -> tuple[str, str] | None:
    scheme, _, credentials = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(credentials.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise _OAuthError("invalid_client", "malformed Basic credentials", 401) from None
    client_id, colon, secret = decoded.partition(":")
    if not colon:
        raise _OAuthError("invalid_client", "malformed Basic credentials", 401)
    return unquote_plus(client_id), unquote_plus(secret)  # RFC 6749 §2.3.1


def _credentials(form: dict[str, str], authorization: str) -> tuple[str, str]:
    basic = _basic(authorization) if authorization else None
    posted = "client_id" in form or "client_secret" in form
    if basic is not None and posted:
        raise _OAuthError("invalid_request", "use one client authentication method, not two")
    if basic is not None:
        return basic
    if not form.get("client_id") or "client_secret" not in form:
        raise _OAuthError("invalid_client", "client authentication is required", 401)
    return form["client_id"], form["client_secret"]


def _issue(hall: BusinessHall, form: dict[str, str], authorization: str) -> IssuedToken:
    grant_type = form.get("grant_type")
    if not grant_type:
        raise _OAuthError("invalid_request", "grant_type is required")
    client_id, secret = _credentials(form, authorization)
    if grant_type != "client_credentials":
        raise _OAuthError("unsupported_grant_type", "only client_credentials is supported")
    scope = form.get("scope")
    try:
        return hall.access.issue_client_token(client_id, secret, scope or None)
    except UnicomError as error:
        raise _translated(error) from None


def _translated(error: UnicomError) -> _OAuthError:
    if error.code == "operator.invalid_scope":
        return _OAuthError("invalid_scope", error.message)
    if error.code == "operator.locked":
        problem = _OAuthError("invalid_client", error.message, 429)
        retry_at = error.data.get("retry_at")
        if isinstance(retry_at, datetime):
            problem.headers["Retry-After"] = email.utils.format_datetime(
                retry_at.astimezone(UTC), usegmt=True
            )
        return problem
    if error.code == "operator.invalid_client":
        return _OAuthError("invalid_client", error.message, 401)
    if isinstance(error, InvalidInput):
        return _OAuthError("invalid_request", error.message)
    raise error


@attrs.frozen(slots=True)
class OAuthErrorBody:
    """An RFC 6749 §5.2 error answer."""

    error: str
    error_description: str


_OAUTH_ERRORS = {
    status: ResponseSpec(OAuthErrorBody, generate_examples=False, description=description)
    for status, description in {
        400: "invalid_request, invalid_scope or unsupported_grant_type (RFC 6749 §5.2)",
        401: "invalid_client, with WWW-Authenticate: Basic",
        429: "invalid_client: the client id is locked, with Retry-After",
    }.items()
}


@post(
    "/oauth/token",
    summary="OAuth 2.0 token endpoint (client credentials)",
    tags=["oauth"],
    status_code=200,
    responses=_OAUTH_ERRORS,
)
async def token(request: Request[Any, Any, Any]) -> Response[Any]:
    """Exchange a client's id and secret for an operator access token (RFC 6749 §4.4)."""
    hall: BusinessHall = request.app.state["hall"]
    try:
        form = _form(await request.body(), request.headers.get("content-type", ""))
        authorization = request.headers.get("authorization", "")
        issued = await to_thread.run_sync(_issue, hall, form, authorization)
    except _OAuthError as problem:
        return _oauth_error(problem)
    body = {
        "access_token": issued.access_token,
        "token_type": issued.token_type,
        "expires_in": issued.expires_in,
        "scope": issued.scope,
    }
    return Response(body, status_code=200, headers=_NO_STORE, media_type=MediaType.JSON)


def _entry(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "client_id": entry.client_id,
        "action": entry.action,
        "at": entry.at.isoformat(),
        "parameters": entry.parameters,
        "account_id": entry.account_id,
        "number": entry.number,
    }


def _instant(text: str | None, field: str) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise OPERATOR_AUDIT_QUERY.error(
            f"{field} is not an ISO 8601 instant", field=field
        ) from None


@get(
    "/operator/audit",
    summary="The audit log of operator actions",
    tags=["oauth"],
    sync_to_thread=True,
    responses=PROBLEMS,
)
def audit_log(  # noqa: PLR0913 - the filters of the log
    request: Request[Any, Any, Any],
    *,
    since: FromQuery[str | None] = None,
    until: FromQuery[str | None] = None,
    client_id: FromQuery[str | None] = None,
    account_id: FromQuery[str | None] = None,
    offset: FromQuery[int] = 0,
    limit: FromQuery[int] = 50,
) -> Response[Any]:
    """The audit log, newest first, for an operator token with scope ``audit.read``."""
    hall: BusinessHall = request.app.state["hall"]
    settings: WebSettings = request.app.state["web_settings"]
    try:
        hall.access.authorize(token_of(request, settings), AUDIT_READ)
        page = hall.access.audit(
            since=_instant(since, "since"),
            until=_instant(until, "until"),
            client_id=client_id,
            account_id=account_id,
            page=PageRequest(offset, limit),
        )
    except UnicomError as error:
        return operator_problem(error, settings)
    body = {
        "items": [_entry(entry) for entry in page.items],
        "total": page.total,
        "offset": offset,
        "limit": limit,
    }
    return Response(body, headers=_NO_STORE, media_type=MediaType.JSON)


def operator_problem(error: UnicomError, settings: WebSettings) -> Response[Any]:
    """An operator endpoint's error: RFC 9457 problem, RFC 6750 ``WWW-Authenticate``, no-store."""
    problem = problem_for(error)
    return Response(
        problem.body(settings.problem_base),
        status_code=problem.status,
        headers=dict(problem.headers) | _NO_STORE,
        media_type="application/problem+json",
    )


def is_operator(token: str) -> bool:
    """Whether the request's Bearer token is an operator's (F-AUTH-6)."""
    return is_operator_token(token)


def operator_numbers(hall: BusinessHall, token: str) -> Iterator[Subscriber]:
    """Every live number of the carrier (at most :data:`MAX_OPERATOR_NUMBERS`), by account.

    Raises:
        Refused: the token is not a live operator token with scope ``tmf.read``.
    """
    after: str | None = None
    walked = 0
    while walked < MAX_OPERATOR_NUMBERS:
        page = hall.access.carrier_numbers(token, after, min(_WALK, MAX_PAGE_LIMIT))
        for subscriber in page.subscribers[: MAX_OPERATOR_NUMBERS - walked]:
            walked += 1
            yield subscriber
        if page.next_after is None:
            return
        after = page.next_after


def operator_accounts(hall: BusinessHall, token: str) -> Iterator[Subscriber]:
    """One number of each account of the carrier (for what an account has once: bills)."""
    seen: set[str] = set()
    for subscriber in operator_numbers(hall, token):
        if subscriber.account_id not in seen:
            seen.add(subscriber.account_id)
            yield subscriber


AREA = Area(name="oauth", pages=(token, audit_log))
"""The OAuth 2.0 token endpoint and the operators' audit log (F-AUTH-6)."""
