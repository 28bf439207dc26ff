"""A console walk-through of the business hall's foundations (what `make demo` runs for now).

The web business hall replaces this walk-through when the web adapter lands; until then it
shows, with the real library, what exists: a subscriber's login number and resident ID
checked, money formatted, priced and prorated, and the billing calendar of this month.

Run it with ``make demo``, or ``python examples/business_hall/walkthrough.py [ISO-INSTANT]``
to see the calendar of another moment (``2024-02-29T23:30:00+08:00``).
"""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from unicom_core.clock import SystemClock
from unicom_core.domain.shared import BillingCycle, MobileNumber, Money, Rate, ResidentId
from unicom_core.errors import InvalidInput
from unicom_core.memory.clocks import SettableClock

if TYPE_CHECKING:
    from unicom_core.ports.shared import Clock

console = Console()


def show_subscriber(today: datetime) -> None:
    """A subscriber's login number and ID, validated and masked (F-AUTH-1, F-REAL-3)."""
    number = MobileNumber.parse("+86 186-1234-5678")
    holder = ResidentId.parse("11010519491231002X", today=today.date())
    table = Table(title="A subscriber", show_header=False)
    table.add_row(
        "login number", f"{number.masked()} ({number.carrier.name}, segment {number.segment})"
    )
    table.add_row("resident ID", f"{holder} (shown masked, never in full)")
    table.add_row("born / sex", f"{holder.birth_date} / {holder.sex.name}")
    table.add_row("age today", str(holder.age_on(today.date())))
    console.print(table)
    attempts = (
        (MobileNumber.parse, "100 1234 5678"),
        (ResidentId.parse, "11010519491231002Y"),
    )
    for parse, text in attempts:
        try:
            parse(text)
        except InvalidInput as error:
            console.print(f"  rejected {text!r}: [bold]{error.code}[/bold] - {error.message}")


def show_money(cycle: BillingCycle, today: datetime) -> None:
    """Prices in integer fen: the 98.5 % rule and proration by days (F-SHOP-4, F-CAL-5)."""
    card = Money.of_yuan(100)
    table = Table(title="Money")
    table.add_column("what")
    table.add_column("amount", justify="right")
    table.add_row(
        "100-yuan recharge card at 98.5 % (before 2016-01-12)",
        str(card.apply(Rate.percent("98.5"))),
    )
    table.add_row(
        "late fee, 3 ‰ a day of ¥200.00 owed", str(Money.of_yuan(200).apply(Rate.per_mille(3)))
    )
    pack = Money.parse("8元")
    days_left = cycle.days_from(today.date())
    used, left = pack.allocate([cycle.days - days_left, days_left])
    table.add_row(f"8元 data pack added today: {days_left} of {cycle.days} days charged", str(left))
    table.add_row("  the days before today (not charged)", str(used))
    table.add_row("  parts add up to", str(used + left))
    console.print(table)


def show_calendar(clock: Clock) -> BillingCycle:
    """The billing cycle of the clock's instant, in Asia/Shanghai time (F-CAL-1, F-CAL-5)."""
    now = clock.now()
    cycle = BillingCycle.containing(now)
    table = Table(title=f"The billing calendar at {now:%Y-%m-%d %H:%M %Z}", show_header=False)
    table.add_row(
        "this cycle", f"{cycle}: {cycle.first_day} to {cycle.last_day}, {cycle.days} days"
    )
    table.add_row(
        "starts / ends", f"{cycle.start.isoformat()} / {cycle.end.isoformat()} (exclusive)"
    )
    table.add_row("previous / next", f"{cycle.previous()} / {cycle.next()}")
    table.add_row("day of the cycle", f"{cycle.day_index(now.date()) + 1} of {cycle.days}")
    table.add_row("a year on", str(BillingCycle.from_anchor(cycle, 12)))
    console.print(table)
    return cycle


def main(argv: list[str]) -> int:
    """Print the walk-through; an optional ISO instant replaces the system clock."""
    clock: Clock = SystemClock()
    if len(argv) > 1:
        try:
            clock = SettableClock(datetime.fromisoformat(argv[1]))
        except (ValueError, InvalidInput) as error:
            console.print(f"not an aware ISO 8601 instant: {argv[1]!r} ({error})")
            return 2
    console.print(
        "[bold]unicom_core - the business hall's foundations[/bold]\n"
        "This is a console walk-through of what exists today; the web hall replaces it "
        "when the web adapter lands."
    )
    cycle = show_calendar(clock)
    show_subscriber(clock.now())
    show_money(cycle, clock.now())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
