"""TMF654 bodies as this hall writes them: buckets, accumulated balances, top-ups (F-PAY-1).

The attrs shapes of the answers (:class:`Bucket`, :class:`AccumulatedBalance`,
:class:`TopupBalance`) and the mapping of the hall's values onto them;
:mod:`unicom_web.areas.tmf654` serves them. The mapping of a top-up attempt: ``id`` the
payment id (the TMF676 ``payment`` refers to it); ``amount`` the face value credited,
``status`` ``requested`` (created), ``pending``, ``confirmed`` (paid; the balance is
credited), ``failed`` or ``cancelled`` (refunded); ``requestedDate`` when it was made,
``confirmationDate`` when it settled.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from unicom_core.domain.billing import BucketUse, Measure
from unicom_core.domain.payments import PaymentAttempt, PaymentStatus
from unicom_core.domain.shared import BillingCycle, Money
from unicom_core.usecases.billing import BalanceView
from unicom_web.areas import tmf676_bodies
from unicom_web.tmf import Quantity, Ref, TimePeriod, tmf_shape, yuan_of

__all__ = [
    "BASE_PATH",
    "AccumulatedBalance",
    "Bucket",
    "BucketRef",
    "TopupBalance",
    "account",
    "allowance_bucket",
    "money_bucket",
    "money_bucket_id",
    "msisdn",
    "topup_body",
    "yuan",
]

BASE_PATH = "/tmf-api/prepayBalanceManagement/v4"
"""The ``basePath`` of TMF654-PrepayBalance-v4.0.0.swagger.json."""

_STATUS = {
    PaymentStatus.CREATED: "requested",
    PaymentStatus.PENDING: "pending",
    PaymentStatus.SUCCEEDED: "confirmed",
    PaymentStatus.FAILED: "failed",
    PaymentStatus.REFUNDED: "cancelled",
}
_USAGE_TYPE = {Measure.VOICE_MINUTES: "voice", Measure.MESSAGES: "sms", Measure.DATA_KB: "data"}
_UNITS = {Measure.VOICE_MINUTES: "min", Measure.MESSAGES: "message", Measure.DATA_KB: "MB"}
_KB_PER_MB = 1024


# ---------------------------------------------------------------------- shapes


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class BucketRef:
    """A reference to a TMF654 ``Bucket``, with its usage type."""

    id: str
    href: str | None = None
    usage_type: str | None = None
    referred_type: str = "Bucket"


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class Bucket:
    """A TMF654 ``Bucket`` as this hall fills it."""

    id: str
    href: str
    name: str | None = None
    description: str | None = None
    is_shared: bool | None = None
    remaining_value_name: str | None = None
    status: str | None = None
    usage_type: str | None = None
    remaining_value: Quantity | None = None
    valid_for: TimePeriod | None = None
    party_account: Ref | None = None
    logical_resource: list[Ref] | None = None
    product: list[Ref] | None = None
    type_: str = "Bucket"


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class AccumulatedBalance:
    """A TMF654 ``AccumulatedBalance`` as this hall fills it."""

    id: str
    href: str
    name: str | None = None
    description: str | None = None
    total_balance: Quantity | None = None
    bucket: list[BucketRef] | None = None
    party_account: Ref | None = None
    logical_resource: list[Ref] | None = None
    type_: str = "AccumulatedBalance"


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class TopupBalance:
    """A TMF654 ``TopupBalance`` as this hall fills it."""

    id: str
    href: str
    description: str | None = None
    status: str | None = None
    usage_type: str | None = None
    requested_date: datetime | None = None
    confirmation_date: datetime | None = None
    is_auto_topup: bool | None = None
    amount: Quantity | None = None
    bucket: BucketRef | None = None
    party_account: Ref | None = None
    payment: Ref | None = None
    payment_method: Ref | None = None
    product: Ref | None = None
    logical_resource: Ref | None = None
    type_: str = "TopupBalance"


# ---------------------------------------------------------------------- mapping


def yuan(amount: Money) -> Quantity:
    """A TMF ``Quantity`` of yuan, computed exactly from the fen count at this edge."""
    return Quantity(amount=yuan_of(amount), units=amount.currency)


def msisdn(number: str) -> Ref:
    """A reference to a number (``LogicalResource`` MSISDN)."""
    return Ref(id=number, name="MSISDN", value=number, referred_type="LogicalResource")


def account(account_id: str) -> Ref:
    """A reference to a billing account."""
    return Ref(id=account_id, referred_type="BillingAccount")


def money_bucket_id(account_id: str) -> str:
    """The id of an account's money bucket."""
    return f"{account_id}:balance"


def money_bucket(balance: BalanceView, number: str, base: str) -> Bucket:
    """The ``Bucket`` of the account's money balance, shared by its numbers."""
    bucket_id = money_bucket_id(balance.account_id)
    return Bucket(
        id=bucket_id,
        href=f"{base}/bucket/{bucket_id}",
        name="账户余额",
        description=(
            f"account balance; credit limit {balance.credit_limit.format_yuan()}, "
            f"owed {balance.owed.format_yuan()}"
        ),
        is_shared=True,
        remaining_value_name=balance.balance.format_yuan(),
        status="active",
        usage_type=balance.balance.currency,
        remaining_value=yuan(balance.balance),
        party_account=account(balance.account_id),
        logical_resource=[msisdn(number)],
    )


def _remaining(use: BucketUse) -> tuple[float, str]:
    measure = use.bucket.measure
    if measure is Measure.DATA_KB:
        megabytes = round(use.remaining / _KB_PER_MB, 3)
        return megabytes, f"{megabytes:g} MB"
    return float(use.remaining), f"{use.remaining} {_UNITS[measure]}"


def allowance_bucket(
    use: BucketUse, number: str, cycle: BillingCycle, account_id: str, base: str
) -> Bucket:
    """The ``Bucket`` of what a plan or pack has left this month."""
    measure = use.bucket.measure
    bucket_id = f"{number}:{cycle}:{use.bucket.source_code}:{measure.value}"
    amount, name = _remaining(use)
    return Bucket(
        id=bucket_id,
        href=f"{base}/bucket/{bucket_id}",
        name=f"{use.bucket.source_name} {_USAGE_TYPE[measure]}",
        description=f"{use.used} of {use.bucket.included} used ({measure.value})",
        is_shared=False,
        remaining_value_name=name,
        status="active",
        usage_type=_USAGE_TYPE[measure],
        remaining_value=Quantity(amount=amount, units=_UNITS[measure]),
        valid_for=TimePeriod(start_date_time=cycle.start, end_date_time=cycle.end),
        party_account=account(account_id),
        logical_resource=[msisdn(number)],
        product=[Ref(id=use.bucket.source_code, name=use.bucket.source_name)],
    )


def topup_body(attempt: PaymentAttempt, number: str | None, *, base: str) -> TopupBalance:
    """The TMF654 ``TopupBalance`` of a top-up attempt; ``base`` is the API's URL root.

    ``number`` (the MSISDN credited) fills ``logicalResource`` when the caller knows it: on
    creation, and for the session's own number (another number's attempt leaves it out).
    """
    root = base.removesuffix(BASE_PATH)
    bucket_id = money_bucket_id(attempt.account_id)
    confirmed = attempt.settled_at is not None and attempt.status is not PaymentStatus.FAILED
    product = attempt.product_code
    return TopupBalance(
        id=attempt.id,
        href=f"{base}/topupBalance/{attempt.id}",
        description=attempt.subject,
        status=_STATUS[attempt.status],
        usage_type=attempt.credit.currency,
        requested_date=attempt.created_at,
        confirmation_date=attempt.settled_at if confirmed else None,
        is_auto_topup=False,
        amount=yuan(attempt.credit),
        bucket=BucketRef(id=bucket_id, href=f"{base}/bucket/{bucket_id}"),
        party_account=account(attempt.account_id),
        payment=Ref(
            id=attempt.id,
            href=f"{root}{tmf676_bodies.BASE_PATH}/payment/{attempt.id}",
            referred_type="Payment",
        ),
        payment_method=Ref(
            id=attempt.method.value, name=attempt.method.value, referred_type="PaymentMethod"
        ),
        product=None if product is None else Ref(id=product, referred_type="ProductOffering"),
        logical_resource=None if number is None else msisdn(number),
    )
