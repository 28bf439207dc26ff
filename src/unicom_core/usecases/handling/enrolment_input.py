"""An enrolment's input read and checked (F-REAL-1): each bad value a typed error, nothing written.

Apart from :mod:`unicom_core.usecases.handling.enrolment` so that each module stays short.
:class:`EnrolmentIds` are the explicit ids a back-office migration gives (a carrier importing
the customers, accounts and numbers it holds already); :func:`check_targets` checks them, and
an existing account named to hold the number, against the store in the enrolment's
transaction.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.handling import (
    ENROLMENT_ACCOUNT_HOLDER,
    ENROLMENT_ACCOUNT_UNKNOWN,
    ENROLMENT_ID_TAKEN,
    ENROLMENT_JOINED_ON,
    ENROLMENT_PARAMETER,
    record_id_of,
)
from unicom_core.domain.shared import Money, ResidentId
from unicom_core.domain.subscribers import (
    AccountId,
    Customer,
    CustomerId,
    PaymentMode,
    ServiceKind,
    ServiceNumber,
    SubscriberId,
)

if TYPE_CHECKING:
    from unicom_core.ports.storage import UnitOfWork
    from unicom_core.usecases.subscribers import Opening

__all__ = [
    "EnrolmentIds",
    "check_targets",
    "existing_account",
    "joined_on",
    "money",
    "name",
    "number",
    "opening_ids",
    "packs",
    "payment_mode",
]

_PROBE_ID = ResidentId("11010519491231002X")  # checks a name by the Customer rule only
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")  # the rule of every aggregate id


@attrs.frozen(slots=True, kw_only=True)
class EnrolmentIds:
    """The ids a back-office migration fixes (None: the enrolment's own, from the request id).

    ``customer``: the holder's customer (a new holder is stored under it; a stored holder must
    have it); ``account``: the new account's; ``subscriber``: the new number's. Each is an
    aggregate id: 1-64 letters, digits, ``_.:-``, starting with a letter or digit.
    """

    customer: str | None = None
    account: str | None = None
    subscriber: str | None = None

    def checked(self) -> EnrolmentIds:
        """These ids, each of the aggregate id rule (``enrolment.parameter`` otherwise)."""
        for field in ("customer", "account", "subscriber"):
            value = getattr(self, field)
            if value is not None and (not isinstance(value, str) or not _ID.fullmatch(value)):
                raise ENROLMENT_PARAMETER.error(
                    "an id is 1-64 letters, digits, _.:- (a letter or digit first)",
                    field=f"ids.{field}",
                )
        return self


def money(value: object, field: str) -> Money | None:
    """An amount of at least zero, or None."""
    if value is None:
        return None
    if not isinstance(value, Money) or value.is_negative:
        raise ENROLMENT_PARAMETER.error(f"{field} is an amount of at least 0", field=field)
    return value


def packs(value: object) -> tuple[str, ...]:
    """Pack codes, each named once."""
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ENROLMENT_PARAMETER.error("packs is a sequence of pack codes", field="packs")
    codes = tuple(value)
    if not all(isinstance(code, str) and code for code in codes) or len(set(codes)) < len(codes):
        raise ENROLMENT_PARAMETER.error("packs names each pack code once", field="packs")
    return codes


def payment_mode(value: object) -> PaymentMode:
    """Prepaid or postpaid."""
    try:
        return value if isinstance(value, PaymentMode) else PaymentMode(value)
    except ValueError:
        raise ENROLMENT_PARAMETER.error("prepaid or postpaid", field="payment_mode") from None


def joined_on(value: object, today: date) -> date | None:
    """A day no later than ``today``, or None."""
    if value is None:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ENROLMENT_PARAMETER.error("joined_on is a date", field="joined_on")
    if value > today:
        raise ENROLMENT_JOINED_ON.error(today=today.isoformat())
    return value


def name(value: object) -> str:
    """The holder's name, stripped, of the customer name rule (``customer.name``)."""
    if not isinstance(value, str):
        raise ENROLMENT_PARAMETER.error("the holder's name is text", field="name")
    stripped = value.strip()
    Customer(CustomerId("name-check"), stripped, _PROBE_ID)  # customer.name unless valid
    return stripped


def number(value: object) -> str:
    """A mobile number (``mobile.*`` otherwise)."""
    if not isinstance(value, str):
        raise ENROLMENT_PARAMETER.error("the number is text", field="number")
    return ServiceNumber.parse(ServiceKind.MOBILE, value).value


def existing_account(value: object, ids: EnrolmentIds, credit_limit: Money | None) -> bool:
    """Whether ``account_id`` names an existing account (it excludes a new account's facts)."""
    if value is None:
        return False
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ENROLMENT_PARAMETER.error("account_id is an account's id", field="account_id")
    if ids.account is not None or credit_limit is not None:
        field = "credit_limit" if credit_limit is not None else "ids.account"
        raise ENROLMENT_PARAMETER.error(
            f"{field} is a new account's: not with account_id", field=field
        )
    return True


def check_targets(tx: UnitOfWork, opening: Opening, resident_id: ResidentId) -> None:
    """Check the ids and the existing account of ``opening`` against the store.

    Raises:
        Conflict: ``enrolment.id_taken`` when a new record's id is another record's, or the
            holder is stored under another customer id than the one given.
        NotFound: ``enrolment.account_unknown``; Refused: ``enrolment.account_holder`` when
            the existing account is not the holder's.
    """
    holder = tx.customers.find_by_resident_id(resident_id)
    wanted = opening.customer_id
    if wanted is not None:
        named = tx.customers.find(wanted)
        held_elsewhere = holder is not None and holder.id != wanted
        if held_elsewhere or (named is not None and named.resident_id != resident_id):
            raise ENROLMENT_ID_TAKEN.error(field="customer_id", id=wanted)
    account_id = opening.account_id
    if account_id is None:
        return
    account = tx.accounts.find(account_id)
    if opening.on_existing_account:
        if account is None:
            raise ENROLMENT_ACCOUNT_UNKNOWN.error(account_id=account_id)
        if holder is None or account.customer_id != holder.id:
            raise ENROLMENT_ACCOUNT_HOLDER.error(account_id=account_id)
    elif account is not None:
        raise ENROLMENT_ID_TAKEN.error(field="account_id", id=account_id)


def opening_ids(
    request_id: str, ids: EnrolmentIds, account_id: str | None
) -> tuple[CustomerId | None, AccountId, SubscriberId]:
    """The customer, account and subscriber ids of an opening (``ids``, else the request's).

    Raises:
        InvalidInput: ``handling.request_id`` for a malformed request id.
    """
    own_subscriber = record_id_of("enrolment", request_id)
    own_account = record_id_of("enrolment-account", request_id)
    subscriber = ids.subscriber or own_subscriber
    account = account_id or ids.account or own_account
    customer = CustomerId(ids.customer) if ids.customer is not None else None
    return customer, AccountId(account), SubscriberId(subscriber)
