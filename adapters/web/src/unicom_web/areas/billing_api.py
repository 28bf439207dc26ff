"""The JSON endpoints of charges, balance, bills, allowances and detail records (F-QRY-1..3).

Every query is ``hall.billing``'s: it checks the session (a random-password session sees
charges, balance and bills but no detail records, F-AUTH-5; nobody sees another customer's
number, F-AUTH-6) and the calendar (the bill-run blackout of F-CAL-3, the 4G upgrade
window of F-CAL-4, the six- and two-month detail windows of F-QRY-3). Each refusal is a
problem carrying ``retry_at`` or ``earliest``. ``number`` defaults to the session's own.
"""

from __future__ import annotations

from typing import Annotated

import attrs
from litestar import get
from litestar.params import FromPath, FromQuery, QueryParameter

from unicom_core.domain.billing import Bill, DetailKind, RatedEntry, UsageEntry
from unicom_core.domain.shared import BillingCycle, MobileNumber, Money
from unicom_core.ports.shared import MAX_PAGE_LIMIT, Page, PageRequest
from unicom_core.usecases.billing import AllowancesView, BalanceView, ChargesView
from unicom_web.bodies import PROBLEMS, Offset
from unicom_web.deps import Hall, Token

__all__ = ["API", "RatedDetails"]

_TAGS = ["billing"]
Limit = Annotated[int, QueryParameter(ge=1, le=MAX_PAGE_LIMIT)]


def _number(number: str | None) -> MobileNumber | None:
    return None if number is None else MobileNumber.parse(number)


def _cycle(cycle: str | None) -> BillingCycle | None:
    return None if cycle is None else BillingCycle.parse(cycle)


@get(
    "/billing/charges",
    tags=_TAGS,
    summary="A month's charges",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def charges(
    hall: Hall,
    token: Token,
    cycle: FromQuery[str | None] = None,
    number: FromQuery[str | None] = None,
) -> ChargesView:
    """The charges of a month (``cycle`` YYYY-MM, default this one): the bill's once issued."""
    return hall.billing.charges(token, _cycle(cycle), _number(number))


@get(
    "/billing/balance",
    tags=_TAGS,
    summary="Balance and what is owed",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def balance(hall: Hall, token: Token, number: FromQuery[str | None] = None) -> BalanceView:
    """The account's balance, credit limit, what its bills owe today and days in arrears."""
    return hall.billing.balance(token, _number(number))


@get(
    "/billing/bills",
    tags=_TAGS,
    summary="Monthly bills, newest first",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def bills(
    hall: Hall,
    token: Token,
    offset: Offset = 0,
    limit: Limit = 12,
    number: FromQuery[str | None] = None,
) -> Page[Bill]:
    """The account's monthly bills (F-QRY-3)."""
    return hall.billing.bills(token, PageRequest(offset, limit), _number(number))


@get(
    "/billing/allowances",
    tags=_TAGS,
    summary="What is left this month",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def allowances(hall: Hall, token: Token, number: FromQuery[str | None] = None) -> AllowancesView:
    """The remaining allowance of each plan and pack this month (余量, F-QRY-2)."""
    return hall.billing.allowances(token, _number(number))


@get(
    "/billing/details/{kind:str}",
    tags=_TAGS,
    summary="Detail records of a month",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def details(  # noqa: PLR0913 - the query's parameters
    *,
    kind: FromPath[DetailKind],
    hall: Hall,
    token: Token,
    cycle: FromQuery[str],
    offset: Offset = 0,
    limit: Limit = 50,
    number: FromQuery[str | None] = None,
) -> Page[UsageEntry]:
    """Detail records (voice, sms, vas, data, wlan, internet) of a month (F-QRY-3, F-AUTH-5)."""
    return hall.billing.details(
        token,
        kind,
        BillingCycle.parse(cycle),
        page=PageRequest(offset, limit),
        number=_number(number),
    )


@attrs.frozen(slots=True)
class RatedDetails:
    """A page of detail records, each with its fee as rated, and the page's totals.

    ``quantity`` is in the network's unit (seconds, messages, bytes, uses), as each record's.
    """

    kind: DetailKind
    cycle: BillingCycle
    page: Page[RatedEntry]
    quantity: int
    fee: Money


@get(
    "/billing/rated-details/{kind:str}",
    tags=_TAGS,
    summary="Detail records of a month with each record's fee as rated",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def rated_details(  # noqa: PLR0913 - the query's parameters
    *,
    kind: FromPath[DetailKind],
    hall: Hall,
    token: Token,
    cycle: FromQuery[str],
    offset: Offset = 0,
    limit: Limit = 50,
    number: FromQuery[str | None] = None,
) -> RatedDetails:
    """As ``details``, with the fee rating gives each record and the page's totals (F-QRY-3)."""
    view = hall.billing.rated_details(
        token,
        kind,
        BillingCycle.parse(cycle),
        page=PageRequest(offset, limit),
        number=_number(number),
    )
    return RatedDetails(view.kind, view.cycle, view.page, view.quantity, view.fee)


API = (charges, balance, bills, allowances, details, rated_details)
"""The billing endpoints, mounted under ``/api/v1``."""
