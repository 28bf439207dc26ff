"""What a production hall refuses to start with: memory doubles and default secrets (F-AUTH-7).

:func:`unicom_core.bootstrap.bootstrap` gives every port a default from
:mod:`unicom_core.memory` so that a test or a first try needs no set-up. A production hall
(``bootstrap(production=True)``) must not run on one by accident: an SMS sender that only
records, a payment gateway that pays every charge, a courier nobody drives or an entitlement
issuer that issues nothing would each lose a subscriber's money or goods without a sound.
:func:`refuse_if_unsafe` names every gap at once (``bootstrap.unsafe_for_production``, data
``missing``), before anything is wired.

Which ports must be given, and which may be left out:

- **Required** (:data:`REQUIRED_PORTS`): left out or a memory double (or a subclass of
  one), the hall is refused.
- **Optional**: the hasher (left out, argon2id: :func:`default_hasher`) and the webhook
  sender (left out, every event delivery waits, failing ``hubs.no_sender``: nothing is lost)
  are refused only when given as a memory double. The clock's default,
  :class:`~unicom_core.clock.SystemClock`, is the real one.
- **Secrets**: a password pepper must be set and the card pepper must not be the default.
- **Settings**: ``hub_settings.allow_insecure_callbacks`` (plain-http listeners) is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.shared import BOOTSTRAP_ARGON2_MISSING, BOOTSTRAP_UNSAFE_FOR_PRODUCTION
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.memory.storage import MemoryStorage
from unicom_core.usecases.payments import PaymentSettings

if TYPE_CHECKING:
    from collections.abc import Mapping

    from unicom_core.ports.access import PasswordHasher
    from unicom_core.ports.storage import Storage
    from unicom_core.usecases.access import AccessSettings
    from unicom_core.usecases.shared import HubSettings

__all__ = ["OPTIONAL_PORTS", "REQUIRED_PORTS", "default_hasher", "is_double", "refuse_if_unsafe"]

REQUIRED_PORTS = (
    "storage",
    "messages",
    "captcha",
    "oauth",
    "payment_gateway",
    "invoicing",
    "identity",
    "number_pool",
    "logistics",
    "entitlement_issuer",
    "metrics_store",
)
"""The ports a production hall must be given, each a real adapter."""
OPTIONAL_PORTS = ("hasher", "webhooks")
"""The ports a production hall may leave out (their defaults are safe), but not as doubles."""

_MEMORY = "unicom_core.memory."


def is_double(port: object) -> bool:
    """Whether ``port`` is (or extends) an in-memory reference adapter."""
    return any(cls.__module__.startswith(_MEMORY) for cls in type(port).__mro__)


def default_hasher(storage: Storage | None) -> PasswordHasher:
    """The fast memory hasher beside memory storage; argon2id beside anything else.

    Raises:
        Refused: ``bootstrap.argon2_missing`` without the ``argon2`` extra.
    """
    if storage is None or isinstance(storage, MemoryStorage):
        return MemoryPasswordHasher()
    try:
        from unicom_core.argon import ArgonPasswordHasher  # noqa: PLC0415 - the argon2 extra
    except ImportError as missing:
        raise BOOTSTRAP_ARGON2_MISSING.error() from missing
    return ArgonPasswordHasher()


def refuse_if_unsafe(
    ports: Mapping[str, object | None],
    *,
    access_settings: AccessSettings | None,
    payment_settings: PaymentSettings | None,
    hub_settings: HubSettings | None,
) -> None:
    """Refuse a production hall with memory doubles or default secrets, naming them all.

    ``ports`` maps each of :data:`REQUIRED_PORTS` and :data:`OPTIONAL_PORTS` to what the
    embedder passed (None: left out).

    Raises:
        Refused: ``bootstrap.unsafe_for_production`` (data ``missing``, in the order above).
    """
    gaps = [
        name
        for name, port in ports.items()
        if (port is None and name in REQUIRED_PORTS) or (port is not None and is_double(port))
    ]
    if access_settings is None or access_settings.password_pepper is None:
        gaps.append("access_settings.password_pepper")
    card_pepper = (payment_settings or PaymentSettings()).card_pepper
    if card_pepper == PaymentSettings().card_pepper:
        gaps.append("payment_settings.card_pepper")
    if hub_settings is not None and hub_settings.allow_insecure_callbacks:
        gaps.append("hub_settings.allow_insecure_callbacks")
    if gaps:
        raise BOOTSTRAP_UNSAFE_FOR_PRODUCTION.error(
            "a production hall needs real adapters and its own secrets; missing: "
            + ", ".join(gaps),
            missing=gaps,
        )
