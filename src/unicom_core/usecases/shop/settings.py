"""The shop's settings: how long an order waits for its payment, and holds its numbers."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Final

import attrs

from unicom_core.domain.shop import SHOP_SETTINGS

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["ShopSettings"]

_MAX_WAIT: Final = timedelta(days=1)
_MAX_HOLD: Final = timedelta(days=90)


def _between(
    low: timedelta, high: timedelta
) -> Callable[[object, attrs.Attribute[timedelta], object], None]:
    def check(_instance: object, attribute: attrs.Attribute[timedelta], value: object) -> None:
        if not isinstance(value, timedelta) or not low <= value <= high:
            raise SHOP_SETTINGS.error(field=attribute.name)

    return check


def _attempts(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:  # noqa: PLR2004
        raise SHOP_SETTINGS.error(field=attribute.name)


@attrs.frozen(slots=True, kw_only=True)
class ShopSettings:
    """The rules of a hall's shop (data; the defaults ship).

    ``payment_wait``: how long a PLACED order without a payment keeps its stock, numbers and
    ID slots before the janitor (:meth:`ShopService.tidy`) cancels it (1 minute .. 1 day);
    ``number_hold``: how long an order holds its numbers in the pool, from placing to the
    signed delivery (1 day .. 90 days); ``identity_attempts``: failed identity checks a
    buyer may make per day (Beijing) before placing is refused until the next day.
    """

    payment_wait: timedelta = attrs.field(
        default=timedelta(minutes=30),
        validator=_between(timedelta(minutes=1), _MAX_WAIT),
    )
    number_hold: timedelta = attrs.field(
        default=timedelta(days=15),
        validator=_between(timedelta(days=1), _MAX_HOLD),
    )
    identity_attempts: int = attrs.field(default=3, validator=_attempts)
