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
from typing import TYPE_CHECKING, Any, cast

import attrs
from litestar import Request, Response, Router, get
from litestar.params import FromPath, FromQuery

from unicom_core.domain.billing import DetailKind, UsageEntry, UsageKind, detail_window
from unicom_core.domain.shared import SHANGHAI, BillingCycle
from unicom_core.errors import InvalidInput, NotFound, UnicomError
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_web.areas import Area
from unicom_web.areas.tmf import TMF_ERRORS, Limit, Offset, listing, money, select
from unicom_web.deps import Hall, Token

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = ["AREA", "BASE_PATH", "Usage"]

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


@attrs.frozen(slots=True, kw_only=True)
class Usage:
    """The schema of a TMF635 ``Usage`` as this hall fills it (all optional)."""

    id: str | None = None
    href: str | None = None
    description: str | None = None
    usageDate: str | None = None  # noqa: N815 - TM Forum field names
    usageType: str | None = None  # noqa: N815
    status: str | None = None
    usageCharacteristic: list[dict[str, Any]] | None = None  # noqa: N815
    ratedProductUsage: list[dict[str, Any]] | None = None  # noqa: N815
    usageSpecification: dict[str, str] | None = None  # noqa: N815


# ---------------------------------------------------------------------- mapping


def _characteristic(name: str, value: object, value_type: str) -> dict[str, Any]:
    return {"name": name, "value": value, "valueType": value_type}


def _usage(entry: UsageEntry, kind: DetailKind, billed: bool, base: str) -> dict[str, Any]:  # noqa: FBT001
    usage_id = f"{entry.cycle}:{kind.value}:{entry.record_id}"
    metered, billable = _UNITS[entry.kind]
    status = "billed" if billed else "guided"
    body: dict[str, Any] = {
        "id": usage_id,
        "href": f"{base}/usage/{usage_id}",
        "description": entry.detail,
        "usageDate": entry.started_at.isoformat(),
        "usageType": entry.kind.value,
        "status": status,
        "usageCharacteristic": [
            _characteristic("quantity", entry.quantity, "integer"),
            _characteristic("unit", metered, "string"),
            _characteristic("billableUnits", entry.units, "integer"),
            _characteristic("billableUnit", billable, "string"),
            _characteristic("billingCycle", str(entry.cycle), "string"),
            _characteristic("recordId", entry.record_id, "string"),
            _characteristic("detail", entry.detail, "string"),
        ],
        "usageSpecification": {
            "id": entry.kind.value,
            "name": entry.kind.value,
            "@referredType": "UsageSpecification",
        },
        "@type": "Usage",
    }
    if entry.fee is not None:
        body["ratedProductUsage"] = [
            {
                "isBilled": billed,
                "ratingAmountType": "informationFee",
                "ratingDate": entry.started_at.isoformat(),
                "usageRatingTag": "usage",
                "taxIncludedRatingAmount": money(entry.fee),
                "@type": "RatedProductUsage",
            }
        ]
    return body


# ---------------------------------------------------------------------- queries


def _instant(name: str, text: str) -> datetime:
    try:
        instant = datetime.fromisoformat(text.replace(" ", "+"))
    except ValueError:
        raise InvalidInput(
            "usage.date", f"{name} is an ISO 8601 date or date-time", field=name
        ) from None
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


def _cycles(hall: Hall, bounds: Mapping[str, datetime]) -> list[BillingCycle]:
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
    hall: Hall, token: Token, kind: DetailKind, cycle: BillingCycle
) -> Iterator[UsageEntry]:
    offset = 0
    while True:
        page = hall.billing.details(token, kind, cycle, page=PageRequest(offset, MAX_PAGE_LIMIT))
        yield from page.items
        if not page.has_more or not page.items:
            return
        offset += len(page.items)


def _billed_cycles(hall: Hall, token: Token) -> frozenset[BillingCycle]:
    """The months whose bill is issued (none known during a bill-run blackout)."""
    try:
        bills = hall.billing.bills(token, PageRequest(0, MAX_PAGE_LIMIT)).items
    except UnicomError:
        return frozenset()
    return frozenset(bill.cycle for bill in bills)


def _usages(request: Request[Any, Any, Any], hall: Hall, token: Token) -> list[dict[str, Any]]:
    query = request.query_params
    bounds = _bounds(query)
    asked = query.get("usageType")
    if asked is None:
        kinds: tuple[DetailKind, ...] = _KINDS
    else:
        kinds = (_BY_USAGE_TYPE[asked],) if asked in _BY_USAGE_TYPE else ()
    base = str(request.base_url).rstrip("/") + BASE_PATH
    bodies: list[dict[str, Any]] = []
    billed = _billed_cycles(hall, token) if kinds else frozenset()
    for cycle in _cycles(hall, bounds):
        entries = [
            (entry, kind)
            for kind in kinds
            for entry in _records(hall, token, kind, cycle)
            if _within(entry, bounds)
        ]
        entries.sort(key=lambda pair: pair[0].started_at, reverse=True)
        bodies.extend(_usage(entry, kind, cycle in billed, base) for entry, kind in entries)
    return bodies


def _one(
    request: Request[Any, Any, Any], hall: Hall, token: Token, usage_id: str
) -> dict[str, Any]:
    unknown = NotFound("usage.unknown", f"no usage {usage_id!r}", id=usage_id)
    try:
        month, kind_name, record_id = usage_id.split(":", 2)
        cycle, kind = BillingCycle.parse(month), DetailKind(kind_name)
    except (ValueError, UnicomError):
        raise unknown from None
    if kind not in _KINDS:
        raise unknown
    for entry in _records(hall, token, kind, cycle):
        if entry.record_id == record_id:
            base = str(request.base_url).rstrip("/") + BASE_PATH
            return _usage(entry, kind, cycle in _billed_cycles(hall, token), base)
    raise unknown


# ---------------------------------------------------------------------- handlers


@get(
    "/usage",
    summary="List or find Usage objects",
    tags=["TMF635"],
    operation_id="listUsage",
    sync_to_thread=True,
    responses=TMF_ERRORS,
)
def list_usage(  # noqa: PLR0913 - the spec's query parameters
    *,
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    fields: FromQuery[str | None] = None,
    offset: Offset = 0,
    limit: Limit = None,
) -> Response[list[Usage]]:
    """The usage records of the session's number, newest first; other parameters filter."""
    filters = {k: v for k, v in request.query_params.items() if k not in _BOUNDS}
    return listing(
        _usages(request, hall, token), filters, fields=fields, offset=offset, limit=limit
    )


@get(
    "/usage/{usage_id:str}",
    summary="Retrieves a Usage by ID",
    tags=["TMF635"],
    operation_id="retrieveUsage",
    sync_to_thread=True,
    responses=TMF_ERRORS,
)
def retrieve_usage(
    request: Request[Any, Any, Any],
    usage_id: FromPath[str],
    hall: Hall,
    token: Token,
    fields: FromQuery[str | None] = None,
) -> Response[Usage]:
    """One usage record of the session's number; another number's is not found."""
    return Response(cast("Usage", select(_one(request, hall, token, usage_id), fields)))


def _router() -> Router:
    return Router(BASE_PATH, route_handlers=[list_usage, retrieve_usage])


AREA = Area(name="tmf635", requires=("access", "billing"), routers=(_router,))
"""TMF635 usage records, under the spec's base path."""
