"""The web adapter's settings: secrets, cookie names and flags, the problem-type base.

Everything the hall's rules decide (session lifetimes, lock-out, code limits) lives in the
core's settings; these are only what HTTP adds.
"""

from __future__ import annotations

import secrets

import attrs

from unicom_core.domain.offers import Channel
from unicom_core.errors import InvalidInput

__all__ = ["WebSettings"]

_MIN_SECRET = 32
_LANGUAGES = ("zh", "en")


def _check_secret(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or len(value) < _MIN_SECRET:
        raise InvalidInput(
            "web.secret",
            f"the secret signs CSRF tokens: at least {_MIN_SECRET} characters",
            field="secret",
        )


def _check_language(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if value not in _LANGUAGES:
        raise InvalidInput(
            "web.language", f"the language is one of {', '.join(_LANGUAGES)}", field="language"
        )


@attrs.frozen(slots=True, kw_only=True)
class WebSettings:
    """What :func:`~unicom_web.create_app` needs besides the hall.

    Attributes:
        secret: signs the CSRF tokens (HMAC); keep it secret and stable across restarts.
        secure_cookies: force the ``Secure`` cookie flag on (True) or off (False); None sets
            it when the request came over TLS (``https``), as seen by the ASGI server.
        session_cookie: the name of the HttpOnly cookie holding the session token.
        csrf_cookie: the name of the CSRF cookie (double-submit token of the form posts).
        language: the default page language, ``zh`` or ``en``.
        channel: the sales channel the hall sells on (F-BUN-3: the online hall).
        client_header: a header naming the client address (``x-forwarded-for``) when a
            trusted proxy sets it; None uses the peer address. It keys the lock-out counters.
        problem_base: the prefix of every problem ``type`` URI; the error code follows it.
        title: the site's name in page titles.
    """

    secret: str = attrs.field(validator=_check_secret, repr=False)
    secure_cookies: bool | None = None
    session_cookie: str = "unicom_session"
    csrf_cookie: str = "unicom_csrf"
    language: str = attrs.field(default="zh", validator=_check_language)
    channel: Channel = Channel.ONLINE_HALL
    client_header: str | None = None
    problem_base: str = "urn:unicom:error:"
    title: str = "中国联通网上营业厅"

    @classmethod
    def for_development(cls) -> WebSettings:
        """Settings with a fresh random secret (tokens do not survive a restart)."""
        return cls(secret=secrets.token_hex(32))
