"""The JSON endpoints of a number's services and plan status (F-BIZ-1..7).

* ``GET /services``: the forwardings (targets masked), roaming and long distance, WLAN on or
  off and when its password was set, the 4G data switch (``hall.services.current``);
* ``GET /plans/upgrade-status``: the 4G upgrade status, its latest record and the F-CAL-4
  windows (``hall.plans.upgrade_status``, F-BIZ-4);
* ``GET /plans/credit-limit``: the credit limit now, the highest the rules allow and the
  facts they were applied to (``hall.plans.credit_limit``, F-BIZ-7);
* ``GET /plans/shared-plan``: the shared plan whose primary is the number, its numbers
  masked (``hall.plans.shared_group``, F-BIZ-3).

Each reads the session's number, or ``?number=`` another number of the same customer;
another customer's number is 404 like an unknown one (F-AUTH-6). ``/services`` needs
``query.profile`` (a random-password session has it, F-AUTH-5); the plan reads need
``query.business_records`` (403 ``access.capability_missing`` for a random-password
session). The changes themselves are business handlings (``/handling/{kind}``).
"""

from __future__ import annotations

from litestar import get
from litestar.params import FromQuery

from unicom_core.usecases.handling import CreditLimitQuote
from unicom_web.areas.points_api import number_of
from unicom_web.areas.services_views import (
    ServicesBody,
    SharedPlanBody,
    UpgradeStatusBody,
    services_body,
    upgrade_body,
)
from unicom_web.bodies import PROBLEMS
from unicom_web.deps import Hall, Token

__all__ = ["API"]

_TAGS = ["services"]


@get(
    "/services",
    tags=_TAGS,
    summary="My services: forwardings, roaming, WLAN, 4G data",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def services(hall: Hall, token: Token, number: FromQuery[str | None] = None) -> ServicesBody:
    """What the number has switched (F-BIZ-1, F-BIZ-5, F-BIZ-6, F-BIZ-2); targets masked."""
    return services_body(hall.services.current(token, number_of(number)))


@get(
    "/plans/upgrade-status",
    tags=_TAGS,
    summary="My 4G upgrade status",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def upgrade_status(
    hall: Hall, token: Token, number: FromQuery[str | None] = None
) -> UpgradeStatusBody:
    """Not upgraded, pending (from the 1st of next month) or upgraded (F-BIZ-4, F-CAL-4)."""
    return upgrade_body(hall.plans.upgrade_status(token, number_of(number)))


@get(
    "/plans/credit-limit",
    tags=_TAGS,
    summary="My credit limit and the highest the rules allow",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def credit_limit(
    hall: Hall, token: Token, number: FromQuery[str | None] = None
) -> CreditLimitQuote:
    """The limit now, the allowed one, the network age and late bills it rests on (F-BIZ-7)."""
    return hall.plans.credit_limit(token, number_of(number))


@get(
    "/plans/shared-plan",
    tags=_TAGS,
    summary="My 4G shared plan group",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def shared_plan(hall: Hall, token: Token, number: FromQuery[str | None] = None) -> SharedPlanBody:
    """The shared plan whose primary is the number (``group`` null if none, F-BIZ-3)."""
    return SharedPlanBody(hall.plans.shared_group(token, number_of(number)))


API = (services, upgrade_status, credit_limit, shared_plan)
"""The services and plan-status endpoints, mounted under ``/api/v1``."""
