"""Bank-card auto-debit: sign and cancel mandates, debit bills on the bill run, retry (F-PAY-2).

:class:`AutoDebitService` is ``hall.auto_debit``. After the bill run
(``hall.billing.close_cycle``) the carrier calls :meth:`~AutoDebitService.debit_bills`: every
unsettled bill of an account with an active mandate gets one debit (never two: its id is the
mandate's and the bill's), charged at once through the payment port with the mandate's
agreement. A declined try is tried again per the mandate retry schedule
(:class:`~unicom_core.domain.payments.mandates.RetrySchedule`) by :meth:`~AutoDebitService.run_due`,
which the carrier runs every hour or so; it also settles tries whose answer was lost.
A paid debit goes to the bill through the billing area, exactly once (payment id).

A debit is a bill payment like one made by hand (F-PAY-3): it is not charged while a payment
by hand for the account is open (the next pass looks again, and stops the debit once the
bill is paid), and a payment by hand is refused while the debit is collected
(``payment.bill_payment_open``). A debit above ``PaymentSettings.max_charge`` is not charged:
it stops with the reason ``payment.amount_too_large``.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import Capability
from unicom_core.domain.payments import (
    MANDATE_DUPLICATE,
    MANDATE_UNKNOWN,
    AutoDebit,
    AutoDebitStatus,
    Mandate,
    MandateStatus,
    PaymentAttempt,
    PaymentMethod,
    PaymentPurpose,
    attempt_id,
    auto_debit_id,
    card_fingerprint,
    check_key,
    mask_card,
)
from unicom_core.domain.shared import Money, new_id
from unicom_core.errors import InvalidInput, Refused
from unicom_core.ports.payments import ChargeRequest
from unicom_core.ports.shared import PageRequest
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.payments import bill_collection as collection
from unicom_core.usecases.shared import publish

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.billing import Bill
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.payments import PaymentUnitOfWork
    from unicom_core.ports.shared import Granted, Page
    from unicom_core.usecases.payments.engine import PaymentEngine

__all__ = ["AutoDebitReport", "AutoDebitService", "mandate_id"]

HANDLE = Capability("handle.auto_debit")
QUERY = Capability("query.auto_debit")
_PAGE = 100
_SCOPE = "auto-debit"


def mandate_id(subscriber_id: str, idempotency_key: str) -> str:
    """The id of the mandate a subscriber's ``idempotency_key`` signs (``md_`` + 40 hex)."""
    digest = hashlib.sha256(f"{subscriber_id}\x1f{check_key(idempotency_key)}".encode())
    return "md_" + digest.hexdigest()[:40]


def _card_key(subscriber_id: str, fingerprint: str) -> str:
    return f"mandate.card:{subscriber_id}:{fingerprint}"


def _require_new_card(
    tx: PaymentUnitOfWork, subscriber_id: str, account_id: str, fingerprint: str
) -> None:
    """Refuse a second active mandate of one card for one number (``mandate.duplicate``).

    The scan finds the active mandates that keep their card's fingerprint; the counter
    makes two racing signatures of one card take one slot between them.
    """
    for held in tx.mandates.of_account(account_id):
        same = held.subscriber_id == subscriber_id and held.card_digest == fingerprint
        if same and held.status is MandateStatus.ACTIVE:
            raise MANDATE_DUPLICATE.error(mandate_id=held.id)
    if not tx.counters.try_take(_card_key(subscriber_id, fingerprint), 1, 1):
        # A concurrent signature of this card holds the slot (committed or not yet): refuse
        # at once. Re-running until it shows would spend the retries while the other
        # transaction is still open, and then answer ``storage.duplicate`` instead.
        raise MANDATE_DUPLICATE.error()


@attrs.frozen(slots=True)
class AutoDebitReport:
    """What a pass did: debits scheduled, tries charged, debits paid or given up meanwhile."""

    scheduled: int
    charged: tuple[str, ...]
    paid: tuple[str, ...]
    gave_up: tuple[str, ...]


class AutoDebitService:
    """Mandates and the auto-debit of bills (F-PAY-2)."""

    def __init__(self, engine: PaymentEngine, *, authorizer: ScopedAuthorizer) -> None:
        self._engine, self._authorizer = engine, authorizer
        self._reads = GrantedReads(
            engine.storage, engine.clock, authorizer, engine.settings.retry_rule
        )

    # ------------------------------------------------------------------ mandates

    def sign(  # noqa: PLR0913 - the mandate form's fields
        self,
        token: str,
        bank: str,
        card_number: str,
        *,
        agreement: str | None = None,
        limit: Money | None = None,
        number: NumberIdentifier | None = None,
        idempotency_key: str | None = None,
    ) -> Mandate:
        """Sign a mandate for the number's account (the card is kept masked only).

        ``agreement`` is the provider's reference of the signed agreement (Alipay's
        ``agreement_no``); the sandbox accepts any, so it defaults to a digest of the card.
        ``idempotency_key`` (a form's hidden key): the same key again returns the mandate
        the first call signed, so a form sent twice signs once (F-PAY-2). One card has at
        most one active mandate per number, counted atomically (a storage counter per
        number and card, given back when the mandate is cancelled).

        Raises:
            InvalidInput: ``mandate.card`` (digits, Luhn), ``mandate.bank``,
                ``payment.key`` for a malformed key.
            Conflict: ``mandate.duplicate`` for a card that already has an active mandate
                for this number (``mandate_id``: the active one, unless a racing signature
                of the card still holds it).
        """
        masked = mask_card(card_number)
        fingerprint = card_fingerprint(self._engine.settings.card_pepper, card_number)
        subscriber = self._authorizer.authorize(token, HANDLE, number).subscriber
        reference = agreement or "agr_" + hashlib.sha256(card_number.encode()).hexdigest()[:32]
        known_id = None if idempotency_key is None else mandate_id(subscriber.id, idempotency_key)

        def work(tx: PaymentUnitOfWork, now: datetime) -> Mandate:
            found = None if known_id is None else tx.mandates.find(known_id)
            if found is not None:
                return found
            _require_new_card(tx, subscriber.id, subscriber.account_id, fingerprint)
            mandate = Mandate(
                known_id or new_id(),
                subscriber.id,
                subscriber.account_id,
                bank,
                masked,
                reference,
                now,
                limit,
                card_digest=fingerprint,
            )
            tx.mandates.add(mandate)
            publish(tx, mandate.signed())
            return mandate

        return self._engine.run(work)

    def cancel(self, token: str, mandate_id: str) -> Mandate:
        """Cancel one of the number's mandates; no bill is debited under it any more."""
        subscriber = self._authorizer.authorize(token, HANDLE, None).subscriber

        def work(tx: PaymentUnitOfWork, now: datetime) -> Mandate:
            mandate = tx.mandates.find(mandate_id)
            if mandate is None or mandate.account_id != subscriber.account_id:
                raise MANDATE_UNKNOWN.error()
            events = mandate.cancel(at=now)
            if events:
                if mandate.card_digest:
                    tx.counters.release(_card_key(mandate.subscriber_id, mandate.card_digest), 1)
                tx.mandates.save(mandate)
                publish(tx, events)
            return mandate

        return self._engine.run(work)

    def mandates(self, token: str, number: NumberIdentifier | None = None) -> tuple[Mandate, ...]:
        """The mandates of the number's account, active or cancelled (one read-only read)."""

        def work(tx: PaymentUnitOfWork, _now: datetime, grant: Granted) -> tuple[Mandate, ...]:
            return tuple(tx.mandates.of_account(grant.subscriber.account_id))

        return self._reads.read(token, QUERY, number, work)

    def debits(
        self, token: str, mandate_id: str, page: PageRequest | None = None
    ) -> Page[AutoDebit]:
        """The debits made under one of the number's mandates (F-PAY-2 payment records)."""
        wanted = page if page is not None else PageRequest()

        def work(tx: PaymentUnitOfWork, _now: datetime, grant: Granted) -> Page[AutoDebit]:
            mandate = tx.mandates.find(mandate_id)
            if mandate is None or mandate.account_id != grant.subscriber.account_id:
                raise MANDATE_UNKNOWN.error()
            return tx.auto_debits.of_mandate(mandate_id, wanted)

        return self._reads.read(token, QUERY, None, work)

    # ------------------------------------------------------------------ the bill run

    def debit_bills(self) -> AutoDebitReport:
        """Schedule a debit for every unsettled bill under an active mandate, then charge."""
        scheduled, cursor = 0, None
        while True:
            page = self._bills_after(cursor)
            if not page:
                break
            scheduled += self._schedule(page)
            cursor = page[-1].id
        report = self.run_due()
        return attrs.evolve(report, scheduled=scheduled)

    def _bills_after(self, after: str | None) -> list[Bill]:
        return self._engine.run(lambda tx, _now: list(tx.bills.unsettled_after(after, _PAGE)))

    def _schedule(self, bills: list[Bill]) -> int:
        return self._engine.run(lambda tx, now: _schedule(tx, now, bills))

    def _open_after(self, after: str | None) -> list[AutoDebit]:
        return self._engine.run(lambda tx, _now: list(tx.auto_debits.open_after(after, _PAGE)))

    def run_due(self) -> AutoDebitReport:
        """Charge the debits due now, and settle the tries whose answer is not known yet."""
        found: dict[str, list[str]] = {"charged": [], "paid": [], "gave_up": []}
        cursor: str | None = None
        while True:
            page = self._open_after(cursor)
            if not page:
                return AutoDebitReport(
                    0, tuple(found["charged"]), tuple(found["paid"]), tuple(found["gave_up"])
                )
            for debit in page:
                found.get(self._step(debit), []).append(debit.id)
            cursor = page[-1].id

    def _step(self, debit: AutoDebit) -> str:
        if debit.status is AutoDebitStatus.IN_FLIGHT and debit.payments:
            self._engine.settle(debit.payments[-1])
        elif debit.is_due(self._engine.clock.now()):
            request = self._engine.run(lambda tx, now: self._start(tx, now, debit.id))
            if request is not None:
                self._engine.charge(request)
                status = self._status(debit.id)
                return "charged" if status == AutoDebitStatus.IN_FLIGHT.value else status
        return self._status(debit.id)

    def _status(self, debit_id: str) -> str:
        found = self._engine.run(lambda tx, _now: tx.auto_debits.get(debit_id))
        return {AutoDebitStatus.PAID: "paid", AutoDebitStatus.GAVE_UP: "gave_up"}.get(
            found.status, found.status.value
        )

    def _start(self, tx: PaymentUnitOfWork, now: datetime, debit_id: str) -> ChargeRequest | None:
        debit = tx.auto_debits.get(debit_id)
        mandate, bill = tx.mandates.get(debit.mandate_id), tx.bills.find(debit.bill_id)
        owed = bill.owed_at(now) if bill is not None else Money.zero()
        if not debit.is_due(now) or not mandate.is_active or not owed.is_positive:
            if debit.is_due(now):
                debit.stop("mandate cancelled" if not mandate.is_active else "bill paid")
                tx.auto_debits.save(debit)
            return None
        if collection.collecting(tx, mandate.account_id) is not None:
            return None  # paid by hand right now (F-PAY-3): the next pass looks again
        try:
            amount = mandate.debit_amount(owed)
            collection.check_charge(amount, self._engine.settings.max_charge)
        except (Refused, InvalidInput) as refusal:  # recorded on the debit; the pass goes on
            debit.stop(refusal.code)
            tx.auto_debits.save(debit)
            return None
        attempt, events = PaymentAttempt.create(
            attempt_id(_SCOPE, debit.next_key),
            purpose=PaymentPurpose.AUTO_DEBIT,
            subscriber_id=mandate.subscriber_id,
            account_id=mandate.account_id,
            amount=amount,
            credit=amount,
            method=PaymentMethod.MANDATE,
            gateway=self._engine.gateway.name,
            at=now,
            expires_in=self._engine.settings.payment_window,
            item_id=debit.id,
            subject=f"银行卡代扣 {debit.bill_id}",
        )
        debit.started(attempt.id)
        tx.auto_debits.save(debit)
        tx.payment_attempts.add(attempt)
        collection.start(tx, attempt)
        publish(tx, events)
        return ChargeRequest(
            idempotency_key=attempt.id,
            amount=amount,
            subject=attempt.subject,
            method=PaymentMethod.MANDATE,
            mandate=mandate.agreement,
        )


def _schedule(tx: PaymentUnitOfWork, now: datetime, bills: list[Bill]) -> int:
    count = 0
    for bill in bills:
        owed = bill.owed_at(now)
        if not owed.is_positive:
            continue
        mandates = tx.mandates.of_account(bill.account_id)
        active = [m for m in mandates if m.is_active]
        if not active or any(tx.auto_debits.find(auto_debit_id(m.id, bill.id)) for m in mandates):
            continue  # no mandate, or a mandate debits this bill already
        tx.auto_debits.add(AutoDebit.schedule(active[0], bill.id, owed, at=now))
        count += 1
    return count
