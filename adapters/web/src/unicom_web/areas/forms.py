"""What the page handlers share: reading a posted form and answering a refusal in place.

Forms post ``application/x-www-form-urlencoded`` with the CSRF token Litestar checks; a
refusal re-renders the form with the friendly message, with the status
:func:`~unicom_web.problems.problem_for` gives the error.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from litestar.params import URLEncodedBody

from unicom_core.domain.shared import LOGIN_TYPE, LoginType
from unicom_core.ports.access import CaptchaAnswer

__all__ = ["Form", "captcha_of", "field", "login_type_of", "safe_next"]

Form = URLEncodedBody[dict[str, Any]]
"""A posted form, as a mapping of field names to values."""


def field(form: dict[str, Any], name: str) -> str:
    """The text of a field (the last one if repeated), ``""`` when absent."""
    value = form.get(name, "")
    if isinstance(value, list):
        value = value[-1] if value else ""
    return str(value).strip()


def login_type_of(value: str) -> LoginType:
    """The login type named by a form (``mobile`` when empty)."""
    try:
        return LoginType(value or LoginType.MOBILE.value)
    except ValueError:
        raise LOGIN_TYPE.error(f"no login type {value!r}", field="login_type") from None


def captcha_of(form: dict[str, Any]) -> CaptchaAnswer | None:
    """The captcha answer of a form, if it carried one."""
    challenge_id, text = field(form, "captcha_id"), field(form, "captcha_text")
    if not challenge_id:
        return None
    return CaptchaAnswer(challenge_id, text)


def safe_next(target: str, default: str = "/home") -> str:
    """Where to go after a login: a local path only (no open redirect)."""
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or parts.scheme or parts.netloc:
        return default
    return target
