"""Sessions, the permission check, QQ/Weibo logins and bindings (F-AUTH-3, F-AUTH-5..7).

One of the parts :class:`~unicom_core.usecases.access.service.AccessService` is composed of:
it holds the ports and the :class:`AccessSettings`, looks sessions up (idle and absolute
expiry, revocation by a password change), answers :meth:`AccessSessions.authorize` for every
other area of the hall, and runs the third-party flows. The password logins
(:mod:`unicom_core.usecases.access.logins`) open their sessions and gates through it. Tokens
are ``secrets.token_urlsafe``; only their digest is stored.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

import attrs

from unicom_core.domain.access import (
    ACCESS_EMAIL_TAKEN,
    ACCESS_NOT_LOGGED_IN,
    OAUTH_NOT_BOUND,
    OAUTH_SUBJECT_TAKEN,
    Capability,
    CredentialKind,
    Session,
    ThirdPartyBinding,
    authorize,
    binding_id,
    is_operator_token,
    token_digest,
    unknown_number,
)
from unicom_core.domain.shared import EmailAddress
from unicom_core.domain.subscribers import Subscriber, SubscriberId, SubscriberStatus
from unicom_core.errors import Refused, UnicomError
from unicom_core.ports.access import SessionTouchNeeded
from unicom_core.usecases.access.gate import Gate, Target, open_gate
from unicom_core.usecases.access.grants import touching
from unicom_core.usecases.access.operators_grants import Authorized, operator_authorized
from unicom_core.usecases.access.peppers import peppered
from unicom_core.usecases.access.settings import AccessSettings
from unicom_core.usecases.shared import RetryRule, publish, put, run

if TYPE_CHECKING:
    from collections.abc import Callable

    from unicom_core.domain.access import LoginCredential, ThirdParty
    from unicom_core.domain.subscribers import NumberIdentifier
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
    from unicom_core.ports.shared import Clock

__all__ = ["AccessSessions", "CodeSent", "LoginResult"]

_T = TypeVar("_T")


BIND_THIRD_PARTY = Capability("account.bind_third_party")
LOGIN_EMAIL = Capability("account.login_email")


@attrs.frozen(slots=True)
class LoginResult:
    """A new session: the token to hand to the client (hidden from ``repr``) and its record."""

    token: str = attrs.field(repr=False)
    session: Session


@attrs.frozen(slots=True, kw_only=True)
class CodeSent:
    """A random password is on its way: until when it works, and when another may be asked."""

    expires_at: datetime
    resend_at: datetime


def _not_logged_in() -> Refused:
    return ACCESS_NOT_LOGGED_IN.error()


class AccessSessions:
    """Sessions, the one permission check, and third-party logins (F-AUTH-3, F-AUTH-5..7)."""

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
        self._settings = settings if settings is not None else AccessSettings()
        self._storage, self._clock = storage, clock
        self._hasher = peppered(hasher, self._settings)
        self._messages, self._captcha, self._oauth = messages, captcha, oauth
        self._dummy: str | None = None
        self._rule = RetryRule(self._settings.conflict_retries)

    @property
    def settings(self) -> AccessSettings:
        """The limits in force."""
        return self._settings

    @property
    def hasher(self) -> PasswordHasher:
        """The password hasher, peppered by the settings (F-AUTH-7)."""
        return self._hasher

    def run(
        self,
        work: Callable[[AccessUnitOfWork, datetime], _T | UnicomError],
        *,
        readonly: bool = False,
    ) -> _T:
        """Run ``work`` through the transaction kernel with the area's retry rule."""
        return run(self._storage, self._clock, work, self._rule, readonly=readonly)

    def _with_live(
        self, work: Callable[[AccessUnitOfWork, datetime, bool], _T | UnicomError]
    ) -> _T:
        """Run a session look-up read-only, again writing if it must record a use (F-AUTH-7)."""
        return touching(
            lambda readonly: self.run(lambda tx, now: work(tx, now, readonly), readonly=readonly)
        )

    def new_captcha(self) -> CaptchaChallenge:
        """A captcha challenge to show on the login form (F-AUTH-2)."""
        return self._captcha.new_challenge()

    def session(self, token: str) -> Session:
        """The live session of ``token``, its use recorded (F-AUTH-7).

        Raises:
            Refused: ``access.not_logged_in`` or ``access.session_expired``.
        """

        def work(tx: AccessUnitOfWork, now: datetime, readonly: bool) -> Session | UnicomError:  # noqa: FBT001
            return self._live(tx, token, now, readonly=readonly)

        return self._with_live(work)

    def authorize(
        self, token: str, capability: Capability, number: NumberIdentifier | None = None
    ) -> Authorized:
        """Allow the session of ``token`` to use ``capability`` on ``number`` (F-AUTH-5, 6).

        ``number`` None means the session's own number. Every use case of the hall asks
        here first. An operator token (F-AUTH-6) is granted what its scopes grant, on any
        number (:func:`~unicom_core.usecases.access.operators_grants.operator_authorized`).

        Raises:
            Refused: ``access.not_logged_in``, ``access.session_expired``,
                ``access.capability_missing`` (naming the capability).
            NotFound: ``access.unknown_number``, for an unknown number and for another
                customer's alike.
        """

        def work(tx: AccessUnitOfWork, now: datetime, readonly: bool) -> Authorized | UnicomError:  # noqa: FBT001
            return self.authorize_in(tx, token, capability, number, now, readonly=readonly)

        return self._with_live(work)

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
        """:meth:`authorize` in ``tx``, the refusal returned, not raised.

        See :class:`~unicom_core.ports.access.ScopedAuthorizer`.
        """
        if is_operator_token(token):
            return operator_authorized(tx, token, capability, number, now)
        session = self._live(tx, token, now, readonly=readonly)
        if isinstance(session, Refused):
            return session
        if number is None:
            subject = tx.subscribers.find(SubscriberId(session.subscriber_id))
        else:
            subject = tx.subscribers.find_by_number(number)
        if subject is not None and subject.status is SubscriberStatus.CANCELLED:
            subject = None
        try:
            authorize(session, capability, subject, policy=self._settings.policy)
        except UnicomError as refusal:
            return refusal
        if subject is None:  # pragma: no cover - authorize refuses an unknown number
            return unknown_number()
        return Authorized(session, subject)

    def logout(self, token: str) -> None:
        """End the session of ``token``; an unknown or ended one is left as it is (F-AUTH-7)."""

        def work(tx: AccessUnitOfWork, now: datetime) -> None:
            session = tx.sessions.find(token_digest(token)) if isinstance(token, str) else None
            if session is not None:
                events = session.end(now)
                if events:
                    tx.sessions.save(session)
                    publish(tx, events)

        self.run(work)

    def login_with_third_party(
        self, provider: ThirdParty, authorization_code: str, *, client: str
    ) -> LoginResult:
        """Log in with a bound QQ or Weibo identity (F-AUTH-3); limited as the table says.

        Raises:
            Refused: ``oauth.rejected`` (the provider refused the code) or
                ``oauth.not_bound`` (no number is bound to that identity).
        """
        del client  # the provider authenticated the person; kept for a per-client limit
        subject = self._oauth.verified_subject(provider, authorization_code)
        token = self.new_token()

        def work(tx: AccessUnitOfWork, now: datetime) -> LoginResult | UnicomError:
            binding = tx.third_party_bindings.find_by_subject(provider, subject)
            subscriber = None
            if binding is not None:
                subscriber = tx.subscribers.find(SubscriberId(binding.subscriber_id))
            if subscriber is None or subscriber.status is SubscriberStatus.CANCELLED:
                return OAUTH_NOT_BOUND.error(
                    f"no number is bound to this {provider.value} account; log in and bind it"
                )
            credential = tx.credentials.find(subscriber.id)
            epoch = credential.epoch if credential else 0
            kind = CredentialKind.THIRD_PARTY
            return self.open_session(tx, subscriber, kind=kind, epoch=epoch, token=token, now=now)

        return self.run(work)

    def bind_third_party(self, token: str, provider: ThirdParty, authorization_code: str) -> None:
        """Bind a QQ or Weibo identity to the session's number (F-AUTH-3).

        Raises:
            Refused: as :meth:`authorize` (``account.bind_third_party``), ``oauth.rejected``.
            Conflict: ``oauth.subject_taken`` (bound to another number) or
                ``oauth.already_bound`` (this number has another identity of the provider).
        """
        allowed = self.authorize(token, BIND_THIRD_PARTY)
        subject = self._oauth.verified_subject(provider, authorization_code)
        subscriber_id = allowed.subscriber.id

        def work(tx: AccessUnitOfWork, now: datetime) -> None:
            holder = tx.third_party_bindings.find_by_subject(provider, subject)
            if holder is not None and holder.subscriber_id != subscriber_id:
                raise OAUTH_SUBJECT_TAKEN.error(provider=provider.value)
            binding = tx.third_party_bindings.find(binding_id(provider, subscriber_id))
            binding = binding or ThirdPartyBinding.new(provider, subscriber_id)
            publish(tx, binding.bind(subject, at=now))
            put(tx.third_party_bindings, binding)

        self.run(work)

    def unbind_third_party(self, token: str, provider: ThirdParty) -> None:
        """Unbind the session's number from its QQ or Weibo identity (F-AUTH-3).

        Raises:
            Refused: as :meth:`authorize`, or ``oauth.not_bound``.
        """
        subscriber_id = self.authorize(token, BIND_THIRD_PARTY).subscriber.id

        def work(tx: AccessUnitOfWork, now: datetime) -> None:
            binding = tx.third_party_bindings.find(binding_id(provider, subscriber_id))
            binding = binding or ThirdPartyBinding.new(provider, subscriber_id)
            publish(tx, binding.unbind(at=now))
            tx.third_party_bindings.save(binding)

        self.run(work)

    def set_login_email(self, token: str, email: str | None) -> None:
        """Let an e-mail address log in to the session's number, or stop it (None; F-AUTH-1).

        Raises:
            Refused: as :meth:`authorize` (``account.login_email``).
            Conflict: ``access.email_taken`` when another number uses the address.
        """
        address = EmailAddress.parse(email) if email is not None else None
        subscriber_id = self.authorize(token, LOGIN_EMAIL).subscriber.id

        def work(tx: AccessUnitOfWork, now: datetime) -> None:
            holder = tx.credentials.find_by_email(address) if address is not None else None
            if holder is not None and holder.id != subscriber_id:
                raise ACCESS_EMAIL_TAKEN.error()
            credential = tx.credentials.get(subscriber_id)
            events = credential.set_email(address, at=now)
            if events:
                tx.credentials.save(credential)
                publish(tx, events)

        self.run(work)

    # ------------------------------------------------------------------ for the login use cases
    def _live(
        self, tx: AccessUnitOfWork, token: str, now: datetime, *, readonly: bool = False
    ) -> Session | Refused:
        """The live session of ``token`` (use recorded), or the refusal to raise.

        Raises:
            SessionTouchNeeded: ``readonly`` and the session's use must be recorded now.
        """
        if not isinstance(token, str) or not token:
            return _not_logged_in()
        session = tx.sessions.find(token_digest(token))
        if session is None:
            return _not_logged_in()
        credential = tx.credentials.find(session.subscriber_id)
        try:
            session.check(now, self._settings.sessions, credential.epoch if credential else 0)
        except Refused as refusal:
            return refusal
        if session.touch(now, self._settings.sessions):
            if readonly:
                raise SessionTouchNeeded
            tx.sessions.save(session)
        return session

    def open_session(  # noqa: PLR0913 - the facts of a new session
        self,
        tx: AccessUnitOfWork,
        subscriber: Subscriber,
        *,
        kind: CredentialKind,
        epoch: int,
        token: str,
        now: datetime,
    ) -> LoginResult:
        """Store a new session of ``subscriber`` under the digest of ``token``."""
        session, events = Session.open(
            token,
            subscriber_id=subscriber.id,
            customer_id=subscriber.customer_id,
            kind=kind,
            epoch=epoch,
            at=now,
        )
        tx.sessions.add(session)
        publish(tx, events)
        return LoginResult(token, session)

    def new_token(self) -> str:
        """A fresh session token (``settings.token_bytes`` of entropy)."""
        return secrets.token_urlsafe(self._settings.token_bytes)

    def dummy_hash(self) -> str:
        """A hash no one knows the secret of: verified when there is nothing to verify."""
        if self._dummy is None:
            self._dummy = self._hasher.hash(secrets.token_hex(16))
        return self._dummy

    def credential_of(self, tx: AccessUnitOfWork, target: Target) -> LoginCredential | None:
        """The stored credential of the user name's subscriber (None if unknown)."""
        return None if target.subscriber is None else tx.credentials.find(target.subscriber.id)

    def captcha_check(self, answer: CaptchaAnswer | None) -> Callable[[], bool | None]:
        """Ask the port at most once, even when the transaction is re-run."""
        verdict: list[bool] = []

        def solved() -> bool | None:
            if answer is None:
                return None
            if not verdict:
                verdict.append(self._captcha.verify(answer))
            return verdict[0]

        return solved

    def gate(
        self,
        tx: AccessUnitOfWork,
        key: str,
        client: str,
        now: datetime,
        solved: Callable[[], bool | None],
    ) -> Gate | Refused:
        """Open the failure gate of ``key`` and ``client`` under the lock-out policy."""
        return open_gate(
            tx, key, client=client, now=now, policy=self._settings.lockout, captcha_solved=solved
        )
