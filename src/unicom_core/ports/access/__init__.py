"""The access area's ports: what logins need from outside (F-AUTH).

Credential storage, password hashing, captcha, SMS and OAuth providers.
"""

from __future__ import annotations

from unicom_core.ports.access.captcha import (
    Captcha,
    CaptchaAnswer,
    CaptchaChallenge,
)
from unicom_core.ports.access.grants import (
    ScopedAuthorizer,
    SessionTouchNeeded,
)
from unicom_core.ports.access.hashing import (
    PasswordHasher,
)
from unicom_core.ports.access.messaging import (
    MessageSender,
)
from unicom_core.ports.access.oauth import (
    OAuthProvider,
)
from unicom_core.ports.access.operators import (
    AuditFilter,
    AuditLogRepository,
    OperatorClientRepository,
    OperatorRepositories,
    OperatorTokenRepository,
)
from unicom_core.ports.access.storage import (
    AccessRepositories,
    AccessStorage,
    AccessUnitOfWork,
    LoginAttemptRepository,
    LoginCredentialRepository,
    OneTimeCodeRepository,
    Purgeable,
    SessionRepository,
    ThirdPartyBindingRepository,
)

__all__ = [
    "AccessRepositories",
    "AccessStorage",
    "AccessUnitOfWork",
    "AuditFilter",
    "AuditLogRepository",
    "Captcha",
    "CaptchaAnswer",
    "CaptchaChallenge",
    "LoginAttemptRepository",
    "LoginCredentialRepository",
    "MessageSender",
    "OAuthProvider",
    "OneTimeCodeRepository",
    "OperatorClientRepository",
    "OperatorRepositories",
    "OperatorTokenRepository",
    "PasswordHasher",
    "Purgeable",
    "ScopedAuthorizer",
    "SessionRepository",
    "SessionTouchNeeded",
    "ThirdPartyBindingRepository",
]
