"""TMF635 bodies as this hall writes them: usage records and their mapping (F-QRY-3).

The mapping of a record: ``id`` is ``{cycle}:{detail kind}:{record id}``; ``usageDate`` its
start; ``usageType`` its kind; ``status`` ``billed`` once its month's bill is issued, else
``guided`` (accepted and attached to the number and account; the hall rates a month as a
whole, not record by record); ``description`` what the switch wrote (called number, peer,
service, access point); ``usageCharacteristic`` the quantity as metered (``quantity`` in
``unit``) and billed (``billableUnits`` in ``billableUnit``), the ``billingCycle``, the
``recordId``, the ``msisdn`` when the answer knows it, and ``detail``;
``ratedProductUsage`` only where the record carries its own price: the information fee of
a value-added use; ``usageSpecification`` the kind's
(:mod:`unicom_web.areas.tmf635_specs`).
"""

from __future__ import annotations

from datetime import datetime

import attrs

from unicom_core.domain.billing import DetailKind, UsageEntry, UsageKind
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_web.codes import USAGE_DATE
from unicom_web.tmf import Characteristic, Ref, TmfContext, tmf_shape

__all__ = [
    "BASE_PATH",
    "DETAIL_OF",
    "UNITS",
    "Found",
    "RatedProductUsage",
    "Usage",
    "instant_of",
    "usage_body",
]

BASE_PATH = "/tmf-api/usageManagement/v4"
"""The ``basePath`` of TMF635-Usage-v4.0.0.swagger.json."""

DETAIL_OF = {
    UsageKind.VOICE: DetailKind.VOICE,
    UsageKind.SMS: DetailKind.SMS,
    UsageKind.MMS: DetailKind.SMS,
    UsageKind.VALUE_ADDED: DetailKind.VALUE_ADDED,
    UsageKind.DATA: DetailKind.DATA,
    UsageKind.WLAN: DetailKind.WLAN,
}
"""The detail query that lists a usage kind (its part of a usage id)."""
UNITS = {
    UsageKind.VOICE: ("second", "minute"),
    UsageKind.SMS: ("message", "message"),
    UsageKind.MMS: ("message", "message"),
    UsageKind.VALUE_ADDED: ("use", "use"),
    UsageKind.DATA: ("byte", "KB"),
    UsageKind.WLAN: ("second", "minute"),
}
"""The unit a kind is metered in, and the unit it is billed in."""


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class RatedProductUsage:
    """The price a TMF635 ``Usage`` carries itself: a value-added use's information fee."""

    is_billed: bool
    rating_amount_type: str
    rating_date: datetime
    usage_rating_tag: str
    tax_included_rating_amount: Money
    type_: str = "RatedProductUsage"


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class Usage:
    """A TMF635 ``Usage`` as this hall fills it."""

    id: str
    href: str
    description: str | None = None
    usage_date: datetime | None = None
    usage_type: str | None = None
    status: str | None = None
    usage_characteristic: list[Characteristic] | None = None
    rated_product_usage: list[RatedProductUsage] | None = None
    usage_specification: Ref | None = None
    type_: str = "Usage"


@attrs.frozen(slots=True)
class Found:
    """A record as a list finds it: the entry, whether billed, its number when known."""

    entry: UsageEntry
    billed: bool
    number: str | None = None


def _characteristic(name: str, value: object, value_type: str) -> Characteristic:
    return Characteristic(name=name, value=value, value_type=value_type)


def _rated(entry: UsageEntry, billed: bool) -> list[RatedProductUsage] | None:  # noqa: FBT001
    if entry.fee is None:
        return None
    return [
        RatedProductUsage(
            is_billed=billed,
            rating_amount_type="informationFee",
            rating_date=entry.started_at,
            usage_rating_tag="usage",
            tax_included_rating_amount=entry.fee,
        )
    ]


def usage_body(record: Found, context: TmfContext) -> Usage:
    """The TMF635 ``Usage`` of a record found."""
    entry = record.entry
    usage_id = f"{entry.cycle}:{DETAIL_OF[entry.kind].value}:{entry.record_id}"
    metered, billable = UNITS[entry.kind]
    number = [] if record.number is None else [_characteristic("msisdn", record.number, "string")]
    return Usage(
        id=usage_id,
        href=f"{context.base}/usage/{usage_id}",
        description=entry.detail,
        usage_date=entry.started_at,
        usage_type=entry.kind.value,
        status="billed" if record.billed else "guided",
        usage_characteristic=[
            _characteristic("quantity", entry.quantity, "integer"),
            _characteristic("unit", metered, "string"),
            _characteristic("billableUnits", entry.units, "integer"),
            _characteristic("billableUnit", billable, "string"),
            _characteristic("billingCycle", str(entry.cycle), "string"),
            _characteristic("recordId", entry.record_id, "string"),
            *number,
            _characteristic("detail", entry.detail, "string"),
        ],
        rated_product_usage=_rated(entry, record.billed),
        usage_specification=Ref(
            id=entry.kind.value,
            href=f"{context.base}/usageSpecification/{entry.kind.value}",
            name=entry.kind.value,
            referred_type="UsageSpecification",
        ),
    )


def instant_of(name: str, text: str) -> datetime:
    """An ISO 8601 instant of a request (Beijing time without an offset); ``usage.date``."""
    try:
        instant = datetime.fromisoformat(text.replace(" ", "+"))
    except ValueError:
        raise USAGE_DATE.error(field=name) from None
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=SHANGHAI)
