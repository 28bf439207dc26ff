"""TMF635 ``POST usage``: a mediation system posts one usage record (F-QRY-2, F-AUTH-6).

For an operator's Bearer token with scope ``usage.ingest`` or ``tmf.write``. The body is the
spec's ``Usage_Create``; the hall reads:

* ``usageType``: ``voice``, ``sms``, ``mms``, ``value_added``, ``data`` or ``wlan`` (else
  ``usageSpecification.id``, the same names: ``GET usageSpecification``);
* ``usageDate``: when the use started (ISO 8601; Beijing time when no offset is given);
* ``usageCharacteristic``: ``recordId`` (required: the record's id, unique for the carrier),
  ``msisdn`` (required: the number, as the switch writes it), ``quantity`` (required: an
  integer of seconds, messages, uses or bytes) and ``detail`` (optional; else
  ``description``);
* ``ratedProductUsage[0].taxIncludedRatingAmount``: the information fee of a rated
  ``value_added`` record (``{"unit": "CNY", "value": 2.00}``, exact yuan); an unrated record
  leaves it out. The hall rates every record itself at the bill run; ``status`` is the
  hall's (``guided``), whatever the request says.

The record takes the same path as a feed's batch (``hall.billing.post_usage``), idempotent by
``recordId``: the answer is **201** with the stored ``Usage`` and a ``Location`` header, for
the first post and for the same record posted again (TMF635 documents 201 as the one success
of ``createUsage``, so a client written to the spec needs no other; the record is stored
once and audited once). The same ``recordId`` with other values is 409
``usage.record_conflict``; a record the feed's checks refuse is 422 ``usage.rejected`` (its
``reason``: ``unknown_number``, ``outside_open_cycle``, ...), a body the hall cannot read
422 ``usage.invalid``.
"""

from __future__ import annotations

from typing import Any

import attrs
from litestar import Request, Response, post
from litestar.params import JSONBody

from unicom_core.domain.access import USAGE_INGEST
from unicom_core.domain.billing import UsageKind, UsageRecord
from unicom_web.amounts import YuanAmount
from unicom_web.areas.tmf635_bodies import BASE_PATH, Found, Usage, instant_of, usage_body
from unicom_web.codes import USAGE_INVALID
from unicom_web.deps import Hall, Token
from unicom_web.tmf import TMF_WRITE_ERRORS, TmfContext, unstructure

__all__ = ["MoneyIn", "RatedIn", "UsageCreate", "create_usage", "usage_record"]

_KINDS = {kind.value: kind for kind in UsageKind}


@attrs.frozen(slots=True, kw_only=True)
class MoneyIn:
    """A TMF ``Money`` of a request: ``value`` exact yuan in ``unit`` CNY."""

    unit: str | None = None
    value: YuanAmount | None = None


@attrs.frozen(slots=True, kw_only=True)
class RatedIn:
    """What the hall reads of a ``RatedProductUsage``: the information fee."""

    taxIncludedRatingAmount: MoneyIn | None = None  # noqa: N815 - TM Forum field names


@attrs.frozen(slots=True, kw_only=True)
class UsageCreate:
    """The schema of a TMF635 ``Usage_Create`` this hall reads."""

    usageDate: str | None = None  # noqa: N815 - TM Forum field names
    usageType: str | None = None  # noqa: N815
    description: str | None = None
    status: str | None = None
    usageCharacteristic: list[dict[str, Any]] | None = None  # noqa: N815
    ratedProductUsage: list[RatedIn] | None = None  # noqa: N815
    relatedParty: list[dict[str, Any]] | None = None  # noqa: N815
    usageSpecification: dict[str, Any] | None = None  # noqa: N815


def _invalid(field: str, message: str) -> Exception:
    return USAGE_INVALID.error(message, field=field)


def _characteristics(data: UsageCreate) -> dict[str, object]:
    found: dict[str, object] = {}
    for item in data.usageCharacteristic or []:
        name = item.get("name")
        if not isinstance(name, str) or "value" not in item:
            raise _invalid("usageCharacteristic", "a characteristic has a name and a value")
        found[name] = item["value"]
    return found


def _text(values: dict[str, object], name: str) -> str:
    value = values.get(name)
    if not isinstance(value, str) or not value:
        raise _invalid(f"usageCharacteristic.{name}", f"the characteristic {name} is a text")
    return value


def _kind(data: UsageCreate) -> UsageKind:
    named = data.usageType or (data.usageSpecification or {}).get("id")
    if not isinstance(named, str) or named not in _KINDS:
        raise _invalid("usageType", "usageType is one of " + ", ".join(_KINDS))
    return _KINDS[named]


def _fee(data: UsageCreate) -> YuanAmount | None:
    rated = data.ratedProductUsage or []
    amount = rated[0].taxIncludedRatingAmount if rated else None
    if amount is None or amount.value is None:
        return None
    if amount.unit not in {None, "CNY"}:
        raise _invalid("ratedProductUsage.taxIncludedRatingAmount.unit", "a fee is in CNY")
    return amount.value


def usage_record(data: UsageCreate) -> UsageRecord:
    """The usage record a ``Usage_Create`` describes (``usage.invalid`` if it cannot)."""
    values = _characteristics(data)
    quantity = values.get("quantity")
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise _invalid("usageCharacteristic.quantity", "quantity is an integer")
    if data.usageDate is None:
        raise _invalid("usageDate", "usageDate is when the use started")
    detail = values.get("detail", data.description or "")
    if not isinstance(detail, str):
        raise _invalid("usageCharacteristic.detail", "detail is a text")
    fee = _fee(data)
    return UsageRecord(
        _text(values, "recordId"),
        _text(values, "msisdn"),
        _kind(data),
        instant_of("usageDate", data.usageDate),
        quantity,
        detail,
        None if fee is None else fee.money,
    )


@post(
    "/usage",
    summary="Creates a Usage",
    tags=["TMF635"],
    operation_id="createUsage",
    sync_to_thread=True,
    status_code=201,
    responses=TMF_WRITE_ERRORS,
)
def create_usage(
    request: Request[Any, Any, Any], data: JSONBody[UsageCreate], hall: Hall, token: Token
) -> Response[Usage]:
    """Post one usage record (operators: ``usage.ingest`` or ``tmf.write``), once by its id.

    The same record again answers 201 with the stored one; nothing is stored twice.
    """
    hall.access.authorize(token, USAGE_INGEST)  # 401/403 before the body is read
    record = usage_record(data)
    posted = hall.billing.post_usage(token, record)
    body = usage_body(
        Found(posted.entry, billed=False, number=record.number), TmfContext(request, BASE_PATH)
    )
    return Response(unstructure(body), status_code=201, headers={"Location": body.href})
