"""Hypothesis strategies for customers, subscribers, accounts and their events (F-QRY-7).

Every strategy builds valid values only; pass the ids a test needs to tie aggregates together
(``subscribers(customer_id=c.id, account_id=a.id)``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeVar

from hypothesis import strategies as st

from unicom_core.domain.subscribers import (
    Account,
    AccountCredited,
    AccountDebited,
    AccountId,
    Customer,
    CustomerId,
    CustomerRealNameChanged,
    NetworkGeneration,
    PaymentMode,
    RealNameStatus,
    ServiceKind,
    ServiceNumber,
    Subscriber,
    SubscriberCancelled,
    SubscriberGenerationUpgraded,
    SubscriberId,
    SubscriberPlanChanged,
    SubscriberReactivated,
    SubscriberStatus,
    SubscriberSuspended,
)
from unicom_core.testing.strategies.calendar import aware_instants
from unicom_core.testing.strategies.identity import (
    broadband_accounts,
    fixed_line_numbers,
    mobile_numbers,
    resident_ids,
)
from unicom_core.testing.strategies.money import money

if TYPE_CHECKING:
    from collections.abc import Callable

    from unicom_core.domain.shared import DomainEvent, ResidentId
    from unicom_core.domain.subscribers import NumberIdentifier

__all__ = [
    "account_ids",
    "accounts",
    "aggregate_ids",
    "customer_ids",
    "customer_names",
    "customers",
    "domain_events",
    "join_dates",
    "plan_codes",
    "puk_codes",
    "service_numbers",
    "subscriber_ids",
    "subscribers",
]

_T = TypeVar("_T")
_MAX_LIMIT_FEN = 10**7  # a credit limit up to ¥100,000
_MAX_BALANCE_FEN = 10**9  # a balance up to ¥10,000,000
_NAME_CHARACTERS = st.characters(categories=("L", "N"))


def aggregate_ids() -> st.SearchStrategy[str]:
    """Aggregate ids as callers make them: uuid4 hex."""
    return st.uuids(version=4).map(lambda u: u.hex)


def customer_ids() -> st.SearchStrategy[CustomerId]:
    """Customer ids."""
    return aggregate_ids().map(CustomerId)


def subscriber_ids() -> st.SearchStrategy[SubscriberId]:
    """Subscriber ids."""
    return aggregate_ids().map(SubscriberId)


def account_ids() -> st.SearchStrategy[AccountId]:
    """Account ids."""
    return aggregate_ids().map(AccountId)


def customer_names() -> st.SearchStrategy[str]:
    """Valid customer names: 1-50 letters or digits, with an inner space or ``·`` sometimes."""
    words = st.text(_NAME_CHARACTERS, min_size=1, max_size=24)
    return st.one_of(
        st.text(_NAME_CHARACTERS, min_size=1, max_size=50),
        st.builds(lambda a, sep, b: f"{a}{sep}{b}", words, st.sampled_from(" ·"), words),
    )


def customers(
    customer_id: CustomerId | None = None,
    resident_id: ResidentId | None = None,
    real_name_status: RealNameStatus | None = None,
) -> st.SearchStrategy[Customer]:
    """New customers (version 0), of any real-name status unless one is given (F-QRY-7)."""
    return st.builds(
        Customer,
        id=_just_or(customer_id, customer_ids()),
        name=customer_names(),
        resident_id=_just_or(resident_id, resident_ids()),
        real_name_status=_just_or(real_name_status, st.sampled_from(RealNameStatus)),
    )


def _just_or(value: _T | None, otherwise: st.SearchStrategy[_T]) -> st.SearchStrategy[_T]:
    return otherwise if value is None else st.just(value)


def service_numbers(kind: ServiceKind | None = None) -> st.SearchStrategy[ServiceNumber]:
    """Numbers of ``kind`` (any kind if None): mobile, data card, fixed line, broadband."""
    identifiers: dict[ServiceKind, Callable[[], st.SearchStrategy[NumberIdentifier]]] = {
        ServiceKind.MOBILE: mobile_numbers,
        ServiceKind.DATA_CARD: mobile_numbers,
        ServiceKind.FIXED_LINE: fixed_line_numbers,
        ServiceKind.BROADBAND: broadband_accounts,
    }
    kinds = st.just(kind) if kind is not None else st.sampled_from(ServiceKind)
    return kinds.flatmap(
        lambda k: identifiers[k]().map(lambda identifier: ServiceNumber.of(identifier, k))
    )


def puk_codes() -> st.SearchStrategy[str]:
    """PUK codes: exactly 8 ASCII digits."""
    return st.text("0123456789", min_size=8, max_size=8)


def plan_codes() -> st.SearchStrategy[str]:
    """Plan references such as ``4G-76`` or ``WO_196``."""
    return st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,15}", fullmatch=True)


def join_dates(
    min_value: dt.date = dt.date(1995, 1, 1), max_value: dt.date = dt.date(2030, 12, 31)
) -> st.SearchStrategy[dt.date]:
    """Network join dates (入网时间)."""
    return st.dates(min_value=min_value, max_value=max_value)


@st.composite
def subscribers(  # noqa: PLR0913 - every tie a test may want to fix is a keyword
    draw: st.DrawFn,
    *,
    customer_id: CustomerId | None = None,
    account_id: AccountId | None = None,
    kind: ServiceKind | None = None,
    status: SubscriberStatus | None = None,
    subscriber_id: SubscriberId | None = None,
) -> Subscriber:
    """New subscribers (version 0); SIM kinds get a generation and a PUK (F-QRY-7)."""
    number = draw(service_numbers(kind))
    sim = number.kind.has_sim
    return Subscriber(
        id=subscriber_id if subscriber_id is not None else draw(subscriber_ids()),
        customer_id=customer_id if customer_id is not None else draw(customer_ids()),
        account_id=account_id if account_id is not None else draw(account_ids()),
        number=number,
        plan_code=draw(plan_codes()),
        joined_on=draw(join_dates()),
        payment_mode=draw(st.sampled_from(PaymentMode)),
        generation=draw(st.sampled_from(NetworkGeneration)) if sim else None,
        puk=draw(puk_codes()) if sim else None,
        status=status if status is not None else draw(st.sampled_from(SubscriberStatus)),
    )


@st.composite
def accounts(
    draw: st.DrawFn,
    *,
    customer_id: CustomerId | None = None,
    account_id: AccountId | None = None,
) -> Account:
    """New accounts (version 0) whose balance respects the credit limit (F-QRY-1, F-BIZ-7)."""
    credit_limit = draw(money(0, _MAX_LIMIT_FEN))
    return Account(
        id=account_id if account_id is not None else draw(account_ids()),
        customer_id=customer_id if customer_id is not None else draw(customer_ids()),
        balance=draw(money(-credit_limit.fen, _MAX_BALANCE_FEN)),
        credit_limit=credit_limit,
    )


def domain_events(aggregate_id: str | None = None) -> st.SearchStrategy[DomainEvent]:
    """Events of customers, subscribers and accounts, as the outbox receives them."""
    base = {
        "aggregate_id": st.just(aggregate_id) if aggregate_id is not None else aggregate_ids(),
        "occurred_at": aware_instants(min_year=2000, max_year=2050),
    }
    statuses = st.sampled_from(SubscriberStatus)
    amounts = money(1, _MAX_LIMIT_FEN)
    balances = money(-_MAX_LIMIT_FEN, _MAX_BALANCE_FEN)
    return st.one_of(
        st.builds(SubscriberSuspended, status=statuses, **base),
        st.builds(SubscriberReactivated, previous=statuses, **base),
        st.builds(SubscriberCancelled, previous=statuses, **base),
        st.builds(
            SubscriberGenerationUpgraded,
            previous=st.sampled_from(NetworkGeneration),
            generation=st.sampled_from(NetworkGeneration),
            **base,
        ),
        st.builds(SubscriberPlanChanged, previous=plan_codes(), plan_code=plan_codes(), **base),
        st.builds(AccountCredited, amount=amounts, balance=balances, **base),
        st.builds(AccountDebited, amount=amounts, balance=balances, **base),
        st.builds(
            CustomerRealNameChanged,
            previous=st.sampled_from(RealNameStatus),
            status=st.sampled_from(RealNameStatus),
            **base,
        ),
    )
