"""The error codes of the access area (its domain, ports and use cases).

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import AdapterError, Conflict, ErrorCode, InvalidInput, NotFound, Refused

__all__ = [
    "ACCESS_BAD_CREDENTIALS",
    "ACCESS_CAPABILITY_MISSING",
    "ACCESS_CAPTCHA_REQUIRED",
    "ACCESS_CAPTCHA_WRONG",
    "ACCESS_EMAIL_TAKEN",
    "ACCESS_INITIAL_PASSWORD",
    "ACCESS_LOCKED",
    "ACCESS_NOT_LOGGED_IN",
    "ACCESS_PEPPER",
    "ACCESS_SESSION_EXPIRED",
    "ACCESS_SETTINGS",
    "ACCESS_UNKNOWN_NUMBER",
    "CAPTCHA_SETTINGS",
    "CAPTCHA_UNKNOWN",
    "CODE_CLIENT_LIMIT",
    "CODE_DAILY_LIMIT",
    "CODE_EXPIRES_AT",
    "CODE_FORMAT",
    "CODE_ISSUED_AT",
    "CODE_POLICY",
    "CODE_PURPOSE",
    "CODE_RESEND_TOO_SOON",
    "CODE_SENT_AT",
    "CREDENTIAL_CHANGED_AT",
    "CREDENTIAL_EMAIL",
    "CREDENTIAL_EPOCH",
    "CREDENTIAL_HASH",
    "CREDENTIAL_INITIAL",
    "HASHING_FAILED",
    "HASHING_PARAMETERS",
    "LOCKOUT_FAILURES",
    "LOCKOUT_LOCKED_UNTIL",
    "LOCKOUT_POLICY",
    "LOCKOUT_SCOPE",
    "MESSAGING_FAILED",
    "MESSAGING_NONE",
    "OAUTH_ALREADY_BOUND",
    "OAUTH_BOUND_AT",
    "OAUTH_FAILED",
    "OAUTH_NOT_BOUND",
    "OAUTH_PROVIDER",
    "OAUTH_REJECTED",
    "OAUTH_SUBJECT",
    "OAUTH_SUBJECT_TAKEN",
    "OPERATOR_ACTOR",
    "OPERATOR_AUDIT_QUERY",
    "OPERATOR_FIELD",
    "OPERATOR_INVALID_CLIENT",
    "OPERATOR_INVALID_SCOPE",
    "OPERATOR_LOCKED",
    "OPERATOR_NO_SUBSCRIBER",
    "OPERATOR_SCOPE_MISSING",
    "OPERATOR_TOKEN_INVALID",
    "OPERATOR_UNKNOWN_CLIENT",
    "PASSWORD_FORMAT",
    "PASSWORD_UNCHANGED",
    "PASSWORD_WEAK",
    "PERMISSIONS_CAPABILITY",
    "PERMISSIONS_FORBIDDEN_GRANT",
    "PERMISSIONS_GRANT",
    "PERMISSIONS_KIND",
    "PERMISSIONS_TABLE",
    "SESSION_ENDED_AT",
    "SESSION_EPOCH",
    "SESSION_KIND",
    "SESSION_LAST_SEEN_AT",
    "SESSION_OPENED_AT",
    "SESSION_POLICY",
]

ACCESS_BAD_CREDENTIALS = ErrorCode(
    "access.bad_credentials",
    Refused,
    "the user name or the password is wrong",
    fields=("attempts_left", "captcha_required"),
)
ACCESS_CAPABILITY_MISSING = ErrorCode(
    "access.capability_missing",
    Refused,
    "a session opened with a {credential} may not use {capability}; "
    "log in with the service password",
    fields=("capability", "credential"),
)
ACCESS_CAPTCHA_REQUIRED = ErrorCode(
    "access.captcha_required", Refused, "solve the captcha to go on", fields=("captcha_required",)
)
ACCESS_CAPTCHA_WRONG = ErrorCode(
    "access.captcha_wrong", Refused, "the captcha was not solved", fields=("captcha_required",)
)
ACCESS_EMAIL_TAKEN = ErrorCode(
    "access.email_taken", Conflict, "another number logs in with this e-mail"
)
ACCESS_INITIAL_PASSWORD = ErrorCode(
    "access.initial_password",
    Refused,
    "the initial service password cannot log in: change it first",
)
ACCESS_LOCKED = ErrorCode(
    "access.locked",
    Refused,
    "too many failed attempts: this user name is locked for a while",
    fields=("retry_at",),
)
ACCESS_NOT_LOGGED_IN = ErrorCode("access.not_logged_in", Refused, "log in first")
ACCESS_PEPPER = ErrorCode(
    "access.pepper",
    InvalidInput,
    "a pepper id is 1-16 letters, digits, '-' or '_'",
    fields=("field",),
)
ACCESS_SESSION_EXPIRED = ErrorCode(
    "access.session_expired", Refused, "the session has expired; log in again", fields=("reason",)
)
ACCESS_SETTINGS = ErrorCode(
    "access.settings", InvalidInput, "retired_peppers is a tuple of Pepper", optional=("field",)
)
ACCESS_UNKNOWN_NUMBER = ErrorCode(
    "access.unknown_number", NotFound, "there is no such number among the numbers of this customer"
)
CAPTCHA_SETTINGS = ErrorCode("captcha.settings", InvalidInput, "lifetime is a positive duration")
CAPTCHA_UNKNOWN = ErrorCode("captcha.unknown", NotFound, "no such challenge is waiting")
CODE_CLIENT_LIMIT = ErrorCode(
    "code.client_limit",
    Refused,
    "too many random passwords requested from this client; try later",
    fields=("retry_at",),
)
CODE_DAILY_LIMIT = ErrorCode(
    "code.daily_limit",
    Refused,
    "too many random passwords were sent today; try again after {retry_at}",
    fields=("retry_at",),
)
CODE_EXPIRES_AT = ErrorCode(
    "code.expires_at", InvalidInput, "{field} must be an aware datetime", fields=("field",)
)
CODE_FORMAT = ErrorCode(
    "code.format",
    InvalidInput,
    "a random password is {length} digits",
    fields=("field", "length"),
)
CODE_ISSUED_AT = ErrorCode(
    "code.issued_at", InvalidInput, "{field} must be an aware datetime", fields=("field",)
)
CODE_POLICY = ErrorCode(
    "code.policy", InvalidInput, "{field} must be a positive timedelta", fields=("field",)
)
CODE_PURPOSE = ErrorCode(
    "code.purpose", InvalidInput, "{field} has the wrong type", fields=("field",)
)
CODE_RESEND_TOO_SOON = ErrorCode(
    "code.resend_too_soon",
    Refused,
    "a random password was sent moments ago; wait before asking again",
    fields=("retry_at",),
)
CODE_SENT_AT = ErrorCode(
    "code.sent_at", InvalidInput, "{field} must be a tuple of aware datetimes", fields=("field",)
)
CREDENTIAL_CHANGED_AT = ErrorCode(
    "credential.changed_at", InvalidInput, "{field} must be an aware datetime", fields=("field",)
)
CREDENTIAL_EMAIL = ErrorCode(
    "credential.email", InvalidInput, "{field} has the wrong type", fields=("field",)
)
CREDENTIAL_EPOCH = ErrorCode(
    "credential.epoch", InvalidInput, "{field} must be a large enough integer", fields=("field",)
)
CREDENTIAL_HASH = ErrorCode(
    "credential.hash", InvalidInput, "a password hash is a non-empty string"
)
CREDENTIAL_INITIAL = ErrorCode(
    "credential.initial", InvalidInput, "initial is True or False", fields=("field",)
)
HASHING_FAILED = ErrorCode("hashing.failed", AdapterError, "argon2 could not hash")
HASHING_PARAMETERS = ErrorCode(
    "hashing.parameters",
    InvalidInput,
    ("argon2 needs time_cost >= 1, parallelism >= 1 and memory_cost >= 8 KiB per lane"),
    optional=("field",),
)
LOCKOUT_FAILURES = ErrorCode(
    "lockout.failures",
    InvalidInput,
    "{field} must be a tuple of aware datetimes",
    fields=("field",),
)
LOCKOUT_LOCKED_UNTIL = ErrorCode(
    "lockout.locked_until", InvalidInput, "{field} must be an aware datetime", fields=("field",)
)
LOCKOUT_POLICY = ErrorCode(
    "lockout.policy", InvalidInput, "{field} must be a large enough integer", fields=("field",)
)
LOCKOUT_SCOPE = ErrorCode(
    "lockout.scope", InvalidInput, "{field} has the wrong type", fields=("field",)
)
MESSAGING_FAILED = ErrorCode(
    "messaging.failed", AdapterError, "the SMS service is down (memory double)"
)
MESSAGING_NONE = ErrorCode("messaging.none", NotFound, "no code was sent to this number")
OAUTH_ALREADY_BOUND = ErrorCode(
    "oauth.already_bound",
    Conflict,
    "the number is bound to another {provider} account; unbind it first",
    fields=("provider",),
)
OAUTH_BOUND_AT = ErrorCode(
    "oauth.bound_at", InvalidInput, "{field} must be an aware datetime", fields=("field",)
)
OAUTH_FAILED = ErrorCode(
    "oauth.failed", AdapterError, "the provider cannot be reached (memory double)"
)
OAUTH_NOT_BOUND = ErrorCode(
    "oauth.not_bound",
    Refused,
    "the number has no account of that provider bound",
    optional=("provider",),
)
OAUTH_PROVIDER = ErrorCode(
    "oauth.provider", InvalidInput, "{field} has the wrong type", fields=("field",)
)
OAUTH_REJECTED = ErrorCode("oauth.rejected", Refused, "the provider did not accept the code")
OAUTH_SUBJECT = ErrorCode(
    "oauth.subject",
    InvalidInput,
    "a provider's subject id is printable characters within the length limit",
    fields=("field",),
)
OAUTH_SUBJECT_TAKEN = ErrorCode(
    "oauth.subject_taken",
    Conflict,
    "this {provider} account is bound to another number",
    fields=("provider",),
)
OPERATOR_AUDIT_QUERY = ErrorCode(
    "operator.audit_query", InvalidInput, "{field} is not a valid audit filter", fields=("field",)
)
OPERATOR_ACTOR = ErrorCode(
    "operator.actor",
    InvalidInput,
    "an operator action names its actor: an operator client id (op-...) or cli:<name>",
)
OPERATOR_FIELD = ErrorCode(
    "operator.field", InvalidInput, "{field} of an operator record is invalid", fields=("field",)
)
OPERATOR_INVALID_CLIENT = ErrorCode(
    "operator.invalid_client",
    Refused,
    "client authentication failed (unknown client, wrong secret or disabled client)",
)
OPERATOR_INVALID_SCOPE = ErrorCode(
    "operator.invalid_scope",
    InvalidInput,
    "the requested scope is unknown or exceeds the client's scopes",
    fields=("scope",),
)
OPERATOR_LOCKED = ErrorCode(
    "operator.locked",
    Refused,
    "too many failed client authentications: try again later",
    fields=("retry_at",),
)
OPERATOR_NO_SUBSCRIBER = ErrorCode(
    "operator.no_subscriber",
    Refused,
    "an operator has no number of its own: name the number it acts on",
)
OPERATOR_SCOPE_MISSING = ErrorCode(
    "operator.scope_missing",
    Refused,
    "the operator token may not use {capability}; it needs one of the scopes {scopes}",
    fields=("capability", "scopes"),
)
OPERATOR_TOKEN_INVALID = ErrorCode(
    "operator.token_invalid",
    Refused,
    "the operator access token is unknown, expired or revoked",
    fields=("reason",),
)
OPERATOR_UNKNOWN_CLIENT = ErrorCode(
    "operator.unknown_client", NotFound, "there is no such operator client", fields=("client_id",)
)
PASSWORD_FORMAT = ErrorCode(
    "password.format", InvalidInput, "a service password is exactly six digits", fields=("field",)
)
PASSWORD_UNCHANGED = ErrorCode(
    "password.unchanged", InvalidInput, "the new password is the old one", fields=("field",)
)
PASSWORD_WEAK = ErrorCode(
    "password.weak",
    InvalidInput,
    "the new service password is too easy to guess: {rules}",
    fields=("field", "rules"),
)
PERMISSIONS_CAPABILITY = ErrorCode(
    "permissions.capability",
    InvalidInput,
    "a capability is dotted lower-case words such as query.bill",
    fields=("field",),
)
PERMISSIONS_FORBIDDEN_GRANT = ErrorCode(
    "permissions.forbidden_grant",
    InvalidInput,
    "a random-password session may not be granted {grant} "
    "(F-AUTH-5: no detailed records, no business handling)",
    fields=("forbidden", "grant"),
)
PERMISSIONS_GRANT = ErrorCode(
    "permissions.grant", InvalidInput, "a policy row holds Grant values", optional=("field",)
)
PERMISSIONS_KIND = ErrorCode(
    "permissions.kind", InvalidInput, "{field} is not a credential kind", fields=("field",)
)
PERMISSIONS_TABLE = ErrorCode(
    "permissions.table", InvalidInput, "a policy table maps credential kinds to grants"
)
SESSION_ENDED_AT = ErrorCode(
    "session.ended_at", InvalidInput, "{field} must be an aware datetime", fields=("field",)
)
SESSION_EPOCH = ErrorCode(
    "session.epoch", InvalidInput, "{field} must be a large enough integer", fields=("field",)
)
SESSION_KIND = ErrorCode(
    "session.kind", InvalidInput, "{field} has the wrong type", fields=("field",)
)
SESSION_LAST_SEEN_AT = ErrorCode(
    "session.last_seen_at", InvalidInput, "{field} must be an aware datetime", fields=("field",)
)
SESSION_OPENED_AT = ErrorCode(
    "session.opened_at", InvalidInput, "{field} must be an aware datetime", fields=("field",)
)
SESSION_POLICY = ErrorCode(
    "session.policy", InvalidInput, "{field} must be a positive timedelta", fields=("field",)
)
