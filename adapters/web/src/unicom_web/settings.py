"""The web adapter's settings: secrets, cookie names and flags, the problem-type base.

Everything the hall's rules decide (session lifetimes, lock-out, code limits) lives in the
core's settings; these are only what HTTP adds.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import attrs

from unicom_core.domain.catalog import Channel
from unicom_core.domain.shared import MAX_FEN
from unicom_web.codes import (
    WEB_LANGUAGE,
    WEB_MAX_AMOUNT,
    WEB_MAX_BODY,
    WEB_MAX_JSON_DEPTH,
    WEB_NOTIFICATION_LIMIT,
    WEB_PUBLIC_ORIGINS,
    WEB_SECRET,
    WEB_SUPPORT_AGENT_KEYS,
    WEB_TRUSTED_PROXIES,
)
from unicom_web.i18n import LANGUAGES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from unicom_core.errors import ErrorCode, InvalidInput

__all__ = ["WebSettings"]

_MIN_SECRET = 32
_LANGUAGES = LANGUAGES  # the catalogues present (unicom_web.catalogues)


def _check_secret(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or len(value) < _MIN_SECRET:
        raise WEB_SECRET.error(field="secret", minimum=_MIN_SECRET)


def _check_language(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if value not in _LANGUAGES:
        raise WEB_LANGUAGE.error(
            f"the language is one of {', '.join(_LANGUAGES)}", field="language"
        )


def _origin(value: object) -> str | None:
    """``scheme://host[:port]`` in lower case, or None for anything else."""
    try:
        parts = urlsplit(str(value).strip().lower())
        hostname = parts.hostname
    except ValueError:  # a malformed authority ("https://[x")
        return None
    bare = parts.path in {"", "/"} and not parts.query and not parts.fragment
    if parts.scheme not in {"http", "https"} or not hostname or "@" in parts.netloc or not bare:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def _origins(values: Iterable[str]) -> tuple[str, ...]:
    """Each origin as ``scheme://host[:port]`` in lower case (``web.public_origins``)."""
    origins = []
    for value in (values,) if isinstance(values, str) else values:
        origin = _origin(value)
        if origin is None:
            raise WEB_PUBLIC_ORIGINS.error(
                f"a public origin is scheme://host[:port], not {value!r}", field="public_origins"
            )
        origins.append(origin)
    return tuple(origins)


def _networks(values: Iterable[str]) -> tuple[str, ...]:
    """Each trusted proxy as a CIDR network (an address is a /32 or /128 network)."""
    try:
        return tuple(str(ipaddress.ip_network(value, strict=False)) for value in values)
    except (TypeError, ValueError) as error:
        raise WEB_TRUSTED_PROXIES.error(
            f"a trusted proxy is an IP address or a CIDR network: {error}", field="trusted_proxies"
        ) from error


def _check_origins(instance: WebSettings, _attribute: object, value: tuple[str, ...]) -> None:
    if instance.secure_cookies and any(not origin.startswith("https://") for origin in value):
        raise WEB_PUBLIC_ORIGINS.error(field="public_origins")


_AGENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")
_DIGEST = re.compile(r"[0-9a-f]{64}")


def _agent_keys(values: Mapping[str, str]) -> Mapping[str, str]:
    """Agent id -> SHA-256 hex digest of its key, read-only (``web.support_agent_keys``)."""
    items = dict(values.items()) if hasattr(values, "items") else None
    if items is None or not all(
        isinstance(agent, str)
        and _AGENT.fullmatch(agent)
        and isinstance(digest, str)
        and _DIGEST.fullmatch(digest.lower())
        for agent, digest in items.items()
    ):
        raise WEB_SUPPORT_AGENT_KEYS.error(field="support_agent_keys")
    return MappingProxyType({agent: digest.lower() for agent, digest in items.items()})


def _check_limit(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise WEB_NOTIFICATION_LIMIT.error(field="notification_limit_per_minute")


def _within(
    code: ErrorCode[InvalidInput], low: int, high: int, what: str
) -> Callable[[object, attrs.Attribute[int], object], None]:
    """A validator: the value is a whole number in ``low..high`` (InvalidInput ``code``)."""

    def check(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise code.error(f"{what} is a whole number in {low}..{high}", field=attribute.name)

    return check


@attrs.frozen(slots=True, kw_only=True)
class WebSettings:
    """What :func:`~unicom_web.create_app` needs besides the hall.

    Attributes:
        secret: signs the CSRF tokens (HMAC); keep it secret and stable across restarts.
        secure_cookies: force the ``Secure`` cookie flag on (True) or off (False); None sets
            it when the request came over TLS (``https``), as seen by the ASGI server.
        session_cookie: the name of the HttpOnly cookie holding the session token.
        csrf_cookie: the name of the CSRF cookie (double-submit token of the form posts).
        language: the default page language, a catalogue's tag (``zh`` or ``en`` shipped).
        channel: the sales channel the hall sells on (F-BUN-3: the online hall).
        client_header: a header naming the client address (``x-forwarded-for``) when a
            trusted proxy sets it; None uses the peer address. It keys the lock-out counters
            and rate limits, and is read only from a peer among ``trusted_proxies``.
        trusted_proxies: the reverse proxies (addresses or CIDR networks) whose
            ``client_header`` is believed; empty (the default) believes no one's. Of the
            header's addresses the right-most one that is not itself a trusted proxy counts.
        public_origins: the hall's public origins (``https://www.example.cn``): allowed as
            the ``Origin`` of a cookie-authenticated API request besides the request's own
            host, and as the origin of a payment's ``return_url``. Https only when
            ``secure_cookies`` is True.
        notification_limit_per_minute: how many gateway notifications one source address
            may post a minute; beyond it 429 with ``Retry-After``, and nothing is recorded.
        max_amount_fen: the largest amount in fen a request body may carry (a payment, a
            top-up, a mandate's limit): beyond it 422 ``payment.amount``. ¥50,000 by default;
            never above a signed 64-bit fen count.
        max_body_bytes: the largest request body in bytes (64 KiB by default): beyond it 413.
        max_json_depth: how deeply a JSON body may nest (32 by default): deeper is a 400.
        problem_base: the prefix of every problem ``type`` URI; the error code follows it.
        title: the site's name in page titles.
        support_agent_keys: the customer-service agents allowed into the agent console
            (``/support/agent``, F-BIZ-8): agent id -> the SHA-256 hex digest of the agent's
            key (:func:`unicom_web.areas.support.agent_key_digest`). Empty (the default)
            disables the console: its pages answer 404. Keys are compared in constant time.
        operator_cookie: the name of the operator console's cookie (``/operator/login``,
            F-AUTH-6): an operator access token, HttpOnly, SameSite=Strict.
    """

    secret: str = attrs.field(validator=_check_secret, repr=False)
    secure_cookies: bool | None = None
    session_cookie: str = "unicom_session"
    csrf_cookie: str = "unicom_csrf"
    operator_cookie: str = "unicom_operator"
    language: str = attrs.field(default="zh", validator=_check_language)
    channel: Channel = Channel.ONLINE_HALL
    client_header: str | None = None
    trusted_proxies: tuple[str, ...] = attrs.field(default=(), converter=_networks)
    public_origins: tuple[str, ...] = attrs.field(
        default=(), converter=_origins, validator=_check_origins
    )
    notification_limit_per_minute: int = attrs.field(default=300, validator=_check_limit)
    max_amount_fen: int = attrs.field(
        default=5_000_000, validator=_within(WEB_MAX_AMOUNT, 1, MAX_FEN, "the maximum amount")
    )
    max_body_bytes: int = attrs.field(
        default=64 * 1024, validator=_within(WEB_MAX_BODY, 1024, 2**30, "the body size")
    )
    max_json_depth: int = attrs.field(
        default=32, validator=_within(WEB_MAX_JSON_DEPTH, 2, 256, "the JSON depth")
    )
    problem_base: str = "urn:unicom:error:"
    title: str = "中国联通网上营业厅"
    support_agent_keys: Mapping[str, str] = attrs.field(
        factory=dict, converter=_agent_keys, repr=False, hash=False
    )

    @classmethod
    def for_development(cls) -> WebSettings:
        """Settings with a fresh random secret (tokens do not survive a restart)."""
        return cls(secret=secrets.token_hex(32))
