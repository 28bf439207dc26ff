"""The business-handling pages (業務辦理, F-BIZ): index, form, confirmation, acceptance.

Every kind the hall offers is served by the same four pages, built from its handler's
``kind``, ``title`` and ``fields`` (a handler added later gets its pages for free):

* ``GET /handling``: the kinds, grouped (plans, calls and network, account, points);
* ``GET /handling/{kind}``: the form, opened on the number's current values
  (``hall.handling.current``) or on the values in the query (the bundle builder's 办理 button
  and the confirmation's "back" link carry them); a login is needed, and comes back here
  with the query;
* ``POST /handling/{kind}/confirm``: ``hall.handling.preview``, nothing written: what
  changes (before and after), when (立即生效, or 次月1日生效 with the date), the fee and
  the terms, an "I have read and agree" box, and a request id drawn on the server in a
  hidden field, so submitting twice is the same request and makes one record;
* ``POST /handling/{kind}``: ``hall.handling.handle``, then 303 to the record's page.

A refusal shows its friendly message on the form, with the values kept, and changes
nothing. The records pages are :mod:`unicom_web.areas.handling_records`; the JSON API
:mod:`unicom_web.areas.handling_api`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from unicom_core.errors import UnicomError
from unicom_web.areas import Area, NavLink
from unicom_web.areas import handling_records as records
from unicom_web.areas.forms import Form, field
from unicom_web.areas.handling_api import API
from unicom_web.areas.handling_bundle import BUNDLE, bundle_tiers, packs_from
from unicom_web.areas.handling_views import (
    compared,
    grouped,
    kind_title,
    kind_view,
    preview_view,
    row_label,
)
from unicom_web.areas.payments_pages import new_key
from unicom_web.deps import Hall, Token
from unicom_web.i18n import language_of, translator
from unicom_web.pages import render
from unicom_web.problems import Problem, problem_for

if TYPE_CHECKING:
    from unicom_core.domain.handling import Change
    from unicom_core.usecases.handling import Handler

__all__ = ["AREA", "login_first", "params_of"]

_UNAUTHORIZED = 401
_UNPROCESSABLE = 422


def login_first(target: str) -> Redirect:
    """To the login page, and back to ``target`` (a local path, query included) after it."""
    return Redirect(f"/login?next={quote(target, safe='')}", status_code=303)


def _refusal(error: UnicomError, back: str) -> Problem | Redirect:
    problem = problem_for(error)
    return login_first(back) if problem.status == _UNAUTHORIZED else problem


def params_of(handler: Handler, form: Mapping[str, Any]) -> dict[str, str]:
    """The handler's fields the form filled in (blank ones left out); nothing else."""
    values = {f.name: field(dict(form), f.name) for f in handler.fields}
    if handler.kind == BUNDLE and (packs := packs_from(form)) is not None:
        values["packs"] = packs
    return {name: value for name, value in values.items() if value}


def _form(  # noqa: PLR0913 - the state of the form
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    handler: Handler,
    values: Mapping[str, str],
    *,
    held: Mapping[str, str] | None = None,
    problem: Problem | None = None,
) -> Template:
    tiers = bundle_tiers(hall, token, values, held or {}) if handler.kind == BUNDLE else ()
    return render(
        request,
        "handling_form.html",
        status_code=problem.status if problem is not None else 200,
        kind=kind_view(handler),
        title=kind_title(request, handler.kind, handler.title),
        values=dict(values),
        tiers=tiers,
        problem=problem,
    )


def _confirm(  # noqa: PLR0913 - the state of the confirmation
    request: Request[Any, Any, Any],
    hall: Hall,
    handler: Handler,
    change: Change,
    *,
    params: dict[str, str],
    request_id: str,
    notice: str | None = None,
) -> Template:
    shown = preview_view(handler, change, hall.clock.now())
    secrets = {f.name: f.label for f in handler.fields if f.secret}
    shown_params = {k: v for k, v in params.items() if k not in secrets}
    return render(
        request,
        "handling_confirm.html",
        status_code=_UNPROCESSABLE if notice else 200,
        kind=handler.kind,
        title=kind_title(request, handler.kind, handler.title),
        preview=shown,
        rows=compared(shown.before, shown.after),
        row_label=row_label(request),
        params=shown_params,
        secrets=secrets,
        request_id=request_id,
        back=f"/handling/{quote(handler.kind)}?{urlencode(shown_params)}",
        notice=notice,
    )


@get("/handling", include_in_schema=False, sync_to_thread=True)
def index_page(request: Request[Any, Any, Any], hall: Hall, token: Token) -> Template:
    """The kinds of handling this hall offers, grouped."""
    hall.access.session(token)
    groups = [
        (name, [(h.kind, kind_title(request, h.kind, h.title)) for h in handlers])
        for name, handlers in grouped(hall.handling.handlers)
    ]
    return render(request, "handling_index.html", groups=groups)


@get("/handling/{kind:str}", include_in_schema=False, sync_to_thread=True)
def form_page(
    request: Request[Any, Any, Any], kind: FromPath[str], hall: Hall, token: Token
) -> Template | Redirect:
    """The form of ``kind``, on the query's values or the number's current ones."""
    handler = hall.handling.handler(kind)
    query = dict(request.query_params)
    values = params_of(handler, query)
    held: dict[str, str] = {}
    problem: Problem | None = None
    try:
        hall.access.session(token)
        held = hall.handling.current(token, kind)
    except UnicomError as error:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        refused = _refusal(error, target)
        if isinstance(refused, Redirect):
            return refused
        problem = refused
    return _form(request, hall, token, handler, values or held, held=held, problem=problem)


@post("/handling/{kind:str}/confirm", include_in_schema=False, sync_to_thread=True)
def confirm_page(
    request: Request[Any, Any, Any], kind: FromPath[str], data: Form, hall: Hall, token: Token
) -> Template | Redirect:
    """What the form's values would change, and when; nothing is changed yet."""
    handler = hall.handling.handler(kind)
    params = params_of(handler, data)
    try:
        change = hall.handling.preview(token, kind, params)
    except UnicomError as error:
        refused = _refusal(error, f"/handling/{quote(kind)}")
        if isinstance(refused, Redirect):
            return refused
        return _form(request, hall, token, handler, params, problem=refused)
    return _confirm(request, hall, handler, change, params=params, request_id=new_key())


@post("/handling/{kind:str}", include_in_schema=False, sync_to_thread=True)
def handle_page(
    request: Request[Any, Any, Any], kind: FromPath[str], data: Form, hall: Hall, token: Token
) -> Template | Redirect:
    """Accept the confirmed handling (once per request id); on to its record."""
    handler = hall.handling.handler(kind)
    params = params_of(handler, data)
    request_id = field(data, "request_id")
    try:
        if field(data, "agree") != "yes":
            change = hall.handling.preview(token, kind, params)
            t = translator(language_of(request, request.app.state["web_settings"]))
            notice = t("handling.agree_required")
            return _confirm(
                request, hall, handler, change, params=params, request_id=request_id, notice=notice
            )
        record = hall.handling.handle(token, kind, params, request_id=request_id)
    except UnicomError as error:
        refused = _refusal(error, f"/handling/{quote(kind)}")
        if isinstance(refused, Redirect):
            return refused
        return _form(request, hall, token, handler, params, problem=refused)
    return Redirect(f"/handling/records/{quote(record.id)}", status_code=303)


AREA = Area(
    name="handling",
    api=API,
    pages=(*records.PAGES, index_page, form_page, confirm_page, handle_page),
    nav=(
        NavLink("nav.handling", "/handling", needs_login=True, group="handling"),
        NavLink("nav.handling_records", "/handling/records", needs_login=True, group="handling"),
    ),
)
"""Business handling: the kinds, their forms and confirmations, the records and forms."""
