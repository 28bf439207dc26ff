"""The settings of the payments area (F-PAY-1..3, F-SHOP-4, F-QRY-6)."""

from __future__ import annotations

from datetime import timedelta

import attrs

from unicom_core.domain.catalog import Channel
from unicom_core.domain.payments import PAYMENT_SETTINGS, RetrySchedule
from unicom_core.domain.shared import STORAGE_DUPLICATE, Money, instance_of
from unicom_core.usecases.shared import RetryRule

__all__ = ["PaymentSettings"]

_MIN_PEPPER = 16
_DUPLICATE = STORAGE_DUPLICATE.code


def _delta(_instance: object, attribute: attrs.Attribute[timedelta], v: object) -> None:
    if not isinstance(v, timedelta) or v <= timedelta(0):
        raise PAYMENT_SETTINGS.error(field=attribute.name)


def _at_least_one(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise PAYMENT_SETTINGS.error(f"{attribute.name} is an integer >= 1", field=attribute.name)


def _money_at_least_zero(
    _instance: object, attribute: attrs.Attribute[Money], value: object
) -> None:
    if not isinstance(value, Money) or value.is_negative:
        raise PAYMENT_SETTINGS.error(f"{attribute.name} is Money >= 0", field=attribute.name)


def _positive_money(_instance: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if not isinstance(value, Money) or not value.is_positive:
        raise PAYMENT_SETTINGS.error(f"{attribute.name} is positive Money", field=attribute.name)


def _pepper(_instance: object, attribute: attrs.Attribute[bytes], value: object) -> None:
    if not isinstance(value, bytes) or len(value) < _MIN_PEPPER:
        raise PAYMENT_SETTINGS.error(f"{attribute.name} is at least 16 bytes", field=attribute.name)


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

    Paying for another customer's number (代充/代缴, :mod:`~unicom_core.usecases.payments.others`):
    ``payee_lookups_per_day`` (default 20) is how many numbers one payer may look up (each
    shows its holder's masked name) per Beijing day, ``others_payments_per_day`` (default
    10) how many payments one payer may open for numbers of other customers per Beijing
    day; both are storage counters, taken atomically.
    """

    payment_window: timedelta = attrs.field(default=timedelta(minutes=30), validator=_delta)
    reconcile_after: timedelta = attrs.field(default=timedelta(minutes=2), validator=_delta)
    channel: Channel = attrs.field(
        default=Channel.ONLINE_HALL, validator=instance_of(Channel, PAYMENT_SETTINGS)
    )
    card_pepper: bytes = attrs.field(
        default=b"unicom-core-default-card-pepper-change-me", validator=_pepper, repr=False
    )
    card_wrong_secrets_per_day: int = attrs.field(default=5, validator=_at_least_one)
    card_validity: timedelta = attrs.field(default=timedelta(days=3 * 365), validator=_delta)
    retries: RetrySchedule = attrs.field(
        factory=RetrySchedule, validator=instance_of(RetrySchedule, PAYMENT_SETTINGS)
    )
    conflict_retries: int = attrs.field(default=5, validator=_at_least_one)
    max_charge: Money = attrs.field(factory=lambda: Money(5_000_000), validator=_positive_money)
    max_bill_advance: Money = attrs.field(
        factory=lambda: Money(500_000), validator=_money_at_least_zero
    )
    payee_lookups_per_day: int = attrs.field(default=20, validator=_at_least_one)
    others_payments_per_day: int = attrs.field(default=10, validator=_at_least_one)

    @property
    def retry_rule(self) -> RetryRule:
        """How a payment use case re-runs: ``conflict_retries`` times, on any clash below.

        A version clash, or ``storage.duplicate``: two requests stored the same attempt,
        invoice or mark at once, and the re-run finds the other's record and goes on from it.
        """
        return RetryRule(self.conflict_retries, frozenset({_DUPLICATE}))
