"""E-invoices: numbers, one per billable item even when asked concurrently, red-letter (F-QRY-6)."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
from hypothesis import given
from unicom_payments import Behaviour, SandboxPaymentGateway

from unicom_core.domain.payments import Invoice, InvoiceKind, InvoiceNumber, invoice_id
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.errors import Conflict, InvalidInput, NotFound, Refused
from unicom_core.memory.invoicing import MemoryInvoicing
from unicom_core.ports.payments import InvoiceRequest
from unicom_core.testing.strategies.payments import invoice_numbers
from unicom_core.testing.worlds.payments import PaymentWorld

AT = dt.datetime(2016, 5, 17, 10, tzinfo=SHANGHAI)


@pytest.fixture
def gateway():
    return SandboxPaymentGateway()


@pytest.fixture
def world(gateway):
    return PaymentWorld(gateway)


@pytest.fixture
def paid(world):
    subscriber, token = world.customer("18612345678")
    payment = world.payments.top_up(token, "top-up-50", idempotency_key="k").payment
    return subscriber, token, payment


@given(invoice_numbers())
def test_an_invoice_number_has_12_8_and_20_digits(number):
    assert (len(number.code), len(number.number), len(number.check_code)) == (12, 8, 20)
    assert str(number) == f"{number.code}-{number.number}"


@pytest.mark.parametrize(
    ("code", "number", "check"),
    [("1" * 11, "1" * 8, "1" * 20), ("1" * 12, "1" * 9, "1" * 20), ("1" * 12, "1" * 8, "x" * 20)],
)
def test_malformed_invoice_numbers_are_refused(code, number, check):
    with pytest.raises(InvalidInput):
        InvoiceNumber(code, number, check)


def test_a_blue_invoice_is_positive_and_a_red_one_cancels_one():
    with pytest.raises(InvalidInput):
        Invoice("i", InvoiceKind.BLUE, "item", "s", "个人", "x", Money(-1), AT)
    blue = Invoice(invoice_id("item"), InvoiceKind.BLUE, "item", "s", "个人", "x", Money(100), AT)
    with pytest.raises(Conflict):
        blue.red_letter(at=AT)  # not issued yet
    blue.issue(InvoiceNumber("0" * 12, "0" * 8, "0" * 20), at=AT)
    red = blue.red_letter(at=AT)
    assert (red.kind, red.amount, red.cancels) == (InvoiceKind.RED, Money(-100), blue.id)


def test_the_memory_tax_system_numbers_once_per_key_and_renders_html():
    invoicing = MemoryInvoicing()
    blue = Invoice(invoice_id("i"), InvoiceKind.BLUE, "i", "s", "<b>张三</b>", "话费", Money(5), AT)
    first = invoicing.issue(InvoiceRequest.of(blue))
    assert invoicing.issue(InvoiceRequest.of(blue)) == first
    assert re.fullmatch(r"0110016200\d\d", first.code)
    blue.issue(first, at=AT)
    page = invoicing.document(blue).content.decode()
    assert "&lt;b&gt;张三&lt;/b&gt;" in page  # escaped
    assert first.check_code in page


def test_a_paid_top_up_gets_one_invoice_and_re_downloads(world, paid):
    """F-QRY-6: issue, list and re-download; one invoice per billable item, never two."""
    _, token, payment = paid
    invoice = world.invoices.issue(token, payment.id, title="张三")
    again = world.invoices.issue(token, payment.id, title="张三")
    assert again.id == invoice.id
    assert again.number == invoice.number
    assert invoice.amount == payment.amount
    listed = world.invoices.invoices(token)
    assert [i.id for i in listed.items] == [invoice.id]
    first_copy = world.invoices.download(token, invoice.id)
    assert world.invoices.download(token, invoice.id) == first_copy
    assert first_copy.media_type.startswith("text/html")
    assert invoice.number.number in first_copy.content.decode()


def test_concurrent_requests_give_one_invoice(world, paid):
    """F-QRY-6: requested concurrently, still one invoice for the item."""
    _, token, payment = paid
    start = threading.Barrier(8)
    found: list[Invoice] = []

    def request():
        start.wait(5)
        found.append(world.invoices.issue(token, payment.id))

    threads = [threading.Thread(target=request) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len({(i.id, i.number) for i in found}) == 1
    assert world.invoices.invoices(token).total == 1


def test_an_unpaid_payment_gets_no_invoice(world, gateway):
    _, token = world.customer("18612345678")
    gateway.script(Behaviour.DECLINE)
    declined = world.payments.top_up(token, "top-up-50", idempotency_key="k").payment
    with pytest.raises(Refused) as refused:
        world.invoices.issue(token, declined.id)
    assert refused.value.code == "invoice.not_billable"


def test_another_customers_payment_and_invoice_stay_private(world, paid):
    """F-AUTH-6: a session never sees another customer's documents."""
    _, token, payment = paid
    invoice = world.invoices.issue(token, payment.id)
    _, other = world.customer("18612345679")
    with pytest.raises(NotFound):
        world.invoices.issue(other, payment.id)
    with pytest.raises(NotFound):
        world.invoices.download(other, invoice.id)


def test_a_refund_cancels_the_invoice_by_one_red_letter_invoice(world, paid):
    """F-QRY-6: a red-letter (cancelling) invoice for a refund."""
    _, token, payment = paid
    blue = world.invoices.issue(token, payment.id)
    world.payments.refund(payment.id, idempotency_key="r")
    invoices = world.invoices.invoices(token).items
    red = next(i for i in invoices if i.kind is InvoiceKind.RED)
    assert red.amount == -blue.amount
    assert red.cancels == blue.id
    assert red.number is not None
    assert red.number != blue.number
    assert world.invoices.red_letter(payment.id).id == red.id  # asked again: the same one
    stored_blue = next(i for i in invoices if i.kind is InvoiceKind.BLUE)
    assert stored_blue.cancelled_by == red.id
    assert "红字" in world.invoices.download(token, red.id).content.decode()


def test_a_refunded_payment_never_invoiced_gets_no_red_letter(world, paid):
    _, _, payment = paid
    world.payments.refund(payment.id, idempotency_key="r")
    assert world.invoices.red_letter(payment.id) is None
