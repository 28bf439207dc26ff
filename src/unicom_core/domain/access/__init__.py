"""The access area: how a person gets in, and what a session may do (F-AUTH).

Credentials, service passwords and their peppers, one-time codes, lock-out, sessions and
the permission table.
"""

from __future__ import annotations

from unicom_core.domain.access.checks import (
    aware,
    count_at_least,
    instants,
    optional_aware,
    positive_duration,
)
from unicom_core.domain.access.credentials import (
    LoginCredential,
    ThirdParty,
    ThirdPartyBinding,
    binding_id,
)
from unicom_core.domain.access.events import (
    IdentifierLocked,
    LoggedIn,
    LoggedOut,
    LoginEmailChanged,
    PasswordChanged,
    PasswordReset,
    ThirdPartyBound,
    ThirdPartyUnbound,
)
from unicom_core.domain.access.lockout import (
    AttemptScope,
    LockoutPolicy,
    LoginAttempts,
    attempts_id,
)
from unicom_core.domain.access.one_time_codes import (
    CodePolicy,
    CodePurpose,
    OneTimeCode,
    client_quota_key,
    code_id,
)
from unicom_core.domain.access.passwords import (
    MIN_PEPPER_BYTES,
    PASSWORD_LENGTH,
    Pepper,
    ServicePassword,
    WeakRule,
    birthday_forms,
    check_new_password,
    weak_password_rules,
)
from unicom_core.domain.access.permissions import (
    CAPABILITIES,
    DEFAULT_POLICY,
    FORBIDDEN_FOR_RANDOM_PASSWORD,
    RANDOM_PASSWORD_CAPABILITIES,
    Capability,
    CredentialKind,
    Grant,
    Owned,
    PolicyTable,
    Principal,
    authorize,
    unknown_number,
)
from unicom_core.domain.access.sessions import (
    Session,
    SessionPolicy,
    token_digest,
)

__all__ = [
    "CAPABILITIES",
    "DEFAULT_POLICY",
    "FORBIDDEN_FOR_RANDOM_PASSWORD",
    "MIN_PEPPER_BYTES",
    "PASSWORD_LENGTH",
    "RANDOM_PASSWORD_CAPABILITIES",
    "AttemptScope",
    "Capability",
    "CodePolicy",
    "CodePurpose",
    "CredentialKind",
    "Grant",
    "IdentifierLocked",
    "LockoutPolicy",
    "LoggedIn",
    "LoggedOut",
    "LoginAttempts",
    "LoginCredential",
    "LoginEmailChanged",
    "OneTimeCode",
    "Owned",
    "PasswordChanged",
    "PasswordReset",
    "Pepper",
    "PolicyTable",
    "Principal",
    "ServicePassword",
    "Session",
    "SessionPolicy",
    "ThirdParty",
    "ThirdPartyBinding",
    "ThirdPartyBound",
    "ThirdPartyUnbound",
    "WeakRule",
    "attempts_id",
    "authorize",
    "aware",
    "binding_id",
    "birthday_forms",
    "check_new_password",
    "client_quota_key",
    "code_id",
    "count_at_least",
    "instants",
    "optional_aware",
    "positive_duration",
    "token_digest",
    "unknown_number",
    "weak_password_rules",
]
