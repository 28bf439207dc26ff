"""My services on the web (我的业务, F-BIZ-1..7): the ``/services`` page and its JSON endpoints.

The page shows what the number has now, each with a link to the handling that changes it
(``/handling/{kind}``, offered only if the hall handles that kind):

* the call forwardings per condition, targets masked (F-BIZ-1), roaming and long distance
  (F-BIZ-5), WLAN on or off and when its password was set, never the password (F-BIZ-6),
  the 4G data switch (F-BIZ-2): ``hall.services.current``;
* the 4G upgrade status with its dates and F-CAL-4 windows (F-BIZ-4), the credit limit and
  the highest the rules allow (F-BIZ-7), the shared plan group (F-BIZ-3): ``hall.plans``.

A random-password session sees the services (``query.profile``) but not the plan reads
(``query.business_records``, F-AUTH-5): those sections say so instead. The JSON endpoints
are in :mod:`unicom_web.areas.services_api`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from litestar import Request, get
from litestar.response import Template

from unicom_core.domain.handling import ForwardingCondition
from unicom_core.errors import Refused
from unicom_web.areas import Area, NavLink
from unicom_web.areas.services_api import API
from unicom_web.areas.services_views import services_body, upgrade_body
from unicom_web.deps import Hall, Token
from unicom_web.pages import render

__all__ = ["AREA"]

_T = TypeVar("_T")


def _allowed(read: Callable[[], _T]) -> tuple[_T | None, bool]:
    """``read()`` and True, or None and False if the session may not read it (F-AUTH-5)."""
    try:
        return read(), True
    except Refused:
        return None, False


@get("/services", include_in_schema=False, sync_to_thread=True)
def services_page(request: Request[Any, Any, Any], hall: Hall, token: Token) -> Template:
    """我的业务: the switches, the upgrade status, the credit limit, the shared plan."""
    view = services_body(hall.services.current(token))
    upgrade, may_read = _allowed(lambda: hall.plans.upgrade_status(token))
    credit, _ = _allowed(lambda: hall.plans.credit_limit(token))
    shared, _ = _allowed(lambda: hall.plans.shared_group(token))
    return render(
        request,
        "services.html",
        view=view,
        conditions=[condition.value for condition in ForwardingCondition],
        rules={rule.condition.value: rule for rule in view.forwardings},
        upgrade=None if upgrade is None else upgrade_body(upgrade),
        upgrade_plan=None if upgrade is None else upgrade.plan_code,
        credit=credit,
        shared=shared,
        shared_plan=None if shared is None else shared.plan_code,
        may_read_plans=may_read,
        kinds={handler.kind for handler in hall.handling.handlers},
    )


AREA = Area(
    name="services",
    api=API,
    pages=(services_page,),
    nav=(NavLink("nav.services", "/services", needs_login=True, group="handling"),),
)
"""``/api/v1/services``, ``/api/v1/plans/...`` and the ``/services`` page."""
