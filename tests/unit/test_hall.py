"""The hall's own use case: the bill run as scheduled, with the auto-debit (F-PAY-2, F-QRY-3)."""

from __future__ import annotations

import datetime as dt

from unicom_core.domain.billing import bill_id
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.testing.worlds.billing import BillingWorld

MAY = BillingCycle(2016, 5)
CARD = "6222020200112233446"  # passes the Luhn check


def owed(world: BillingWorld, account_id: str) -> Money:
    with world.storage.transaction() as tx:
        return tx.bills.get(bill_id(account_id, MAY)).owed_at(world.clock.now())


def test_f_pay_2_closing_a_cycle_bills_everyone_and_debits_only_the_mandated_bills():
    world = BillingWorld()
    mandated = world.add_number("18612345678", packs=("data-1gb",))
    plain = world.add_number("18612345679", packs=("data-1gb",))
    world.hall.auto_debit.sign(world.login(mandated), "工商银行", CARD)
    world.move_to(dt.datetime(2016, 6, 1, 2, 0, tzinfo=SHANGHAI))

    report = world.hall.run_bill_cycle(MAY)

    assert report.bill_run.bills == 2
    assert report.auto_debit.scheduled == 1
    assert len(report.auto_debit.paid) == 1
    assert owed(world, mandated.account_id) == Money.zero()
    # The 48元/1GB pack held all month is owed in full by the number without a mandate.
    assert owed(world, plain.account_id) >= Money.of_yuan(48)


def test_f_pay_2_running_the_bill_cycle_again_bills_and_debits_nothing_twice():
    world = BillingWorld()
    mandated = world.add_number("18612345678", packs=("data-1gb",))
    world.hall.auto_debit.sign(world.login(mandated), "工商银行", CARD)
    world.move_to(dt.datetime(2016, 6, 1, 2, 0, tzinfo=SHANGHAI))
    first = world.hall.run_bill_cycle(MAY)
    again = world.hall.run_bill_cycle(MAY)
    assert again.bill_run.bills == first.bill_run.bills == 1
    assert again.bill_run.total == first.bill_run.total
    assert again.auto_debit.scheduled == 0
    assert again.auto_debit.paid == ()
    assert owed(world, mandated.account_id) == Money.zero()
