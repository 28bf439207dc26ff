"""TMF635 Usage Management v4: usage records, their specifications, posted usage (F-QRY-3).

``GET /tmf-api/usageManagement/v4/usage`` lists the detail records (CDRs) of the session's
number and ``.../usage/{id}`` returns one, with the spec's field names (``fields``,
``offset``, ``limit`` and attribute filters as in every TMF list). The query is the billing
area's ``usage_window`` (:mod:`unicom_core.usecases.billing.usage_window`): every kind and
month of a number, and which months are billed, in one read-only transaction, each kind
checked as ``details`` checks it: a random-password session sees no detail records
(F-AUTH-5, 403), and the 4G upgrade window applies (F-CAL-4). An operator's Bearer token with
scope ``tmf.read`` lists the records of every number of the carrier (F-AUTH-6; one
transaction per number; a number inside its 4G upgrade window shows none until it ends),
paged like any list, each with its ``msisdn``.

Which records: every kind (voice, sms/mms, value-added, data, wlan) of the months in the
six-month window (F-QRY-3), newest month first; ``usageType=voice`` (``sms``, ``mms``,
``value_added``, ``data``, ``wlan``) queries that kind only, and ``usageDate.gte``,
``usageDate.gt``, ``usageDate.lte``, ``usageDate.lt`` (ISO 8601; Beijing time when no
offset is given) bound the dates, and so the months asked. A bound reaching before the
window answers the records the window holds (never an older one); a range wholly outside
it answers none. Any other parameter filters on the attribute of that name
(``status=billed``).

``GET usageSpecification[/{id}]`` describes the kinds (:mod:`unicom_web.areas.
tmf635_specs`); ``POST usage`` lets a mediation system post a record
(:mod:`unicom_web.areas.tmf635_create`). The bodies and their mapping are
:mod:`unicom_web.areas.tmf635_bodies`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.billing import DetailKind, UsageEntry, detail_window
from unicom_core.domain.shared import BillingCycle
from unicom_core.errors import UnicomError
from unicom_web.areas import Area
from unicom_web.areas.oauth import is_operator, operator_numbers
from unicom_web.areas.tmf635_bodies import (
    BASE_PATH,
    DETAIL_OF,
    Found,
    RatedProductUsage,
    Usage,
    instant_of,
    usage_body,
)
from unicom_web.areas.tmf635_create import create_usage
from unicom_web.areas.tmf635_specs import USAGE_SPECIFICATION, UsageSpecification
from unicom_web.codes import USAGE_UNKNOWN
from unicom_web.tmf import TmfApi, TmfContext, TmfResource

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.hall import BusinessHall
    from unicom_core.usecases.billing import UsageWindow

__all__ = ["API", "AREA", "BASE_PATH", "RatedProductUsage", "Usage", "UsageSpecification"]

_KINDS = (
    DetailKind.VOICE,
    DetailKind.SMS,
    DetailKind.VALUE_ADDED,
    DetailKind.DATA,
    DetailKind.WLAN,
)
"""The detail queries a list runs (``internet`` repeats ``data`` over two months)."""
_BY_USAGE_TYPE = {kind.value: detail for kind, detail in DETAIL_OF.items()}
_BOUNDS = ("usageDate.gte", "usageDate.gt", "usageDate.lte", "usageDate.lt")

_Number = tuple["NumberIdentifier | None", "str | None"]
"""A number a list queries (None: the session's own) and its MSISDN when shown."""


# ---------------------------------------------------------------------- queries


def _bounds(query: Mapping[str, str]) -> dict[str, datetime]:
    return {name: instant_of(name, query[name]) for name in _BOUNDS if name in query}


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
    """The months to ask, newest first: the window, narrowed (never widened) by the bounds."""
    current = BillingCycle.containing(hall.clock.now())
    earliest, latest = detail_window(DetailKind.VOICE, current)
    lower = [bounds[n] for n in ("usageDate.gte", "usageDate.gt") if n in bounds]
    upper = [bounds[n] for n in ("usageDate.lte", "usageDate.lt") if n in bounds]
    first = max(BillingCycle.containing(max(lower)), earliest) if lower else earliest
    last = min(BillingCycle.containing(min(upper)), latest) if upper else latest
    cycles, cycle = [], last
    while cycle >= first:
        cycles.append(cycle)
        cycle = cycle.previous()
    return cycles


def _window(
    context: TmfContext,
    kinds: tuple[DetailKind, ...],
    cycles: list[BillingCycle],
    number: NumberIdentifier | None,
) -> UsageWindow:
    """The number's records and billed months: one query, so one transaction, per number.

    An operator skips a number inside its 4G upgrade window (F-CAL-4).
    """
    return context.hall.billing.usage_window(
        context.token, kinds, cycles, number=number, skip_pending=number is not None
    )


def _numbers(context: TmfContext) -> list[_Number]:
    """The numbers a list queries: the session's own, or the carrier's for an operator."""
    if not is_operator(context.token):
        return [(None, None)]
    walked = operator_numbers(context.hall, context.token)
    return [(s.number.identifier, s.number.value) for s in walked]


def _records_of(context: TmfContext) -> list[Found]:
    """The records of the window, newest month first and newest first within a month."""
    query = context.query
    bounds = _bounds(query)
    asked = query.get("usageType")
    if asked is None:
        kinds: tuple[DetailKind, ...] = _KINDS
    else:
        kinds = (_BY_USAGE_TYPE[asked],) if asked in _BY_USAGE_TYPE else ()
    numbers = _numbers(context) if kinds else []
    cycles = _cycles(context.hall, bounds)
    windows = [(_window(context, kinds, cycles, number), msisdn) for number, msisdn in numbers]
    records: list[Found] = []
    for cycle in cycles:
        found = [
            Found(entry, cycle in window.billed, msisdn)
            for window, msisdn in windows
            for entry in window.of(cycle)
            if _within(entry, bounds)
        ]
        found.sort(key=lambda record: (record.entry.started_at, record.entry.record_id))
        records.extend(reversed(found))
    return records


def _missing(usage_id: str) -> UnicomError:
    return USAGE_UNKNOWN.error(id=usage_id)


def _one(context: TmfContext, usage_id: str) -> Found:
    try:
        month, kind_name, record_id = usage_id.split(":", 2)
        cycle, kind = BillingCycle.parse(month), DetailKind(kind_name)
    except (ValueError, UnicomError):
        raise _missing(usage_id) from None
    if kind not in _KINDS:
        raise _missing(usage_id)
    for number, msisdn in _numbers(context):
        window = _window(context, (kind,), [cycle], number)
        for entry in window.of(cycle):
            if entry.record_id == record_id:
                return Found(entry, cycle in window.billed, msisdn)
    raise _missing(usage_id)


USAGE: TmfResource[Found, Usage] = TmfResource(
    path="usage",
    body=Usage,
    load=_records_of,
    to_body=usage_body,
    find=_one,
    missing=_missing,
    list_doc=(
        "The usage records of the session's number (an operator's: the carrier's), newest "
        "first; other parameters filter."
    ),
    get_doc="One usage record of the session's number (an operator's: any number's).",
    query_only=frozenset(_BOUNDS),
)

API = TmfApi(
    tag="TMF635",
    base_path=BASE_PATH,
    resources=(USAGE, USAGE_SPECIFICATION),
    operations=(create_usage,),
)
"""TMF635: usage records, their specifications, and posted usage."""

AREA = Area(name="tmf635", routers=(API.router,))
"""TMF635 usage records, under the spec's base path."""
