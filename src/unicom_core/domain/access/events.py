"""The events of the way in: logins, locks, password changes, bindings (F-AUTH-2 .. F-AUTH-7).

They go to the outbox with the state that caused them, so a carrier's monitoring counts
logins per campaign (F-PRO-5) and its security team sees locks and password changes. They
never carry a secret: no password, no code, no session token.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from unicom_core.domain.access.permissions import CredentialKind
from unicom_core.domain.shared import DomainEvent, domain_event

__all__ = [
    "IdentifierLocked",
    "LoggedIn",
    "LoggedOut",
    "LoginEmailChanged",
    "PasswordChanged",
    "PasswordReset",
    "ThirdPartyBound",
    "ThirdPartyUnbound",
]


@domain_event("access.logged_in")
@attrs.frozen(slots=True, kw_only=True)
class LoggedIn(DomainEvent):
    """A session was opened for a subscriber (``aggregate_id``) with a credential kind."""

    kind: CredentialKind
    customer_id: str


@domain_event("access.logged_out")
@attrs.frozen(slots=True, kw_only=True)
class LoggedOut(DomainEvent):
    """A session was ended by its holder (``aggregate_id`` is the subscriber)."""


@domain_event("access.identifier_locked")
@attrs.frozen(slots=True, kw_only=True)
class IdentifierLocked(DomainEvent):
    """Too many failures: the identifier (``aggregate_id``, a digest) is locked (F-AUTH-7)."""

    locked_until: datetime


@domain_event("access.password_changed")
@attrs.frozen(slots=True, kw_only=True)
class PasswordChanged(DomainEvent):
    """The holder changed the service password, knowing the old one (F-AUTH-4, F-AUTH-7)."""

    was_initial: bool


@domain_event("access.password_reset")
@attrs.frozen(slots=True, kw_only=True)
class PasswordReset(DomainEvent):
    """The service password was reset with a random password (F-AUTH-7)."""


@domain_event("access.login_email_changed")
@attrs.frozen(slots=True, kw_only=True)
class LoginEmailChanged(DomainEvent):
    """The e-mail address that logs in to the number was set or removed (F-AUTH-1)."""

    has_email: bool


@domain_event("access.third_party_bound")
@attrs.frozen(slots=True, kw_only=True)
class ThirdPartyBound(DomainEvent):
    """A QQ or Weibo identity was bound to the number (F-AUTH-3); ``provider`` names which."""

    provider: str


@domain_event("access.third_party_unbound")
@attrs.frozen(slots=True, kw_only=True)
class ThirdPartyUnbound(DomainEvent):
    """The number's QQ or Weibo identity was unbound (F-AUTH-3)."""

    provider: str
