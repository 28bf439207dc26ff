"""The access area's use cases: logins, sessions, passwords, third-party accounts (F-AUTH).

:class:`AccessService` (``hall.access``) is composed of :class:`AccessSessions`,
:class:`AccessLogins` and :class:`AccessPurge`; it also holds the hall's one permission check
(it implements :class:`~unicom_core.ports.shared.Authorizer`).
"""

from __future__ import annotations

from unicom_core.usecases.access.logins import (
    AccessLogins,
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
    Authorized,
    CodeSent,
    LoginResult,
)
from unicom_core.usecases.access.settings import (
    AccessSettings,
)

__all__ = [
    "PEPPER_PREFIX",
    "AccessLogins",
    "AccessPurge",
    "AccessService",
    "AccessSessions",
    "AccessSettings",
    "Authorized",
    "CodeSent",
    "LoginResult",
    "PepperedHasher",
    "PurgeReport",
    "peppered",
]
