"""Credentials: a number's service password and login e-mail, and its QQ/Weibo bindings (F-AUTH).

:class:`LoginCredential` holds the salted slow hash of the service password (never the
password), whether it is still the *initial* one (which cannot log in, F-AUTH-4), an
``epoch`` that moves on with every change or reset (ending every older session), and the
e-mail address that may log in to the number (F-AUTH-1). :class:`ThirdPartyBinding` ties a
QQ or Sina Weibo identity, known only by the provider's verified subject id, to a number
(F-AUTH-3): one identity per provider per number, and one number per identity.

This module also re-exports the other access records and rules (passwords, one-time codes,
lock-out, sessions, permissions, events), so ports and adapters import them from one place.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access.checks import aware, count_at_least, optional_aware
from unicom_core.domain.access.codes import (
    CREDENTIAL_CHANGED_AT,
    CREDENTIAL_EMAIL,
    CREDENTIAL_EPOCH,
    CREDENTIAL_HASH,
    CREDENTIAL_INITIAL,
    OAUTH_ALREADY_BOUND,
    OAUTH_BOUND_AT,
    OAUTH_NOT_BOUND,
    OAUTH_PROVIDER,
    OAUTH_SUBJECT,
)
from unicom_core.domain.access.events import (
    LoginEmailChanged,
    PasswordChanged,
    PasswordReset,
    ThirdPartyBound,
    ThirdPartyUnbound,
)
from unicom_core.domain.shared import (
    EmailAddress,
    check_id,
    check_version,
    guarded,
    instance_of,
    update,
)

if TYPE_CHECKING:
    from attrs import Attribute

    from unicom_core.domain.shared import DomainEvent

__all__ = ["LoginCredential", "ThirdParty", "ThirdPartyBinding", "binding_id"]

_SUBJECT_MAX = 128


def _hidden(_value: str) -> str:
    return "'<hashed>'"


def _check_hash(_instance: object, _attribute: Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise CREDENTIAL_HASH.error()


def _check_initial(_instance: object, _attribute: Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise CREDENTIAL_INITIAL.error(field="initial")


@attrs.define(slots=True)
class LoginCredential:
    """A number's service password (hashed), its initial flag, epoch and login e-mail (F-AUTH).

    ``id`` is the subscriber's id: one credential per number.
    """

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    password_hash: str = attrs.field(validator=_check_hash, repr=_hidden, on_setattr=guarded)
    changed_at: datetime = attrs.field(validator=aware(CREDENTIAL_CHANGED_AT), on_setattr=guarded)
    initial: bool = attrs.field(default=True, validator=_check_initial, on_setattr=guarded)
    epoch: int = attrs.field(
        default=0, validator=count_at_least(CREDENTIAL_EPOCH, 0), on_setattr=guarded
    )
    email: EmailAddress | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(instance_of(EmailAddress, CREDENTIAL_EMAIL)),
        on_setattr=guarded,
    )
    version: int = attrs.field(default=0, validator=check_version)

    def change_password(self, new_hash: str, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Replace the password after the old one was proven; older sessions end (F-AUTH-4)."""
        event = PasswordChanged(aggregate_id=self.id, occurred_at=at, was_initial=self.initial)
        update(self, password_hash=new_hash, initial=False, epoch=self.epoch + 1, changed_at=at)
        return (event,)

    def reset_password(self, new_hash: str, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Replace the password after a reset code was proven; older sessions end (F-AUTH-7)."""
        update(self, password_hash=new_hash, initial=False, epoch=self.epoch + 1, changed_at=at)
        return (PasswordReset(aggregate_id=self.id, occurred_at=at),)

    def rehash(self, new_hash: str) -> None:
        """Store the same password under a new hash (new parameters or pepper, F-AUTH-7).

        Nothing else changes: the epoch stays, so no session ends, and no event is raised.
        """
        update(self, password_hash=new_hash)

    def set_email(self, email: EmailAddress | None, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Set or remove (None) the e-mail address that logs in to this number (F-AUTH-1)."""
        if email == self.email:
            return ()
        update(self, email=email)
        return (LoginEmailChanged(aggregate_id=self.id, occurred_at=at, has_email=bool(email)),)


class ThirdParty(enum.Enum):
    """A third-party identity provider a number can be bound to (F-AUTH-3)."""

    QQ = "qq"
    WEIBO = "weibo"


def binding_id(provider: ThirdParty, subscriber_id: str) -> str:
    """The store id of a number's binding to ``provider``: ``"qq:<subscriber id>"``."""
    return f"{provider.value}:{subscriber_id}"


def _check_subject(_instance: object, _attribute: Attribute[str | None], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not 1 <= len(value) <= _SUBJECT_MAX or not value.isprintable():
        raise OAUTH_SUBJECT.error(
            f"a provider's subject id is 1-{_SUBJECT_MAX} printable characters", field="subject"
        )


@attrs.define(slots=True)
class ThirdPartyBinding:
    """The QQ or Weibo identity bound to a number, if any (F-AUTH-3)."""

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    subscriber_id: str = attrs.field(validator=check_id, on_setattr=guarded)
    provider: ThirdParty = attrs.field(
        validator=instance_of(ThirdParty, OAUTH_PROVIDER), on_setattr=guarded
    )
    subject: str | None = attrs.field(default=None, validator=_check_subject, on_setattr=guarded)
    bound_at: datetime | None = attrs.field(
        default=None, validator=optional_aware(OAUTH_BOUND_AT), on_setattr=guarded
    )
    version: int = attrs.field(default=0, validator=check_version)

    @classmethod
    def new(cls, provider: ThirdParty, subscriber_id: str) -> ThirdPartyBinding:
        """An unbound record for the number and provider (not stored yet)."""
        return cls(binding_id(provider, subscriber_id), subscriber_id, provider)

    @property
    def subject_key(self) -> str | None:
        """The unique key of the bound identity (``"qq:<subject>"``), or None when unbound."""
        return None if self.subject is None else f"{self.provider.value}:{self.subject}"

    def bind(self, subject: str, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Bind ``subject``; ``Conflict`` ``oauth.already_bound`` if another one is bound."""
        if self.subject == subject:
            return ()
        if self.subject is not None:
            raise OAUTH_ALREADY_BOUND.error(provider=self.provider.value)
        update(self, subject=subject, bound_at=at)
        event = ThirdPartyBound(
            aggregate_id=self.subscriber_id, occurred_at=at, provider=self.provider.value
        )
        return (event,)

    def unbind(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Remove the binding; ``Refused`` ``oauth.not_bound`` if there is none."""
        if self.subject is None:
            raise OAUTH_NOT_BOUND.error(
                f"the number has no {self.provider.value} account bound",
                provider=self.provider.value,
            )
        update(self, subject=None, bound_at=None)
        event = ThirdPartyUnbound(
            aggregate_id=self.subscriber_id, occurred_at=at, provider=self.provider.value
        )
        return (event,)
