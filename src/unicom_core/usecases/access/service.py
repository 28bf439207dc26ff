"""``hall.access``: the way into the hall and the one permission check (F-AUTH-1..7).

:class:`AccessService` is composed of three parts over the same ports and settings, and
offers each one's use cases under one name:

* :class:`~unicom_core.usecases.access.sessions.AccessSessions`: sessions, the permission
  check every other area asks (it implements :class:`~unicom_core.ports.shared.Authorizer`),
  QQ/Weibo logins and bindings, the login e-mail;
* :class:`~unicom_core.usecases.access.logins.AccessLogins`: logins by service password or
  random password, password change and reset;
* :class:`~unicom_core.usecases.access.purge.AccessPurge`: the clean-up of stale records;
* :class:`~unicom_core.usecases.access.operators.AccessOperators`: operator clients, the
  OAuth 2.0 client-credentials grant and the audit log (F-AUTH-6). They live on
  ``hall.access`` rather than a ``hall.operators`` of their own because an operator token is
  checked by the same one :meth:`AccessService.authorize` as a subscriber session, over the
  same storage, hasher and failure counters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.access import CodePurpose
from unicom_core.usecases.access.logins import AccessLogins
from unicom_core.usecases.access.operators import AccessOperators
from unicom_core.usecases.access.operators_grants import Authorized, permits
from unicom_core.usecases.access.purge import AccessPurge
from unicom_core.usecases.access.sessions import AccessSessions

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import datetime

    from unicom_core.domain.access import (
        AuditEntry,
        Capability,
        OperatorClient,
        Session,
        ThirdParty,
    )
    from unicom_core.domain.shared import LoginType
    from unicom_core.domain.subscribers import NumberIdentifier, SubscriberId
    from unicom_core.errors import UnicomError
    from unicom_core.ports.access import (
        AccessStorage,
        AccessUnitOfWork,
        Captcha,
        CaptchaAnswer,
        CaptchaChallenge,
        MessageSender,
        OAuthProvider,
        PasswordHasher,
    )
    from unicom_core.ports.shared import Clock, Granted, Page, PageRequest
    from unicom_core.usecases.access.operators import IssuedToken, NewClient, NumbersPage
    from unicom_core.usecases.access.purge import PurgeReport
    from unicom_core.usecases.access.sessions import CodeSent, LoginResult
    from unicom_core.usecases.access.settings import AccessSettings

__all__ = ["AccessService"]


class AccessService:
    """Logins, sessions, passwords, third-party accounts and the permission check (F-AUTH).

    Args:
        storage: any storage whose units of work offer the access repositories.
        clock: the hall's clock.
        hasher: the password hasher (peppered here by ``settings.password_pepper``).
        messages: the SMS sender of random passwords.
        captcha: the captcha of the login forms.
        oauth: the QQ/Weibo provider.
        settings: the limits (default :class:`AccessSettings`).
    """

    def __init__(  # noqa: PLR0913 - the ports of the area, by keyword
        self,
        storage: AccessStorage,
        clock: Clock,
        *,
        hasher: PasswordHasher,
        messages: MessageSender,
        captcha: Captcha,
        oauth: OAuthProvider,
        settings: AccessSettings | None = None,
    ) -> None:
        self._sessions = AccessSessions(
            storage,
            clock,
            hasher=hasher,
            messages=messages,
            captcha=captcha,
            oauth=oauth,
            settings=settings,
        )
        self._hasher = self._sessions.hasher
        self._logins = AccessLogins(self._sessions, messages)
        self._purge = AccessPurge(storage, clock, self._sessions.settings)
        self._operators = AccessOperators(self._sessions)

    @property
    def settings(self) -> AccessSettings:
        """The limits in force."""
        return self._sessions.settings

    # ------------------------------------------------------------------ sessions

    def new_captcha(self) -> CaptchaChallenge:
        """A captcha challenge to show on the login form (F-AUTH-2)."""
        return self._sessions.new_captcha()

    def session(self, token: str) -> Session:
        """The live session of ``token`` (:meth:`AccessSessions.session`)."""
        return self._sessions.session(token)

    def authorize(
        self, token: str, capability: Capability, number: NumberIdentifier | None = None
    ) -> Authorized:
        """The one permission check (:meth:`AccessSessions.authorize`; F-AUTH-5, F-AUTH-6)."""
        return self._sessions.authorize(token, capability, number)

    def authorize_in(  # noqa: PLR0913 - the check's facts and the transaction's
        self,
        tx: AccessUnitOfWork,
        token: str,
        capability: Capability,
        number: NumberIdentifier | None,
        now: datetime,
        /,
        *,
        readonly: bool,
    ) -> Authorized | UnicomError:
        """The permission check in the caller's ``tx`` (:meth:`AccessSessions.authorize_in`)."""
        return self._sessions.authorize_in(tx, token, capability, number, now, readonly=readonly)

    def permits(self, granted: Granted, capability: Capability, /) -> bool:
        """Whether ``granted`` (this service's answer) also allows ``capability`` (no read).

        A grant this service did not make is not vouched for: False.
        """
        if not isinstance(granted, Authorized):
            return False
        return permits(granted, capability, self._sessions.settings.policy)

    def logout(self, token: str) -> None:
        """End the session of ``token`` (:meth:`AccessSessions.logout`)."""
        self._sessions.logout(token)

    def login_with_third_party(
        self, provider: ThirdParty, authorization_code: str, *, client: str
    ) -> LoginResult:
        """Log in with a bound QQ or Weibo identity (F-AUTH-3; see :class:`AccessSessions`)."""
        return self._sessions.login_with_third_party(provider, authorization_code, client=client)

    def bind_third_party(self, token: str, provider: ThirdParty, authorization_code: str) -> None:
        """Bind a QQ or Weibo identity (:meth:`AccessSessions.bind_third_party`; F-AUTH-3)."""
        self._sessions.bind_third_party(token, provider, authorization_code)

    def unbind_third_party(self, token: str, provider: ThirdParty) -> None:
        """Unbind a QQ or Weibo identity (:meth:`AccessSessions.unbind_third_party`)."""
        self._sessions.unbind_third_party(token, provider)

    def set_login_email(self, token: str, email: str | None) -> None:
        """Set or clear the login e-mail (:meth:`AccessSessions.set_login_email`; F-AUTH-1)."""
        self._sessions.set_login_email(token, email)

    # ------------------------------------------------------------------ logins, passwords

    def enroll(self, subscriber_id: SubscriberId, initial_password: str) -> None:
        """Give a number its initial service password (:meth:`AccessLogins.enroll`; F-AUTH-4)."""
        self._logins.enroll(subscriber_id, initial_password)

    def login_with_password(
        self,
        login_type: LoginType,
        user_name: str,
        password: str,
        *,
        client: str,
        captcha: CaptchaAnswer | None = None,
    ) -> LoginResult:
        """Log in with the service password (:meth:`AccessLogins.login_with_password`)."""
        return self._logins.login_with_password(
            login_type, user_name, password, client=client, captcha=captcha
        )

    def request_random_password(
        self,
        user_name: str,
        *,
        purpose: CodePurpose = CodePurpose.LOGIN,
        client: str | None = None,
    ) -> CodeSent:
        """Send a random password (:meth:`AccessLogins.request_random_password`; F-AUTH-2)."""
        return self._logins.request_random_password(user_name, purpose=purpose, client=client)

    def login_with_random_password(
        self,
        user_name: str,
        random_password: str,
        *,
        client: str,
        captcha: CaptchaAnswer | None = None,
    ) -> LoginResult:
        """Log in with a random password (:meth:`AccessLogins.login_with_random_password`)."""
        return self._logins.login_with_random_password(
            user_name, random_password, client=client, captcha=captcha
        )

    def change_password(  # noqa: PLR0913 - the form has exactly these fields
        self,
        login_type: LoginType,
        user_name: str,
        old_password: str,
        new_password: str,
        *,
        client: str,
        captcha: CaptchaAnswer | None = None,
    ) -> None:
        """Change the service password (:meth:`AccessLogins.change_password`; F-AUTH-4)."""
        self._logins.change_password(
            login_type, user_name, old_password, new_password, client=client, captcha=captcha
        )

    def reset_password(
        self,
        user_name: str,
        random_password: str,
        new_password: str,
        *,
        client: str,
        captcha: CaptchaAnswer | None = None,
    ) -> None:
        """Reset the service password (:meth:`AccessLogins.reset_password`; F-AUTH-4)."""
        self._logins.reset_password(
            user_name, random_password, new_password, client=client, captcha=captcha
        )

    def captcha_required(self, login_type: LoginType, user_name: str, *, client: str) -> bool:
        """Whether the next login needs a captcha (:meth:`AccessLogins.captcha_required`)."""
        return self._logins.captcha_required(login_type, user_name, client=client)

    # ------------------------------------------------------------------ the janitor

    def purge_expired(self) -> PurgeReport:
        """Delete stale records (:meth:`AccessPurge.purge_expired`; F-AUTH-7)."""
        return self._purge.purge_expired()

    # ------------------------------------------------------------------ operators

    def add_client(self, name: str, scopes: Iterable[str]) -> NewClient:
        """Register an operator client; its secret is shown once (:class:`AccessOperators`)."""
        return self._operators.add_client(name, scopes)

    def rotate_secret(self, client_id: str) -> NewClient:
        """Give an operator client a new secret (:meth:`AccessOperators.rotate_secret`)."""
        return self._operators.rotate_secret(client_id)

    def disable_client(self, client_id: str) -> OperatorClient:
        """Disable an operator client (:meth:`AccessOperators.disable_client`)."""
        return self._operators.disable_client(client_id)

    def clients(self, page: PageRequest | None = None) -> Page[OperatorClient]:
        """The operator clients, by id (:meth:`AccessOperators.clients`)."""
        return self._operators.clients(page)

    def issue_client_token(
        self, client_id: str, secret: str, scope: str | Iterable[str] | None = None
    ) -> IssuedToken:
        """The client-credentials grant (:meth:`AccessOperators.issue_client_token`)."""
        return self._operators.issue_client_token(client_id, secret, scope)

    def carrier_numbers(
        self, token: str, after: str | None = None, limit: int = 100
    ) -> NumbersPage:
        """An operator's walk over the carrier's numbers (F-AUTH-6; :class:`AccessOperators`)."""
        return self._operators.carrier_numbers(token, after, limit)

    def audit(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        client_id: str | None = None,
        account_id: str | None = None,
        page: PageRequest | None = None,
    ) -> Page[AuditEntry]:
        """The audit log of operator actions, newest first (:meth:`AccessOperators.audit`)."""
        return self._operators.audit(
            since=since, until=until, client_id=client_id, account_id=account_id, page=page
        )

    def record_action(
        self, actor: str, action: str, parameters: Mapping[str, str] | None = None
    ) -> AuditEntry:
        """Audit an action run in many transactions (:meth:`AccessOperators.record_action`)."""
        return self._operators.record_action(actor, action, parameters)
