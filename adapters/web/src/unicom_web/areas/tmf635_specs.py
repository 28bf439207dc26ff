"""TMF635 usage specifications: one per usage kind the hall rates (F-QRY-2, F-QRY-3).

``GET usageSpecification`` lists, and ``usageSpecification/{id}`` returns, the kinds of
usage record the hall accepts and rates (:class:`~unicom_core.domain.billing.UsageKind`):
``voice``, ``sms``, ``mms``, ``value_added``, ``data`` and ``wlan``; the id is the kind, the
one a ``Usage``'s ``usageSpecification`` names and a posted ``Usage`` gives as
``usageType``. Each describes the characteristics a record of its kind carries: the
``quantity`` metered (seconds, messages, uses, bytes) and the ``billableUnits`` rated
(started minutes, messages, uses, started KB), the ``recordId``, the ``msisdn`` and the
``detail``. The list is the same for every principal (cookie or Bearer, subscriber or
operator): it says what the hall does, about no one.
"""

from __future__ import annotations

import attrs

from unicom_core.domain.billing import UsageKind
from unicom_core.errors import UnicomError
from unicom_web.areas.tmf635_bodies import UNITS
from unicom_web.codes import USAGE_UNKNOWN_SPECIFICATION
from unicom_web.tmf import TmfContext, TmfResource, tmf_shape

__all__ = ["USAGE_SPECIFICATION", "CharacteristicSpecification", "UsageSpecification"]

_DESCRIPTIONS = {
    UsageKind.VOICE: "语音通话: seconds talked, billed per started minute",
    UsageKind.SMS: "短信: messages sent, billed per message",
    UsageKind.MMS: "彩信: messages sent, billed per message",
    UsageKind.VALUE_ADDED: "增值业务: uses of a service, billed with its information fee",
    UsageKind.DATA: "上网流量: bytes, billed per started KB (overage per started MB)",
    UsageKind.WLAN: "WLAN: seconds online, billed per started minute",
}


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class CharacteristicSpecification:
    """A TMF ``CharacteristicSpecification``: a characteristic a usage record carries."""

    name: str
    value_type: str
    description: str
    configurable: bool = False
    min_cardinality: int = 0
    max_cardinality: int = 1


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class UsageSpecification:
    """A TMF635 ``UsageSpecification`` as this hall fills it."""

    id: str
    href: str
    name: str | None = None
    description: str | None = None
    is_bundle: bool = False
    lifecycle_status: str = "active"
    version: str = "1.0"
    spec_characteristic: list[CharacteristicSpecification] | None = None
    type_: str = "UsageSpecification"


def _characteristics(kind: UsageKind) -> list[CharacteristicSpecification]:
    metered, billable = UNITS[kind]
    fields = (
        (
            "recordId",
            "string",
            "the record's id, unique for the carrier (1-64 of A-Za-z0-9_.:-)",
            1,
        ),
        ("msisdn", "string", "the number that used the service, as the switch writes it", 1),
        ("quantity", "integer", f"how much was used, in {metered}s", 1),
        ("billableUnits", "integer", f"the {billable}s rated (computed by the hall)", 0),
        ("detail", "string", "called number, peer, service code or access point", 0),
    )
    return [
        CharacteristicSpecification(
            name=name, value_type=value_type, description=text, min_cardinality=least
        )
        for name, value_type, text, least in fields
    ]


def _specification(kind: UsageKind, context: TmfContext) -> UsageSpecification:
    return UsageSpecification(
        id=kind.value,
        href=f"{context.base}/usageSpecification/{kind.value}",
        name=kind.value,
        description=_DESCRIPTIONS[kind],
        spec_characteristic=_characteristics(kind),
    )


def _missing(spec_id: str) -> UnicomError:
    return USAGE_UNKNOWN_SPECIFICATION.error(id=spec_id)


USAGE_SPECIFICATION: TmfResource[UsageKind, UsageSpecification] = TmfResource(
    path="usageSpecification",
    body=UsageSpecification,
    load=lambda _context: list(UsageKind),
    to_body=_specification,
    missing=_missing,
    list_doc="The kinds of usage record the hall accepts and rates, one specification each.",
    get_doc="One kind of usage record (voice, sms, mms, value_added, data, wlan).",
)
