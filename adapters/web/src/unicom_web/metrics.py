"""Counting campaign events on the web: attribution, logins, page views, orders (F-PRO-5).

A visitor who arrives through a campaign link (``?campaign=<code>`` on any page) is
*attributed* to that campaign: the response sets the cookie :data:`CAMPAIGN_COOKIE`
(HttpOnly, ``SameSite=Lax``, 30 days; the last link followed wins). Then, through the hall's
``hall.metrics`` (buffered: no write per event):

* a **login** is counted for the campaign when a response sets the session cookie to a new
  token (every way in: the login page, the JSON API, QQ/Weibo), found by
  :func:`campaign_tracking`, the app's ``before_send`` hook;
* a **page view** is counted for a page served (GET, 200, HTML) through a campaign link,
  and by :func:`count_page_view`, the one line a campaign's own page calls (once per
  request: the hook does not count that request again);
* an **order** is counted by :func:`count_order`, which the shop's order handlers call
  after a successful placement; an order id is counted once per process (a replayed
  request id places no new order).

A code is counted only if it is a campaign code (:data:`~unicom_core.ports.promotions.
CAMPAIGN_CODE`); anything else is ignored, never an error. Counting never fails a request:
a failure is logged and the response goes out as it was.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Final, cast

from anyio import to_thread
from litestar import Request
from litestar.datastructures import Cookie, MutableScopeHeaders

from unicom_core.ports.promotions import CAMPAIGN_CODE, CampaignMetric

if TYPE_CHECKING:
    from litestar.types import Message, Scope

    from unicom_core.domain.shared import Money
    from unicom_core.hall import BusinessHall
    from unicom_web.settings import WebSettings

__all__ = [
    "CAMPAIGN_COOKIE",
    "CAMPAIGN_PARAMETER",
    "campaign_of",
    "campaign_tracking",
    "count_order",
    "count_page_view",
]

CAMPAIGN_COOKIE: Final = "unicom_campaign"
"""The cookie naming the campaign a visitor came through."""
CAMPAIGN_PARAMETER: Final = "campaign"
"""The query parameter of a campaign link."""
_ATTRIBUTION: Final = timedelta(days=30)
_VIEWED: Final = "unicom_campaign_viewed"
_ORDERS_KEPT: Final = 10_000
_LOG: Final = logging.getLogger("unicom_web.metrics")
_orders: OrderedDict[str, None] = OrderedDict()
_orders_lock = threading.Lock()


def _code(value: object) -> str | None:
    return value if isinstance(value, str) and CAMPAIGN_CODE.fullmatch(value) else None


def campaign_of(request: Request[Any, Any, Any]) -> str | None:
    """The campaign of the request: its link's ``?campaign=``, else the cookie, else None."""
    return _code(request.query_params.get(CAMPAIGN_PARAMETER)) or _code(
        request.cookies.get(CAMPAIGN_COOKIE)
    )


def _count(
    hall: BusinessHall, campaign: str, metric: CampaignMetric, amount: Money | None = None
) -> None:
    try:
        hall.metrics.count(campaign, metric, at=hall.clock.now(), amount=amount)
    except Exception:  # noqa: BLE001 - counting never fails a request
        _LOG.warning("metrics.count_failed for %s %s", campaign, metric.value, exc_info=True)


def count_page_view(request: Request[Any, Any, Any], campaign: str) -> None:
    """Count a view of ``campaign``'s page (the one line a campaign page calls)."""
    code = _code(campaign)
    if code is None:
        return
    request.scope.setdefault("state", {})[_VIEWED] = True
    _count(request.app.state["hall"], code, CampaignMetric.PAGE_VIEWS)


def count_order(request: Request[Any, Any, Any], order_id: str) -> None:
    """Count a placed order for the request's campaign, once per order id (per process)."""
    code = campaign_of(request)
    if code is None:
        return
    with _orders_lock:
        if order_id in _orders:
            return
        _orders[order_id] = None
        if len(_orders) > _ORDERS_KEPT:
            _orders.popitem(last=False)
    _count(request.app.state["hall"], code, CampaignMetric.ORDERS)


def _sets_session(headers: list[tuple[bytes, bytes]], name: str) -> bool:
    """Whether the response sets the session cookie ``name`` to a token (a login)."""
    prefix = f"{name}=".encode("latin-1")
    for key, value in headers:
        if key.lower() != b"set-cookie" or not value.startswith(prefix):
            continue
        token = value[len(prefix) :].split(b";", 1)[0].strip(b'" ')
        if token and b"max-age=0" not in value.lower():
            return True
    return False


def _attribution(code: str, request: Request[Any, Any, Any], settings: WebSettings) -> str:
    secure = settings.secure_cookies
    if secure is None:
        secure = request.url.scheme == "https"
    cookie = Cookie(
        key=CAMPAIGN_COOKIE,
        value=code,
        max_age=int(_ATTRIBUTION.total_seconds()),
        path="/",
        secure=secure,
        httponly=True,
        samesite="lax",
    )
    return cookie.to_header(header="")


def _events(
    start: dict[str, Any], request: Request[Any, Any, Any], session: str
) -> list[CampaignMetric]:
    """The metrics this response counts: a login, a page view through a campaign link."""
    events = []
    if _sets_session(list(start.get("headers", ())), session):
        events.append(CampaignMetric.LOGINS)
    linked = _code(request.query_params.get(CAMPAIGN_PARAMETER)) is not None
    html = any(
        key.lower() == b"content-type" and value.startswith(b"text/html")
        for key, value in start.get("headers", ())
    )
    viewed = request.scope.get("state", {}).get(_VIEWED, False)
    ok = start.get("status") == 200  # noqa: PLR2004 - HTTP OK
    if linked and request.method == "GET" and ok and html and not viewed:
        events.append(CampaignMetric.PAGE_VIEWS)
    return events


async def campaign_tracking(message: Message, scope: Scope) -> None:
    """Attribute a campaign link's visitor, count logins and linked page views (``before_send``)."""
    if message["type"] != "http.response.start":
        return
    try:
        request: Request[Any, Any, Any] = Request(scope)
        settings: WebSettings = request.app.state["web_settings"]
        code = campaign_of(request)
        if code is None:
            return
        if _code(request.query_params.get(CAMPAIGN_PARAMETER)) is not None:
            headers = MutableScopeHeaders.from_message(message)
            headers.add("set-cookie", _attribution(code, request, settings))
        hall: BusinessHall = request.app.state["hall"]
        for metric in _events(cast("dict[str, Any]", message), request, settings.session_cookie):
            await to_thread.run_sync(_count, hall, code, metric)  # a flush may write
    except Exception:  # noqa: BLE001 - counting never fails a response
        _LOG.warning("metrics.tracking_failed", exc_info=True)
