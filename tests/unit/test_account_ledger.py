"""The account's ledger and its one collected bill payment (F-PAY-1, F-PAY-3, F-QRY-1).

The law: ``balance == opening_balance + sum(ledger)``; each credit and debit posts one entry
naming what moved the money; an account whose body breaks the law is refused. An account
collects at most one bill payment at a time.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.domain.subscribers import Account, AccountId, CustomerId, LedgerEntry
from unicom_core.errors import Conflict, InvalidInput, Refused
from unicom_core.serialization import structure, unstructure

AT = dt.datetime(2016, 5, 17, 10, tzinfo=SHANGHAI)


def account(balance=0, limit=0):
    return Account(AccountId("a1"), CustomerId("c1"), Money(balance), Money(limit))


postings = st.lists(st.tuples(st.booleans(), st.integers(1, 10**6)), max_size=20)


@given(st.integers(0, 10**6), postings)
def test_the_balance_is_the_opening_balance_plus_the_ledger(opening, moves):
    acc = account(opening, limit=10**8)
    expected = opening
    for n, (is_credit, fen) in enumerate(moves):
        if is_credit:
            acc.credit(Money(fen), at=AT, reference=f"pa_{n}")
            expected += fen
        else:
            acc.debit(Money(fen), at=AT, reference=f"rf_{n}")
            expected -= fen
    assert acc.balance == Money(expected)
    assert acc.opening_balance == Money(opening)
    assert acc.balance == acc.opening_balance + Money.total(e.amount for e in acc.ledger)
    assert [e.reference for e in acc.ledger] == [
        f"{'pa' if c else 'rf'}_{n}" for n, (c, _) in enumerate(moves)
    ]
    assert structure(unstructure(acc), Account) == acc


def test_a_refused_debit_posts_nothing():
    acc = account(100)
    with pytest.raises(Refused):
        acc.debit(Money(101), at=AT, reference="x")
    assert acc.ledger == ()
    assert acc.balance == Money(100)


def test_a_body_whose_ledger_does_not_add_up_is_refused():
    body = unstructure(account(100))
    body["ledger"] = [unstructure(LedgerEntry(Money(5), AT, "pa_1"))]
    with pytest.raises(InvalidInput) as refused:
        structure(body, Account)
    assert refused.value.code == "account.ledger"


def test_a_body_stored_before_the_ledger_opens_with_its_balance():
    body = unstructure(account(4200))
    for key in ("ledger", "opening_balance", "collecting"):
        del body[key]
    loaded = structure(body, Account)
    assert loaded.opening_balance == Money(4200)
    assert loaded.ledger == ()
    assert loaded.collecting is None


def test_one_bill_payment_is_collected_at_a_time():
    acc = account()
    acc.start_collecting("pa_first")
    acc.start_collecting("pa_first")  # the same one again changes nothing
    with pytest.raises(Conflict) as clash:
        acc.start_collecting("pa_second")
    assert clash.value.code == "payment.bill_payment_open"
    assert clash.value.data["payment_id"] == "pa_first"
    assert not acc.stop_collecting("pa_second")
    assert acc.stop_collecting("pa_first")
    acc.start_collecting("pa_second")
    assert acc.collecting == "pa_second"
