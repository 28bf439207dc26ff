"""The pages of top-ups, bill payments and payment records (F-PAY-1, F-PAY-3, F-CAL-2, 4).

Plain forms, usable without JavaScript. Each form carries a hidden idempotency key drawn
when the form is shown, so a double click or a resubmission pays once. A payment the
gateway has to finish on its cashier page (``pending`` with a ``redirect`` action) sends
the browser there, with ``/payment-return`` as the way back; the payment page then shows
where the payment stands. Only a verified notification or the reconciler ever marks a
payment paid: coming back from the cashier proves nothing.

A number that is not the session's own (代充/代缴, F-PAY-1) goes through a confirmation first
(:func:`confirm_page`: the number and its holder's masked name, never more), whose form pays
through :mod:`~unicom_web.areas.payments_others`. The payment's page words each stage
(pending, succeeded, failed, cancelled, expired, refunded) with its next step, and a payment
not paid yet may be cancelled there (F-PAY-3).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from unicom_core.domain.access import PAY, QUERY_BALANCE
from unicom_core.domain.catalog import ProductKind
from unicom_core.domain.payments import ActionKind, PaymentAttempt, PaymentStatus, payment_stage
from unicom_core.domain.shared import MobileNumber, Money
from unicom_core.errors import UnicomError
from unicom_core.ports.shared import PageRequest
from unicom_core.usecases.payments import Payee, PaymentResult
from unicom_web.amounts import check_amount
from unicom_web.areas.forms import Form, field
from unicom_web.areas.payments_api import number_of, warning_of
from unicom_web.deps import Hall, Settings, Token
from unicom_web.pages import render
from unicom_web.problems import Problem, problem_for

if TYPE_CHECKING:
    from unicom_web.settings import WebSettings

__all__ = [
    "PAGES",
    "after_payment",
    "confirm_page",
    "new_key",
    "offers_of",
    "problem_or_raise",
    "return_url",
    "show_payment",
    "yuan",
]

_PAGE_SIZE = 20


def new_key() -> str:
    """A fresh idempotency key for a form (one per form shown)."""
    return secrets.token_hex(16)


def problem_or_raise(error: UnicomError) -> Problem:
    """The problem of a refusal shown in place; "log in first" goes to the login page."""
    problem = problem_for(error)
    if problem.status == 401:  # noqa: PLR2004 - not logged in: the handler redirects
        raise error
    return problem


def return_url(request: Request[Any, Any, Any]) -> str:
    """Where the gateway's cashier page sends the buyer back to."""
    return str(request.base_url).rstrip("/") + "/payment-return"


def after_payment(result: PaymentResult) -> Redirect:
    """To the gateway's cashier page if it has one to finish, else to the payment's page."""
    attempt = result.payment
    action = attempt.action
    pending = attempt.status is PaymentStatus.PENDING
    if pending and action is not None and action.kind is ActionKind.REDIRECT:
        return Redirect(action.payload, status_code=303)
    return Redirect(f"/payments/{attempt.id}", status_code=303)


def offers_of(hall: Hall, web_settings: Settings, kind: ProductKind) -> list[Any]:
    """The catalogue's products of ``kind`` on sale now, with their effective price."""
    return [
        offer
        for offer in hall.catalog.offers(web_settings.channel)
        if offer.product.product_kind is kind
    ]


def confirm_page(  # noqa: PLR0913 - the state of the confirmation
    request: Request[Any, Any, Any],
    payee: Payee,
    *,
    purpose: str,
    key: str,
    values: dict[str, str],
    offer: Any = None,  # noqa: ANN401 - a catalogue offer (product and price)
    problem: Problem | None = None,
) -> Template:
    """The confirmation: the number, the holder's masked name, what is paid, confirm."""
    return render(
        request,
        "pay_confirm.html",
        status_code=problem.status if problem is not None else 200,
        payee=payee,
        purpose=purpose,
        key=key,
        values=values,
        offer=offer,
        problem=problem,
    )


def _own_number(hall: Hall, token: Token) -> str:
    return hall.access.authorize(token, QUERY_BALANCE).subscriber.number.value


def _is_other(typed: str, own: str) -> bool:
    """Whether the number typed is not the session's own (``mobile.*`` if no number)."""
    return MobileNumber.parse(typed).value != own


def _top_up_page(  # noqa: PLR0913 - the state of the form
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    web_settings: Settings,
    *,
    values: dict[str, str] | None = None,
    problem: Problem | None = None,
) -> Template:
    shown = values or {"number": _own_number(hall, token)}
    return render(
        request,
        "topup.html",
        status_code=problem.status if problem is not None else 200,
        offers=offers_of(hall, web_settings, ProductKind.TOP_UP),
        values=shown,
        key=new_key(),
        problem=problem,
    )


@get("/top-up", include_in_schema=False, sync_to_thread=True)
def top_up_form(
    request: Request[Any, Any, Any], hall: Hall, token: Token, web_settings: Settings
) -> Template:
    """Choose a number and a denomination (with its effective price today)."""
    return _top_up_page(request, hall, token, web_settings)


@post("/top-up", include_in_schema=False, sync_to_thread=True)
def top_up_submit(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token, web_settings: Settings
) -> Template | Redirect:
    """Start the top-up; on to the cashier (or the payment's page)."""
    values = {name: field(data, name) for name in ("number", "product_code")}
    try:
        if values["number"] and _is_other(values["number"], _own_number(hall, token)):
            payee = hall.payments.others.payee(token, values["number"])
            offers = offers_of(hall, web_settings, ProductKind.TOP_UP)
            offer = next((o for o in offers if o.product.code == values["product_code"]), None)
            values["number"] = payee.number
            return confirm_page(
                request, payee, purpose="top_up", key=new_key(), values=values, offer=offer
            )
        result = hall.payments.top_up(
            token,
            values["product_code"],
            idempotency_key=field(data, "idempotency_key"),
            number=number_of(values["number"]),
            return_url=return_url(request),
        )
    except UnicomError as error:
        return _top_up_page(
            request, hall, token, web_settings, values=values, problem=problem_or_raise(error)
        )
    return after_payment(result)


@get("/payment-return", include_in_schema=False, sync_to_thread=False)
def payment_return(request: Request[Any, Any, Any]) -> Redirect:
    """The way back from the cashier (``out_trade_no``): the payment's page."""
    trade = request.query_params.get("out_trade_no", "")
    if trade.startswith("pa_") and trade[3:].isalnum():
        return Redirect(f"/payments/{trade}", status_code=303)
    return Redirect("/payments", status_code=303)


def show_payment(request: Request[Any, Any, Any], hall: Hall, attempt: PaymentAttempt) -> Template:
    """The payment's page: its stage in words, and the stage's next step (F-PAY-3)."""
    stage = payment_stage(attempt, hall.clock.now())
    return render(request, "payment.html", payment=attempt, stage=stage, key=new_key())


@get("/payments/{payment_id:str}", include_in_schema=False, sync_to_thread=True)
def payment_page(
    request: Request[Any, Any, Any], payment_id: FromPath[str], hall: Hall, token: Token
) -> Template:
    """Where one payment stands; a pending one links to its cashier page and may be cancelled."""
    return show_payment(request, hall, hall.payments.payment(token, payment_id))


@post("/payments/{payment_id:str}/cancel", include_in_schema=False, sync_to_thread=True)
def cancel_payment_page(payment_id: FromPath[str], hall: Hall, token: Token) -> Redirect:
    """Cancel a payment not paid yet (its stage becomes ``cancelled``), back to its page."""
    attempt = hall.payments.cancel(token, payment_id)
    return Redirect(f"/payments/{attempt.id}", status_code=303)


@get("/payments", include_in_schema=False, sync_to_thread=True)
def records_page(request: Request[Any, Any, Any], hall: Hall, token: Token) -> Template:
    """The session number's payments, newest first, paged."""
    try:
        offset = max(0, int(request.query_params.get("offset", "0")))
    except ValueError:
        offset = 0
    page = hall.payments.records(token, page=PageRequest(offset, _PAGE_SIZE))
    return render(request, "payments.html", page=page, page_size=_PAGE_SIZE)


def _bill_page(
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    values: dict[str, str] | None = None,
    problem: Problem | None = None,
) -> Template:
    values = values or {"number": "", "number_kind": "mobile", "amount": ""}
    balance, warning = None, None
    try:
        number = number_of(values["number"], values["number_kind"])
        subscriber = hall.access.authorize(token, PAY, number).subscriber
        balance = hall.billing.balance(token, number)
        warning = warning_of(hall.billing.payment_advice(subscriber.id))
    except UnicomError as error:
        if problem is None and _someone_elses(error, values):
            return _confirm_other_bill(request, hall, token, values)
        problem = problem or problem_or_raise(error)
    return render(
        request,
        "bill_payment.html",
        status_code=problem.status if problem is not None else 200,
        values=values,
        balance=balance,
        warning=warning,
        key=new_key(),
        problem=problem,
    )


def _someone_elses(error: UnicomError, values: dict[str, str]) -> bool:
    """Whether the refusal says the mobile number typed is not the session customer's."""
    mobile = values["number_kind"] == "mobile" and bool(values["number"])
    return mobile and error.code == "access.unknown_number"


def _confirm_other_bill(
    request: Request[Any, Any, Any], hall: Hall, token: Token, values: dict[str, str]
) -> Template:
    """Another number (代缴): its holder's masked name and the amount, never what it owes."""
    try:
        payee = hall.payments.others.payee(token, values["number"])
    except UnicomError as error:
        return _bill_page(request, hall, token, values, problem_or_raise(error))
    shown = {**values, "number": payee.number}
    return confirm_page(request, payee, purpose="bill", key=new_key(), values=shown)


@get("/bill-payment", include_in_schema=False, sync_to_thread=True)
def bill_form(request: Request[Any, Any, Any], hall: Hall, token: Token) -> Template:
    """What the account owes, the F-CAL-2 warning or the F-CAL-4 refusal, and the form."""
    query = dict(request.query_params)
    values = {
        "number": field(query, "number"),
        "number_kind": field(query, "number_kind") or "mobile",
        "amount": "",
    }
    return _bill_page(request, hall, token, values)


@post("/bill-payment", include_in_schema=False, sync_to_thread=True)
def bill_submit(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token
) -> Template | Redirect:
    """Pay the bills (everything owed, or the amount typed in yuan)."""
    values = {name: field(data, name) for name in ("number", "number_kind", "amount")}
    values["number_kind"] = values["number_kind"] or "mobile"
    try:
        amount = yuan(values["amount"], request)
        result = hall.payments.pay_bill(
            token,
            idempotency_key=field(data, "idempotency_key"),
            number=number_of(values["number"], values["number_kind"]),
            amount=amount,
            return_url=return_url(request),
        )
    except UnicomError as error:
        return _bill_page(request, hall, token, values, problem_or_raise(error))
    return after_payment(result)


def yuan(text: str, request: Request[Any, Any, Any]) -> Money | None:
    """The amount typed in yuan, within the web maximum (``payment.amount``), or None."""
    if not text:
        return None
    settings: WebSettings = request.app.state["web_settings"]
    return check_amount(Money.of_yuan(text), settings.max_amount_fen)


PAGES = (
    top_up_form,
    top_up_submit,
    payment_return,
    payment_page,
    cancel_payment_page,
    records_page,
    bill_form,
    bill_submit,
)
"""The pages of top-ups, bill payments and records."""
