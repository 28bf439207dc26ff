"""The access area's use cases: logins, sessions, passwords, third-party accounts (F-AUTH).

:class:`AccessService` also holds the hall's one permission check.
"""

from __future__ import annotations

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
