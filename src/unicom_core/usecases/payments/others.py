"""Paying for another number (代充/代缴): top-ups and bills of any number of this carrier (F-PAY-1).

:class:`OtherNumberPayments` is ``hall.payments.others``. Anyone logged in may top up, or pay
the bill of, any number of this carrier, as at the counter:

* **which numbers are this carrier's**: a mobile number whose segment (号段) the numbering
  plan gives this carrier (:attr:`MobileNumber.is_unicom
  <unicom_core.domain.shared.phone.MobileNumber.is_unicom>`), outside the blocks let to
  virtual operators; any other number is refused with ``payment.other_carrier`` (a
  :class:`~unicom_core.errors.Refused` naming the carrier) before anything is looked up.
  A number of a segment of this carrier that no subscriber of the hall holds (or a
  cancelled one) is ``payment.unknown_number``;
* **what the payer sees**: :meth:`OtherNumberPayments.payee` shows the number and the
  holder's masked name (``张*``, :meth:`Customer.masked_name
  <unicom_core.domain.subscribers.customers.Customer.masked_name>`), never more, for the
  payer to confirm;
* **who gets what**: the holder's account gets the credit (a top-up's face value, a bill
  payment's amount); the attempt names the payer (``payer_id``), whose receipt it is too
  (``hall.payments.payment`` shows it to both);
* **limits per payer per Beijing day** (``PaymentSettings``): ``payee_lookups_per_day``
  lookups and ``others_payments_per_day`` payments for numbers of other customers, each
  a storage counter taken atomically, a payment's in the very transaction that stores its
  attempt (``payment.others_daily_limit`` with ``retry_at``, the next midnight). Paying
  for a number of the payer's own customer counts nothing.

The payer's capability is the one of paying for a number of their own (``top_up``,
``pay``), checked by the one :class:`~unicom_core.ports.shared.Authorizer` on the session's
own number: a random-password session may do it (F-AUTH-5 lists paying).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import PAY, TOP_UP
from unicom_core.domain.payments import (
    PAYMENT_AMOUNT_NOT_POSITIVE,
    PAYMENT_AMOUNT_TOO_LARGE,
    PAYMENT_METHOD,
    PAYMENT_NOT_TOP_UP_NUMBER,
    PAYMENT_OTHER_CARRIER,
    PAYMENT_OTHERS_DAILY_LIMIT,
    PAYMENT_UNKNOWN_NUMBER,
    PaymentMethod,
    attempt_id,
)
from unicom_core.domain.shared import SHANGHAI, MobileNumber, to_shanghai
from unicom_core.domain.subscribers import ServiceKind, SubscriberStatus
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.payments import bill_collection as collection
from unicom_core.usecases.payments.charging import (
    PaymentResult,
    bill_request,
    charge_opened,
    top_up_request,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from unicom_core.domain.access import Capability
    from unicom_core.domain.catalog import Channel
    from unicom_core.domain.payments import PaymentAttempt
    from unicom_core.domain.shared import Money
    from unicom_core.domain.subscribers import Subscriber
    from unicom_core.errors import UnicomError
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.payments import PaymentUnitOfWork
    from unicom_core.ports.shared import Granted
    from unicom_core.usecases.payments.engine import PaymentEngine
    from unicom_core.usecases.payments.needs import BillPayments

__all__ = ["OtherNumberPayments", "Payee", "carrier_number"]

_TOP_UP_KINDS = frozenset({ServiceKind.MOBILE, ServiceKind.DATA_CARD})


@attrs.frozen(slots=True)
class Payee:
    """What a payer confirms before paying: the number and its holder's masked name.

    ``own``: the number is the payer's customer's own (nothing is counted against the limits).
    """

    number: str
    masked_name: str
    own: bool


def carrier_number(text: str) -> MobileNumber:
    """``text`` as a mobile number of this carrier's segments (not a virtual operator's).

    Raises:
        InvalidInput: ``mobile.format``, ``mobile.segment`` for what is no mobile number.
        Refused: ``payment.other_carrier`` (``carrier``) for another carrier's number.
    """
    number = MobileNumber.parse(text)
    if not number.is_unicom or number.is_virtual:
        carrier = "virtual" if number.is_virtual else number.carrier.value
        raise PAYMENT_OTHER_CARRIER.error(carrier=carrier)
    return number


def _tomorrow(now: datetime) -> datetime:
    day = to_shanghai(now).date()
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=SHANGHAI)


def _take(tx: PaymentUnitOfWork, what: str, payer_id: str, limit: int, now: datetime) -> None:
    """Count one ``what`` of ``payer_id`` today, or refuse beyond ``limit``."""
    day = to_shanghai(now).date().isoformat()
    ends = _tomorrow(now)
    if not tx.counters.try_take(
        f"payment.others.{what}:{payer_id}:{day}", 1, limit, expires_at=ends
    ):
        raise PAYMENT_OTHERS_DAILY_LIMIT.error(what=what, retry_at=ends)


def _holder(tx: PaymentUnitOfWork, number: MobileNumber) -> Subscriber | None:
    found = tx.subscribers.find_by_number(number)
    return None if found is None or found.status is SubscriberStatus.CANCELLED else found


class OtherNumberPayments:
    """Top-ups and bill payments of any number of this carrier, whoever pays (代充/代缴)."""

    def __init__(
        self, engine: PaymentEngine, *, authorizer: ScopedAuthorizer, bills: BillPayments
    ) -> None:
        self._engine, self._authorizer, self._bills = engine, authorizer, bills
        self._reads = GrantedReads(
            engine.storage, engine.clock, authorizer, engine.settings.retry_rule
        )

    def _payer(self, token: str, capability: Capability) -> Subscriber:
        return self._authorizer.authorize(token, capability, None).subscriber

    def payee(self, token: str, number: str) -> Payee:
        """The number and its holder's masked name, for the payer to confirm (F-PAY-1).

        Each lookup counts against ``payee_lookups_per_day`` (found or not, so nobody
        probes the hall's numbers beyond it).

        Raises:
            Refused: ``access.*``; ``payment.other_carrier``; ``payment.others_daily_limit``.
            NotFound: ``payment.unknown_number``.
        """
        payer = self._payer(token, TOP_UP)
        mobile = carrier_number(number)
        limit = self._engine.settings.payee_lookups_per_day

        def work(tx: PaymentUnitOfWork, now: datetime) -> Payee | UnicomError:
            _take(tx, "lookups", payer.id, limit, now)
            holder = _holder(tx, mobile)
            if holder is None:
                return PAYMENT_UNKNOWN_NUMBER.error()
            customer = tx.customers.get(holder.customer_id)
            own = holder.customer_id == payer.customer_id
            return Payee(mobile.value, customer.masked_name(), own=own)

        return self._engine.run(work)

    def _parties(
        self, token: str, capability: Capability, number: str
    ) -> tuple[Subscriber, Subscriber]:
        """The payer and the holder of ``number``: the check and the look-up in one read."""

        def work(
            tx: PaymentUnitOfWork, _now: datetime, grant: Granted
        ) -> tuple[Subscriber, Subscriber] | UnicomError:
            holder = _holder(tx, carrier_number(number))
            if holder is None:
                return PAYMENT_UNKNOWN_NUMBER.error()
            return grant.subscriber, holder

        return self._reads.read(token, capability, None, work)

    def _reserve(
        self, payer: Subscriber, holder: Subscriber
    ) -> tuple[str | None, Callable[[PaymentUnitOfWork, datetime], None]]:
        """The payer named on the attempt (None: their own customer's) and the day's count."""
        if holder.customer_id == payer.customer_id:
            return None, lambda _tx, _now: None
        limit = self._engine.settings.others_payments_per_day
        return payer.id, lambda tx, now: _take(tx, "payments", payer.id, limit, now)

    def _check_blind(self, amount: Money | None) -> None:
        """A stranger names the amount, at most ``max_bill_advance``: nothing owed is shown.

        The cap does not depend on what the account owes, so neither the refusal nor the
        cashier's amount tells a stranger what the holder owes.
        """
        if amount is None:
            raise PAYMENT_AMOUNT_NOT_POSITIVE.error(
                "say how much to pay for another customer's number", field="amount"
            )
        cap = self._engine.settings.max_bill_advance
        if amount > cap:
            raise PAYMENT_AMOUNT_TOO_LARGE.error(
                f"at most {cap} is paid for another customer's number at once",
                field="amount",
                limit=cap,
            )

    def top_up(  # noqa: PLR0913 - the form's fields
        self,
        token: str,
        number: str,
        product_code: str,
        *,
        idempotency_key: str,
        method: PaymentMethod = PaymentMethod.PAGE,
        return_url: str | None = None,
        channel: Channel | None = None,
    ) -> PaymentResult:
        """Top up ``number`` of this carrier for its holder; the payer pays (F-PAY-1, F-PAY-3).

        Raises:
            Refused: as :meth:`payee`, ``payment.not_top_up_number``,
                ``billing.upgrade_payment_pending`` (F-CAL-4).
            NotFound: ``payment.unknown_number``, ``catalog.unknown_product``.
            InvalidInput: ``payment.method`` for a mandate.
        """
        payer, holder = self._parties(token, TOP_UP, number)
        if holder.number.kind not in _TOP_UP_KINDS:
            raise PAYMENT_NOT_TOP_UP_NUMBER.error(kind=holder.number.kind.value)
        if method is PaymentMethod.MANDATE:
            raise PAYMENT_METHOD.error()
        self._bills.payment_advice(holder.id)  # F-CAL-4
        payer_id, count = self._reserve(payer, holder)
        payment_id = attempt_id(payer.id, idempotency_key)
        make, digest = top_up_request(
            self._engine,
            payment_id,
            holder,
            product_code,
            method=method,
            channel=channel,
            payer_id=payer_id,
        )
        attempt, new = self._engine.open(
            payment_id, digest, make, lambda tx, _attempt, now: count(tx, now)
        )
        return charge_opened(self._engine, attempt, new=new, method=method, return_url=return_url)

    def pay_bill(  # noqa: PLR0913 - the form's fields
        self,
        token: str,
        number: str,
        *,
        idempotency_key: str,
        amount: Money | None = None,
        method: PaymentMethod = PaymentMethod.PAGE,
        return_url: str | None = None,
    ) -> PaymentResult:
        """Pay what the account of ``number`` owes, for its holder (代缴; F-PAY-1, F-CAL-2/4).

        As :meth:`PaymentsService.pay_bill
        <unicom_core.usecases.payments.service.PaymentsService.pay_bill>` (one bill payment
        per account at a time), plus the carrier check and the payer's daily limit. For a
        number of another customer the payer names the ``amount`` (at most
        ``max_bill_advance``; what is not owed stays on the holder's balance): what the
        holder owes is never shown to a stranger, not even through a refusal.

        Raises:
            Refused: as :meth:`payee`, ``payment.nothing_owed``,
                ``billing.upgrade_payment_pending``.
            NotFound: ``payment.unknown_number``.
            InvalidInput: ``payment.amount_not_positive``, ``payment.amount_too_large``.
            Conflict: ``payment.bill_payment_open``.
        """
        payer, holder = self._parties(token, PAY, number)
        collection.check_asked(amount)
        advice = self._bills.payment_advice(holder.id)
        payer_id, count = self._reserve(payer, holder)
        if payer_id is not None:
            self._check_blind(amount)
        payment_id = attempt_id(payer.id, idempotency_key)
        make, digest = bill_request(
            self._engine, payment_id, holder, amount, method=method, payer_id=payer_id
        )

        def reserve(tx: PaymentUnitOfWork, attempt: PaymentAttempt, now: datetime) -> None:
            count(tx, now)
            collection.start(tx, attempt)

        attempt, new = self._engine.open(
            payment_id,
            digest,
            make,
            reserve,
            lambda tx: collection.reusable(tx, holder.account_id, digest),
        )
        return charge_opened(
            self._engine, attempt, new=new, method=method, return_url=return_url, advice=advice
        )
