"""The way into the hall: logins, random passwords, password change and reset (F-AUTH-1..7).

:class:`AccessLogins` is one of the parts :class:`~unicom_core.usecases.access.AccessService`
(``hall.access``) is composed of. Every method runs in one storage transaction, takes the
time from the clock port and the limits from :class:`AccessSettings`. Failed attempts are
counted (and committed) before the refusal is raised; a locked identifier is refused before
any credential is looked at; a refusal never tells an unknown user name from a wrong
password. Sessions, bindings and the permission check live in
:mod:`unicom_core.usecases.access.sessions` (the sessions part opens the sessions and gates
of these logins), the purge of stale records in :mod:`unicom_core.usecases.access.purge`.

Check first, hash last: a slow hash (argon2id: 64 MiB, a tenth of a second) is made only
once every cheap refusal (lock-out, captcha, rate limits, a wrong old password) has passed,
so a refused request costs no hash. A successful password login re-hashes the password when
the hasher says the stored hash is outdated (other parameters, another pepper, F-AUTH-7).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.access import (
    ACCESS_INITIAL_PASSWORD,
    CODE_CLIENT_LIMIT,
    PASSWORD_UNCHANGED,
    CodePurpose,
    CredentialKind,
    LoginCredential,
    OneTimeCode,
    ServicePassword,
    check_new_password,
    client_quota_key,
    code_id,
)
from unicom_core.domain.shared import (
    STORAGE_DUPLICATE,
    LoginType,
    MobileNumber,
    parse_login_identifier,
)
from unicom_core.domain.subscribers import SubscriberId, number_key
from unicom_core.errors import InvalidInput, Refused, UnicomError
from unicom_core.usecases.access.gate import (
    Gate,
    Target,
    code_text,
    known,
    once,
    resolve,
    secret_digits,
)
from unicom_core.usecases.access.sessions import CodeSent, LoginResult
from unicom_core.usecases.shared import publish, put

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.subscribers import Subscriber
    from unicom_core.ports.access import AccessUnitOfWork, CaptchaAnswer, MessageSender
    from unicom_core.usecases.access.sessions import AccessSessions

__all__ = ["AccessLogins"]


class AccessLogins:
    """Logins by service password or random password; password change and reset.

    Args:
        sessions: the sessions part of the area (ports, settings, the peppered hasher).
        messages: the SMS sender of random passwords.
    """

    def __init__(self, sessions: AccessSessions, messages: MessageSender) -> None:
        self._sessions, self._messages = sessions, messages
        self._settings, self._hasher = sessions.settings, sessions.hasher

    def enroll(self, subscriber_id: SubscriberId, initial_password: str) -> None:
        """Give a number its initial service password (back office, F-AUTH-4).

        The initial password cannot log in: the holder changes it first.

        Raises:
            NotFound: ``storage.not_found`` for an unknown subscriber.
            Conflict: ``storage.duplicate`` if the number already has a credential.
        """
        secret = ServicePassword(initial_password).digits
        hashed = once(lambda: self._hasher.hash(secret))

        def work(tx: AccessUnitOfWork, now: datetime) -> None:
            subscriber = tx.subscribers.get(subscriber_id)
            if tx.credentials.find(subscriber.id) is not None:
                raise STORAGE_DUPLICATE.error(
                    "the number has a service password already",
                    kind="credential",
                    id=subscriber.id,
                )
            tx.credentials.add(LoginCredential(subscriber.id, hashed(), now))

        self._sessions.run(work)

    def login_with_password(
        self,
        login_type: LoginType,
        user_name: str,
        password: str,
        *,
        client: str,
        captcha: CaptchaAnswer | None = None,
    ) -> LoginResult:
        """Log in with the service password (F-AUTH-1, F-AUTH-2, F-AUTH-4, F-AUTH-7).

        Raises:
            InvalidInput: a malformed user name or password (nothing is counted).
            Refused: ``access.locked``, ``access.captcha_required``, ``access.captcha_wrong``,
                ``access.bad_credentials`` (counted), ``access.initial_password`` (right,
                but the initial password: change it first).
        """
        identifier = parse_login_identifier(login_type, user_name)
        secret = ServicePassword(password).digits
        token, solved = self._sessions.new_token(), self._sessions.captcha_check(captcha)

        def work(tx: AccessUnitOfWork, now: datetime) -> LoginResult | UnicomError:
            target = resolve(tx, identifier)
            gate = self._sessions.gate(tx, target.key, client, now, solved)
            if isinstance(gate, Refused):
                return gate
            credential = self._sessions.credential_of(tx, target)
            hashed = credential.password_hash if credential else self._sessions.dummy_hash()
            if not self._hasher.verify(hashed, secret) or credential is None:
                return gate.fail(tx, now)
            gate.succeed(tx)
            self._upgrade(tx, credential, secret)
            if credential.initial:
                return ACCESS_INITIAL_PASSWORD.error()
            kind, epoch = CredentialKind.SERVICE_PASSWORD, credential.epoch
            return self._sessions.open_session(
                tx, known(target), kind=kind, epoch=epoch, token=token, now=now
            )

        return self._sessions.run(work)

    def request_random_password(
        self,
        user_name: str,
        *,
        purpose: CodePurpose = CodePurpose.LOGIN,
        client: str | None = None,
    ) -> CodeSent:
        """Send a random password by SMS to a mobile number (F-AUTH-2, F-AUTH-7).

        The answer is the same whether the hall knows the number or not (nothing is sent
        to a number it does not know), so nobody can probe which numbers are customers'.

        Raises:
            InvalidInput: ``mobile.format`` / ``mobile.segment`` for a malformed number.
            Refused: ``code.resend_too_soon`` or ``code.daily_limit``, with ``retry_at``;
                ``code.client_limit`` when ``client`` (an address, a device: whatever the
                caller identifies clients by) asked for more than the policy's hourly limit,
                whatever the numbers, so one client cannot flood many numbers with SMS.
            AdapterError: the SMS service failed (nothing is recorded).
        """
        mobile = MobileNumber.parse(user_name)
        policy = self._settings.codes
        code = secret_digits(policy.length)
        hashed = once(lambda: self._hasher.hash(code))  # for unknown numbers too: same timing

        def work(tx: AccessUnitOfWork, now: datetime) -> CodeSent | UnicomError:
            if client is not None:
                key, hour_ends = client_quota_key(client, now)
                limit = policy.client_hourly_limit
                if not tx.counters.try_take(key, 1, limit, expires_at=hour_ends):
                    return CODE_CLIENT_LIMIT.error(retry_at=hour_ends)
            target = resolve(tx, mobile)
            record_id = code_id(purpose, number_key(mobile))
            record = tx.one_time_codes.find(record_id) or OneTimeCode.new(
                purpose, number_key(mobile)
            )
            try:
                record.check_can_send(now, policy)
            except Refused as refusal:
                return refusal
            code_hash = hashed()
            expires_at = record.issue(code_hash if target.subscriber else None, now, policy)
            put(tx.one_time_codes, record)
            if target.subscriber is not None:
                minutes = int(policy.valid_for.total_seconds() // 60)
                self._messages.send_sms(
                    mobile, self._settings.sms_template.format(code=code, minutes=minutes)
                )
            return CodeSent(expires_at=expires_at, resend_at=now + policy.resend_after)

        return self._sessions.run(work)

    def login_with_random_password(
        self,
        user_name: str,
        random_password: str,
        *,
        client: str,
        captcha: CaptchaAnswer | None = None,
    ) -> LoginResult:
        """Log in with a random password; the session is limited by F-AUTH-5 (F-AUTH-2).

        Raises:
            InvalidInput: a malformed number or code (nothing is counted).
            Refused: as :meth:`login_with_password`, but never ``access.initial_password``.
        """
        mobile = MobileNumber.parse(user_name)
        code = code_text(random_password, self._settings.codes.length)
        token, solved = self._sessions.new_token(), self._sessions.captcha_check(captcha)

        def work(tx: AccessUnitOfWork, now: datetime) -> LoginResult | UnicomError:
            target = resolve(tx, mobile)
            gate = self._sessions.gate(tx, target.key, client, now, solved)
            if isinstance(gate, Refused):
                return gate
            record = self._spend_code(
                tx, target, mobile, purpose=CodePurpose.LOGIN, code=code, now=now
            )
            if record is None:
                return gate.fail(tx, now)
            gate.succeed(tx)
            put(tx.one_time_codes, record)
            credential = self._sessions.credential_of(tx, target)
            epoch = credential.epoch if credential else 0
            kind = CredentialKind.RANDOM_PASSWORD
            return self._sessions.open_session(
                tx, known(target), kind=kind, epoch=epoch, token=token, now=now
            )

        return self._sessions.run(work)

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
        """Change the service password, proving the old one; weak ones refused (F-AUTH-4, 7).

        This is how a holder leaves the initial password. Sessions opened before end.

        Raises:
            InvalidInput: malformed input, ``password.unchanged``, or ``password.weak``
                (checked only once the old password is proven: the rules could tell the
                holder's birthday to a stranger).
            Refused: as :meth:`login_with_password` (failures counted).
        """
        identifier = parse_login_identifier(login_type, user_name)
        old, new = ServicePassword(old_password), ServicePassword(new_password)
        hashed_new = once(lambda: self._hasher.hash(new.digits))
        solved = self._sessions.captcha_check(captcha)

        def work(tx: AccessUnitOfWork, now: datetime) -> UnicomError | None:
            target = resolve(tx, identifier)
            gate = self._sessions.gate(tx, target.key, client, now, solved)
            if isinstance(gate, Refused):
                return gate
            credential = self._sessions.credential_of(tx, target)
            hashed = credential.password_hash if credential else self._sessions.dummy_hash()
            if not self._hasher.verify(hashed, old.digits) or credential is None:
                return gate.fail(tx, now)
            gate.succeed(tx)
            problem = self._weak(tx, known(target), new, old)
            if problem is not None:
                return problem
            publish(tx, credential.change_password(hashed_new(), at=now))
            tx.credentials.save(credential)
            return None

        self._sessions.run(work)

    def reset_password(
        self,
        user_name: str,
        random_password: str,
        new_password: str,
        *,
        client: str,
        captcha: CaptchaAnswer | None = None,
    ) -> None:
        """Set a new service password with a reset random password (F-AUTH-7).

        Ask for the code with ``request_random_password(number, purpose=CodePurpose.RESET)``.
        A weak new password is refused and the code stays valid for another try.

        Raises:
            InvalidInput: malformed input or ``password.weak`` (after the code is proven).
            Refused: as :meth:`login_with_random_password` (failures counted).
        """
        mobile = MobileNumber.parse(user_name)
        code = code_text(random_password, self._settings.codes.length)
        new = ServicePassword(new_password)
        hashed_new = once(lambda: self._hasher.hash(new.digits))
        solved = self._sessions.captcha_check(captcha)

        def work(tx: AccessUnitOfWork, now: datetime) -> UnicomError | None:
            target = resolve(tx, mobile)
            gate = self._sessions.gate(tx, target.key, client, now, solved)
            if isinstance(gate, Refused):
                return gate
            record = self._spend_code(
                tx, target, mobile, purpose=CodePurpose.RESET, code=code, now=now
            )
            if record is None:
                return gate.fail(tx, now)
            gate.succeed(tx)
            subscriber = known(target)
            problem = self._weak(tx, subscriber, new, None)
            if problem is not None:
                return problem
            put(tx.one_time_codes, record)
            self._store_reset(tx, subscriber, hashed_new(), now)
            return None

        self._sessions.run(work)

    def captcha_required(self, login_type: LoginType, user_name: str, *, client: str) -> bool:
        """Whether the login form must show a captcha for this user name and client (F-AUTH-2)."""
        identifier = parse_login_identifier(login_type, user_name)

        def work(tx: AccessUnitOfWork, now: datetime) -> bool:
            gate = self._sessions.gate(tx, resolve(tx, identifier).key, client, now, lambda: None)
            return not isinstance(gate, Gate)

        return self._sessions.run(work)

    # ------------------------------------------------------------------ helpers
    def _spend_code(  # noqa: PLR0913 - one code check needs these
        self,
        tx: AccessUnitOfWork,
        target: Target,
        mobile: MobileNumber,
        *,
        purpose: CodePurpose,
        code: str,
        now: datetime,
    ) -> OneTimeCode | None:
        """The code record, consumed, if ``code`` is its live code for a known number."""
        record = tx.one_time_codes.find(code_id(purpose, number_key(mobile)))
        usable = record is not None and record.is_usable(now) and target.subscriber is not None
        hashed = (
            record.code_hash
            if usable and record and record.code_hash
            else self._sessions.dummy_hash()
        )
        if not self._hasher.verify(hashed, code) or not usable or record is None:
            return None
        record.consume()
        return record

    def _upgrade(self, tx: AccessUnitOfWork, credential: LoginCredential, secret: str) -> None:
        """Re-hash a proven password whose stored hash is outdated (F-AUTH-7)."""
        if self._hasher.needs_rehash(credential.password_hash):
            credential.rehash(self._hasher.hash(secret))
            tx.credentials.save(credential)

    def _store_reset(
        self, tx: AccessUnitOfWork, subscriber: Subscriber, hashed: str, now: datetime
    ) -> None:
        """Store a reset password; a number that never had one gets its first (not initial)."""
        credential = tx.credentials.find(subscriber.id)
        if credential is None:
            tx.credentials.add(LoginCredential(subscriber.id, hashed, now, initial=False))
            return
        publish(tx, credential.reset_password(hashed, at=now))
        tx.credentials.save(credential)

    def _weak(
        self,
        tx: AccessUnitOfWork,
        subscriber: Subscriber,
        new: ServicePassword,
        old: ServicePassword | None,
    ) -> InvalidInput | None:
        if old is not None and new == old:
            return PASSWORD_UNCHANGED.error(field="new_password")
        customer = tx.customers.find(subscriber.customer_id)
        birth = customer.resident_id.birth_date if customer is not None else None
        try:
            check_new_password(new, own_number=subscriber.number.value, birth_date=birth)
        except InvalidInput as weak:
            return weak
        return None
