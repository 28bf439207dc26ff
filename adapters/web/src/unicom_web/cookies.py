"""Where a session token travels: an HttpOnly cookie for the pages, or a Bearer header.

The hall issues an opaque token at login (only its digest is stored, F-AUTH-7). Browsers
keep it in an ``HttpOnly``, ``SameSite=Lax`` cookie, ``Secure`` when the request came over
TLS (or as :attr:`WebSettings.secure_cookies` forces); API clients may send it as
``Authorization: Bearer <token>`` instead. The client address keys the lock-out counters
and the rate limits: a forwarded header (:attr:`WebSettings.client_header`) is believed only
when the direct peer is one of :attr:`WebSettings.trusted_proxies`, so nobody else can pick
a fresh address for every try.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import timedelta

    from litestar import Request, Response

    from unicom_web.settings import WebSettings

__all__ = ["by_cookie", "clear_session_cookie", "client_of", "set_session_cookie", "token_of"]

_BEARER = "bearer "


def token_of(request: Request[Any, Any, Any], settings: WebSettings) -> str:
    """The session token of the request (Bearer header first, then cookie), or ``""``."""
    header = request.headers.get("authorization", "")
    if header[: len(_BEARER)].lower() == _BEARER:
        return header[len(_BEARER) :].strip()
    return request.cookies.get(settings.session_cookie, "")


def by_cookie(request: Request[Any, Any, Any], settings: WebSettings) -> bool:
    """Whether the session cookie, not a Bearer header, authenticates the request."""
    header = request.headers.get("authorization", "")
    bearer = header[: len(_BEARER)].lower() == _BEARER
    return not bearer and bool(request.cookies.get(settings.session_cookie))


def client_of(request: Request[Any, Any, Any], settings: WebSettings) -> str:
    """The client's address, for the per-client counters (F-AUTH-7, SMS and notifications).

    The peer's address, unless the peer is a trusted proxy and names the client in
    :attr:`WebSettings.client_header`: then the right-most address there that is not
    itself a trusted proxy (the left-most ones are whatever the client wrote).
    """
    peer = request.client.host if request.client is not None else "unknown"
    if settings.client_header is not None and _trusted(peer, settings):
        forwarded = request.headers.get(settings.client_header, "")
        for hop in reversed([part.strip() for part in forwarded.split(",")]):
            if not _is_address(hop):
                break
            if not _trusted(hop, settings):
                return f"ip:{hop}"
    return f"ip:{peer}"


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _trusted(address: str, settings: WebSettings) -> bool:
    if not settings.trusted_proxies or not _is_address(address):
        return False
    ip = ipaddress.ip_address(address)
    return any(ip in ipaddress.ip_network(network) for network in settings.trusted_proxies)


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
