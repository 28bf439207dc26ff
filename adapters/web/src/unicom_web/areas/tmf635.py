"""TMF635 Usage Management v4: the session's usage records, read-only (F-QRY-3).

``GET /tmf-api/usageManagement/v4/usage`` lists the detail records (CDRs) of the session's
number and ``.../usage/{id}`` returns one, with the spec's field names (``fields``,
``offset``, ``limit`` and attribute filters as in every TMF list). The query is the billing
area's ``details``: a random-password session sees no detail records (F-AUTH-5, 403), the
six-month window applies (F-QRY-3, 403 ``billing.detail_window`` naming ``earliest``) and
so does the 4G upgrade window (F-CAL-4).

Which records: every kind (voice, sms/mms, value-added, data, wlan) of the months in the
window, newest month first; ``usageType=voice`` (``sms``, ``mms``, ``value_added``,
``data``, ``wlan``) queries that kind only, and ``usageDate.gte``, ``usageDate.gt``,
``usageDate.lte``, ``usageDate.lt`` (ISO 8601; Beijing time when no offset is given) bound
the dates, and so the months asked (a month before the window is refused). Any other
parameter filters on the attribute of that name (``status=billed``).

The mapping of a record: ``id`` is ``{cycle}:{detail kind}:{record id}``; ``usageDate`` its
start; ``usageType`` its kind; ``status`` ``billed`` once its month's bill is issued, else
``guided`` (accepted and attached to the number and account; the hall rates a month as a
whole, not record by record); ``description`` what the switch wrote (called number, peer,
service, access point); ``usageCharacteristic`` the quantity as metered (``quantity`` in
``unit``) and billed (``billableUnits`` in ``billableUnit``), the ``billingCycle``, the
``recordId`` and ``detail``; ``ratedProductUsage`` only where the record carries its own
price: the information fee of a value-added use.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.billing import DetailKind, UsageEntry, UsageKind, detail_window
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.errors import UnicomError
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_web.areas import Area
from unicom_web.codes import USAGE_DATE, USAGE_UNKNOWN
from unicom_web.tmf import Characteristic, Ref, TmfApi, TmfContext, TmfResource, tmf_shape

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from unicom_core.hall import BusinessHall

__all__ = ["API", "AREA", "BASE_PATH", "RatedProductUsage", "Usage"]

BASE_PATH = "/tmf-api/usageManagement/v4"
"""The ``basePath`` of TMF635-Usage-v4.0.0.swagger.json."""

_KINDS = (
    DetailKind.VOICE,
    DetailKind.SMS,
    DetailKind.VALUE_ADDED,
    DetailKind.DATA,
    DetailKind.WLAN,
)
"""The detail queries a list runs (``internet`` repeats ``data`` over two months)."""
_BY_USAGE_TYPE = {
    UsageKind.VOICE.value: DetailKind.VOICE,
    UsageKind.SMS.value: DetailKind.SMS,
    UsageKind.MMS.value: DetailKind.SMS,
    UsageKind.VALUE_ADDED.value: DetailKind.VALUE_ADDED,
    UsageKind.DATA.value: DetailKind.DATA,
    UsageKind.WLAN.value: DetailKind.WLAN,
}
_UNITS = {
    UsageKind.VOICE: ("second", "minute"),
    UsageKind.SMS: ("message", "message"),
    UsageKind.MMS: ("message", "message"),
    UsageKind.VALUE_ADDED: ("use", "use"),
    UsageKind.DATA: ("byte", "KB"),
    UsageKind.WLAN: ("second", "minute"),
}
_BOUNDS = ("usageDate.gte", "usageDate.gt", "usageDate.lte", "usageDate.lt")


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
class _Record:
    """A detail record as the list finds it: the entry, its query's kind, whether billed."""

    entry: UsageEntry
    kind: DetailKind
    billed: bool


# ---------------------------------------------------------------------- mapping


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


def _usage(record: _Record, context: TmfContext) -> Usage:
    entry = record.entry
    usage_id = f"{entry.cycle}:{record.kind.value}:{entry.record_id}"
    metered, billable = _UNITS[entry.kind]
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
            _characteristic("detail", entry.detail, "string"),
        ],
        rated_product_usage=_rated(entry, record.billed),
        usage_specification=Ref(
            id=entry.kind.value, name=entry.kind.value, referred_type="UsageSpecification"
        ),
    )


# ---------------------------------------------------------------------- queries


def _instant(name: str, text: str) -> datetime:
    try:
        instant = datetime.fromisoformat(text.replace(" ", "+"))
    except ValueError:
        raise USAGE_DATE.error(field=name) from None
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=SHANGHAI)


def _bounds(query: Mapping[str, str]) -> dict[str, datetime]:
    return {name: _instant(name, query[name]) for name in _BOUNDS if name in query}


def _within(entry: UsageEntry, bounds: Mapping[str, datetime]) -> bool:
    at = entry.started_at
    checks = {
        "usageDate.gte": lambda b: at >= b,
        "usageDate.gt": lambda b: at > b,
        "usageDate.lte": lambda b: at <= b,
        "usageDate.lt": lambda b: at < b,
    }
    return all(checks[name](bound) for name, bound in bounds.items())


def _cycles(hall: BusinessHall, bounds: Mapping[str, datetime]) -> list[BillingCycle]:
    """The months to ask, newest first: the window, narrowed by the date bounds."""
    current = BillingCycle.containing(hall.clock.now())
    earliest, latest = detail_window(DetailKind.VOICE, current)
    lower = [bounds[n] for n in ("usageDate.gte", "usageDate.gt") if n in bounds]
    upper = [bounds[n] for n in ("usageDate.lte", "usageDate.lt") if n in bounds]
    first = BillingCycle.containing(max(lower)) if lower else earliest
    last = min(BillingCycle.containing(min(upper)), latest) if upper else latest
    cycles, cycle = [], last
    while cycle >= first:
        cycles.append(cycle)
        cycle = cycle.previous()
    return cycles


def _records(
    hall: BusinessHall, token: str, kind: DetailKind, cycle: BillingCycle
) -> Iterator[UsageEntry]:
    offset = 0
    while True:
        page = hall.billing.details(token, kind, cycle, page=PageRequest(offset, MAX_PAGE_LIMIT))
        yield from page.items
        if not page.has_more or not page.items:
            return
        offset += len(page.items)


def _billed_cycles(hall: BusinessHall, token: str) -> frozenset[BillingCycle]:
    """The months whose bill is issued (none known during a bill-run blackout)."""
    try:
        bills = hall.billing.bills(token, PageRequest(0, MAX_PAGE_LIMIT)).items
    except UnicomError:
        return frozenset()
    return frozenset(bill.cycle for bill in bills)


def _records_of(context: TmfContext) -> list[_Record]:
    """The records of the window, newest month first and newest first within a month."""
    hall, token, query = context.hall, context.token, context.query
    bounds = _bounds(query)
    asked = query.get("usageType")
    if asked is None:
        kinds: tuple[DetailKind, ...] = _KINDS
    else:
        kinds = (_BY_USAGE_TYPE[asked],) if asked in _BY_USAGE_TYPE else ()
    records: list[_Record] = []
    billed = _billed_cycles(hall, token) if kinds else frozenset()
    for cycle in _cycles(hall, bounds):
        found = [
            _Record(entry, kind, cycle in billed)
            for kind in kinds
            for entry in _records(hall, token, kind, cycle)
            if _within(entry, bounds)
        ]
        found.sort(key=lambda record: record.entry.started_at, reverse=True)
        records.extend(found)
    return records


def _missing(usage_id: str) -> UnicomError:
    return USAGE_UNKNOWN.error(id=usage_id)


def _one(context: TmfContext, usage_id: str) -> _Record:
    try:
        month, kind_name, record_id = usage_id.split(":", 2)
        cycle, kind = BillingCycle.parse(month), DetailKind(kind_name)
    except (ValueError, UnicomError):
        raise _missing(usage_id) from None
    if kind not in _KINDS:
        raise _missing(usage_id)
    hall, token = context.hall, context.token
    for entry in _records(hall, token, kind, cycle):
        if entry.record_id == record_id:
            return _Record(entry, kind, cycle in _billed_cycles(hall, token))
    raise _missing(usage_id)


USAGE: TmfResource[_Record, Usage] = TmfResource(
    path="usage",
    body=Usage,
    load=_records_of,
    to_body=_usage,
    find=_one,
    missing=_missing,
    list_doc="The usage records of the session's number, newest first; other parameters filter.",
    get_doc="One usage record of the session's number; another number's is not found.",
    query_only=frozenset(_BOUNDS),
)

API = TmfApi(tag="TMF635", base_path=BASE_PATH, resources=(USAGE,))
"""TMF635: the usage records."""

AREA = Area(name="tmf635", routers=(API.router,))
"""TMF635 usage records, under the spec's base path."""
