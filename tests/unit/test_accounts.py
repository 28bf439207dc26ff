"""Accounts: balance, credit limit and the invariant between them (F-QRY-1, F-BIZ-7)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.domain.subscribers import (
    Account,
    AccountCredited,
    AccountDebited,
    AccountId,
    CustomerId,
)
from unicom_core.errors import InvalidInput, Refused
from unicom_core.testing.strategies.subscribers import accounts

AT = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)


def an_account(balance: int = 0, limit: int = 0) -> Account:
    return Account(AccountId("a1"), CustomerId("c1"), Money(balance), Money(limit))


# ------------------------------------------------------------------ accounts: F-QRY-1 and F-BIZ-7


def test_credit_and_debit_within_the_credit_limit():
    account = an_account(balance=500, limit=1000)
    assert account.available == Money(1500)
    (credited,) = account.credit(Money(200), at=AT)
    assert credited == AccountCredited(
        aggregate_id="a1",
        occurred_at=AT,
        event_id=credited.event_id,
        amount=Money(200),
        balance=Money(700),
    )
    (debited,) = account.debit(Money(1700), at=AT)
    assert isinstance(debited, AccountDebited)
    assert account.balance == Money(-1000)
    assert account.available == Money(0)
    with pytest.raises(Refused) as raised:
        account.debit(Money(1), at=AT)
    assert raised.value.code == "account.insufficient_funds"
    assert account.balance == Money(-1000)


@pytest.mark.parametrize("bad", [Money(0), Money(-1), 100, None])
def test_amounts_must_be_positive_money(bad):
    account = an_account(balance=500)
    for move in (account.credit, account.debit):
        with pytest.raises(InvalidInput) as raised:
            move(bad, at=AT)
        assert raised.value.code == "account.amount"
    assert account.balance == Money(500)


def test_an_account_is_built_valid():
    for balance, limit, code in ((-1, 0, "account.balance"), (0, -1, "account.credit_limit")):
        with pytest.raises(InvalidInput) as raised:
            an_account(balance, limit)
        assert raised.value.code == code
    with pytest.raises(InvalidInput) as raised:
        Account(AccountId("a1"), CustomerId("c1"), Money(0), Money(0, "USD"))
    assert raised.value.code == "account.currency"
    with pytest.raises(InvalidInput) as raised:
        Account(AccountId("a1"), CustomerId("c1"), 0)
    assert raised.value.code == "account.balance"


def test_the_credit_limit_is_adjusted_but_covers_the_debt():
    account = an_account(balance=-300, limit=500)
    with pytest.raises(Refused) as raised:
        account.change_credit_limit(Money(299), at=AT)
    assert raised.value.code == "account.credit_limit_below_debt"
    with pytest.raises(InvalidInput) as raised:
        account.change_credit_limit(Money(-1), at=AT)
    assert raised.value.code == "account.credit_limit"
    assert account.change_credit_limit(Money(500), at=AT) == ()
    (event,) = account.change_credit_limit(Money(300), at=AT)
    assert (event.previous, event.credit_limit) == (Money(500), Money(300))
    assert account.available == Money(0)


_MOVEMENTS = st.lists(st.tuples(st.booleans(), st.integers(1, 50_000)), max_size=40)


@given(account=accounts(), movements=_MOVEMENTS)
def test_the_balance_never_goes_below_minus_the_credit_limit(account, movements):
    """Property (F-QRY-1, F-BIZ-7): any credits and debits keep balance >= -credit_limit."""
    expected = account.balance
    for is_credit, fen in movements:
        amount = Money(fen)
        if is_credit:
            account.credit(amount, at=AT)
            expected += amount
        elif expected - amount >= -account.credit_limit:
            account.debit(amount, at=AT)
            expected -= amount
        else:
            with pytest.raises(Refused):
                account.debit(amount, at=AT)
        assert account.balance == expected
        assert account.balance >= -account.credit_limit
        assert not account.available.is_negative
