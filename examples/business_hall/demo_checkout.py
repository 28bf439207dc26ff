"""The demo's cashier: the sandbox gateway with a checkout page the visitor completes.

A real hall sends the buyer to the gateway's cashier page and hears back twice: the
browser returns to ``return_url``, and the gateway posts a signed notification. The demo
does both in-process: :class:`DemoCheckoutGateway` leaves every page payment pending and
points its action at ``/sandbox/checkout/<key>``; paying there settles the sandbox trade,
hands its signed notifications to ``hall.payments.handle_notification`` (what the web
adapter's ``POST /api/v1/payments/notifications`` does for a real gateway) and sends the
browser back. Cancelling leaves the payment pending until its window closes.

The way back is checked here too, although the web adapter already allowed only paths on the
hall and its public origins: a ``return_url`` that is neither a path (``/...``, not
``//...``) nor an ``http(s)`` URL is replaced by ``/payments``, so no ``javascript:`` link
can become the Cancel link or the redirect after paying; the page escapes what it shows.
"""

from __future__ import annotations

import html
import threading
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import attrs
from litestar import MediaType, Response, get, post
from litestar.params import FromPath  # noqa: TC002 - Litestar reads it at run time
from litestar.response import Redirect
from unicom_payments import Behaviour, SandboxPaymentGateway, Step

from unicom_core.domain.payments import ActionKind, PaymentAction, PaymentMethod

if TYPE_CHECKING:
    from litestar import Litestar

    from unicom_core.hall import BusinessHall
    from unicom_core.ports.payments import ChargeRequest, GatewayResult

__all__ = ["CHECKOUT", "DemoCheckoutGateway", "mount_checkout"]

CHECKOUT = "/sandbox/checkout"
_HOME = "/payments"


def _way_back(url: str | None) -> str:
    """``url`` if it is a path here or an http(s) URL, else the payment records."""
    if not url or "\\" in url or any(not char.isprintable() or char.isspace() for char in url):
        return _HOME
    if url.startswith("/") and not url.startswith("//"):
        return url
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:  # a malformed authority
        return _HOME
    return url if parts.scheme in {"http", "https"} and hostname else _HOME


class DemoCheckoutGateway(SandboxPaymentGateway):
    """The sandbox, with page payments finished on the demo's own checkout page."""

    def __init__(self) -> None:
        super().__init__(name="sandbox")
        self._returns: dict[str, str] = {}
        self._demo_lock = threading.Lock()

    def charge(self, request: ChargeRequest, /) -> GatewayResult:
        """A page payment stays pending until paid on the checkout page; others succeed."""
        with self._demo_lock:
            if request.method is PaymentMethod.PAGE:
                if request.idempotency_key not in self._returns:
                    self.script(Step(Behaviour.ANSWER_LATE))
                self._returns[request.idempotency_key] = _way_back(request.return_url)
            result = super().charge(request)
        if result.action is None or result.action.kind is not ActionKind.REDIRECT:
            return result
        checkout = PaymentAction(ActionKind.REDIRECT, f"{CHECKOUT}/{request.idempotency_key}")
        return attrs.evolve(result, action=checkout)

    def return_url(self, key: str) -> str:
        """Where the buyer of ``key`` comes back to, with the trade number."""
        with self._demo_lock:
            base = self._returns.get(key, _HOME)
        return f"{base}?{urlencode({'out_trade_no': key})}"


_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>沙箱收银台 Sandbox checkout</title><link rel="stylesheet" href="/static/app.css"></head>
<body><main><h1>沙箱收银台 · Sandbox checkout</h1>
<section class="card"><p>交易号 Trade: <code>{key}</code></p>
<form method="post" action="{checkout}/{key}/pay"><button type="submit" class="primary"
 id="sandbox-pay">确认支付 · Pay</button></form>
<p><a href="{back}">取消 · Cancel</a></p></section></main></body></html>"""


def mount_checkout(app: Litestar, hall: BusinessHall, gateway: DemoCheckoutGateway) -> None:
    """Add the checkout page and its pay button to the demo's app."""

    @get(f"{CHECKOUT}/{{key:str}}", include_in_schema=False, sync_to_thread=False)
    def checkout(key: FromPath[str]) -> Response[str]:
        page = _PAGE.format(
            key=html.escape(key), checkout=CHECKOUT, back=html.escape(gateway.return_url(key))
        )
        return Response(page, media_type=MediaType.HTML)

    @post(
        f"{CHECKOUT}/{{key:str}}/pay",
        include_in_schema=False,
        sync_to_thread=True,
        exclude_from_csrf=True,
    )
    def pay(key: FromPath[str]) -> Redirect:
        gateway.settle_late(key)
        for notification in gateway.take_notifications():
            _deliver(hall, notification)
        return Redirect(gateway.return_url(key), status_code=303)

    app.register(checkout)
    app.register(pay)


def _deliver(hall: BusinessHall, notification: dict[str, Any]) -> None:
    """Hand a signed notification to the hall, as the gateway's POST would."""
    hall.payments.handle_notification(notification)
