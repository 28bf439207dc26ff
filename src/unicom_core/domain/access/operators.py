"""Operator principals: a carrier's own systems as OAuth 2.0 clients (F-AUTH-6).

A carrier's billing, CRM and mediation systems are not subscribers. Each is an
:class:`OperatorClient`: a client id, a name, the **hash** of its secret (never the secret),
the scopes it may ask for (:data:`~unicom_core.domain.access.permissions.OPERATOR_SCOPES`)
and whether it is enabled. With the client-credentials grant (RFC 6749 §4.4) it obtains an
:class:`OperatorToken`: an opaque random bearer token of which the store keeps only the
SHA-256 digest, with its scopes and expiry, like a session, so it can be refused at once
(the client disabled, its secret rotated) and nothing needs a signing key.

An operator acts as an :class:`OperatorPrincipal`; :func:`authorize_operator` grants it a
capability iff one of its scopes does. Whatever an operator changes leaves an
:class:`AuditEntry` (who, what, when, on which account or number).
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Final

import attrs

from unicom_core.domain.access.checks import aware, optional_aware, positive_duration
from unicom_core.domain.access.codes import (
    OPERATOR_FIELD,
    OPERATOR_INVALID_SCOPE,
    OPERATOR_SCOPE_MISSING,
    OPERATOR_TOKEN_INVALID,
)
from unicom_core.domain.access.permissions import OPERATOR_SCOPES
from unicom_core.domain.shared import check_id, check_version, guarded, update

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from attrs import Attribute

    from unicom_core.domain.access.permissions import Capability
    from unicom_core.errors import Refused

__all__ = [
    "OPERATOR_TOKEN_PREFIX",
    "AuditEntry",
    "OperatorClient",
    "OperatorPolicy",
    "OperatorPrincipal",
    "OperatorToken",
    "audit_id",
    "authorize_operator",
    "is_operator_token",
    "parse_scope",
    "scopes_granting",
]

OPERATOR_TOKEN_PREFIX: Final = "op_"  # noqa: S105 - a prefix, not a secret
"""Operator access tokens start with this, so the permission check knows where to look."""
_NAME = re.compile(r"\S(?:[^\x00-\x1f\x7f]{0,78}\S)?")
_PARAMETER = re.compile(r"[a-z][a-z0-9_]{0,31}")
_MAX_PARAMETERS = 16
_MAX_VALUE = 200
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def is_operator_token(token: object) -> bool:
    """Whether ``token`` has the shape of an operator access token (not whether it is live)."""
    return isinstance(token, str) and token.startswith(OPERATOR_TOKEN_PREFIX)


def parse_scope(scope: str | Iterable[str] | None, allowed: Iterable[str]) -> tuple[str, ...]:
    """The scopes asked for, sorted: a space-delimited string (RFC 6749 §3.3) or names.

    None asks for every scope in ``allowed``.

    Raises:
        InvalidInput: ``operator.invalid_scope`` for an unknown scope, a scope outside
            ``allowed``, or an empty request.
    """
    permitted = frozenset(allowed)
    if scope is None:
        return tuple(sorted(permitted))
    names = scope.split(" ") if isinstance(scope, str) else list(scope)
    if not names or not all(isinstance(name, str) and name in OPERATOR_SCOPES for name in names):
        raise OPERATOR_INVALID_SCOPE.error(scope=" ".join(map(str, names)))
    wanted = frozenset(names)
    if not wanted <= permitted:
        raise OPERATOR_INVALID_SCOPE.error(scope=" ".join(sorted(wanted - permitted)))
    return tuple(sorted(wanted))


def _check_scopes(_instance: object, attribute: Attribute[tuple[str, ...]], value: object) -> None:
    if (
        not isinstance(value, tuple)
        or not all(isinstance(scope, str) and scope in OPERATOR_SCOPES for scope in value)
        or list(value) != sorted(set(value))
    ):
        raise OPERATOR_FIELD.error(
            f"{attribute.name} is a sorted tuple of known scopes", field=attribute.name
        )


def _check_name(_instance: object, attribute: Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _NAME.fullmatch(value):
        raise OPERATOR_FIELD.error(
            f"{attribute.name} is 1-80 printable characters, not blank at either end",
            field=attribute.name,
        )


def _check_text(_instance: object, attribute: Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise OPERATOR_FIELD.error(field=attribute.name)


def scopes_granting(capability: Capability) -> tuple[str, ...]:
    """The scopes that grant ``capability``, sorted (for ``insufficient_scope`` answers)."""
    return tuple(
        sorted(
            scope
            for scope, grants in OPERATOR_SCOPES.items()
            if any(grant.matches(capability) for grant in grants)
        )
    )


@attrs.frozen(slots=True, kw_only=True)
class OperatorPolicy:
    """How long an operator token lives (default 1 hour) and how long a secret is.

    Failed client authentications are counted with the login lock-out policy
    (:class:`~unicom_core.domain.access.lockout.LockoutPolicy`, F-AUTH-7), per client id.
    """

    token_lifetime: timedelta = attrs.field(
        default=timedelta(hours=1), validator=positive_duration(OPERATOR_FIELD)
    )
    secret_bytes: int = attrs.field(default=32)

    @secret_bytes.validator
    def _check_bytes(self, _attribute: Attribute[int], value: object) -> None:
        minimum = 16
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise OPERATOR_FIELD.error(f"secret_bytes is at least {minimum}", field="secret_bytes")


@attrs.frozen(slots=True)
class OperatorPrincipal:
    """Who acts with an operator token: the client and the scopes of the token (F-AUTH-6)."""

    client_id: str
    scopes: tuple[str, ...]
    kind: str = "operator"

    def grants(self, capability: Capability) -> bool:
        """Whether one of the token's scopes grants ``capability``."""
        return any(
            grant.matches(capability) for scope in self.scopes for grant in OPERATOR_SCOPES[scope]
        )


def authorize_operator(principal: OperatorPrincipal, capability: Capability) -> None:
    """Allow ``principal`` to use ``capability``, or raise (F-AUTH-6).

    Raises:
        Refused: ``operator.scope_missing`` naming the capability and the scopes that grant it.
    """
    if not principal.grants(capability):
        raise OPERATOR_SCOPE_MISSING.error(
            capability=capability.name, scopes=" ".join(scopes_granting(capability))
        )


@attrs.define(slots=True)
class OperatorClient:
    """A carrier system allowed to obtain operator tokens (F-AUTH-6); the id is the client id."""

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    name: str = attrs.field(validator=_check_name, on_setattr=guarded)
    secret_hash: str = attrs.field(validator=_check_text, repr=False, on_setattr=guarded)
    scopes: tuple[str, ...] = attrs.field(validator=_check_scopes, on_setattr=guarded)
    created_at: datetime = attrs.field(validator=aware(OPERATOR_FIELD), on_setattr=guarded)
    enabled: bool = attrs.field(default=True, on_setattr=guarded)
    rotated_at: datetime | None = attrs.field(
        default=None, validator=optional_aware(OPERATOR_FIELD), on_setattr=guarded
    )
    version: int = attrs.field(default=0, validator=check_version)

    def rotate(self, secret_hash: str, at: datetime) -> None:
        """Replace the secret's hash; tokens issued before ``at`` stop working."""
        update(self, secret_hash=secret_hash, rotated_at=at)

    def disable(self) -> bool:
        """Disable the client (its tokens stop working at once); say whether it changed."""
        if not self.enabled:
            return False
        update(self, enabled=False)
        return True


@attrs.define(slots=True)
class OperatorToken:
    """An issued operator access token, by the SHA-256 digest of its value (F-AUTH-6)."""

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    client_id: str = attrs.field(validator=check_id, on_setattr=guarded)
    scopes: tuple[str, ...] = attrs.field(validator=_check_scopes, on_setattr=guarded)
    issued_at: datetime = attrs.field(validator=aware(OPERATOR_FIELD), on_setattr=guarded)
    expires_at: datetime = attrs.field(validator=aware(OPERATOR_FIELD), on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)

    @staticmethod
    def digest(token: str) -> str:
        """The stored id of a token value: its SHA-256 hex digest."""
        return hashlib.sha256(token.encode()).hexdigest()

    def refusal(self, client: OperatorClient | None, now: datetime) -> Refused | None:
        """Why the token no longer works at ``now`` (expired, disabled, rotated), or None."""
        reason = None
        if now >= self.expires_at:
            reason = "expired"
        elif client is None or not client.enabled:
            reason = "disabled"
        elif client.rotated_at is not None and self.issued_at < client.rotated_at:
            reason = "rotated"
        return None if reason is None else OPERATOR_TOKEN_INVALID.error(reason=reason)

    def is_stale(self, now: datetime) -> bool:
        """Whether the token has expired (purgeable)."""
        return now >= self.expires_at


def audit_id(at: datetime, nonce: str) -> str:
    """An audit entry id that sorts by time: UTC microseconds (20 digits), ``-``, ``nonce``."""
    micros = (at - _EPOCH) // timedelta(microseconds=1)
    return f"{micros:020d}-{nonce}"


def _check_parameters(
    _instance: object, _attribute: Attribute[Mapping[str, str]], value: object
) -> None:
    if (
        not isinstance(value, dict)
        or len(value) > _MAX_PARAMETERS
        or not all(isinstance(k, str) and _PARAMETER.fullmatch(k) for k in value)
        or not all(isinstance(v, str) and len(v) <= _MAX_VALUE for v in value.values())
    ):
        raise OPERATOR_FIELD.error(
            "parameters map at most 16 snake_case names to texts of at most 200 characters",
            field="parameters",
        )


@attrs.define(slots=True)
class AuditEntry:
    """One operator action (F-AUTH-6): who (client id), what, when, on which account/number.

    ``parameters`` never hold a secret: the use cases name what they pass.
    """

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    client_id: str = attrs.field(validator=check_id, on_setattr=guarded)
    action: str = attrs.field(validator=_check_text, on_setattr=guarded)
    at: datetime = attrs.field(validator=aware(OPERATOR_FIELD), on_setattr=guarded)
    parameters: dict[str, str] = attrs.field(
        factory=dict, validator=_check_parameters, on_setattr=guarded
    )
    account_id: str | None = attrs.field(default=None, on_setattr=guarded)
    number: str | None = attrs.field(default=None, on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)
