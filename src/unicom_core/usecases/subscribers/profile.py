"""Basic information of a number (基本信息, F-QRY-7) and its real-name status (F-REAL-1).

:class:`ProfileService` is ``hall.profile``. Its one query, :meth:`ProfileService.basic_info`,
asks the hall's permission check for ``query.profile`` first: personal information is one of
the things a random-password session may query (F-AUTH-5), and another customer's number is
``NotFound`` ``access.unknown_number`` exactly like an unknown one (F-AUTH-6).

What is shown depends on how the session was opened:

- The PUK code unblocks a SIM locked by wrong PIN entries: whoever holds it and the SIM can
  take the card over. A random password only proves that someone holds the phone *now* (the
  SMS arrives on it), and a third-party login proves less, so those sessions see the PUK
  masked (``********``); only a service-password session, the strongest credential of the hall,
  sees it in full. The capability stays ``query.profile`` for all: F-AUTH-5 grants a random
  password personal information, and the PUK is masked rather than refused so that the page
  still tells the holder that the number has one.
- The resident ID is always masked (first 6 and last 4 characters, F-REAL-3), whoever asks.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import QUERY_PROFILE, CredentialKind
from unicom_core.domain.catalog import DEFAULT_CATALOG_ID
from unicom_core.domain.shared import to_shanghai
from unicom_core.domain.subscribers import (
    NetworkAge,
    NetworkGeneration,
    PaymentMode,
    RealNameStatus,
    ServiceNumber,
    SubscriberStatus,
)
from unicom_core.errors import NotFound

if TYPE_CHECKING:
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.shared import Authorizer, Clock
    from unicom_core.ports.storage import Storage, UnitOfWork

__all__ = ["MASKED_PUK", "BasicInfo", "ProfileService"]

MASKED_PUK = "********"
"""How a PUK code is shown to a session not opened with the service password."""


@attrs.frozen(slots=True, kw_only=True)
class BasicInfo:
    """A number's basic information (F-QRY-7) and its holder's real-name status (F-REAL-1).

    ``plan_name`` is None when the catalogue does not know the plan (a legacy plan); ``puk``
    is None for a number without a SIM (fixed line, broadband), :data:`MASKED_PUK` unless the
    session was opened with the service password (``puk_masked`` says which).
    ``network_age`` is counted to ``as_of``, today in Beijing time by the hall's clock.
    ``resident_id`` is always masked (F-REAL-3); ``repr()`` masks the PUK even when shown.
    """

    number: ServiceNumber
    status: SubscriberStatus
    payment_mode: PaymentMode
    generation: NetworkGeneration | None
    plan_code: str
    plan_name: str | None
    puk: str | None = attrs.field(repr=lambda value: "None" if value is None else repr(MASKED_PUK))
    puk_masked: bool
    joined_on: date
    as_of: date
    network_age: NetworkAge
    customer_name: str
    resident_id: str
    real_name_status: RealNameStatus


class ProfileService:
    """The basic-information area of the hall (F-QRY-7, F-REAL-1).

    Args:
        storage: the hall's storage (customers, subscribers, catalogues).
        clock: the hall's clock; network age is counted to its day in Beijing time.
        authorizer: the permission check (``hall.access``).
    """

    def __init__(self, storage: Storage, clock: Clock, authorizer: Authorizer) -> None:
        self._storage, self._clock, self._authorizer = storage, clock, authorizer

    def basic_info(self, token: str, number: NumberIdentifier | None = None) -> BasicInfo:
        """The basic information of ``number`` (default: the session's own; F-QRY-7, F-REAL-1).

        Raises:
            Refused: ``access.not_logged_in``, ``access.session_expired``,
                ``access.capability_missing`` (F-AUTH-5, F-AUTH-6).
            NotFound: ``access.unknown_number`` for an unknown number and for another
                customer's alike.
        """
        allowed = self._authorizer.authorize(token, QUERY_PROFILE, number)
        session, subscriber = allowed.session, allowed.subscriber
        today = to_shanghai(self._clock.now(), field="clock").date()
        with self._storage.read() as tx:
            customer = tx.customers.get(subscriber.customer_id)
            plan_name = _plan_name(tx, subscriber.plan_code)
        full_puk = session.kind is CredentialKind.SERVICE_PASSWORD
        puk = subscriber.puk if subscriber.puk is None or full_puk else MASKED_PUK
        age = (
            subscriber.network_age_on(today) if today >= subscriber.joined_on else NetworkAge(0, 0)
        )
        return BasicInfo(
            number=subscriber.number,
            status=subscriber.status,
            payment_mode=subscriber.payment_mode,
            generation=subscriber.generation,
            plan_code=subscriber.plan_code,
            plan_name=plan_name,
            puk=puk,
            puk_masked=subscriber.puk is not None and not full_puk,
            joined_on=subscriber.joined_on,
            as_of=today,
            network_age=age,
            customer_name=customer.name,
            resident_id=customer.resident_id.masked(),
            real_name_status=customer.real_name_status,
        )


def _plan_name(tx: UnitOfWork, code: str) -> str | None:
    catalog = tx.catalogs.find(DEFAULT_CATALOG_ID)
    if catalog is None:
        return None
    try:
        return catalog.plan(code).name
    except NotFound:
        return None
