"""The operator's campaign metrics: a page of bar charts, the JSON report, ``/metrics`` (F-PRO-5).

* ``GET /operator/metrics?campaign=&start=&end=``: the report as one inline SVG bar chart
  per metric and one of the amounts (no script, no external resource), and a table;
* ``GET /api/v1/operator/metrics/{campaign}?start=&end=``: the same report as JSON;
* ``GET /metrics``: the Prometheus exposition of the wired exporter
  (``unicom_metrics.PrometheusMetrics``), 404 when none is wired.

All three need an operator access token with scope ``metrics.read`` (F-AUTH-6): the JSON
report takes it as ``Authorization: Bearer`` only; the chart page and ``/metrics`` also
take the operator console's cookie (:mod:`~unicom_web.areas.operator_console`). The chart
page sends a browser without a live token to ``/operator/login``; the others answer an RFC
9457 problem with an RFC 6750 ``WWW-Authenticate`` header: 401 without a token or with a
dead one (``invalid_token``), 403 ``insufficient_scope`` without ``metrics.read``.
Prometheus sends the token with ``authorization: {credentials: ...}`` in its scrape
configuration (``docs/how-to/campaign-metrics.md``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from litestar import MediaType, Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from unicom_core.domain.access import METRICS_READ
from unicom_core.domain.promotions import METRICS_RANGE
from unicom_core.errors import UnicomError
from unicom_core.ports.promotions import CampaignMetric
from unicom_core.usecases.promotions import MetricsReport
from unicom_web.areas import Area
from unicom_web.areas.oauth import operator_problem
from unicom_web.areas.operator_console import (
    LOGIN_PATH,
    bearer_token,
    console_labels,
    operator_actor,
    operator_token,
)
from unicom_web.bodies import PROBLEMS
from unicom_web.charts import Bar, bar_chart
from unicom_web.deps import Hall, Settings
from unicom_web.i18n import language_of, translator
from unicom_web.pages import money_text, render
from unicom_web.problems import Problem, problem_for

if TYPE_CHECKING:
    from unicom_web.settings import WebSettings

__all__ = ["AREA"]

_DEFAULT_DAYS = 14
_UNAUTHORIZED = 401


def _day(text: str | None, field: str, default: date) -> date:
    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise METRICS_RANGE.error(field=field) from None


def _report(hall: Hall, campaign: str, start: str | None, end: str | None) -> MetricsReport:
    today = hall.clock.now().date()
    last = _day(end, "end", today)
    first = _day(start, "start", last - timedelta(days=_DEFAULT_DAYS - 1))
    return hall.metrics.report(campaign, first, last)


def _labels(request: Request[Any, Any, Any], web_settings: WebSettings) -> dict[str, str]:
    """The page's labels in the request's language (the page catalogues' ``metrics.*``)."""
    t = translator(language_of(request, web_settings))
    return {
        "title": t("metrics.title"),
        "campaign": t("metrics.campaign"),
        "start": t("metrics.start"),
        "end": t("metrics.end"),
        "show": t("metrics.show"),
        "day": t("metrics.day"),
        "amount": t("metrics.amount"),
        "page_views": t("metrics.page_views"),
        "logins": t("metrics.logins"),
        "orders": t("metrics.orders"),
        "joiners": t("metrics.joiners"),
    }


def _charts(report: MetricsReport, labels: dict[str, str]) -> list[tuple[str, str]]:
    """One SVG bar chart per metric, then the amounts', each with its heading."""
    charts = []
    for metric in CampaignMetric:
        bars = [Bar(f"{d.day:%m-%d}", d.counts[metric], str(d.counts[metric])) for d in report.days]
        charts.append((labels[metric.value], bar_chart(bars, title=labels[metric.value])))
    amounts = [Bar(f"{d.day:%m-%d}", d.amount.fen, money_text(d.amount)) for d in report.days]
    charts.append((labels["amount"], bar_chart(amounts, title=labels["amount"])))
    return charts


def _refused(
    request: Request[Any, Any, Any], web_settings: WebSettings, error: UnicomError
) -> Template | Redirect:
    """No live token: to the console's login, then back; a token without the scope: 403."""
    refused = problem_for(error)
    if refused.status == _UNAUTHORIZED:
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return Redirect(f"{LOGIN_PATH}?next={quote(here, safe='')}", status_code=303)
    return render(
        request,
        "operator_metrics.html",
        status_code=refused.status,
        problem=refused,
        labels=_labels(request, web_settings),
        console=console_labels(request, web_settings),
        values={"campaign": "", "start": "", "end": ""},
        report=None,
        charts=[],
    )


@get("/operator/metrics", include_in_schema=False, sync_to_thread=True)
def metrics_page(  # noqa: PLR0913, PLR0917 - the query's three fields
    request: Request[Any, Any, Any],
    hall: Hall,
    web_settings: Settings,
    campaign: FromQuery[str | None] = None,
    start: FromQuery[str | None] = None,
    end: FromQuery[str | None] = None,
) -> Template | Redirect:
    """The report of ``campaign`` as bar charts per day (scope ``metrics.read``)."""
    try:
        operator_actor(hall, operator_token(request, web_settings), METRICS_READ)
    except UnicomError as error:
        return _refused(request, web_settings, error)
    labels = _labels(request, web_settings)
    report, problem = None, None
    if campaign:
        try:
            report = _report(hall, campaign, start, end)
        except UnicomError as error:
            problem = problem_for(error)
    return render(
        request,
        "operator_metrics.html",
        status_code=problem.status if isinstance(problem, Problem) else 200,
        problem=problem,
        labels=labels,
        console=console_labels(request, web_settings),
        metrics=[metric.value for metric in CampaignMetric],
        values={"campaign": campaign or "", "start": start or "", "end": end or ""},
        report=report,
        charts=_charts(report, labels) if report is not None else [],
    )


@get(
    "/operator/metrics/{campaign:str}",
    tags=["metrics"],
    summary="A campaign's counts per day (operator token, scope metrics.read)",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def metrics_report(
    request: Request[Any, Any, Any],
    hall: Hall,
    campaign: FromPath[str],
    start: FromQuery[str | None] = None,
    end: FromQuery[str | None] = None,
) -> dict[str, Any]:
    """Every metric per day from ``start`` to ``end`` (default: the last 14 days).

    Needs ``Authorization: Bearer`` with an operator token of scope ``metrics.read``.
    """
    operator_actor(hall, bearer_token(request), METRICS_READ)
    report = _report(hall, campaign, start, end)
    return {
        "campaign": report.campaign,
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "days": [
            {
                "day": day.day.isoformat(),
                **{metric.value: day.counts[metric] for metric in CampaignMetric},
                "amount_fen": day.amount.fen,
            }
            for day in report.days
        ],
    }


@get("/metrics", include_in_schema=False, sync_to_thread=True)
def prometheus(
    request: Request[Any, Any, Any], hall: Hall, web_settings: Settings
) -> Response[Any]:
    """The Prometheus exposition of the wired exporter (operator token, ``metrics.read``)."""
    try:
        operator_actor(hall, operator_token(request, web_settings), METRICS_READ)
    except UnicomError as error:
        return operator_problem(error, web_settings)
    exporter = hall.metrics.exposition()
    if exporter is None:
        raise NotFoundException
    return Response(exporter.exposition(), media_type=exporter.media_type or MediaType.TEXT)


AREA = Area(name="metrics", api=(metrics_report,), pages=(metrics_page, prometheus))
"""The operator's campaign metrics (F-PRO-5)."""
