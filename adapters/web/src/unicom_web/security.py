"""The web hall's request defences and security headers, each set in one place.

**Cross-site requests** (:func:`guard_api_request`, the app's ``before_request`` hook). An
unsafe request (POST, PUT, PATCH, DELETE) to ``/api/...`` or a TM Forum path must send
its body as ``application/json`` (or ``application/merge-patch+json``): another media type,
or a body without any, is 415 ``request.media_type`` (a cross-site page cannot send JSON
without a CORS preflight, which this app never grants). A request without a body may omit
the media type (``DELETE /api/v1/session``). A request the session **cookie** authenticates
must moreover come from the hall's own pages: its ``Origin``, when present, is the
request's own host or one of :attr:`WebSettings.public_origins`, and its
``Sec-Fetch-Site``, when present, is ``same-origin`` or ``none``; otherwise 403
``request.cross_origin``. A ``Bearer`` token is not ambient, so it needs no origin check.

The gateway's notification (``POST /api/v1/payments/notifications``) is a form post from
the gateway's servers, not from a browser: its handler replaces this hook with its own, so
it stays outside the rule deliberately; it carries no session, counts only once its
signature verifies, and is rate-limited per source address (:mod:`unicom_web.limits`).
The pages' form posts are checked by Litestar's CSRF middleware instead.

**Response headers** (:func:`security_headers`, the app's ``before_send`` hook): every
response carries ``Content-Security-Policy`` (:data:`CONTENT_SECURITY_POLICY`: own
scripts, styles and images only, no framing), ``X-Content-Type-Options: nosniff`` and
``Referrer-Policy: strict-origin-when-cross-origin``; every response but the static files
is ``Cache-Control: no-store``, so no page or answer that shows a subscriber's data (the
balance, the PUK, bills, payments) is kept by the browser or a shared cache after logout.
One page relaxes the policy, for styles and a worker only: ReDoc (``/schema/redoc``, the
API's document, no subscriber's data) styles itself with inline ``<style>`` elements, so its
policy (:data:`REDOC_CONTENT_SECURITY_POLICY`) adds ``style-src 'self' 'unsafe-inline'``,
and ``worker-src 'self' blob:`` for the worker its search builds from its own script;
scripts stay the hall's own everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from litestar.datastructures import MutableScopeHeaders
from litestar.exceptions import HTTPException

from unicom_web.codes import PAYMENT_RETURN_URL, REQUEST_CROSS_ORIGIN
from unicom_web.cookies import by_cookie
from unicom_web.http_errors import API_PREFIX, TMF_PREFIXES

if TYPE_CHECKING:
    from litestar import Request
    from litestar.types import Message, Scope

    from unicom_web.settings import WebSettings

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "JSON_TYPES",
    "REDOC_CONTENT_SECURITY_POLICY",
    "checked_return_url",
    "guard_api_request",
    "security_headers",
]

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
JSON_TYPES = ("application/json", "application/merge-patch+json")
"""The media types an unsafe API request's body may have."""
_API_PATHS = (API_PREFIX, *TMF_PREFIXES)
_SAFE_FETCH_SITES = frozenset({"same-origin", "none"})

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
"""Scripts, styles and fetches from the hall itself; captcha images may be data: URLs."""
REDOC_CONTENT_SECURITY_POLICY = (
    f"{CONTENT_SECURITY_POLICY}; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:"
)
"""ReDoc's page: the policy above, inline styles (its styled components), its search worker."""
_INLINE_STYLE_PATHS = frozenset({"/schema/redoc"})
_HEADERS = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
)
_STATIC = "/static/"
_MAX_URL = 2048


def _settings(request: Request[Any, Any, Any]) -> WebSettings:
    settings: WebSettings = request.app.state["web_settings"]
    return settings


async def guard_api_request(request: Request[Any, Any, Any]) -> None:
    """Refuse an unsafe API request that is not JSON (415) or, by cookie, cross-site (403)."""
    if request.method not in UNSAFE_METHODS or not request.url.path.startswith(_API_PATHS):
        return
    await _require_json(request)
    settings = _settings(request)
    if by_cookie(request, settings):
        _require_same_origin(request, settings)


async def _require_json(request: Request[Any, Any, Any]) -> None:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type in JSON_TYPES:
        return
    if media_type or await request.body():
        raise HTTPException(
            status_code=415,
            detail=f"a request body must be application/json, not {media_type or 'untyped'}",
        )


def own_origins(request: Request[Any, Any, Any], settings: WebSettings) -> frozenset[str]:
    """The origins of the hall's own pages: the request's host, and the public origins."""
    host = request.headers.get("host", "").strip().lower()
    own = {f"http://{host}", f"https://{host}"} if host else set()
    return frozenset(own | set(settings.public_origins))


def _require_same_origin(request: Request[Any, Any, Any], settings: WebSettings) -> None:
    site = request.headers.get("sec-fetch-site")
    if site is not None and site.strip().lower() not in _SAFE_FETCH_SITES:
        raise REQUEST_CROSS_ORIGIN.error(
            f"a request from another site ({site}) may not use the session cookie",
            sec_fetch_site=site,
        )
    origin = request.headers.get("origin")
    if origin is not None and _normal_origin(origin) not in own_origins(request, settings):
        raise REQUEST_CROSS_ORIGIN.error(origin=origin)


def _normal_origin(origin: str) -> str:
    """``scheme://host[:port]`` in lower case; ``null`` and other junk never match."""
    try:
        parts = urlsplit(origin.strip().lower())
    except ValueError:
        return ""
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def checked_return_url(url: str | None, settings: WebSettings) -> str | None:
    """``url`` if a browser may be sent there after paying, else ``payment.return_url``.

    Allowed: a path on the hall (one leading ``/``, not ``//``), or a URL whose origin is
    one of :attr:`WebSettings.public_origins`; never a backslash, a control character or a
    space, never another scheme (``javascript:``, ``data:``). None stays None.
    """
    if url is None:
        return None
    if _plain(url) and url.startswith("/") and not url.startswith("//"):
        return url
    if _plain(url) and _origin_of(url) in settings.public_origins:
        return url
    raise PAYMENT_RETURN_URL.error(field="return_url")


def _plain(url: str) -> bool:
    return 0 < len(url) <= _MAX_URL and "\\" not in url and all(_printable(c) for c in url)


def _printable(char: str) -> bool:
    return char.isprintable() and not char.isspace()


def _origin_of(url: str) -> str:
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:  # a malformed authority ("https://[x") is no origin
        return ""
    if parts.scheme not in {"http", "https"} or "@" in parts.netloc or not hostname:
        return ""
    return f"{parts.scheme}://{parts.netloc.lower()}"


async def security_headers(message: Message, scope: Scope) -> None:
    """Add the security headers to every response (the app's ``before_send`` hook)."""
    if message["type"] != "http.response.start":
        return
    headers = MutableScopeHeaders.from_message(message)
    for name, value in _HEADERS:
        headers[name] = value
    if scope.get("path") in _INLINE_STYLE_PATHS:
        headers["content-security-policy"] = REDOC_CONTENT_SECURITY_POLICY
    if not str(scope.get("path", "")).startswith(_STATIC):
        headers["cache-control"] = "no-store"
