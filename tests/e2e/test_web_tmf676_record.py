"""TMF676 ``POST payment``: operators record payments taken elsewhere (F-PAY-2, F-AUTH-6).

Every answer is checked against the vendored TMF676 swagger, for an operator's Bearer token
and a subscriber's session alike. The fixture's postpaid account ``ab`` owes its bills from
June to October (the bill history); a payment settles the oldest first, like any payment.
"""

from __future__ import annotations

import pytest
from tests.specs import conforms, spec_of

SPEC_FILE = "TMF676-Payment-v4.0.0.swagger.json"
BASES = ["/paymentManagement/v4", "/tmf-api/paymentManagement/v4"]
B1 = "18687654321"


def bearer(world, *scopes: str) -> dict[str, str]:
    new = world.hall.access.add_client("bank", list(scopes))
    issued = world.hall.access.issue_client_token(new.client.id, new.secret, " ".join(scopes))
    return {"authorization": f"Bearer {issued.access_token}"}


def counter_payment(value: object = 20, correlator: str | None = "BOC-20261126-0001", **extra):
    body: dict = {
        "account": {"id": "ab", "@referredType": "BillingAccount"},
        "totalAmount": {"unit": "CNY", "value": value},
        "paymentMethod": {"name": "bank_counter", "@type": "Cash"},
        "paymentItem": [{"item": {"id": "ab:2026-06", "@referredType": "CustomerBill"}}],
        "authorizationCode": "V-0042",
        "@type": "Payment",
    }
    if correlator is not None:
        body["correlatorId"] = correlator
    body.update(extra)
    return body


def owed_bills(world) -> list[str]:
    with world.hall.storage.read() as tx:
        return [bill.id for bill in tx.bills.unsettled_of_account("ab")]


def balance(world) -> int:
    with world.hall.storage.read() as tx:
        return tx.accounts.get("ab").balance.fen


@pytest.mark.parametrize("base", BASES)
def test_f_pay_2_a_recorded_payment_settles_bills_once(world, client, base):
    spec = spec_of(SPEC_FILE)
    world.bill_history()
    oldest = owed_bills(world)[0]
    with world.hall.storage.read() as tx:  # ab is ¥12 below zero, then owes the June bill
        due = (
            -tx.accounts.get("ab").balance.fen + tx.bills.get(oldest).owed_at(world.clock.now()).fen
        )
    headers = bearer(world, "payments.record")
    body = counter_payment(due / 100)
    first = client.post(f"{base}/payment", json=body, headers=headers)
    assert first.status_code == 201, first.text
    conforms(spec, "Payment", first.json())
    payment = first.json()
    assert payment["status"] == "succeeded"
    assert payment["totalAmount"] == {"unit": "CNY", "value": due / 100}
    assert payment["paymentMethod"]["name"] == "recorded"
    assert payment["paymentMethod"]["description"] == "recorded:bank_counter"
    assert payment["authorizationCode"] == "V-0042"
    assert payment["paymentItem"][0]["item"]["id"] == "ab:2026-06"
    assert first.headers["location"] == payment["href"]
    assert oldest not in owed_bills(world)  # the oldest bill, settled
    after = balance(world)
    again = client.post(f"{base}/payment", json=body, headers=headers)
    assert again.status_code == 201
    conforms(spec, "Payment", again.json())
    assert again.json()["id"] == payment["id"]
    assert balance(world) == after  # once
    reader = bearer(world, "tmf.read")
    listed = client.get(f"{base}/payment", params={"name": "bill"}, headers=reader)
    assert listed.status_code == 200
    for item in listed.json():
        conforms(spec, "Payment", item)
    assert [item["id"] for item in listed.json()].count(payment["id"]) == 1
    world.login(client, B1)
    own = client.get(f"{base}/payment/{payment['id']}")
    assert own.status_code == 200, own.text
    conforms(spec, "Payment", own.json())


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (counter_payment(10_000), 422, "payment.amount_too_large"),
        (counter_payment(12.345), 422, "payment.amount"),
        (counter_payment(account={"id": "zz"}), 404, "billing.unknown_account"),
        (
            counter_payment(paymentItem=[{"item": {"id": "aa:2026-06"}}]),
            422,
            "payment.record_bill",
        ),
        (
            counter_payment(paymentMethod={"name": "bank counter!", "@type": "Cash"}),
            422,
            "payment.record_request",
        ),
        (counter_payment(amount={"unit": "CNY", "value": 19}), 422, "payment.record_request"),
    ],
)
def test_refused_recorded_payments_are_tmf_errors(world, client, body, status, code):
    spec = spec_of(SPEC_FILE)
    world.bill_history()
    before = balance(world)
    answer = client.post(f"{BASES[0]}/payment", json=body, headers=bearer(world, "payments.record"))
    assert answer.status_code == status, answer.text
    conforms(spec, "Error", answer.json())
    assert answer.json()["code"] == code
    assert balance(world) == before


def test_f_pay_2_the_same_correlator_for_another_payment_is_a_conflict(world, client):
    spec = spec_of(SPEC_FILE)
    world.bill_history()
    headers = bearer(world, "payments.record")
    recorded = client.post(f"{BASES[0]}/payment", json=counter_payment(), headers=headers)
    assert recorded.status_code == 201
    conforms(spec, "Payment", recorded.json())
    other = client.post(f"{BASES[0]}/payment", json=counter_payment(21), headers=headers)
    assert other.status_code == 409
    conforms(spec, "Error", other.json())
    assert other.json()["code"] == "payment.key_reused"
    by_header = counter_payment(5, correlator=None)
    keyed = {**headers, "Idempotency-Key": "retry-7"}
    one = client.post(f"{BASES[0]}/payment", json=by_header, headers=keyed)
    two = client.post(f"{BASES[0]}/payment", json=by_header, headers=keyed)
    assert one.status_code == two.status_code == 201
    assert one.json()["id"] == two.json()["id"]
    conforms(spec, "Payment", one.json())
    conforms(spec, "Payment", two.json())


def test_f_auth_6_recording_payments_needs_the_scope(world, client):
    spec = spec_of(SPEC_FILE)
    world.bill_history()
    anonymous = client.post(f"{BASES[0]}/payment", json=counter_payment())
    assert anonymous.status_code == 401
    conforms(spec, "Error", anonymous.json())
    reader = client.post(
        f"{BASES[0]}/payment", json=counter_payment(), headers=bearer(world, "tmf.read")
    )
    assert reader.status_code == 403
    conforms(spec, "Error", reader.json())
    world.login(client, B1)
    session = client.post(f"{BASES[0]}/payment", json=counter_payment())
    assert session.status_code == 403
    conforms(spec, "Error", session.json())
    assert session.json()["code"] == "access.capability_missing"
