"""What the one permission check answers, for subscriber sessions and operators (F-AUTH-6).

:class:`Authorized` names the principal (a subscriber's :class:`~unicom_core.domain.access.
Session` or an :class:`~unicom_core.domain.access.OperatorPrincipal`) and the subscriber of
the number asked for. A subscriber session without a number acts on its own number; an
operator has no number of its own, so ``subscriber`` (and ``session``) of an operator's
answer without a number raise ``operator.no_subscriber``: every use case that needs a
subscriber keeps working unchanged, and an operator names the number it acts on.

:func:`operator_authorized` is the operator half of
:meth:`~unicom_core.usecases.access.sessions.AccessSessions.authorize`; :func:`audit_action`
is how any use case records an operator's change in its own transaction.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import (
    OPERATOR_NO_SUBSCRIBER,
    OPERATOR_TOKEN_INVALID,
    AuditEntry,
    OperatorPrincipal,
    OperatorToken,
    Session,
    audit_id,
    authorize,
    authorize_operator,
    unknown_number,
)
from unicom_core.domain.subscribers import Subscriber, SubscriberStatus
from unicom_core.errors import UnicomError

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from unicom_core.domain.access import Capability, PolicyTable
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.access import AccessUnitOfWork, OperatorRepositories

__all__ = [
    "Authorized",
    "audit_action",
    "audit_granted",
    "live_operator",
    "operator_authorized",
    "permits",
]


@attrs.frozen(slots=True)
class Authorized:
    """What :meth:`AccessSessions.authorize` allowed: the principal and the subscriber acted on.

    ``principal`` is the session of a subscriber or the operator principal of an operator
    token; ``subject`` is the subscriber of the number asked for (the session's own by
    default; None for an operator that named no number).
    """

    principal: Session | OperatorPrincipal
    subject: Subscriber | None

    @property
    def is_operator(self) -> bool:
        """Whether an operator token, not a subscriber session, was authorized."""
        return isinstance(self.principal, OperatorPrincipal)

    @property
    def session(self) -> Session:
        """The subscriber session; ``operator.no_subscriber`` for an operator."""
        if isinstance(self.principal, Session):
            return self.principal
        raise OPERATOR_NO_SUBSCRIBER.error()

    @property
    def subscriber(self) -> Subscriber:
        """The subscriber acted on; ``operator.no_subscriber`` for an operator without number."""
        if self.subject is None:
            raise OPERATOR_NO_SUBSCRIBER.error()
        return self.subject


def live_operator(
    tx: AccessUnitOfWork, token: str, now: datetime
) -> OperatorPrincipal | UnicomError:
    """The principal of a live operator token, or the refusal (``operator.token_invalid``)."""
    issued = tx.operator_tokens.find(OperatorToken.digest(token))
    if issued is None:
        return OPERATOR_TOKEN_INVALID.error(reason="unknown")
    refusal = issued.refusal(tx.operator_clients.find(issued.client_id), now)
    if refusal is not None:
        return refusal
    return OperatorPrincipal(issued.client_id, issued.scopes)


def operator_authorized(
    tx: AccessUnitOfWork,
    token: str,
    capability: Capability,
    number: NumberIdentifier | None,
    now: datetime,
) -> Authorized | UnicomError:
    """Allow the operator token ``token`` to use ``capability`` on ``number`` (F-AUTH-6).

    A scope of the token must grant the capability (``operator.scope_missing`` else, checked
    before the number is looked at); any live number may then be named, an unknown or
    cancelled one is ``access.unknown_number``.
    """
    principal = live_operator(tx, token, now)
    if isinstance(principal, UnicomError):
        return principal
    try:
        authorize_operator(principal, capability)
    except UnicomError as refusal:
        return refusal
    if number is None:
        return Authorized(principal, None)
    subject = tx.subscribers.find_by_number(number)
    if subject is None or subject.status is SubscriberStatus.CANCELLED:
        return unknown_number()
    return Authorized(principal, subject)


def permits(granted: Authorized, capability: Capability, policy: PolicyTable) -> bool:
    """Whether ``granted``'s principal may also use ``capability`` on its subject (no read)."""
    try:
        if isinstance(granted.principal, OperatorPrincipal):
            authorize_operator(granted.principal, capability)
        else:
            authorize(granted.principal, capability, granted.subject, policy=policy)
    except UnicomError:
        return False
    return True


def audit_action(  # noqa: PLR0913 - the facts of one entry
    tx: OperatorRepositories,
    client_id: str,
    action: str,
    now: datetime,
    *,
    parameters: Mapping[str, str] | None = None,
    subject: Subscriber | None = None,
) -> AuditEntry:
    """Add an audit entry for an operator's ``action`` in the transaction ``tx`` (F-AUTH-6).

    ``parameters`` must hold no secret. ``subject`` names the account and number acted on.
    """
    entry = AuditEntry(
        id=audit_id(now, secrets.token_hex(8)),
        client_id=client_id,
        action=action,
        at=now,
        parameters=dict(parameters or {}),
        account_id=None if subject is None else subject.account_id,
        number=None if subject is None else subject.number.value,
    )
    tx.audit_log.add(entry)
    return entry


def audit_granted(
    tx: OperatorRepositories,
    granted: Authorized,
    action: str,
    now: datetime,
    parameters: Mapping[str, str] | None = None,
) -> AuditEntry | None:
    """Record ``action`` if ``granted`` is an operator's (nothing for a subscriber session)."""
    if not isinstance(granted.principal, OperatorPrincipal):
        return None
    return audit_action(
        tx, granted.principal.client_id, action, now, parameters=parameters, subject=granted.subject
    )
