"""Where a session token travels: an HttpOnly cookie for the pages, or a Bearer header.

The hall issues an opaque token at login (only its digest is stored, F-AUTH-7). Browsers
keep it in an ``HttpOnly``, ``SameSite=Lax`` cookie, ``Secure`` when the request came over
TLS (or as :attr:`WebSettings.secure_cookies` forces); API clients may send it as
``Authorization: Bearer <token>`` instead. The client address keys the lock-out counters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import timedelta

    from litestar import Request, Response

    from unicom_web.settings import WebSettings

__all__ = ["clear_session_cookie", "client_of", "set_session_cookie", "token_of"]

_BEARER = "bearer "


def token_of(request: Request[Any, Any, Any], settings: WebSettings) -> str:
    """The session token of the request (Bearer header first, then cookie), or ``""``."""
    header = request.headers.get("authorization", "")
    if header[: len(_BEARER)].lower() == _BEARER:
        return header[len(_BEARER) :].strip()
    return request.cookies.get(settings.session_cookie, "")


def client_of(request: Request[Any, Any, Any], settings: WebSettings) -> str:
    """The client's address, for the per-client failure counter (F-AUTH-7)."""
    if settings.client_header is not None:
        forwarded = request.headers.get(settings.client_header, "")
        first = forwarded.split(",")[0].strip()
        if first:
            return f"ip:{first}"
    peer = request.client.host if request.client is not None else "unknown"
    return f"ip:{peer}"


def _secure(request: Request[Any, Any, Any], settings: WebSettings) -> bool:
    if settings.secure_cookies is not None:
        return settings.secure_cookies
    return request.url.scheme == "https"


def set_session_cookie(
    response: Response[Any],
    request: Request[Any, Any, Any],
    settings: WebSettings,
    *,
    token: str,
    lifetime: timedelta,
) -> None:
    """Hand the browser its session token: HttpOnly, SameSite=Lax, Secure over TLS."""
    response.set_cookie(
        key=settings.session_cookie,
        value=token,
        max_age=int(lifetime.total_seconds()),
        path="/",
        secure=_secure(request, settings),
        httponly=True,
        samesite="lax",
    )


def clear_session_cookie(
    response: Response[Any], request: Request[Any, Any, Any], settings: WebSettings
) -> None:
    """Tell the browser to forget its session token."""
    response.set_cookie(
        key=settings.session_cookie,
        value="",
        max_age=0,
        path="/",
        secure=_secure(request, settings),
        httponly=True,
        samesite="lax",
    )
