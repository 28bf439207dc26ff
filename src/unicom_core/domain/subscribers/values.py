"""The values describing a subscriber: its number, generation, payment mode, status, age.

A :class:`ServiceNumber` is a mobile number, a data card (上网卡, also a mobile number), a
fixed line or a broadband account (F-AUTH-1), kept as its kind and canonical string so the
one cattrs converter stores it as ``{"kind": "mobile", "value": "18612345678"}``. Re-exported
by :mod:`unicom_core.domain.subscribers.subscribers`.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Self, TypeAlias

import attrs

from unicom_core.domain.shared import BroadbandAccount, FixedLineNumber, MobileNumber, instance_of
from unicom_core.domain.subscribers.codes import SUBSCRIBER_NUMBER, SUBSCRIBER_SERVICE_KIND

if TYPE_CHECKING:
    from attrs import Attribute

__all__ = [
    "NetworkAge",
    "NetworkGeneration",
    "NumberIdentifier",
    "PaymentMode",
    "ServiceKind",
    "ServiceNumber",
    "SubscriberStatus",
    "number_key",
]

NumberIdentifier: TypeAlias = MobileNumber | FixedLineNumber | BroadbandAccount
"""The identifier values a subscriber's number can be (F-AUTH-1)."""

_MONTHS_PER_YEAR = 12
_SPACES: dict[type[NumberIdentifier], str] = {
    MobileNumber: "mobile",
    FixedLineNumber: "fixed_line",
    BroadbandAccount: "broadband",
}


def number_key(identifier: NumberIdentifier) -> str:
    """The store's unique key of a number: ``"mobile:18612345678"`` (mobile and data card share)."""
    space = _SPACES.get(type(identifier))
    if space is None:
        raise SUBSCRIBER_NUMBER.error(
            f"not a mobile, fixed-line or broadband number: {type(identifier).__name__}",
            field="number",
        )
    return f"{space}:{identifier.value}"


class ServiceKind(enum.Enum):
    """What a subscriber's number is for (F-AUTH-1, F-PAY-1)."""

    MOBILE = "mobile"
    FIXED_LINE = "fixed_line"
    BROADBAND = "broadband"
    DATA_CARD = "data_card"

    @property
    def identifier_type(self) -> type[NumberIdentifier]:
        """The identifier value a number of this kind is."""
        return _IDENTIFIER_TYPES[self]

    @property
    def has_sim(self) -> bool:
        """True for SIM-based services (mobile, data card): they have a generation and a PUK."""
        return self in {ServiceKind.MOBILE, ServiceKind.DATA_CARD}


_IDENTIFIER_TYPES: dict[ServiceKind, type[NumberIdentifier]] = {
    ServiceKind.MOBILE: MobileNumber,
    ServiceKind.DATA_CARD: MobileNumber,
    ServiceKind.FIXED_LINE: FixedLineNumber,
    ServiceKind.BROADBAND: BroadbandAccount,
}
_DEFAULT_KINDS: dict[type[NumberIdentifier], ServiceKind] = {
    MobileNumber: ServiceKind.MOBILE,
    FixedLineNumber: ServiceKind.FIXED_LINE,
    BroadbandAccount: ServiceKind.BROADBAND,
}


def _check_number_value(instance: ServiceNumber, _attribute: Attribute[str], value: str) -> None:
    instance.kind.identifier_type(value)  # the identifier's constructor takes canonical only


@attrs.frozen(slots=True)
class ServiceNumber:
    """A number of a kind, kept as its canonical string (``kind``, ``value``; F-AUTH-1)."""

    kind: ServiceKind = attrs.field(validator=instance_of(ServiceKind, SUBSCRIBER_SERVICE_KIND))
    value: str = attrs.field(validator=_check_number_value)

    @classmethod
    def of(cls, identifier: NumberIdentifier, kind: ServiceKind | None = None) -> Self:
        """The number ``identifier`` used for ``kind`` (by default the identifier's own kind)."""
        kind = kind if kind is not None else _DEFAULT_KINDS.get(type(identifier))
        if kind is None or not isinstance(identifier, kind.identifier_type):
            raise SUBSCRIBER_NUMBER.error(
                f"a {type(identifier).__name__} is not a number for {kind}", field="number"
            )
        return cls(kind, identifier.value)

    @classmethod
    def parse(cls, kind: ServiceKind, text: str) -> Self:
        """Read a typed number of ``kind`` (formatting as its identifier's ``parse`` allows)."""
        return cls.of(kind.identifier_type.parse(text), kind)

    @property
    def identifier(self) -> NumberIdentifier:
        """The typed identifier value (a ``MobileNumber`` for mobile and data card)."""
        return self.kind.identifier_type(self.value)

    @property
    def key(self) -> str:
        """The store's unique key, see :func:`number_key`."""
        return number_key(self.identifier)

    def __str__(self) -> str:
        return self.value


class NetworkGeneration(enum.Enum):
    """The mobile network generation of a SIM service (F-BIZ-4)."""

    G2 = "2g"
    G3 = "3g"
    G4 = "4g"

    @property
    def rank(self) -> int:
        """2, 3 or 4: generations compare by rank."""
        return int(self.value[0])


class PaymentMode(enum.Enum):
    """Prepaid (预付费) or postpaid (后付费)."""

    PREPAID = "prepaid"
    POSTPAID = "postpaid"


class SubscriberStatus(enum.Enum):
    """A subscriber's status (用户状态, F-QRY-7)."""

    ACTIVE = "active"
    SUSPENDED_ARREARS = "suspended_arrears"
    SUSPENDED_REQUEST = "suspended_request"
    CANCELLED = "cancelled"

    @property
    def is_suspended(self) -> bool:
        """True for either suspension (arrears, at request)."""
        return self in {SubscriberStatus.SUSPENDED_ARREARS, SubscriberStatus.SUSPENDED_REQUEST}


@attrs.frozen(slots=True)
class NetworkAge:
    """Network age (网龄): completed years and months since the join date (F-QRY-7)."""

    years: int
    months: int

    @property
    def total_months(self) -> int:
        """The age in completed months."""
        return self.years * _MONTHS_PER_YEAR + self.months

    def __str__(self) -> str:
        return f"{self.years}年{self.months}个月"
