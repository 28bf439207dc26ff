"""The JSON endpoints of the way in: logins, random passwords, passwords, sessions (F-AUTH).

A login answers ``201`` with the :class:`~unicom_core.usecases.access.service.LoginResult` (the
token, for clients that send ``Authorization: Bearer``) and sets the HttpOnly session
cookie. Failures count in the domain's counters (lock-out, captcha escalation, code limits,
F-AUTH-7); their refusals become ``401``/``403``/``429`` problems in one place
(:mod:`unicom_web.problems`).
"""

from __future__ import annotations

from typing import Any

import attrs
from litestar import Request, delete, get, post, put
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_202_ACCEPTED, HTTP_204_NO_CONTENT

from unicom_core.domain.access import CodePurpose, Session, ThirdParty
from unicom_core.domain.shared import LoginType
from unicom_core.ports.access import CaptchaAnswer, CaptchaChallenge
from unicom_core.usecases.access import CodeSent, LoginResult
from unicom_web.bodies import PROBLEMS, ConvertedResponse
from unicom_web.cookies import clear_session_cookie, set_session_cookie
from unicom_web.deps import Client, Hall, Settings, Token
from unicom_web.settings import WebSettings

__all__ = [
    "API",
    "LoginEmail",
    "PasswordChange",
    "PasswordLogin",
    "PasswordReset",
    "RandomPasswordLogin",
    "RandomPasswordRequest",
    "ThirdPartyCode",
]

_TAGS = ["access"]
_NO_CONTENT = ResponseSpec(None, description="Logged out; the session cookie is cleared")


@attrs.frozen(slots=True)
class PasswordLogin:
    """A login with the service password (F-AUTH-1, F-AUTH-2); ``captcha`` when asked for."""

    login_type: LoginType
    user_name: str
    password: str
    captcha: CaptchaAnswer | None = None


@attrs.frozen(slots=True)
class RandomPasswordLogin:
    """A login with a random password sent by SMS (F-AUTH-2; limited by F-AUTH-5)."""

    user_name: str
    random_password: str
    captcha: CaptchaAnswer | None = None


@attrs.frozen(slots=True)
class RandomPasswordRequest:
    """Send a random password to a mobile number, to log in or to reset the password."""

    user_name: str
    purpose: CodePurpose = CodePurpose.LOGIN


@attrs.frozen(slots=True)
class PasswordChange:
    """Change the service password, proving the old one (F-AUTH-4, F-AUTH-7)."""

    login_type: LoginType
    user_name: str
    old_password: str
    new_password: str
    captcha: CaptchaAnswer | None = None


@attrs.frozen(slots=True)
class PasswordReset:
    """Set a new service password with a reset random password (F-AUTH-7)."""

    user_name: str
    random_password: str
    new_password: str
    captcha: CaptchaAnswer | None = None


@attrs.frozen(slots=True)
class ThirdPartyCode:
    """A QQ or Weibo authorisation code, to log in or to bind (F-AUTH-3)."""

    provider: ThirdParty
    authorization_code: str


@attrs.frozen(slots=True)
class LoginEmail:
    """The e-mail address that may log in to the session's number, or null (F-AUTH-1)."""

    email: str | None


def _logged_in(
    result: LoginResult, request: Request[Any, Any, Any], hall: Hall, settings: WebSettings
) -> ConvertedResponse[LoginResult]:
    response = ConvertedResponse(result, status_code=HTTP_201_CREATED)
    lifetime = hall.access.settings.sessions.absolute
    set_session_cookie(response, request, settings, token=result.token, lifetime=lifetime)
    return response


@post(
    "/sessions/password",
    tags=_TAGS,
    summary="Log in with the service password",
    sync_to_thread=True,
    responses=PROBLEMS,
    status_code=HTTP_201_CREATED,
)
def login_with_password(
    data: JSONBody[PasswordLogin],
    request: Request[Any, Any, Any],
    hall: Hall,
    web_settings: Settings,
    client: Client,
) -> ConvertedResponse[LoginResult]:
    """Open a session with the service password; sets the session cookie."""
    result = hall.access.login_with_password(
        data.login_type, data.user_name, data.password, client=client, captcha=data.captcha
    )
    return _logged_in(result, request, hall, web_settings)


@post(
    "/sessions/random-password",
    tags=_TAGS,
    summary="Log in with a random password",
    sync_to_thread=True,
    responses=PROBLEMS,
    status_code=HTTP_201_CREATED,
)
def login_with_random_password(
    data: JSONBody[RandomPasswordLogin],
    request: Request[Any, Any, Any],
    hall: Hall,
    web_settings: Settings,
    client: Client,
) -> ConvertedResponse[LoginResult]:
    """Open a limited session with a random password (F-AUTH-5); sets the session cookie."""
    result = hall.access.login_with_random_password(
        data.user_name, data.random_password, client=client, captcha=data.captcha
    )
    return _logged_in(result, request, hall, web_settings)


@post(
    "/sessions/third-party",
    tags=_TAGS,
    summary="Log in with a bound QQ or Weibo account",
    sync_to_thread=True,
    responses=PROBLEMS,
    status_code=HTTP_201_CREATED,
)
def login_with_third_party(
    data: JSONBody[ThirdPartyCode],
    request: Request[Any, Any, Any],
    hall: Hall,
    web_settings: Settings,
    client: Client,
) -> ConvertedResponse[LoginResult]:
    """Open a limited session with a provider's authorisation code (F-AUTH-3)."""
    result = hall.access.login_with_third_party(
        data.provider, data.authorization_code, client=client
    )
    return _logged_in(result, request, hall, web_settings)


@get(
    "/session",
    tags=_TAGS,
    summary="The current session",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def current_session(hall: Hall, token: Token) -> Session:
    """The live session of the request's token (its use is recorded)."""
    return hall.access.session(token)


@delete(
    "/session",
    tags=_TAGS,
    summary="Log out",
    sync_to_thread=True,
    responses={**PROBLEMS, HTTP_204_NO_CONTENT: _NO_CONTENT},
)
def logout(
    request: Request[Any, Any, Any], hall: Hall, web_settings: Settings, token: Token
) -> ConvertedResponse[None]:
    """End the session and clear its cookie; logging out twice changes nothing."""
    hall.access.logout(token)
    response = ConvertedResponse(None, status_code=HTTP_204_NO_CONTENT)
    clear_session_cookie(response, request, web_settings)
    return response


@post(
    "/random-passwords",
    tags=_TAGS,
    summary="Send a random password by SMS",
    sync_to_thread=True,
    responses=PROBLEMS,
    status_code=HTTP_202_ACCEPTED,
)
def request_random_password(
    data: JSONBody[RandomPasswordRequest], hall: Hall, client: Client
) -> CodeSent:
    """Send a code (the same answer for unknown numbers); limited by the domain's counters."""
    return hall.access.request_random_password(data.user_name, purpose=data.purpose, client=client)


@post(
    "/password-changes",
    tags=_TAGS,
    summary="Change the service password",
    sync_to_thread=True,
    responses=PROBLEMS,
    status_code=HTTP_204_NO_CONTENT,
)
def change_password(data: JSONBody[PasswordChange], hall: Hall, client: Client) -> None:
    """Change the service password (how a holder leaves the initial one, F-AUTH-4)."""
    hall.access.change_password(
        data.login_type,
        data.user_name,
        data.old_password,
        data.new_password,
        client=client,
        captcha=data.captcha,
    )


@post(
    "/password-resets",
    tags=_TAGS,
    summary="Reset the service password with a random password",
    sync_to_thread=True,
    responses=PROBLEMS,
    status_code=HTTP_204_NO_CONTENT,
)
def reset_password(data: JSONBody[PasswordReset], hall: Hall, client: Client) -> None:
    """Set a new service password with a code asked for with purpose ``reset``."""
    hall.access.reset_password(
        data.user_name, data.random_password, data.new_password, client=client, captcha=data.captcha
    )


@post(
    "/captchas",
    tags=_TAGS,
    summary="A new captcha challenge",
    sync_to_thread=True,
    responses=PROBLEMS,
    status_code=HTTP_201_CREATED,
)
def new_captcha(hall: Hall) -> CaptchaChallenge:
    """A challenge to answer in the next login when a captcha is required (F-AUTH-2)."""
    return hall.access.new_captcha()


@put(
    "/session/login-email",
    tags=_TAGS,
    summary="Set or remove the login e-mail",
    sync_to_thread=True,
    responses=PROBLEMS,
    status_code=HTTP_204_NO_CONTENT,
)
def set_login_email(data: JSONBody[LoginEmail], hall: Hall, token: Token) -> None:
    """Let an e-mail address log in to the session's number (service password only)."""
    hall.access.set_login_email(token, data.email)


@put(
    "/session/third-party",
    tags=_TAGS,
    summary="Bind a QQ or Weibo account",
    sync_to_thread=True,
    responses=PROBLEMS,
    status_code=HTTP_204_NO_CONTENT,
)
def bind_third_party(data: JSONBody[ThirdPartyCode], hall: Hall, token: Token) -> None:
    """Bind the provider's identity to the session's number (F-AUTH-3)."""
    hall.access.bind_third_party(token, data.provider, data.authorization_code)


@delete(
    "/session/third-party/{provider:str}",
    tags=_TAGS,
    summary="Unbind a QQ or Weibo account",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def unbind_third_party(provider: FromPath[ThirdParty], hall: Hall, token: Token) -> None:
    """Unbind the provider's identity from the session's number (F-AUTH-3)."""
    hall.access.unbind_third_party(token, provider)


API = (
    login_with_password,
    login_with_random_password,
    login_with_third_party,
    current_session,
    logout,
    request_random_password,
    change_password,
    reset_password,
    new_captcha,
    set_login_email,
    bind_third_party,
    unbind_third_party,
)
"""The access endpoints, mounted under ``/api/v1``."""
