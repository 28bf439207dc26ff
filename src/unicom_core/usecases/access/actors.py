"""Who made an operator's change: the actor every audited use case names (F-AUTH-6).

The operator use cases of the other areas (``hall.promotions.define``, ``hall.growth.
open_draw``, ``hall.subscribers.enrol`` with an actor, ...) stay plain trusted methods an
embedder's back office calls; they take ``actor``, the operator client id the web adapter
authorized (``op-...``) or ``cli:<name>`` for the command line, and write an audit entry with
:func:`~unicom_core.usecases.access.audit_action` in the transaction of the change.
:func:`audited` checks the actor before anything is read or written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from unicom_core.domain.access import OPERATOR_ACTOR
from unicom_core.usecases.access.operators_grants import audit_action

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from unicom_core.domain.access import AuditEntry
    from unicom_core.domain.subscribers import Subscriber
    from unicom_core.ports.access import OperatorRepositories

__all__ = ["ACTOR_PATTERN", "audit_by", "audited"]

ACTOR_PATTERN = re.compile(r"(?:op-|cli:)[A-Za-z0-9][A-Za-z0-9_.@-]{0,59}")
"""An actor: an operator client id (``op-...``) or ``cli:<name>`` (at most 64 characters)."""


def audited(actor: object) -> str:
    """``actor`` if it names an operator client or a command-line user (``operator.actor``)."""
    if not isinstance(actor, str) or not ACTOR_PATTERN.fullmatch(actor):
        raise OPERATOR_ACTOR.error()
    return actor


def audit_by(  # noqa: PLR0913 - the facts of one entry
    tx: OperatorRepositories,
    actor: str,
    action: str,
    now: datetime,
    *,
    parameters: Mapping[str, str] | None = None,
    subject: Subscriber | None = None,
) -> AuditEntry:
    """Record ``actor``'s ``action`` in ``tx`` (:func:`audit_action`; no secret in parameters)."""
    return audit_action(tx, audited(actor), action, now, parameters=parameters, subject=subject)
