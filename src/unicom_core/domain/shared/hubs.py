"""TMF event hubs: a listener's subscription, its deliveries, and their signature.

A :class:`HubSubscription` is a listener an operator registered on one TMF API's hub
(``POST {api}/hub``, TMF630): where to send (``callback``), what (``query``, parsed by
:mod:`unicom_core.domain.shared.hub_query`), the secret its notifications are signed with,
and its state. It is ACTIVE until its deliveries have failed without a break for the
suspension period: then SUSPENDED, its deliveries kept until an operator reactivates it.

A :class:`Delivery` is one notification on its way to one listener: the exact JSON body,
the order of its event (``sequence``, the outbox entry's id) and its retry state. Its id is
derived from the listener and the event (:func:`delivery_id`), so an event fanned out twice
(the relay is at-least-once) is queued once per listener.

The signature (:func:`signature_header`): ``t=<unix seconds>,v1=<hex>`` where ``v1`` is
HMAC-SHA256, keyed with the listener's secret, of ``"<t>."`` followed by the raw body. The
timestamp is signed with the body, so a listener refuses a replayed notification by its
age. Every instant comes from the caller (the clock port, F-CAL-1).
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Final

import attrs

from unicom_core.domain.shared.aggregates import check_id, guarded, require_aware, update
from unicom_core.domain.shared.hub_codes import HUBS_DELIVERY

__all__ = [
    "SIGNATURE_HEADER",
    "Delivery",
    "HubSubscription",
    "SubscriptionState",
    "delivery_id",
    "new_secret",
    "signature",
    "signature_header",
]

SIGNATURE_HEADER: Final = "X-Unicom-Signature"
"""The request header carrying ``t=<unix seconds>,v1=<hex HMAC-SHA256>``."""

_REASON_LENGTH = 200


class SubscriptionState(enum.Enum):
    """A listener receives (ACTIVE) or waits for an operator (SUSPENDED)."""

    ACTIVE = "active"
    SUSPENDED = "suspended"


def new_secret() -> str:
    """A fresh signing secret: 32 random bytes, URL-safe base64 (43 characters)."""
    return secrets.token_urlsafe(32)


def delivery_id(subscription_id: str, event_id: str) -> str:
    """The one id of the delivery of ``event_id`` to ``subscription_id`` (40 hex digits)."""
    digest = hashlib.sha256(f"{subscription_id}\x00{event_id}".encode())
    return digest.hexdigest()[:40]


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """HMAC-SHA256 (hex) of ``"<timestamp>."`` + ``body``, keyed with ``secret``."""
    message = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, at: datetime, body: bytes) -> str:
    """The value of :data:`SIGNATURE_HEADER` for ``body`` sent at ``at``."""
    timestamp = int(require_aware(at).timestamp())
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def _reason(text: str) -> str:
    return text[:_REASON_LENGTH]


def _non_negative(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise HUBS_DELIVERY.error(f"{attribute.name} is an integer >= 0", field=attribute.name)


def _text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise HUBS_DELIVERY.error(f"{attribute.name} is a non-empty text", field=attribute.name)


@attrs.define(slots=True)
class HubSubscription:
    """A listener of one TMF API's events (TMF630 hub); see the module docstring.

    ``failing_since`` is the first failure of the current run of failures (None after a
    success); ``failures`` counts that run; ``last_failure`` is its last reason (a status
    code or an error code, never a body).
    """

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    api: str = attrs.field(validator=_text, on_setattr=guarded)
    callback: str = attrs.field(validator=_text, on_setattr=guarded)
    query: str = attrs.field(on_setattr=guarded)
    secret: str = attrs.field(validator=_text, repr=False, on_setattr=guarded)
    registered_at: datetime = attrs.field(on_setattr=guarded)
    state: SubscriptionState = attrs.field(default=SubscriptionState.ACTIVE, on_setattr=guarded)
    failing_since: datetime | None = attrs.field(default=None, on_setattr=guarded)
    failures: int = attrs.field(default=0, validator=_non_negative, on_setattr=guarded)
    last_failure: str = attrs.field(default="", on_setattr=guarded)
    suspended_at: datetime | None = attrs.field(default=None, on_setattr=guarded)
    version: int = 0

    @property
    def active(self) -> bool:
        """Whether deliveries go out to this listener."""
        return self.state is SubscriptionState.ACTIVE

    def record_success(self) -> None:
        """A delivery succeeded: the run of failures is over."""
        if self.failing_since is not None or self.failures:
            update(self, failing_since=None, failures=0, last_failure="")

    def record_failure(self, at: datetime, reason: str, suspend_after: timedelta) -> bool:
        """Count a failed delivery at ``at``; suspend once failing for ``suspend_after``.

        Returns True when this failure suspended the listener.
        """
        since = self.failing_since if self.failing_since is not None else require_aware(at)
        suspend = self.active and at - since >= suspend_after
        update(
            self,
            failing_since=since,
            failures=self.failures + 1,
            last_failure=_reason(reason),
            **({"state": SubscriptionState.SUSPENDED, "suspended_at": at} if suspend else {}),
        )
        return suspend

    def reactivate(self) -> bool:
        """An operator resumes the listener (False if it was active already)."""
        if self.active:
            return False
        update(
            self,
            state=SubscriptionState.ACTIVE,
            suspended_at=None,
            failing_since=None,
            failures=0,
        )
        return True


@attrs.define(slots=True)
class Delivery:
    """One notification on its way to one listener; see the module docstring.

    ``body`` is the exact JSON text sent (and signed) at every attempt; ``sequence`` orders
    a listener's deliveries as their events were committed; ``next_attempt_at`` is when
    it is due (moved ahead by a dispatcher's lease, then by the back-off after a failure).
    """

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    subscription_id: str = attrs.field(validator=check_id, on_setattr=guarded)
    event_id: str = attrs.field(validator=_text, on_setattr=guarded)
    sequence: int = attrs.field(validator=_non_negative, on_setattr=guarded)
    event_type: str = attrs.field(validator=_text, on_setattr=guarded)
    body: str = attrs.field(validator=_text, repr=False, on_setattr=guarded)
    created_at: datetime = attrs.field(on_setattr=guarded)
    next_attempt_at: datetime = attrs.field(on_setattr=guarded)
    attempts: int = attrs.field(default=0, validator=_non_negative, on_setattr=guarded)
    delivered_at: datetime | None = attrs.field(default=None, on_setattr=guarded)
    last_status: int | None = attrs.field(default=None, on_setattr=guarded)
    last_error: str = attrs.field(default="", on_setattr=guarded)
    version: int = 0

    @property
    def pending(self) -> bool:
        """Whether it still waits to be delivered."""
        return self.delivered_at is None

    def lease(self, until: datetime) -> None:
        """A dispatcher took it: no other takes it before ``until``."""
        update(self, next_attempt_at=require_aware(until))

    def delivered(self, at: datetime, status: int) -> None:
        """The listener answered 2xx at ``at``."""
        update(self, delivered_at=require_aware(at), last_status=status, last_error="")

    def failed(self, next_attempt_at: datetime, status: int | None, reason: str) -> None:
        """An attempt failed; the next one is due at ``next_attempt_at``."""
        update(
            self,
            attempts=self.attempts + 1,
            next_attempt_at=require_aware(next_attempt_at),
            last_status=status,
            last_error=_reason(reason),
        )

    def resume(self, at: datetime) -> None:
        """Its listener was reactivated: due at once, in its order."""
        update(self, next_attempt_at=require_aware(at))
