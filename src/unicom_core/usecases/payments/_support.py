"""What the payment use cases share: settings, the ports they call, the retrying transaction."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs

from unicom_core.domain.catalog import Channel
from unicom_core.domain.payments import RetrySchedule
from unicom_core.domain.shared import Money, instance_of, to_shanghai
from unicom_core.errors import Conflict, InvalidInput, UnicomError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import datetime

    from unicom_core.domain.access import Capability
    from unicom_core.domain.billing import PaymentAdvice
    from unicom_core.domain.catalog import Quote
    from unicom_core.domain.shared import DomainEvent
    from unicom_core.domain.subscribers import NumberIdentifier, Subscriber
    from unicom_core.ports.payments import PaymentStorage, PaymentUnitOfWork
    from unicom_core.ports.shared import Clock, Repository

__all__ = [
    "Authorizer",
    "BillPayments",
    "Granted",
    "PaymentSettings",
    "Pricing",
    "publish",
    "put",
    "run",
]

_T = TypeVar("_T")
_MIN_PEPPER = 16


def _delta(_instance: object, attribute: attrs.Attribute[timedelta], v: object) -> None:
    if not isinstance(v, timedelta) or v <= timedelta(0):
        raise InvalidInput(
            "payment.settings", f"{attribute.name} is a positive timedelta", field=attribute.name
        )


def _at_least_one(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInput(
            "payment.settings", f"{attribute.name} is an integer >= 1", field=attribute.name
        )


def _money_at_least_zero(
    _instance: object, attribute: attrs.Attribute[Money], value: object
) -> None:
    if not isinstance(value, Money) or value.is_negative:
        raise InvalidInput(
            "payment.settings", f"{attribute.name} is Money >= 0", field=attribute.name
        )


def _positive_money(_instance: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if not isinstance(value, Money) or not value.is_positive:
        raise InvalidInput(
            "payment.settings", f"{attribute.name} is positive Money", field=attribute.name
        )


def _pepper(_instance: object, attribute: attrs.Attribute[bytes], value: object) -> None:
    if not isinstance(value, bytes) or len(value) < _MIN_PEPPER:
        raise InvalidInput(
            "payment.settings", f"{attribute.name} is at least 16 bytes", field=attribute.name
        )


@attrs.frozen(slots=True, kw_only=True)
class PaymentSettings:
    """Every configurable of the payments area (F-PAY-1..3, F-SHOP-4, F-QRY-6).

    ``payment_window``: how long a buyer has to finish a page or app payment (an open
    attempt the gateway has never heard of is failed after it); ``reconcile_after``: how old
    an open attempt must be before the reconciler asks the gateway (so it never races a
    request in flight); ``channel``: the channel top-ups and cards are priced on (F-SHOP-4);
    ``card_pepper``: the server key of recharge-card secret digests (set your own, keep it
    secret); ``card_wrong_secrets_per_day``: wrong secrets a number may type per Beijing day;
    ``card_validity``: how long a new batch is valid; ``retries``: the auto-debit schedule.

    The bounds of an amount (every amount is also a signed 64-bit fen count, see
    :class:`~unicom_core.domain.shared.money.Money`): ``max_charge`` (default ¥50,000.00) is the
    most
    one attempt charges through the gateway, whatever it pays for (a bill owing more is paid
    in parts); ``max_bill_advance`` (default ¥5,000.00) is how much a bill payment may exceed
    what the account owes (the excess is kept as balance). Set both to what your gateway
    contract and your risk policy accept.
    """

    payment_window: timedelta = attrs.field(default=timedelta(minutes=30), validator=_delta)
    reconcile_after: timedelta = attrs.field(default=timedelta(minutes=2), validator=_delta)
    channel: Channel = attrs.field(
        default=Channel.ONLINE_HALL, validator=instance_of(Channel, "payment.settings")
    )
    card_pepper: bytes = attrs.field(
        default=b"unicom-core-default-card-pepper-change-me", validator=_pepper, repr=False
    )
    card_wrong_secrets_per_day: int = attrs.field(default=5, validator=_at_least_one)
    card_validity: timedelta = attrs.field(default=timedelta(days=3 * 365), validator=_delta)
    retries: RetrySchedule = attrs.field(
        factory=RetrySchedule, validator=instance_of(RetrySchedule, "payment.settings")
    )
    conflict_retries: int = attrs.field(default=5, validator=_at_least_one)
    max_charge: Money = attrs.field(factory=lambda: Money(5_000_000), validator=_positive_money)
    max_bill_advance: Money = attrs.field(
        factory=lambda: Money(500_000), validator=_money_at_least_zero
    )


class Granted(Protocol):
    """What the permission check answers: the subscriber the session may act on."""

    @property
    def subscriber(self) -> Subscriber:
        """The subscriber of the number asked for (the session's own by default)."""
        ...


class Authorizer(Protocol):
    """The hall's one permission check (``hall.access``; F-AUTH-5, F-AUTH-6)."""

    def authorize(
        self, token: str, capability: Capability, number: NumberIdentifier | None = None, /
    ) -> Granted:
        """Allow the session of ``token`` to use ``capability`` on ``number``, or raise."""
        ...


class Pricing(Protocol):
    """The catalogue's prices (``hall.catalog``; F-SHOP-4)."""

    def price(self, product_code: str, channel: Channel = ..., /) -> Quote:
        """The price now of a product on ``channel``."""
        ...


class BillPayments(Protocol):
    """What paying a bill needs of the billing area (``hall.billing``; F-CAL-2, F-CAL-4)."""

    def payment_advice(self, subscriber_id: str, /) -> PaymentAdvice:
        """Whether a payment for the number is allowed now and may post late."""
        ...

    def record_payment(self, account_id: str, amount: Money, *, payment_id: str) -> object:
        """Credit a payment once per ``payment_id`` and settle the account's bills."""
        ...


class _Versioned(Protocol):
    version: int


_A = TypeVar("_A", bound=_Versioned)


def put(repository: Repository[_A, Any], record: _A) -> None:
    """Add a new record (version 0) or save a loaded one."""
    if record.version == 0:
        repository.add(record)
    else:
        repository.save(record)


def publish(tx: PaymentUnitOfWork, events: Iterable[DomainEvent]) -> None:
    """Append ``events`` to the transaction's outbox."""
    for event in events:
        tx.outbox.append(event)


def run(
    storage: PaymentStorage,
    clock: Clock,
    work: Callable[[PaymentUnitOfWork, datetime], _T | UnicomError],
    retries: int,
) -> _T:
    """Run ``work`` in one transaction at the clock's instant; re-run it on a version clash.

    A ``work`` that must commit what it did and still fail returns the error instead of
    raising it; :func:`run` raises it after the commit.
    """
    for attempt in range(retries):
        try:
            with storage.transaction() as tx:
                result = work(tx, to_shanghai(clock.now(), field="clock"))
        except Conflict as clash:
            if clash.code not in _RETRIED or attempt == retries - 1:
                raise
            continue
        if isinstance(result, UnicomError):
            raise result
        return result
    raise AssertionError(retries)  # pragma: no cover - retries >= 1 by the settings


_RETRIED = frozenset({"storage.version_conflict", "storage.duplicate"})
