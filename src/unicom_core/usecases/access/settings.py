"""The settings of the way in: limits, lifetimes and the password pepper (F-AUTH-7).

:class:`AccessSettings` is what :class:`~unicom_core.usecases.access.service.AccessService` is
configured with; every field has the default F-AUTH-7 names, except the pepper, which only
the deployment can know (``bootstrap(production=True)`` refuses to start without one).

Rotating the pepper: make a new :class:`~unicom_core.domain.access.passwords.Pepper` with a new
``pepper_id`` the ``password_pepper``, and move the old one to ``retired_peppers``. Hashes
made with a retired pepper still verify, and are re-hashed with the current one at the
holder's next successful login; drop a retired pepper once no stored hash names it.
"""

from __future__ import annotations

import attrs

from unicom_core.domain.access import (
    ACCESS_SETTINGS,
    DEFAULT_POLICY,
    CodePolicy,
    LockoutPolicy,
    OperatorPolicy,
    Pepper,
    PolicyTable,
    SessionPolicy,
    count_at_least,
)
from unicom_core.domain.shared import instance_of
from unicom_core.ports.shared import MAX_PAGE_LIMIT

__all__ = ["AccessSettings"]

_MIN_TOKEN_BYTES = 16


def _check_retired(
    settings: AccessSettings, _attribute: attrs.Attribute[tuple[Pepper, ...]], value: object
) -> None:
    if not isinstance(value, tuple) or not all(isinstance(p, Pepper) for p in value):
        raise ACCESS_SETTINGS.error()
    ids = [pepper.pepper_id for pepper in value]
    current = settings.password_pepper
    if current is not None:
        ids.append(current.pepper_id)
    if len(set(ids)) != len(ids):
        raise ACCESS_SETTINGS.error("every pepper needs its own pepper_id", field="retired_peppers")
    if value and current is None:
        raise ACCESS_SETTINGS.error(
            "retired peppers need a current password_pepper to move to", field="retired_peppers"
        )


def _check_batch(_instance: object, _attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PAGE_LIMIT:
        raise ACCESS_SETTINGS.error(
            f"purge_batch is an integer in 1..{MAX_PAGE_LIMIT}", field="purge_batch"
        )


@attrs.frozen(slots=True, kw_only=True)
class AccessSettings:
    """Every limit of the way in, with the defaults of F-AUTH-7 (all configurable).

    ``sms_template`` is formatted with ``code`` and ``minutes``; ``token_bytes`` is the
    entropy of a session token; ``conflict_retries`` how often a use case re-runs after a
    concurrent write to the same record.

    ``password_pepper`` (default None: no pepper, for tests and the demo only) is mixed into
    every service password and random password before it is hashed; ``retired_peppers``
    still verify the hashes they made (see the module for rotation). ``purge_batch`` is how
    many records one purge transaction looks at. ``operators`` is the lifetime of operator
    access tokens (default 1 hour) and the entropy of client secrets (F-AUTH-6); failed
    client authentications are counted with ``lockout``, per client id.
    """

    lockout: LockoutPolicy = attrs.field(
        factory=LockoutPolicy, validator=instance_of(LockoutPolicy, ACCESS_SETTINGS)
    )
    codes: CodePolicy = attrs.field(
        factory=CodePolicy, validator=instance_of(CodePolicy, ACCESS_SETTINGS)
    )
    sessions: SessionPolicy = attrs.field(
        factory=SessionPolicy, validator=instance_of(SessionPolicy, ACCESS_SETTINGS)
    )
    policy: PolicyTable = attrs.field(
        default=DEFAULT_POLICY, validator=instance_of(PolicyTable, ACCESS_SETTINGS)
    )
    sms_template: str = "【中国联通】您的随机密码为{code}，{minutes}分钟内有效，请勿告诉他人。"
    token_bytes: int = attrs.field(
        default=32, validator=count_at_least(ACCESS_SETTINGS, _MIN_TOKEN_BYTES)
    )
    conflict_retries: int = attrs.field(default=3, validator=count_at_least(ACCESS_SETTINGS, 1))
    password_pepper: Pepper | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(instance_of(Pepper, ACCESS_SETTINGS)),
    )
    retired_peppers: tuple[Pepper, ...] = attrs.field(default=(), validator=_check_retired)
    purge_batch: int = attrs.field(default=MAX_PAGE_LIMIT, validator=_check_batch)
    operators: OperatorPolicy = attrs.field(
        factory=OperatorPolicy, validator=instance_of(OperatorPolicy, ACCESS_SETTINGS)
    )
