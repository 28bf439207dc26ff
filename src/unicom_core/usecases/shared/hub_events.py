"""Which TMF notifications the hall's domain events become, and their JSON bodies.

Each mapped domain event becomes at most one notification per TMF API, the TMF630 body
``{"eventId", "eventTime", "eventType", "event": {<resource>: {...}}}``. ``eventId`` is the
domain event's id (stable across redeliveries: listeners deduplicate on it), ``eventTime``
when it happened (Asia/Shanghai, ISO 8601). The resource is built **from the event alone**,
never looked up: the fields the event carries, with the resource's ``id``, ``href`` (under
the API's base path, prefixed with :attr:`HubSettings.base_url`) and ``@type``; a listener
that needs the rest GETs the ``href``. Money is TMF ``Money`` (``{"unit": "CNY", "value":
12.50}``) written exactly from the fen count (no float on the way).

============================  ======  ==================================  ==============
domain event                  API     TMF event type                      resource
============================  ======  ==================================  ==============
``bill.issued``               TMF678  ``CustomerBillCreateEvent``         customerBill
``bill.paid``                 TMF678  ``CustomerBillStateChangeEvent``    customerBill
``payment.created``           TMF676  ``PaymentCreateEvent``              payment
``payment.succeeded``         TMF676  ``PaymentStateChangeEvent``         payment
``payment.failed``            TMF676  ``PaymentStateChangeEvent``         payment
``payment.refund_requested``  TMF676  ``RefundCreateEvent``               refund
``payment.refunded``          TMF676  ``RefundStateChangeEvent``          refund
``payment.refund_failed``     TMF676  ``RefundStateChangeEvent``          refund
``payment.created`` (top-up)  TMF654  ``TopupBalanceCreateEvent``         topupBalance
``payment.fulfilled`` (top-   TMF654  ``TopupBalanceStatusChangeEvent``   topupBalance
up)
============================  ======  ==================================  ==============

Every other domain event is sent to no listener.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from unicom_core.domain.shared import SHANGHAI, Money, to_shanghai

if TYPE_CHECKING:
    from unicom_core.domain.shared import DomainEvent

__all__ = ["HUB_APIS", "HubApi", "Notification", "notifications", "plain", "to_json"]

_DUE_BY = time(23, 59, 59)


@attrs.frozen(slots=True)
class HubApi:
    """A TMF API with a hub: its tag (``TMF678``), base path, and the event types it sends."""

    tag: str
    base_path: str
    event_types: tuple[str, ...]


HUB_APIS: Final[Mapping[str, HubApi]] = {
    api.tag: api
    for api in (
        HubApi(
            "TMF678",
            "/tmf-api/customerBillManagement/v4",
            ("CustomerBillCreateEvent", "CustomerBillStateChangeEvent"),
        ),
        HubApi(
            "TMF676",
            "/paymentManagement/v4",
            (
                "PaymentCreateEvent",
                "PaymentStateChangeEvent",
                "RefundCreateEvent",
                "RefundStateChangeEvent",
            ),
        ),
        HubApi(
            "TMF654",
            "/tmf-api/prepayBalanceManagement/v4",
            ("TopupBalanceCreateEvent", "TopupBalanceStatusChangeEvent"),
        ),
    )
}
"""The APIs whose hubs take listeners (TMF620 and TMF635 send nothing yet: no domain event
of the hall is a catalogue change or an ingested usage record)."""


@attrs.frozen(slots=True)
class Notification:
    """One TMF notification: the API it goes out on, its type and its body (a JSON object)."""

    api: str
    event_type: str
    document: Mapping[str, Any]


def _money(amount: Money) -> dict[str, Any]:
    return {"unit": amount.currency, "value": Decimal(amount.fen).scaleb(-2)}


def _ref(event: DomainEvent, name: str) -> Any:  # noqa: ANN401 - a field of any mapped event
    return getattr(event, name)


class _Builder:
    """Builds the resource of one event under one API (``href`` from the base URL)."""

    def __init__(self, event: DomainEvent, base_url: str) -> None:
        self.event, self.base_url = event, base_url.rstrip("/")

    def href(self, api: str, path: str, resource_id: str) -> str:
        return f"{self.base_url}{HUB_APIS[api].base_path}/{path}/{resource_id}"

    def bill(self, *, created: bool) -> dict[str, Any]:
        event, bill_id = self.event, self.event.aggregate_id
        body: dict[str, Any] = {"id": bill_id, "href": self.href("TMF678", "customerBill", bill_id)}
        if created:
            cycle, total = _ref(event, "cycle"), _ref(event, "total")
            due: date = _ref(event, "due_date")
            body |= {
                "billNo": bill_id,
                "billDate": event.occurred_at,
                "paymentDueDate": datetime.combine(due, _DUE_BY, tzinfo=SHANGHAI),
                "category": "normal",
                "runType": "onCycle",
                "state": "new",
                "billingPeriod": {"startDateTime": cycle.start, "endDateTime": cycle.end},
                "amountDue": _money(total),
                "remainingAmount": _money(total),
                "taxIncludedAmount": _money(total),
                "billingAccount": {
                    "id": _ref(event, "account_id"),
                    "@referredType": "BillingAccount",
                },
            }
        else:
            owed: Money = _ref(event, "owed")
            body |= {
                "state": "partiallySettled" if owed.is_positive else "settled",
                "remainingAmount": _money(owed),
            }
        return body | {"@type": "CustomerBill"}

    def payment(self, status: str, amount: Money | None = None) -> dict[str, Any]:
        payment_id = self.event.aggregate_id
        body: dict[str, Any] = {
            "id": payment_id,
            "href": self.href("TMF676", "payment", payment_id),
            "correlatorId": payment_id,
            "status": status,
            "statusDate": self.event.occurred_at,
        }
        if amount is not None:
            body |= {"amount": _money(amount), "totalAmount": _money(amount)}
        purpose = getattr(self.event, "purpose", None)
        if purpose is not None:
            body["name"] = purpose.value
        return body | {"@type": "Payment"}

    def refund(self, status: str) -> dict[str, Any]:
        refund_id, payment_id = _ref(self.event, "refund_id"), self.event.aggregate_id
        return {
            "id": refund_id,
            "href": self.href("TMF676", "refund", refund_id),
            "status": status,
            "statusDate": self.event.occurred_at,
            "amount": _money(_ref(self.event, "amount")),
            "totalAmount": _money(_ref(self.event, "amount")),
            "payment": {"id": payment_id, "href": self.href("TMF676", "payment", payment_id)},
            "@type": "Refund",
        }

    def topup(self, status: str) -> dict[str, Any]:
        topup_id, amount = self.event.aggregate_id, _ref(self.event, "amount")
        return {
            "id": topup_id,
            "href": self.href("TMF654", "topupBalance", topup_id),
            "status": status,
            "requestedDate": self.event.occurred_at,
            "amount": {"amount": Decimal(amount.fen).scaleb(-2), "units": amount.currency},
            "@type": "TopupBalance",
        }


_Rule = Callable[[_Builder], list[tuple[str, str, str, dict[str, Any]]]]


def _top_up(builder: _Builder) -> bool:
    purpose = getattr(builder.event, "purpose", None)
    return purpose is not None and purpose.value == "top_up"


def _created(b: _Builder) -> list[tuple[str, str, str, dict[str, Any]]]:
    amount = _ref(b.event, "amount")
    found = [("TMF676", "PaymentCreateEvent", "payment", b.payment("created", amount))]
    if _top_up(b):
        found.append(("TMF654", "TopupBalanceCreateEvent", "topupBalance", b.topup("requested")))
    return found


def _fulfilled(b: _Builder) -> list[tuple[str, str, str, dict[str, Any]]]:
    if not _top_up(b):
        return []
    return [("TMF654", "TopupBalanceStatusChangeEvent", "topupBalance", b.topup("confirmed"))]


_RULES: Final[Mapping[str, _Rule]] = {
    "bill.issued": lambda b: [
        ("TMF678", "CustomerBillCreateEvent", "customerBill", b.bill(created=True))
    ],
    "bill.paid": lambda b: [
        ("TMF678", "CustomerBillStateChangeEvent", "customerBill", b.bill(created=False))
    ],
    "payment.created": _created,
    "payment.succeeded": lambda b: [
        ("TMF676", "PaymentStateChangeEvent", "payment", b.payment("succeeded"))
    ],
    "payment.failed": lambda b: [
        ("TMF676", "PaymentStateChangeEvent", "payment", b.payment("failed"))
    ],
    "payment.refund_requested": lambda b: [
        ("TMF676", "RefundCreateEvent", "refund", b.refund("requested"))
    ],
    "payment.refunded": lambda b: [
        ("TMF676", "RefundStateChangeEvent", "refund", b.refund("succeeded"))
    ],
    "payment.refund_failed": lambda b: [
        ("TMF676", "RefundStateChangeEvent", "refund", b.refund("failed"))
    ],
    "payment.fulfilled": _fulfilled,
}


def notifications(event: DomainEvent, *, base_url: str = "") -> list[Notification]:
    """The TMF notifications of ``event`` (none for an event no API sends)."""
    rule = _RULES.get(event.event_type)
    if rule is None:
        return []
    return [
        Notification(
            api,
            event_type,
            {
                "eventId": event.event_id,
                "eventTime": event.occurred_at,
                "eventType": event_type,
                "event": {resource: body},
            },
        )
        for api, event_type, resource, body in rule(_Builder(event, base_url))
    ]


def plain(value: object) -> Any:  # noqa: ANN401 - a JSON value
    """``value`` with instants as ISO text (Beijing time) and dates as ISO dates."""
    if isinstance(value, datetime):
        return to_shanghai(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _write(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")  # an exact JSON number: 12.50, never a float
    if isinstance(value, Mapping):
        items = (f"{json.dumps(k, ensure_ascii=False)}:{_write(v)}" for k, v in value.items())
        return "{" + ",".join(items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_write(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def to_json(document: Mapping[str, Any]) -> str:
    """The compact JSON text of a notification (money values as exact decimal numbers)."""
    return _write(plain(document))
