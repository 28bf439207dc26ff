"""Operator clients and the client-credentials grant (OAuth 2.0, RFC 6749 §4.4; F-AUTH-6).

:class:`AccessOperators` is one of the parts :class:`~unicom_core.usecases.access.
AccessService` (``hall.access``) is composed of. The back office registers a carrier system
with :meth:`~AccessOperators.add_client` and receives its secret once (only the hash, made
by the hall's password-hashing port and pepper, is stored); the system exchanges its id and
secret for an opaque access token with :meth:`~AccessOperators.issue_client_token`.

Why opaque tokens, not JWTs: a token is checked against storage on every use, so disabling a
client or rotating its secret refuses its tokens at once, and there is no signing key to
keep, share or rotate; the price, one look-up by primary key per request, is the one every
subscriber session already pays. Only the token's SHA-256 digest is stored.

Failed client authentications are counted per client id with the login failure counters
and lock-out policy (F-AUTH-7): a locked client id is refused before any secret is hashed.
An unknown client, a wrong secret and a disabled client get the same ``operator.invalid_client``.
Every change (client added, secret rotated, client disabled, token issued) writes an audit
entry in the same transaction.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import (
    OPERATOR_INVALID_CLIENT,
    OPERATOR_LOCKED,
    OPERATOR_SCOPES,
    OPERATOR_TOKEN_PREFIX,
    OPERATOR_UNKNOWN_CLIENT,
    AttemptScope,
    AuditEntry,
    Capability,
    LoginAttempts,
    OperatorClient,
    OperatorToken,
    attempts_id,
    parse_scope,
)
from unicom_core.domain.subscribers import AccountId, Subscriber, SubscriberStatus
from unicom_core.errors import UnicomError
from unicom_core.ports.access import AuditFilter
from unicom_core.ports.shared import Page, PageRequest, check_limit
from unicom_core.usecases.access.actors import audited
from unicom_core.usecases.access.gate import once
from unicom_core.usecases.access.operators_grants import audit_action
from unicom_core.usecases.shared import publish, put

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import datetime

    from unicom_core.ports.access import AccessUnitOfWork
    from unicom_core.usecases.access.sessions import AccessSessions

__all__ = ["OPERATOR_NUMBERS", "AccessOperators", "IssuedToken", "NewClient", "NumbersPage"]

OPERATOR_NUMBERS = Capability("operator.numbers")
_MAX_CLIENT_ID = 64
_CLIENT_ID_BYTES = 12


@attrs.frozen(slots=True)
class NewClient:
    """A registered client and its secret, shown this once (hidden from ``repr``)."""

    client: OperatorClient
    secret: str = attrs.field(repr=False)


@attrs.frozen(slots=True, kw_only=True)
class IssuedToken:
    """An access token response (RFC 6749 §5.1): token, ``Bearer``, lifetime, granted scope."""

    access_token: str = attrs.field(repr=False)
    token_type: str = "Bearer"  # noqa: S105 - the RFC's token type, not a secret
    expires_in: int
    scope: str


@attrs.frozen(slots=True)
class NumbersPage:
    """Live numbers of the carrier, by account; ``next_after`` continues the walk (or None)."""

    subscribers: tuple[Subscriber, ...]
    next_after: str | None


class AccessOperators:
    """Operator clients, their tokens and the audit log (F-AUTH-6).

    Args:
        sessions: the sessions part of the area (storage, clock, settings, peppered hasher).
    """

    def __init__(self, sessions: AccessSessions) -> None:
        self._sessions = sessions
        self._settings, self._hasher = sessions.settings, sessions.hasher

    def add_client(self, name: str, scopes: Iterable[str]) -> NewClient:
        """Register a carrier system allowed ``scopes``; its secret is returned this once.

        Raises:
            InvalidInput: ``operator.field`` (a blank or too long name),
                ``operator.invalid_scope`` (an unknown scope, or none).
        """
        granted = parse_scope(list(scopes), OPERATOR_SCOPES)
        secret = self._new_secret()
        hashed = once(lambda: self._hasher.hash(secret))
        client_id = f"op-{secrets.token_hex(_CLIENT_ID_BYTES)}"

        def work(tx: AccessUnitOfWork, now: datetime) -> OperatorClient:
            client = OperatorClient(client_id, name, hashed(), granted, now)
            tx.operator_clients.add(client)
            parameters = {"name": name, "scopes": " ".join(granted)}
            audit_action(tx, client_id, "client.added", now, parameters=parameters)
            return client

        return NewClient(self._sessions.run(work), secret)

    def rotate_secret(self, client_id: str) -> NewClient:
        """Give a client a new secret (returned this once); its older tokens stop working.

        Raises:
            NotFound: ``operator.unknown_client``.
        """
        secret = self._new_secret()
        hashed = once(lambda: self._hasher.hash(secret))

        def work(tx: AccessUnitOfWork, now: datetime) -> OperatorClient:
            client = self._client(tx, client_id)
            client.rotate(hashed(), now)
            tx.operator_clients.save(client)
            audit_action(tx, client.id, "client.secret_rotated", now)
            return client

        return NewClient(self._sessions.run(work), secret)

    def disable_client(self, client_id: str) -> OperatorClient:
        """Disable a client: its tokens stop working at once, no new one is issued.

        Raises:
            NotFound: ``operator.unknown_client``.
        """

        def work(tx: AccessUnitOfWork, now: datetime) -> OperatorClient:
            client = self._client(tx, client_id)
            if client.disable():
                tx.operator_clients.save(client)
                audit_action(tx, client.id, "client.disabled", now)
            return client

        return self._sessions.run(work)

    def clients(self, page: PageRequest | None = None) -> Page[OperatorClient]:
        """One page of the registered clients, by id (the secrets are only hashes)."""
        request = page if page is not None else PageRequest()
        return self._sessions.run(
            lambda tx, _now: tx.operator_clients.list_page(request), readonly=True
        )

    def issue_client_token(
        self, client_id: str, secret: str, scope: str | Iterable[str] | None = None
    ) -> IssuedToken:
        """The client-credentials grant (RFC 6749 §4.4): an access token for the client.

        ``scope`` (space-delimited, or names) must lie within the client's scopes; None
        grants all of them.

        Raises:
            Refused: ``operator.invalid_client`` (unknown client, wrong secret or disabled
                client alike; counted), ``operator.locked`` (too many failures, with
                ``retry_at``).
            InvalidInput: ``operator.invalid_scope``.
        """
        if not isinstance(client_id, str) or not 0 < len(client_id) <= _MAX_CLIENT_ID:
            raise OPERATOR_INVALID_CLIENT.error()
        token = f"{OPERATOR_TOKEN_PREFIX}{secrets.token_urlsafe(self._settings.token_bytes)}"

        def work(tx: AccessUnitOfWork, now: datetime) -> IssuedToken | UnicomError:
            attempts = self._attempts(tx, client_id)
            if attempts.is_locked(now):
                return OPERATOR_LOCKED.error(retry_at=attempts.locked_until)
            client = tx.operator_clients.find(client_id)
            hashed = client.secret_hash if client else self._sessions.dummy_hash()
            proven = isinstance(secret, str) and self._hasher.verify(hashed, secret)
            if client is None or not client.enabled or not proven:
                events = attempts.record_failure(now, self._settings.lockout)
                put(tx.login_attempts, attempts)
                publish(tx, events)
                return OPERATOR_INVALID_CLIENT.error()
            if attempts.record_success():
                put(tx.login_attempts, attempts)
            try:
                granted = parse_scope(scope, client.scopes)
            except UnicomError as refusal:
                return refusal
            return self._issue(tx, client, token, granted, now)

        return self._sessions.run(work)

    def audit(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        client_id: str | None = None,
        account_id: str | None = None,
        page: PageRequest | None = None,
    ) -> Page[AuditEntry]:
        """One page of the audit log, newest first: ``since`` <= at < ``until`` (F-AUTH-6).

        Raises:
            InvalidInput: ``operator.audit_query`` for a naive instant or an empty id.
        """
        where = AuditFilter(since=since, until=until, client_id=client_id, account_id=account_id)
        request = page if page is not None else PageRequest()
        return self._sessions.run(
            lambda tx, _now: tx.audit_log.query(where, request), readonly=True
        )

    def record_action(
        self, actor: str, action: str, parameters: Mapping[str, str] | None = None
    ) -> AuditEntry:
        """Write ``actor``'s ``action`` to the audit log in a transaction of its own (F-AUTH-6).

        For the operator actions that run in many transactions of their own (the bill run in
        chunks, the reconciler, the arrears pass, a card batch): the command line records who
        started which, with what, before it runs. ``parameters`` must hold no secret.

        Raises:
            InvalidInput: ``operator.actor`` for an actor that is neither ``op-...`` nor
                ``cli:<name>``.
        """
        checked = audited(actor)
        return self._sessions.run(
            lambda tx, now: audit_action(tx, checked, action, now, parameters=parameters)
        )

    def carrier_numbers(
        self, token: str, after: str | None = None, limit: int = 100
    ) -> NumbersPage:
        """The live numbers of the accounts after account id ``after`` (at most ``limit``).

        For an operator token with scope ``tmf.read`` (capability ``operator.numbers``): the
        keyset walk over the whole carrier that operator listings page through (F-AUTH-6).

        Raises:
            Refused: as :meth:`AccessSessions.authorize`; a subscriber session never may.
        """
        check_limit(limit)
        self._sessions.authorize(token, OPERATOR_NUMBERS)

        def work(tx: AccessUnitOfWork, _now: datetime) -> NumbersPage:
            accounts = tx.accounts.list_after(AccountId(after) if after else None, limit)
            wanted = {account.id for account in accounts}
            customers = {account.customer_id for account in accounts}
            found = [
                subscriber
                for group in tx.subscribers.of_customers(customers).values()
                for subscriber in group
                if subscriber.account_id in wanted
                and subscriber.status is not SubscriberStatus.CANCELLED
            ]
            found.sort(key=lambda s: (s.account_id, s.id))
            last = accounts[-1].id if len(accounts) == limit else None
            return NumbersPage(tuple(found), last)

        return self._sessions.run(work, readonly=True)

    # ------------------------------------------------------------------ helpers
    def _issue(
        self,
        tx: AccessUnitOfWork,
        client: OperatorClient,
        token: str,
        scopes: tuple[str, ...],
        now: datetime,
    ) -> IssuedToken:
        lifetime = self._settings.operators.token_lifetime
        issued = OperatorToken(OperatorToken.digest(token), client.id, scopes, now, now + lifetime)
        tx.operator_tokens.add(issued)
        scope = " ".join(scopes)
        audit_action(tx, client.id, "token.issued", now, parameters={"scope": scope})
        return IssuedToken(
            access_token=token, expires_in=int(lifetime.total_seconds()), scope=scope
        )

    def _new_secret(self) -> str:
        return secrets.token_urlsafe(self._settings.operators.secret_bytes)

    @staticmethod
    def _client(tx: AccessUnitOfWork, client_id: str) -> OperatorClient:
        client = tx.operator_clients.find(client_id) if isinstance(client_id, str) else None
        if client is None:
            raise OPERATOR_UNKNOWN_CLIENT.error(client_id=str(client_id))
        return client

    @staticmethod
    def _attempts(tx: AccessUnitOfWork, client_id: str) -> LoginAttempts:
        key = f"operator:{client_id}"
        found = tx.login_attempts.find(attempts_id(AttemptScope.IDENTIFIER, key))
        return found if found is not None else LoginAttempts.new(AttemptScope.IDENTIFIER, key)
