"""The payments area on the web: top-ups, bill payments, records, cards, mandates, invoices.

The JSON endpoints and pages of ``hall.payments``, ``hall.recharge_cards``,
``hall.auto_debit`` and ``hall.invoices`` (F-PAY-1..3, F-QRY-6), one module per concept:
:mod:`~unicom_web.areas.payments_api` and :mod:`~unicom_web.areas.payments_pages` (top-ups,
bill payments, records, the gateway's notification), :mod:`~unicom_web.areas.payments_cards`,
:mod:`~unicom_web.areas.payments_mandates`, :mod:`~unicom_web.areas.payments_invoices` and
:mod:`~unicom_web.areas.payments_others` (paying for another number, 代充/代缴).
"""

from __future__ import annotations

from unicom_web.areas import Area, NavLink
from unicom_web.areas import payments_api as api
from unicom_web.areas import payments_cards as cards
from unicom_web.areas import payments_invoices as invoices
from unicom_web.areas import payments_mandates as mandates
from unicom_web.areas import payments_others as others
from unicom_web.areas import payments_pages as pages

__all__ = ["AREA"]

AREA = Area(
    name="payments",
    api=(*api.API, *others.API, *cards.API, *mandates.API, *invoices.API),
    pages=(*pages.PAGES, *others.PAGES, *cards.PAGES, *mandates.PAGES, *invoices.PAGES),
    nav=(
        NavLink("nav.top_up", "/top-up", needs_login=True, group="pay"),
        NavLink("nav.bill_payment", "/bill-payment", needs_login=True, group="pay"),
        NavLink("nav.payments", "/payments", needs_login=True, group="query"),
        NavLink("nav.cards", "/recharge-cards", needs_login=True, group="pay"),
        NavLink("nav.mandates", "/mandates", needs_login=True, group="pay"),
        NavLink("nav.invoices", "/invoices", needs_login=True, group="query"),
    ),
)
"""Top-ups, bill payments, payment records, recharge cards, mandates and e-invoices."""
