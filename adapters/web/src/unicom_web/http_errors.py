"""The exception handlers: every error leaves as a problem, a TMF error or a friendly page.

:func:`unicom_web.problems.problem_for` decides the status of a domain error; this module
only renders it for the surface the request came to: ``/api/...`` answers
``application/problem+json``, the TM Forum paths their ``Error`` object, and the pages an
HTML page (or, for "log in first", a redirect to the login page). Litestar's own refusals
(a malformed body, an unknown route, a failed CSRF check) are rendered the same way. Any
other exception is a bug: it is logged with a correlation id, and the answer is a 500 that
carries that id and nothing else.
"""

from __future__ import annotations

import logging
import secrets
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.response import Redirect

from unicom_core.errors import UnicomError
from unicom_web.pages import render
from unicom_web.problems import Problem, parameter_code, problem_for

if TYPE_CHECKING:
    from litestar.types import ExceptionHandlersMap

    from unicom_web.settings import WebSettings

__all__ = ["API_PREFIX", "TMF_PREFIX", "exception_handlers"]

API_PREFIX = "/api/"
TMF_PREFIX = "/tmf-api/"
TMF_PREFIXES = (TMF_PREFIX, "/paymentManagement/")
"""Paths answered with TMF ``Error`` bodies: TMF676 v4.0.0's basePath lies outside /tmf-api/."""
PROBLEM_JSON = "application/problem+json"

logger = logging.getLogger("unicom_web")

_LITESTAR_CODES = {
    400: "request.invalid",
    401: "access.not_logged_in",
    403: "csrf.failed",
    404: "http.not_found",
    405: "http.method_not_allowed",
    413: "request.too_large",
    415: "request.media_type",
}


def _settings(request: Request[Any, Any, Any]) -> WebSettings:
    settings: WebSettings = request.app.state["web_settings"]
    return settings


def _respond(request: Request[Any, Any, Any], problem: Problem) -> Response[Any]:
    settings = _settings(request)
    path = request.url.path
    if path.startswith(TMF_PREFIXES):
        return Response(
            problem.tmf_body(settings.problem_base),
            status_code=problem.status,
            headers=dict(problem.headers),
            media_type=MediaType.JSON,
        )
    if path.startswith((API_PREFIX, "/schema")):
        return Response(
            problem.body(settings.problem_base),
            status_code=problem.status,
            headers=dict(problem.headers),
            media_type=PROBLEM_JSON,
        )
    if problem.status == 401:  # noqa: PLR2004 - log in first, then come back
        return Redirect(f"/login?next={quote(path)}", status_code=303)
    return render(request, "error.html", status_code=problem.status, problem=problem)


def _domain_error(request: Request[Any, Any, Any], error: UnicomError) -> Response[Any]:
    problem = problem_for(error)
    if problem.status >= 500:  # noqa: PLR2004 - the outside world failed: say so in the log
        logger.warning(
            "%s on %s %s: %s", error.code, request.method, request.url.path, error.message
        )
    return _respond(request, problem)


def _litestar_error(request: Request[Any, Any, Any], error: HTTPException) -> Response[Any]:
    status = error.status_code
    code = _LITESTAR_CODES.get(status, f"http.{status}")
    data: dict[str, Any] = {}
    if isinstance(error, ValidationException) and error.extra:
        data["errors"] = error.extra
        code = parameter_code(error.extra, code)
    headers = {k: v for k, v in (error.headers or {}).items() if k.lower() == "allow"}
    return _respond(request, Problem(status, code, str(error.detail), data, headers))


def _unexpected(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    correlation_id = secrets.token_hex(8)
    logger.error(
        "unexpected error %s on %s %s",
        correlation_id,
        request.method,
        request.url.path,
        exc_info=error,
    )
    problem = Problem(
        500,
        "internal",
        "an unexpected error occurred; quote the correlation id to support",
        {"correlation_id": correlation_id},
    )
    return _respond(request, problem)


def exception_handlers() -> ExceptionHandlersMap:
    """The handlers for :class:`litestar.Litestar` (most specific class wins)."""
    return {
        UnicomError: _domain_error,
        HTTPException: _litestar_error,
        Exception: _unexpected,
    }
