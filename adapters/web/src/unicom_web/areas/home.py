"""Home: the session's number, its plan and packs, balance and allowances (F-QRY-1, 2, 7).

One query of the billing area gathers it (``hall.billing.home``): the permission check with
``query.balance`` (which a random-password session has, F-AUTH-5; another customer's number
is unknown, F-AUTH-6), then one transaction for the balance (with what the bills still owe),
the plan's details, the packs held with the **monthly fee** the bill run charges (plan +
packs, not the bundle's entry price) and what is left of each allowance this month (shown
as bars, only to a session that may query usage). The quick-action tiles (查话费, 充值,
查详单, 办业务) lead to the bills, the top-up, the detail records and the handlings.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
from litestar import Request, get
from litestar.params import FromPath
from litestar.response import Redirect, Template

from unicom_core.domain.access import CredentialKind
from unicom_core.domain.billing import KB_PER_MB, BucketUse, Fee
from unicom_core.domain.shared import MobileNumber, Money
from unicom_core.domain.subscribers import (
    NetworkGeneration,
    PaymentMode,
    ServiceNumber,
    SubscriberStatus,
)
from unicom_core.usecases.billing import BalanceView, HomeView
from unicom_core.usecases.catalog import PlanDetails
from unicom_web.areas import Area, NavLink
from unicom_web.bodies import PROBLEMS
from unicom_web.deps import Hall, Token
from unicom_web.pages import render

__all__ = ["AREA", "Overview", "overview", "overview_of"]


@attrs.frozen(slots=True, kw_only=True)
class Overview:
    """What the home page shows: the number, how the session logged in, plan and balance.

    ``plan`` is None when the subscriber's plan is not in the catalogue (a legacy plan).
    ``packs`` are the packs held this month with their monthly fee; ``monthly_fee`` is the
    plan's own fee plus the packs', for a whole month (F-QRY-1); ``allowances`` what is
    left this month (F-QRY-2), None when the session may not see usage (F-AUTH-5).
    """

    number: ServiceNumber
    credential: CredentialKind
    status: SubscriberStatus
    payment_mode: PaymentMode
    generation: NetworkGeneration | None
    joined_on: date
    plan_code: str
    plan: PlanDetails | None
    balance: BalanceView
    packs: tuple[Fee, ...] = ()
    monthly_fee: Money = attrs.field(factory=Money.zero)
    allowances: tuple[BucketUse, ...] | None = None


def overview(hall: Hall, token: Token, number: MobileNumber | None = None) -> Overview:
    """The overview of ``number`` (default: the session's own; F-AUTH-5, F-AUTH-6).

    One use case call (:meth:`BillingService.home
    <unicom_core.usecases.billing.service.BillingService.home>`): the permission check, then one
    transaction for the balance and the plan. Another customer's number is ``NotFound``
    ``access.unknown_number``, as an unknown one.
    """
    return overview_of(hall.billing.home(token, number))


def overview_of(home: HomeView) -> Overview:
    """The overview of what ``hall.billing.home`` answered."""
    subscriber = home.subscriber
    return Overview(
        number=subscriber.number,
        credential=home.session.kind,
        status=subscriber.status,
        payment_mode=subscriber.payment_mode,
        generation=subscriber.generation,
        joined_on=subscriber.joined_on,
        plan_code=subscriber.plan_code,
        plan=home.plan,
        balance=home.balance,
        packs=home.packs,
        monthly_fee=home.monthly_fee,
        allowances=home.allowances,
    )


@get(
    "/me",
    tags=["home"],
    summary="My number, plan and balance",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def my_overview(hall: Hall, token: Token) -> Overview:
    """The session's number, its plan and its account balance."""
    return overview(hall, token)


@get(
    "/numbers/{number:str}",
    tags=["home"],
    summary="One of my numbers: plan and balance",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def number_overview(number: FromPath[str], hall: Hall, token: Token) -> Overview:
    """One of the session's customer's mobile numbers; another customer's is 404 (F-AUTH-6)."""
    return overview(hall, token, MobileNumber.parse(number))


@get("/", include_in_schema=False, sync_to_thread=False)
def root() -> Redirect:
    """The hall's front door: the home page (which asks for a login first)."""
    return Redirect("/home", status_code=303)


@get("/home", include_in_schema=False, sync_to_thread=True)
def home_page(request: Request[Any, Any, Any], hall: Hall, token: Token) -> Template:
    """The home page: balance, plan and packs, allowances left, and the quick actions."""
    home = hall.billing.home(token)  # one read, the offering names the page uses included
    return render(
        request,
        "home.html",
        overview=overview_of(home),
        kb_per_mb=KB_PER_MB,
        offering_names=home.offerings,
    )


AREA = Area(
    name="home",
    api=(my_overview, number_overview),
    pages=(root, home_page),
    nav=(NavLink("nav.home", "/home", needs_login=True),),
)
"""The home page and ``/api/v1/me``."""
