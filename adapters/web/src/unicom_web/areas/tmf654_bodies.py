"""TMF654 bodies as this hall writes them: buckets, accumulated balances, top-ups (F-PAY-1).

The schemas of the answers (:class:`Bucket`, :class:`AccumulatedBalance`,
:class:`TopupBalance`, all fields optional as the spec has them) and the mapping of the
hall's values onto them; :mod:`unicom_web.areas.tmf654` serves them. The mapping of a
top-up attempt: ``id`` the payment id (the TMF676 ``payment`` refers to it); ``amount`` the
face value credited, ``status`` ``requested`` (created), ``pending``, ``confirmed`` (paid;
the balance is credited), ``failed`` or ``cancelled`` (refunded); ``requestedDate`` when it
was made, ``confirmationDate`` when it settled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from unicom_core.domain.billing import Measure
from unicom_core.domain.payments import PaymentStatus
from unicom_web.areas import tmf676

if TYPE_CHECKING:
    from unicom_core.domain.billing import BucketUse
    from unicom_core.domain.payments import PaymentAttempt
    from unicom_core.domain.shared import BillingCycle, Money
    from unicom_core.usecases.billing import BalanceView

__all__ = [
    "BASE_PATH",
    "AccumulatedBalance",
    "Bucket",
    "Quantity",
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


# ---------------------------------------------------------------------- schemas


@attrs.frozen(slots=True, kw_only=True)
class Quantity:
    """A TMF ``Quantity``: an amount in a unit."""

    amount: float | None = None
    units: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class Bucket:
    """The schema of a TMF654 ``Bucket`` as this hall fills it (all optional)."""

    id: str | None = None
    href: str | None = None
    name: str | None = None
    description: str | None = None
    isShared: bool | None = None  # noqa: N815 - TM Forum field names
    remainingValueName: str | None = None  # noqa: N815
    status: str | None = None
    usageType: str | None = None  # noqa: N815
    remainingValue: Quantity | None = None  # noqa: N815
    validFor: dict[str, str] | None = None  # noqa: N815
    partyAccount: dict[str, str] | None = None  # noqa: N815
    logicalResource: list[dict[str, str]] | None = None  # noqa: N815
    product: list[dict[str, str]] | None = None


@attrs.frozen(slots=True, kw_only=True)
class AccumulatedBalance:
    """The schema of a TMF654 ``AccumulatedBalance`` as this hall fills it (all optional)."""

    id: str | None = None
    href: str | None = None
    name: str | None = None
    description: str | None = None
    totalBalance: Quantity | None = None  # noqa: N815
    bucket: list[dict[str, str]] | None = None
    partyAccount: dict[str, str] | None = None  # noqa: N815
    logicalResource: list[dict[str, str]] | None = None  # noqa: N815


@attrs.frozen(slots=True, kw_only=True)
class TopupBalance:
    """The schema of a TMF654 ``TopupBalance`` as this hall fills it (all optional)."""

    id: str | None = None
    href: str | None = None
    description: str | None = None
    status: str | None = None
    usageType: str | None = None  # noqa: N815
    requestedDate: str | None = None  # noqa: N815
    confirmationDate: str | None = None  # noqa: N815
    isAutoTopup: bool | None = None  # noqa: N815
    amount: Quantity | None = None
    bucket: dict[str, str] | None = None
    partyAccount: dict[str, str] | None = None  # noqa: N815
    payment: dict[str, str] | None = None
    paymentMethod: dict[str, str] | None = None  # noqa: N815
    product: dict[str, str] | None = None


def _quantity(amount: float, units: str) -> dict[str, Any]:
    return {"amount": amount, "units": units}


def yuan(amount: Money) -> dict[str, Any]:
    """A TMF ``Quantity`` of yuan (for display: the fen count is the truth)."""
    return _quantity(amount.fen / 100, amount.currency)


def msisdn(number: str) -> dict[str, str]:
    """A reference to a number (``LogicalResource`` MSISDN)."""
    return {"id": number, "name": "MSISDN", "value": number, "@referredType": "LogicalResource"}


def account(account_id: str) -> dict[str, str]:
    """A reference to a billing account."""
    return {"id": account_id, "@referredType": "BillingAccount"}


def money_bucket_id(account_id: str) -> str:
    """The id of an account's money bucket."""
    return f"{account_id}:balance"


def money_bucket(balance: BalanceView, number: str, base: str) -> dict[str, Any]:
    """The ``Bucket`` of the account's money balance, shared by its numbers."""
    bucket_id = money_bucket_id(balance.account_id)
    return {
        "id": bucket_id,
        "href": f"{base}/bucket/{bucket_id}",
        "name": "账户余额",
        "description": (
            f"account balance; credit limit {balance.credit_limit.format_yuan()}, "
            f"owed {balance.owed.format_yuan()}"
        ),
        "isShared": True,
        "remainingValueName": balance.balance.format_yuan(),
        "status": "active",
        "usageType": balance.balance.currency,
        "remainingValue": yuan(balance.balance),
        "partyAccount": account(balance.account_id),
        "logicalResource": [msisdn(number)],
        "@type": "Bucket",
    }


def _remaining(use: BucketUse) -> tuple[float, str]:
    measure = use.bucket.measure
    if measure is Measure.DATA_KB:
        megabytes = round(use.remaining / _KB_PER_MB, 3)
        return megabytes, f"{megabytes:g} MB"
    return float(use.remaining), f"{use.remaining} {_UNITS[measure]}"


def allowance_bucket(
    use: BucketUse, number: str, cycle: BillingCycle, account_id: str, base: str
) -> dict[str, Any]:
    """The ``Bucket`` of what a plan or pack has left this month."""
    measure = use.bucket.measure
    bucket_id = f"{number}:{cycle}:{use.bucket.source_code}:{measure.value}"
    amount, name = _remaining(use)
    return {
        "id": bucket_id,
        "href": f"{base}/bucket/{bucket_id}",
        "name": f"{use.bucket.source_name} {_USAGE_TYPE[measure]}",
        "description": f"{use.used} of {use.bucket.included} used ({measure.value})",
        "isShared": False,
        "remainingValueName": name,
        "status": "active",
        "usageType": _USAGE_TYPE[measure],
        "remainingValue": _quantity(amount, _UNITS[measure]),
        "validFor": {
            "startDateTime": cycle.start.isoformat(),
            "endDateTime": cycle.end.isoformat(),
        },
        "partyAccount": account(account_id),
        "logicalResource": [msisdn(number)],
        "product": [{"id": use.bucket.source_code, "name": use.bucket.source_name}],
        "@type": "Bucket",
    }


def topup_body(attempt: PaymentAttempt, base: str) -> dict[str, Any]:
    """The TMF654 ``TopupBalance`` of a top-up attempt; ``base`` is the API's URL root."""
    root = base.removesuffix(BASE_PATH)
    body: dict[str, Any] = {
        "id": attempt.id,
        "href": f"{base}/topupBalance/{attempt.id}",
        "description": attempt.subject,
        "status": _STATUS[attempt.status],
        "usageType": attempt.credit.currency,
        "requestedDate": attempt.created_at.isoformat(),
        "isAutoTopup": False,
        "amount": yuan(attempt.credit),
        "bucket": {
            "id": money_bucket_id(attempt.account_id),
            "href": f"{base}/bucket/{money_bucket_id(attempt.account_id)}",
            "@referredType": "Bucket",
        },
        "partyAccount": account(attempt.account_id),
        "payment": {
            "id": attempt.id,
            "href": f"{root}{tmf676.BASE_PATH}/payment/{attempt.id}",
            "@referredType": "Payment",
        },
        "paymentMethod": {
            "id": attempt.method.value,
            "name": attempt.method.value,
            "@referredType": "PaymentMethod",
        },
        "@type": "TopupBalance",
    }
    if attempt.settled_at is not None and attempt.status is not PaymentStatus.FAILED:
        body["confirmationDate"] = attempt.settled_at.isoformat()
    if attempt.product_code is not None:
        body["product"] = {"id": attempt.product_code, "@referredType": "ProductOffering"}
    return body
