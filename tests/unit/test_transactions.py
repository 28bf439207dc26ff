"""The one transaction kernel, the composed services and the one payment engine.

Every use case of every area runs through :func:`unicom_core.usecases.shared.run`: the work
sees the clock's instant in Beijing time (F-CAL-1), a version clash is always retried, a
``storage.duplicate`` only where the caller's rule says so, and a returned error is raised
after its writes commit (F-AUTH-7's counted failures rely on it).
"""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
from hypothesis import given
from hypothesis import strategies as st
from unicom_payments import SandboxPaymentGateway

from unicom_core.domain.payments import InvoiceKind
from unicom_core.domain.shared import LoginType
from unicom_core.errors import Conflict, InvalidInput, Refused
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.storage import MemoryStorage
from unicom_core.testing.worlds.access import AccessWorld
from unicom_core.testing.worlds.payments import PaymentWorld
from unicom_core.usecases.access import AccessLogins, AccessPurge, AccessService, AccessSessions
from unicom_core.usecases.billing import (
    BillingAccounts,
    BillingProfiles,
    BillingQueries,
    BillingService,
    BillRunner,
    UsageIntake,
)
from unicom_core.usecases.shared import RetryRule, run

UTC_NOON = dt.datetime(2016, 5, 17, 4, 0, tzinfo=dt.UTC)  # 12:00 in Beijing
BEIJING = dt.timedelta(hours=8)
VERSION = "storage.version_conflict"
DUPLICATE = "storage.duplicate"


class Clashing:
    """A work that raises ``code`` on its first ``times`` calls, then answers its instant."""

    def __init__(self, code: str, times: int) -> None:
        self.code, self.times, self.calls = code, times, 0

    def __call__(self, _tx, now):
        self.calls += 1
        if self.calls <= self.times:
            raise Conflict(self.code, "another writer won")
        return now


def taken(storage, key):
    with storage.transaction() as tx:
        return tx.counters.taken(key)


# ------------------------------------------------------------------ the instant


def test_the_work_gets_the_clock_instant_in_beijing_time():
    now = run(MemoryStorage(), SettableClock(UTC_NOON), lambda _tx, now: now, RetryRule(1))
    assert now == UTC_NOON
    assert now.utcoffset() == BEIJING


def test_an_access_use_case_stamps_beijing_time_from_a_utc_clock():
    """F-CAL-1: the access copy passed the raw clock instant; every area now gets Beijing."""
    world = AccessWorld(clock=SettableClock(UTC_NOON))
    world.enrolled("18612345678")
    result = world.service.login_with_password(
        LoginType.MOBILE, "18612345678", "284615", client="c"
    )
    assert result.session.opened_at == UTC_NOON
    assert result.session.opened_at.utcoffset() == BEIJING


# ------------------------------------------------------------------ the retry rule


@given(attempts=st.integers(1, 6), clashes=st.integers(0, 8))
def test_a_version_clash_is_retried_up_to_the_attempts(attempts, clashes):
    work = Clashing(VERSION, clashes)
    clock = SettableClock(UTC_NOON)
    if clashes < attempts:
        assert run(MemoryStorage(), clock, work, RetryRule(attempts)) == UTC_NOON
        assert work.calls == clashes + 1
    else:
        with pytest.raises(Conflict) as raised:
            run(MemoryStorage(), clock, work, RetryRule(attempts))
        assert raised.value.code == VERSION
        assert work.calls == attempts


def test_a_duplicate_is_not_retried_unless_the_rule_names_it():
    """The billing copy retried a duplicate only for a bill-run chunk, the payments copy always."""
    clock = SettableClock(UTC_NOON)
    work = Clashing(DUPLICATE, 1)
    with pytest.raises(Conflict) as raised:
        run(MemoryStorage(), clock, work, RetryRule(5))
    assert (raised.value.code, work.calls) == (DUPLICATE, 1)
    work = Clashing(DUPLICATE, 1)
    assert run(MemoryStorage(), clock, work, RetryRule(5, frozenset({DUPLICATE}))) == UTC_NOON
    assert work.calls == 2


def test_another_error_is_raised_at_once_and_rolls_back():
    storage, calls = MemoryStorage(), []

    def work(tx, now):
        calls.append(now)
        tx.counters.try_take("k", 1, 10)
        raise Refused("test.refused", "no")

    with pytest.raises(Refused):
        run(storage, SettableClock(UTC_NOON), work, RetryRule(5, frozenset({DUPLICATE})))
    assert len(calls) == 1
    assert taken(storage, "k") == 0


def test_a_returned_error_is_raised_after_its_writes_commit():
    """The billing copy returned such an error as a result instead of raising it."""
    storage = MemoryStorage()

    def work(tx, _now):
        tx.counters.try_take("k", 1, 10)
        return Refused("test.refused", "counted, then refused")

    with pytest.raises(Refused) as raised:
        run(storage, SettableClock(UTC_NOON), work, RetryRule(1))
    assert raised.value.code == "test.refused"
    assert taken(storage, "k") == 1


@pytest.mark.parametrize("attempts", [0, -1, True, 1.5, "3"])
def test_a_rule_runs_the_work_at_least_once(attempts):
    with pytest.raises(InvalidInput) as raised:
        RetryRule(attempts)
    assert raised.value.code == "transaction.retry_rule"


# ------------------------------------------------------------------ composed services


def _public(cls):
    return {
        name
        for name, _ in inspect.getmembers(cls)
        if not name.startswith("_") and name not in {"run", "hasher"}
    }


@pytest.mark.parametrize(
    ("service", "parts"),
    [
        (
            BillingService,
            (BillingQueries, BillingProfiles, UsageIntake, BillRunner, BillingAccounts),
        ),
        (AccessService, (AccessSessions, AccessLogins, AccessPurge)),
    ],
)
def test_a_service_offers_every_use_case_of_its_parts_and_extends_none(service, parts):
    assert service.__bases__ == (object,)
    # Building blocks a part lends to another part's transaction, not use cases of their own
    # (``ingest_in``: the operators' posted usage runs the feed's ingestion in its audit's tx;
    # ``bill_accounts``: a partition of a split bill run bills its chunk in its own tx).
    helpers = {
        "bill_accounts",
        "open_session",
        "gate",
        "credential_of",
        "dummy_hash",
        "new_token",
        "captcha_check",
        "ingest_in",
    }
    for part in parts:
        assert _public(part) - helpers <= _public(service), part.__name__


# ------------------------------------------------------------------ one payment engine


def test_one_engine_serves_every_payment_area_and_a_refund_red_letters_once():
    """F-QRY-6: the invoice area handles the engine's refund hook; there is no second engine."""
    world = PaymentWorld(SandboxPaymentGateway())
    engine = world.hall.payments.engine
    for area in (world.hall.recharge_cards, world.hall.invoices, world.hall.auto_debit):
        assert [v for v in vars(area).values() if type(v) is type(engine)] == [engine]
    seen = []
    engine.when_refunded(seen.append)
    _, token = world.customer("18612345678")
    payment = world.payments.top_up(token, "top-up-50", idempotency_key="k").payment
    world.invoices.issue(token, payment.id)
    world.payments.refund(payment.id, idempotency_key="r")
    world.payments.refund(payment.id, idempotency_key="r")  # asked again: no second call
    assert seen == [payment.id]
    kinds = [invoice.kind for invoice in world.invoices.invoices(token).items]
    assert sorted(kind.value for kind in kinds) == sorted(
        [InvoiceKind.BLUE.value, InvoiceKind.RED.value]
    )
