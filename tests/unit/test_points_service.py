"""Points through the hall (F-QRY-4): earned by paying bills, shown, expired, redeemed.

``hall.points`` shows the balance and history (``query.points``: a random-password session
may look, F-AUTH-5); paying a bill earns its points in the payment's own transaction; the
handling ``points_redeem`` spends them on the points catalogue with a business record.
"""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core.domain.billing import Bill, BillLine, LineKind, bill_id
from unicom_core.domain.handling import EntryKind, PointsAccount, PointsRules, RecordStatus
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money, Rate
from unicom_core.errors import Conflict, NotFound, Refused
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.worlds.billing import BillingWorld

MAY_17 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
APRIL = BillingCycle(2016, 4)
NEW_YEAR_2018 = dt.datetime(2018, 1, 1, tzinfo=SHANGHAI)


@pytest.fixture
def world() -> BillingWorld:
    return BillingWorld(start=MAY_17)


def _bill(world, *lines: tuple[object, int], cycle=APRIL) -> Bill:
    """Store a bill of the subscribers' lines (fen), due on the last day of the next month."""
    subscriber = lines[0][0]
    bill = Bill(
        bill_id(subscriber.account_id, cycle),
        subscriber.account_id,
        cycle,
        cycle.end,
        cycle.next().last_day,
        Rate.per_mille(3),
        tuple(
            BillLine(s.id, s.number.value, LineKind.ADJUSTMENT, "fee", "月费", Money(fen))
            for s, fen in lines
        ),
    )
    with world.storage.transaction() as tx:
        tx.bills.add(bill)
    return bill


def _give(world, subscriber, points, source="gift-1", at=MAY_17):
    with world.storage.transaction() as tx:
        account = tx.points_accounts.find(subscriber.id) or PointsAccount(subscriber.id)
        account.earn(source, points, at=at, rules=PointsRules())
        if account.version:
            tx.points_accounts.save(account)
        else:
            tx.points_accounts.add(account)


def _points(world, subscriber) -> int:
    with world.storage.read() as tx:
        account = tx.points_accounts.find(subscriber.id)
    return 0 if account is None else account.balance


# ------------------------------------------------------------------ earning from paid bills
def test_paying_a_bill_earns_a_point_per_whole_yuan(world):
    subscriber = world.add_number("18612340001")
    _bill(world, (subscriber, 4899))
    world.hall.billing.record_payment(subscriber.account_id, Money(4899), payment_id="pay-1")
    assert _points(world, subscriber) == 48
    token = world.login(subscriber)
    view = world.hall.points.balance(token)
    assert (view.balance, view.expiring, view.next_expiry) == (48, 48, NEW_YEAR_2018)


def test_a_partly_paid_bill_earns_only_once_settled_and_only_once(world):
    subscriber = world.add_number("18612340002")
    _bill(world, (subscriber, 5000))
    world.hall.billing.record_payment(subscriber.account_id, Money(2000), payment_id="pay-1")
    assert _points(world, subscriber) == 0
    world.hall.billing.record_payment(subscriber.account_id, Money(3000), payment_id="pay-2")
    world.hall.billing.record_payment(subscriber.account_id, Money(3000), payment_id="pay-2")
    world.hall.billing.record_payment(subscriber.account_id, Money(9000), payment_id="pay-3")
    assert _points(world, subscriber) == 50


def test_late_fees_earn_no_points(world):
    """Paid 10 days late, the bill owes 3 per mille a day on top: only the ¥100 earns."""
    subscriber = world.add_number("18612340003")
    _bill(world, (subscriber, 10000))
    world.move_to(dt.datetime(2016, 6, 10, 10, 0, tzinfo=SHANGHAI))  # due 31 May
    world.hall.billing.record_payment(subscriber.account_id, Money(20000), payment_id="pay-1")
    with world.storage.read() as tx:
        assert tx.bills.get(bill_id(subscriber.account_id, APRIL)).settled_at is not None
    assert _points(world, subscriber) == 100


def test_each_number_of_an_account_earns_for_its_own_lines(world):
    first = world.add_number("18612340004")
    with world.storage.read() as tx:
        account = tx.accounts.get(first.account_id)
    second = world.add_number("18612340005", account=account)
    _bill(world, (first, 3050), (second, 1999))
    world.hall.billing.record_payment(first.account_id, Money(5049), payment_id="pay-1")
    assert (_points(world, first), _points(world, second)) == (30, 19)


def test_a_failing_settled_hook_rolls_the_payment_back(world):
    """The points commit with the payment or not at all: a hook that raises undoes both."""
    subscriber = world.add_number("18612340006")
    _bill(world, (subscriber, 1000))

    def broken(_tx, _bill, _now):
        raise RuntimeError

    world.hall.billing.when_settled(broken)
    with pytest.raises(RuntimeError):
        world.hall.billing.record_payment(subscriber.account_id, Money(1000), payment_id="p-1")
    with world.storage.read() as tx:
        assert tx.accounts.get(subscriber.account_id).balance == Money(0)
        assert tx.points_accounts.find(subscriber.id) is None


# ------------------------------------------------------------------ balance, history, expiry
def test_expired_points_vanish_from_the_balance_without_the_job(world):
    subscriber = world.add_number("18612340007")
    _give(world, subscriber, 300)
    world.move_to(NEW_YEAR_2018)
    token = world.login(subscriber)
    assert world.hall.points.balance(token).balance == 0
    history = world.hall.points.history(token)
    assert [(e.kind, e.points, e.balance) for e in history.items] == [
        (EntryKind.EXPIRED, 300, 0),
        (EntryKind.EARNED, 300, 300),
    ]
    assert _points(world, subscriber) == 300  # nothing written by a read
    assert world.hall.points.expire_due() == 1
    assert world.hall.points.expire_due() == 0
    assert _points(world, subscriber) == 0


def test_the_history_is_newest_first_in_pages(world):
    subscriber = world.add_number("18612340008")
    for n in range(5):
        _give(world, subscriber, 10 + n, source=f"gift-{n}", at=MAY_17 + dt.timedelta(days=n))
    token = world.login(subscriber)
    page = world.hall.points.history(token, PageRequest(1, 2))
    assert [e.points for e in page.items] == [13, 12]
    assert (page.total, page.has_more) == (5, True)


def test_a_random_password_session_may_look_but_not_redeem(world):
    subscriber = world.add_number("18612340009")
    _give(world, subscriber, 2000)
    token = world.login(subscriber, random_password=True)
    assert world.hall.points.balance(token).balance == 2000
    with pytest.raises(Refused) as refused:
        world.hall.handling.handle(
            token, "points_redeem", {"item": "voucher-10"}, request_id="redeem-0001"
        )
    assert refused.value.code == "access.capability_missing"
    assert _points(world, subscriber) == 2000


# ------------------------------------------------------------------ redemption as a handling
def test_redeeming_a_voucher_spends_points_and_credits_the_account(world):
    subscriber = world.add_number("18612340010")
    _give(world, subscriber, 1200)
    token = world.login(subscriber)
    preview = world.hall.handling.preview(token, "points_redeem", {"item": "voucher-10"})
    assert preview.before == (("可用积分", "1200"),)
    assert preview.after[0] == ("可用积分", "200")
    assert _points(world, subscriber) == 1200  # a preview writes nothing
    record = world.hall.handling.handle(
        token, "points_redeem", {"item": "voucher-10"}, request_id="redeem-0001"
    )
    again = world.hall.handling.handle(
        token, "points_redeem", {"item": "voucher-10"}, request_id="redeem-0001"
    )
    assert again.id == record.id
    assert (record.status, record.title) == (RecordStatus.DONE, "积分兑换")
    assert _points(world, subscriber) == 200
    with world.storage.read() as tx:
        assert tx.accounts.get(subscriber.account_id).balance == Money(1000)
    spent = world.hall.points.history(token).items[0]
    assert (spent.kind, spent.points, spent.source) == (EntryKind.SPENT, 1000, record.id)


def test_redeeming_a_pack_holds_it_free_until_the_cycle_ends(world):
    """data-100mb is 8元 a month: held 17-31 May, 15 of 31 days, 8 * 15 / 31 = 3.87 off."""
    subscriber = world.add_number("18612340011", packs=("data-1gb",))
    _give(world, subscriber, 1100)
    token = world.login(subscriber)
    world.hall.handling.handle(
        token, "points_redeem", {"item": "data-100mb"}, request_id="redeem-0002"
    )
    with world.storage.read() as tx:
        profile = tx.billing_profiles.get(subscriber.id)
    held = [h for h in profile.packs if h.pack_code == "data-100mb"]
    assert [(h.starts, h.ends) for h in held] == [
        (MAY_17, dt.datetime(2016, 6, 1, tzinfo=SHANGHAI))
    ]
    assert [a.amount for a in profile.adjustments] == [Money(-387)]
    assert _points(world, subscriber) == 600
    with pytest.raises(Conflict) as clash:  # held already this cycle
        world.hall.handling.preview(token, "points_redeem", {"item": "data-100mb"})
    assert clash.value.code == "billing.pack_already_held"
    world.move_to(dt.datetime(2016, 6, 1, 2, 0, tzinfo=SHANGHAI))
    world.hall.billing.close_cycle(BillingCycle(2016, 5))
    with world.storage.read() as tx:
        lines = tx.bills.get(bill_id(subscriber.account_id, BillingCycle(2016, 5))).lines
    pack = [line.amount for line in lines if line.code == "data-100mb"]
    credit = [line.amount for line in lines if line.kind is LineKind.ADJUSTMENT]
    assert (pack, credit) == ([Money(387)], [Money(-387)])  # the pack costs nothing


def test_too_few_points_or_an_unknown_item_is_refused_and_writes_nothing(world):
    subscriber = world.add_number("18612340012")
    _give(world, subscriber, 999)
    token = world.login(subscriber)
    with pytest.raises(Refused) as refused:
        world.hall.handling.handle(
            token, "points_redeem", {"item": "voucher-10"}, request_id="redeem-0003"
        )
    assert (refused.value.code, refused.value.data) == (
        "points.insufficient",
        {"balance": 999, "points": 1000},
    )
    with pytest.raises(NotFound) as unknown:
        world.hall.handling.preview(token, "points_redeem", {"item": "gold-bar"})
    assert unknown.value.code == "points.unknown_item"
    assert _points(world, subscriber) == 999
    assert world.hall.handling.records(token, PageRequest()).total == 0


def test_the_form_offers_the_catalogue(world):
    handler = world.hall.handling.handler("points_redeem")
    (item,) = handler.fields
    assert item.name == "item"
    assert [code for code, _ in item.choices] == [
        i.code for i in world.hall.points.catalogue().items
    ]


def test_a_bill_the_bill_run_settles_from_the_balance_earns_its_points(world):
    """A prepaid account in credit pays its bill at issue: that bill earns too (F-QRY-4)."""
    subscriber = world.add_number("18612340031", packs=("data-1gb", "voice-200min"))
    world.hall.billing.record_payment(subscriber.account_id, Money(20_000), payment_id="pre-1")
    world.move_to(dt.datetime(2016, 6, 1, 2, 0, tzinfo=SHANGHAI))
    world.hall.run_bill_cycle(BillingCycle(2016, 5))
    with world.storage.read() as tx:
        bill = tx.bills.get(bill_id(subscriber.account_id, BillingCycle(2016, 5)))
    assert bill.settled_at is not None
    # One point per whole yuan of the number's lines: 48元 + 32元 for the whole of May.
    assert bill.total == Money(8000)
    assert _points(world, subscriber) == 80
    world.hall.run_bill_cycle(BillingCycle(2016, 5))  # a rerun earns nothing again
    assert _points(world, subscriber) == 80
