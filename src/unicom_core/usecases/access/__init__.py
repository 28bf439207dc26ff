"""The access area's use cases: logins, sessions, passwords, third-party accounts (F-AUTH).

:class:`AccessService` (``hall.access``) is composed of :class:`AccessSessions`,
:class:`AccessLogins` and :class:`AccessPurge`; it also holds the hall's one permission check
(it implements :class:`~unicom_core.ports.shared.Authorizer`).
"""

from __future__ import annotations

from unicom_core.usecases.access.actors import (
    ACTOR_PATTERN,
    audit_by,
    audited,
)
from unicom_core.usecases.access.grants import (
    GrantedReads,
    touching,
)
from unicom_core.usecases.access.logins import (
    AccessLogins,
)
from unicom_core.usecases.access.operators import (
    OPERATOR_NUMBERS,
    AccessOperators,
    IssuedToken,
    NewClient,
    NumbersPage,
)
from unicom_core.usecases.access.operators_grants import (
    Authorized,
    audit_action,
    audit_granted,
    live_operator,
    operator_authorized,
    permits,
)
from unicom_core.usecases.access.peppers import (
    PEPPER_PREFIX,
    PepperedHasher,
    peppered,
)
from unicom_core.usecases.access.purge import (
    AccessPurge,
    PurgeReport,
)
from unicom_core.usecases.access.service import (
    AccessService,
)
from unicom_core.usecases.access.sessions import (
    AccessSessions,
    CodeSent,
    LoginResult,
)
from unicom_core.usecases.access.settings import (
    AccessSettings,
)

__all__ = [
    "ACTOR_PATTERN",
    "OPERATOR_NUMBERS",
    "PEPPER_PREFIX",
    "AccessLogins",
    "AccessOperators",
    "AccessPurge",
    "AccessService",
    "AccessSessions",
    "AccessSettings",
    "Authorized",
    "CodeSent",
    "GrantedReads",
    "IssuedToken",
    "LoginResult",
    "NewClient",
    "NumbersPage",
    "PepperedHasher",
    "PurgeReport",
    "audit_action",
    "audit_by",
    "audit_granted",
    "audited",
    "live_operator",
    "operator_authorized",
    "peppered",
    "permits",
    "touching",
]
