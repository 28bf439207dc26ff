"""The billing area on the web: bills, usage and remaining allowances, detail records.

The bills and usage pages chart the last six months (server-rendered SVG, F-QRY-3). A
month the calendar refuses (the bill run of F-CAL-3, the upgrade window of F-CAL-4) is a
gap in the chart and a friendly message with the time it becomes possible; a
random-password session asking for detail records sees the refusal of F-AUTH-5.
Each page is one read-only transaction (``hall.billing.history``): the six months, the issued
bills and the balance (or the allowances left), and the offering names its lines are worded
with.

Each issued bill links to its month's lines (``/bills/<YYYY-MM>``), which link to that
month's detail records. The detail records show their quantity in units people read
(:mod:`unicom_web.usage_units`: ``14:00``, ``300 MB``, ``3 条``), the fee of each record as
rated (``hall.billing.rated_details``: the earliest records drain the allowances) and the
totals of the page.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs
from litestar import Request, get
from litestar.params import FromPath
from litestar.response import Template

from unicom_core.domain.billing import DetailKind, LineKind, Measure
from unicom_core.domain.shared import BillingCycle, Money
from unicom_core.errors import UnicomError
from unicom_core.ports.shared import PageRequest
from unicom_core.usecases.billing import HISTORY_MONTHS, ChargesHistory, ChargesView
from unicom_web.areas import Area, NavLink
from unicom_web.areas.billing_api import API
from unicom_web.charts import Bar, bar_chart
from unicom_web.deps import Hall, Token
from unicom_web.formatting import Formats
from unicom_web.i18n import formats, language_of, translator
from unicom_web.pages import render
from unicom_web.problems import Problem, problem_for
from unicom_web.usage_units import quantity_text

__all__ = ["AREA", "History", "history"]

MONTHS = HISTORY_MONTHS
_KB_PER_MB = 1024
_DETAILS_PAGE = 50
_T = TypeVar("_T")


def _offset(text: str | None) -> int:
    """The page's offset from the query (0 unless a whole number)."""
    return int(text) if text is not None and text.isdigit() else 0


@attrs.frozen(slots=True)
class History:
    """The last six months' charges (None where refused), oldest first, and the refusal.

    ``answer`` is the one query's whole answer (``hall.billing.history``): the bills, the
    balance, the allowances asked for, and the offering names the page words its lines with.
    """

    months: tuple[tuple[BillingCycle, ChargesView | None], ...]
    problem: Problem | None
    answer: ChargesHistory


def history(
    hall: Hall, token: Token, *, bills: bool = False, balance: bool = False, usage: bool = False
) -> History:
    """The charges of the last six months, the current one included (F-QRY-1, F-QRY-3).

    One read (``hall.billing.history``), with the bills, the balance or the allowances.
    """
    answer = hall.billing.history(token, MONTHS, bills=bills, balance=balance, allowances=usage)
    months = tuple((month.cycle, month.charges) for month in answer.months)
    refusal = answer.refusal
    return History(months, None if refusal is None else problem_for(refusal), answer)


def _figure(found: _T | UnicomError | None) -> _T:
    """An answer the page asked for; its refusal raised, as its own query raised it."""
    if isinstance(found, UnicomError):
        raise found
    if found is None:  # pragma: no cover - the page asked for it
        raise AssertionError(found)
    return found


def _usage(view: ChargesView) -> Money:
    return Money.total(line.amount for line in view.lines if line.kind is LineKind.USAGE)


def _chart(months: History, amount: Any, title: str, style: Formats) -> str:  # noqa: ANN401
    """A bar per month, labelled in the page's language (``12月``, ``Dec``)."""
    bars = []
    for cycle, view in months.months:
        value = None if view is None else amount(view)
        fen = None if value is None else value.fen
        bars.append(Bar(style.month(cycle.month), fen, style.money(value)))
    return bar_chart(bars, title=title)


@get("/bills", include_in_schema=False, sync_to_thread=True)
def bills_page(request: Request[Any, Any, Any], hall: Hall, token: Token) -> Template:
    """The last six months' charges as a chart, this month's lines, and the issued bills."""
    lang = language_of(request, request.app.state["web_settings"])
    t = translator(lang)
    months = history(hall, token, bills=True, balance=True)
    issued = None
    if months.problem is None:
        issued = _figure(months.answer.bills).items
    return render(
        request,
        "bills.html",
        status_code=200,
        offering_names=months.answer.offerings,
        chart=_chart(months, lambda view: view.total, t("bills.chart"), formats(lang)),
        history=months,
        problem=months.problem,
        issued=issued,
        balance=_figure(months.answer.balance),
    )


@get("/usage", include_in_schema=False, sync_to_thread=True)
def usage_page(request: Request[Any, Any, Any], hall: Hall, token: Token) -> Template:
    """What is left of each allowance, and six months of usage charges."""
    lang = language_of(request, request.app.state["web_settings"])
    t = translator(lang)
    months = history(hall, token, usage=True)
    left, problem = months.answer.allowances, months.problem
    if isinstance(months.answer.allowances, UnicomError):
        left, problem = None, problem_for(months.answer.allowances)
    return render(
        request,
        "usage.html",
        offering_names=months.answer.offerings,
        chart=_chart(months, _usage, t("usage.chart"), formats(lang)),
        allowances=left,
        problem=problem,
        kb_per_mb=_KB_PER_MB,
        data_kb=Measure.DATA_KB,
        kinds=[kind.value for kind in DetailKind],
        cycle=str(BillingCycle.containing(hall.clock.now())),
    )


@get("/usage/details", include_in_schema=False, sync_to_thread=True)
def details_page(request: Request[Any, Any, Any], hall: Hall, token: Token) -> Template:
    """Detail records of a kind and month; a refusal (F-AUTH-5, F-QRY-3) shown in place."""
    query = request.query_params
    kind_name = query.get("kind", DetailKind.VOICE.value)
    cycle_text = query.get("cycle") or str(BillingCycle.containing(hall.clock.now()))
    records, problem = None, None
    lang = language_of(request, request.app.state["web_settings"])
    t, style = translator(lang), formats(lang)
    try:
        kind = DetailKind(kind_name)
        page = PageRequest(_offset(query.get("offset")), _DETAILS_PAGE)
        records = hall.billing.rated_details(token, kind, BillingCycle.parse(cycle_text), page=page)
    except ValueError:
        problem = Problem(422, "billing.detail_kind", f"not a detail kind: {kind_name!r}")
    except UnicomError as error:
        problem = problem_for(error)
        if problem.status == 401:  # noqa: PLR2004 - not logged in: the handler redirects
            raise
    return render(
        request,
        "details.html",
        status_code=problem.status if problem is not None else 200,
        records=records,
        problem=problem,
        kind=kind_name,
        cycle=cycle_text,
        kinds=[kind.value for kind in DetailKind],
        quantity=lambda usage_kind, amount: quantity_text(usage_kind, amount, t, style),
    )


@get("/bills/{cycle:str}", include_in_schema=False, sync_to_thread=True)
def bill_month_page(
    request: Request[Any, Any, Any], cycle: FromPath[str], hall: Hall, token: Token
) -> Template:
    """One month's lines (the issued bill's, or so far), with links to its detail records."""
    view, problem = None, None
    try:
        view = hall.billing.charges(token, BillingCycle.parse(cycle))
    except UnicomError as error:
        problem = problem_for(error)
        if problem.status == 401:  # noqa: PLR2004 - not logged in: the handler redirects
            raise
    return render(
        request,
        "bill_month.html",
        status_code=problem.status if problem is not None else 200,
        view=view,
        problem=problem,
        cycle=cycle,
        kinds=[kind.value for kind in DetailKind],
    )


AREA = Area(
    name="billing",
    api=API,
    pages=(bills_page, usage_page, details_page, bill_month_page),
    nav=(
        NavLink("nav.bills", "/bills", needs_login=True, group="query"),
        NavLink("nav.usage", "/usage", needs_login=True, group="query"),
    ),
)
"""Charges, bills, balance, allowances and detail records."""
