"""Rate limits the web adapter adds: gateway notifications per source address.

Every notification, forged ones included, is recorded by the hall (a forged one as a
rejection event in the outbox), so an unthrottled stream of forgeries would fill storage.
Before a notification reaches ``hall.payments.handle_notification`` it takes one unit of
its source address's counter for the current minute, with the storage port's atomic
counters, as the per-client limit of random passwords does (F-AUTH-7). Beyond
:attr:`WebSettings.notification_limit_per_minute` the answer is 429
``payment.notification_limit`` with ``Retry-After`` (the start of the next minute), and
nothing is written. The minute is the hall clock's (Asia/Shanghai); the key holds a digest
of the address, never the address itself. The counter expires when its minute ends, so
``hall.access.purge_expired()`` deletes it afterwards: the flood leaves no rows behind.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import TYPE_CHECKING

from unicom_web.codes import PAYMENT_NOTIFICATION_LIMIT

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.hall import BusinessHall
    from unicom_web.settings import WebSettings

__all__ = ["notification_key", "take_notification_slot"]


def notification_key(client: str, now: datetime) -> tuple[str, datetime]:
    """The counter key of ``client``'s notifications in the minute of ``now``, and its end."""
    minute = now.replace(second=0, microsecond=0)
    digest = hashlib.sha256(client.encode()).hexdigest()[:32]
    return f"web.notification:{digest}:{minute:%Y%m%d%H%M}", minute + timedelta(minutes=1)


def take_notification_slot(hall: BusinessHall, settings: WebSettings, client: str) -> None:
    """Count one notification from ``client``; 429 ``payment.notification_limit`` beyond."""
    key, minute_ends = notification_key(client, hall.clock.now())
    with hall.storage.transaction() as tx:
        taken = tx.counters.try_take(
            key, 1, settings.notification_limit_per_minute, expires_at=minute_ends
        )
    if not taken:
        raise PAYMENT_NOTIFICATION_LIMIT.error(retry_at=minute_ends)
