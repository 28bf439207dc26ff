"""Enrolment (开户) by the back office: ``hall.subscribers.enrol`` (F-REAL-1, F-REAL-2, F-SHOP-3).

:class:`SubscribersService` is ``hall.subscribers``. Its one use case, :meth:`~SubscribersService.
enrol`, opens a mobile number for a holder in one transaction, through the same
:func:`~unicom_core.usecases.subscribers.enrol_number` as the shop's signed delivery:

1. every input is read first, each bad one a typed error (``enrolment.parameter``,
   ``resident_id.*``, ``subscriber.number``, ``customer.name``, ``catalog.unknown_product``,
   ``enrolment.payment_mode``, ``enrolment.credit_limit``, ``enrolment.joined_on``,
   ``bundle.*`` and ``handling.pack_not_offered`` for packs): nothing is written;
2. the holder's name and resident ID are checked through the identity port (F-REAL-1):
   ``enrolment.identity_mismatch`` / ``enrolment.identity_deceased``, or
   ``enrolment.identity_unavailable`` when the port cannot answer; nothing is written;
3. one transaction finds the customer holding the resident ID (or makes a VERIFIED one),
   holds the number's slot under the cap of five numbers per ID (F-REAL-2,
   ``realname.cap_reached``), opens a prepaid or postpaid account (credit limit, pre-stored
   credit), stores the subscriber ACTIVE on its plan (the plan's network generation), holds
   its packs in its billing profile (as a handling does: a combination plan's tiers form a
   valid bundle, F-BUN-2; other packs are data packs for the number's generation, F-BIZ-2; a
   term pack ends after its term) and stores its initial service password, hashed; the holder
   changes it before the first login (F-AUTH-4);
4. after the commit the password is sent by SMS to the new number (a failed SMS is reported
   as ``password_sent=False``: the holder may reset it by an SMS code); a password the
   holder typed at the counter (``initial_password``) is not sent.

A second number may join an existing account of the same holder (``account_id``:
``enrolment.account_unknown``, ``enrolment.account_holder``), and a back-office migration
may fix the new records' ids (``ids``, :class:`EnrolmentIds`: ``enrolment.id_taken`` when
an id is another record's); both are checked in the transaction.

Idempotent per request id: the ids of the new subscriber and account are digests of the
request id, so the same request asked again (a retry after a timeout, two racing calls)
answers the stored enrolment (``replayed=True``, no second password); the same request id
for another number is ``enrolment.request_reused``, and another request for a number held
already is ``storage.duplicate_number``.

Called with an ``actor`` (an operator client id or ``cli:<name>``), the enrolment writes an
``subscriber.enrolled`` audit entry in its transaction (F-AUTH-6): the request id, the plan
and the packs, on the new account and number; a replay writes none.
"""

from __future__ import annotations

import contextlib
import secrets
from datetime import date, datetime, time
from typing import TYPE_CHECKING, TypeVar

import attrs

from unicom_core.domain.access import LoginCredential, ServicePassword
from unicom_core.domain.billing import BillingProfile, PackHolding
from unicom_core.domain.handling import (
    ENROLMENT_CREDIT_LIMIT,
    ENROLMENT_ID_TAKEN,
    ENROLMENT_IDENTITY_DECEASED,
    ENROLMENT_IDENTITY_MISMATCH,
    ENROLMENT_IDENTITY_UNAVAILABLE,
    ENROLMENT_REQUEST_REUSED,
)
from unicom_core.domain.shared import (
    SHANGHAI,
    STORAGE_DUPLICATE,
    STORAGE_DUPLICATE_NUMBER,
    MobileNumber,
    Money,
    ResidentId,
    to_shanghai,
)
from unicom_core.domain.subscribers import Account, Customer, PaymentMode, Subscriber
from unicom_core.errors import AdapterError
from unicom_core.ports.subscribers import IdentityAnswer
from unicom_core.usecases.access import audit_by, audited
from unicom_core.usecases.handling import enrolment_input as read
from unicom_core.usecases.handling.data_pack import term_end
from unicom_core.usecases.handling.enrolment_checks import offered_packs, stored_catalog
from unicom_core.usecases.handling.enrolment_input import EnrolmentIds, check_targets
from unicom_core.usecases.shared import RetryRule, publish, put, run
from unicom_core.usecases.subscribers import Opening, enrol_number

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from unicom_core.domain.shared import DomainEvent
    from unicom_core.ports.access import MessageSender, PasswordHasher
    from unicom_core.ports.shared import Clock
    from unicom_core.ports.storage import Storage, UnitOfWork
    from unicom_core.ports.subscribers import IdentityVerifier

__all__ = ["Enrolled", "SubscribersService"]

_PASSWORD_DIGITS = 6
_T = TypeVar("_T")
_RULE = RetryRule(
    3, also_on=frozenset({STORAGE_DUPLICATE.code, STORAGE_DUPLICATE_NUMBER.code})
)  # a racing twin of the same request added the same ids first: re-run, answer it


@attrs.frozen(slots=True, kw_only=True)
class Enrolled:
    """What :meth:`SubscribersService.enrol` answers: the stored customer, account, number.

    ``packs``: the pack codes the number's billing profile holds; ``replayed``: True when the
    request was enrolled before (nothing was written now); ``password_sent``: whether the
    initial service password reached the SMS service now (never on a replay).
    """

    customer: Customer
    account: Account
    subscriber: Subscriber
    packs: tuple[str, ...]
    replayed: bool = False
    password_sent: bool = False


@attrs.frozen(slots=True, kw_only=True)
class _Request:
    """An enrolment request read and checked (module docstring, step 1)."""

    request_id: str
    opening: Opening
    name: str
    resident_id: ResidentId
    number: str
    plan_code: str
    payment_mode: PaymentMode
    packs: tuple[str, ...]
    prestore: Money | None
    actor: str | None = None
    ids_given: bool = False


def _initial_password() -> str:
    return f"{secrets.randbelow(10**_PASSWORD_DIGITS):0{_PASSWORD_DIGITS}d}"


class SubscribersService:
    """The back office's subscribers area of the hall: enrolment (module docstring).

    Args:
        storage: the hall's storage.
        clock: the hall's clock.
        identity: the identity port the holder's name and resident ID are checked by.
        hasher: hashes the initial service password (the access area's hasher).
        messages: sends the initial service password by SMS.
        catalog_id: the catalogue the plans and packs come from.
    """

    def __init__(  # noqa: PLR0913 - the ports enrolment uses, by name
        self,
        storage: Storage,
        clock: Clock,
        *,
        identity: IdentityVerifier,
        hasher: PasswordHasher,
        messages: MessageSender,
        catalog_id: str,
    ) -> None:
        self._storage, self._clock, self._identity = storage, clock, identity
        self._hasher, self._messages, self._catalog_id = hasher, messages, catalog_id

    def enrol(  # noqa: PLR0913 - an enrolment is exactly these facts
        self,
        *,
        request_id: str,
        name: str,
        resident_id: str,
        number: str,
        plan_code: str,
        packs: Sequence[str] = (),
        payment_mode: PaymentMode | str = PaymentMode.PREPAID,
        credit_limit: Money | None = None,
        prestore: Money | None = None,
        joined_on: date | None = None,
        account_id: str | None = None,
        ids: EnrolmentIds | None = None,
        initial_password: str | None = None,
        actor: str | None = None,
    ) -> Enrolled:
        """Open mobile ``number`` on ``plan_code`` for the holder (module docstring).

        ``credit_limit`` is a postpaid account's (default zero); ``prestore`` is credited to
        the new account; ``joined_on`` (default today) is for numbers moved in from another
        system, keeping their network age; ``account_id`` names an existing account of the
        same holder that the number joins (a second number on one account: no account is
        opened, ``prestore`` is credited to it, ``credit_limit`` is not given); ``ids`` fixes
        the new records' ids (a migration); ``initial_password`` is six digits the holder
        typed on the counter's keypad (default: six random digits, sent by SMS; a typed one
        is not sent), initial all the same; ``actor`` (optional) audits the enrolment.

        Raises:
            InvalidInput: ``operator.actor``, ``enrolment.parameter``, ``enrolment.credit_limit``,
                ``enrolment.joined_on``, ``handling.request_id``, ``resident_id.*``,
                ``password.*`` (a typed initial password),
                ``subscriber.number``, ``customer.name``, ``bundle.*``.
            NotFound: ``catalog.unknown_product``, ``catalog.not_installed``,
                ``enrolment.account_unknown``.
            Refused: ``enrolment.identity_*``, ``enrolment.payment_mode``,
                ``enrolment.account_holder``, ``handling.pack_not_offered``,
                ``realname.cap_reached``.
            Conflict: ``enrolment.request_reused``, ``enrolment.id_taken``,
                ``storage.duplicate_number``.
        """
        today = to_shanghai(self._clock.now(), field="clock").date()
        typed = None if initial_password is None else ServicePassword(initial_password).digits
        fixed = (ids or EnrolmentIds()).checked()
        existing = read.existing_account(account_id, fixed, credit_limit)
        customer_id, new_account_id, subscriber_id = read.opening_ids(
            request_id, fixed, account_id if existing else None
        )
        request = _Request(
            request_id=request_id,
            opening=Opening(
                subscriber_id=subscriber_id,
                account_id=new_account_id,
                credit_limit=read.money(credit_limit, "credit_limit"),
                joined_on=read.joined_on(joined_on, today),
                customer_id=customer_id,
                on_existing_account=existing,
            ),
            name=read.name(name),
            resident_id=ResidentId.parse(resident_id),
            number=read.number(number),
            plan_code=plan_code,
            payment_mode=read.payment_mode(payment_mode),
            packs=read.packs(packs),
            prestore=read.money(prestore, "prestore"),
            actor=None if actor is None else audited(actor),
            ids_given=fixed.subscriber is not None,
        )
        limit = request.opening.credit_limit
        if limit is not None and limit.is_positive and request.payment_mode is PaymentMode.PREPAID:
            raise ENROLMENT_CREDIT_LIMIT.error(payment_mode=request.payment_mode.value)
        found = self._run(lambda tx, now: self._check(tx, request, now), readonly=True)
        return found if found is not None else self._open(request, typed)

    def _open(self, request: _Request, typed: str | None) -> Enrolled:
        """Verify the holder, write the enrolment, send a random initial password by SMS."""
        self._verify(request)
        password = typed or _initial_password()
        password_hash = self._hasher.hash(password)
        enrolled = self._run(lambda tx, now: self._write(tx, request, password_hash, now))
        if enrolled.replayed or typed is not None:
            return enrolled
        text = f"您的号码{request.number}已开通，初始服务密码为{password}，请修改后登录。"
        with contextlib.suppress(AdapterError):  # the holder may reset it by an SMS code
            self._messages.send_sms(MobileNumber(request.number), text)
            return attrs.evolve(enrolled, password_sent=True)
        return enrolled

    def _run(self, work: Callable[[UnitOfWork, datetime], _T], *, readonly: bool = False) -> _T:
        return run(self._storage, self._clock, work, _RULE, readonly=readonly)

    def _check(self, tx: UnitOfWork, request: _Request, now: datetime) -> Enrolled | None:
        """The stored enrolment of the request, if any; otherwise check it against the store."""
        replay = _replay(tx, request)
        if replay is not None:
            return replay
        if tx.subscribers.find_by_number(MobileNumber(request.number)) is not None:
            raise STORAGE_DUPLICATE_NUMBER.error(field="number", kind="subscriber")
        check_targets(tx, request.opening, request.resident_id)
        offered_packs(stored_catalog(tx, self._catalog_id), request, now)
        return None

    def _verify(self, request: _Request) -> None:
        """Ask the identity port about the holder (F-REAL-1; module docstring, step 2)."""
        try:
            answer = self._identity.verify(request.name, request.resident_id)
        except AdapterError as error:
            raise ENROLMENT_IDENTITY_UNAVAILABLE.error() from error
        if answer is IdentityAnswer.DECEASED:
            raise ENROLMENT_IDENTITY_DECEASED.error()
        if answer is not IdentityAnswer.MATCH:
            raise ENROLMENT_IDENTITY_MISMATCH.error()

    def _write(
        self, tx: UnitOfWork, request: _Request, password_hash: str, now: datetime
    ) -> Enrolled:
        """The one transaction of an enrolment (module docstring, step 3)."""
        replay = _replay(tx, request)
        if replay is not None:
            return replay
        if tx.subscribers.find_by_number(MobileNumber(request.number)) is not None:
            raise STORAGE_DUPLICATE_NUMBER.error(field="number", kind="subscriber")
        check_targets(tx, request.opening, request.resident_id)
        catalog = stored_catalog(tx, self._catalog_id)
        packs = offered_packs(catalog, request, now)
        generation = catalog.plan(request.plan_code).generation
        enrolment = enrol_number(
            tx,
            name=request.name,
            resident_id=request.resident_id,
            number=request.number,
            plan_code=request.plan_code,
            at=now,
            prestore=request.prestore,
            payment_mode=request.payment_mode,
            opening=attrs.evolve(request.opening, generation=generation),
        )
        subscriber = enrolment.subscriber
        events: list[DomainEvent] = list(enrolment.events)
        if packs:
            joined = subscriber.joined_on
            starts = now if joined == now.date() else datetime.combine(joined, time(), SHANGHAI)
            profile = BillingProfile(subscriber.id)
            for pack in packs:
                holding = PackHolding(pack.code, starts, term_end(pack, starts))
                events += profile.hold_pack(holding, at=now)
            put(tx.billing_profiles, profile)
        tx.credentials.add(LoginCredential(subscriber.id, password_hash, now))
        publish(tx, events)
        if request.actor is not None:
            facts = {"request_id": request.request_id, "plan": request.plan_code}
            facts["packs"] = " ".join(pack.code for pack in packs)
            audit_by(
                tx, request.actor, "subscriber.enrolled", now, parameters=facts, subject=subscriber
            )
        return Enrolled(
            customer=enrolment.customer,
            account=enrolment.account,
            subscriber=subscriber,
            packs=tuple(pack.code for pack in packs),
        )


def _replay(tx: UnitOfWork, request: _Request) -> Enrolled | None:
    """The stored enrolment of the request's ids; ``enrolment.request_reused`` if another."""
    subscriber_id = request.opening.subscriber_id
    subscriber = tx.subscribers.find(subscriber_id) if subscriber_id is not None else None
    if subscriber is None:
        return None
    customer = tx.customers.get(subscriber.customer_id)
    if subscriber.number.value != request.number or customer.resident_id != request.resident_id:
        if request.ids_given:
            raise ENROLMENT_ID_TAKEN.error(field="subscriber_id", id=subscriber_id)
        raise ENROLMENT_REQUEST_REUSED.error(request_id=request.request_id)
    profile = tx.billing_profiles.find(subscriber.id)
    held = tuple(h.pack_code for h in profile.packs) if profile is not None else ()
    return Enrolled(
        customer=customer,
        account=tx.accounts.get(subscriber.account_id),
        subscriber=subscriber,
        packs=held,
        replayed=True,
    )
