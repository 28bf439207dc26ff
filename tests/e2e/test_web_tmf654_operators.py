"""TMF654 for operators (F-AUTH-6): the carrier's top-ups, and ``adjustBalance`` (F-QRY-1).

Every answer is checked against the vendored TMF654 swagger, for an operator's Bearer token
and for a subscriber's session alike. Amounts are exact: the fixture's account ``aa`` holds
¥52.30 with no credit (it never goes below zero), ``ab`` holds -¥12 with ¥100 of credit.
"""

from __future__ import annotations

import pytest
from tests.e2e.test_web_tmf654 import BASE, SPEC_FILE, top_up
from tests.specs import conforms, spec_of

A1, B1 = "18612345678", "18687654321"
ADJUST = f"{BASE}/adjustBalance"


def bearer(world, *scopes: str) -> dict[str, str]:
    new = world.hall.access.add_client("crm", list(scopes))
    issued = world.hall.access.issue_client_token(new.client.id, new.secret, " ".join(scopes))
    return {"authorization": f"Bearer {issued.access_token}"}


def balance(world, account: str) -> int:
    with world.hall.storage.read() as tx:
        return tx.accounts.get(account).balance.fen


def adjustment(amount: object = 10.05, kind: str = "credit", **extra: object) -> dict:
    body: dict = {
        "adjustType": kind,
        "amount": {"amount": amount, "units": "CNY"},
        "reason": "goodwill: dropped calls on 2026-11-20",
        "partyAccount": {"id": "aa", "@referredType": "BillingAccount"},
        "requestor": {"id": "agent-007", "@referredType": "Individual"},
        "@type": "AdjustBalance",
    }
    body.update(extra)
    return body


def test_f_auth_6_tmf_read_lists_the_top_ups_of_the_whole_carrier(world):
    spec = spec_of(SPEC_FILE)
    with world.client() as mine, world.client() as theirs, world.client() as system:
        world.login(mine, A1)
        world.login(theirs, B1)
        for session, key in ((mine, "k-a1"), (theirs, "k-b1")):
            created = top_up(session, key=key)
            assert created.status_code == 201
            conforms(spec, "TopupBalance", created.json())
        headers = bearer(world, "tmf.read")
        answer = system.get(f"{BASE}/topupBalance", headers=headers)
        assert answer.status_code == 200, answer.text  # was 403 operator.no_subscriber
        assert answer.headers["x-total-count"] == "2"
        for item in answer.json():
            conforms(spec, "TopupBalance", item)
        assert {item["logicalResource"]["id"] for item in answer.json()} == {A1, B1}
        one = system.get(f"{BASE}/topupBalance/{answer.json()[0]['id']}", headers=headers)
        assert one.status_code == 200
        conforms(spec, "TopupBalance", one.json())
        for path in ("bucket", "accumulatedBalance"):
            listed = system.get(f"{BASE}/{path}", headers=headers)
            assert listed.status_code == 200
            for item in listed.json():
                conforms(spec, path[0].upper() + path[1:], item)


def test_f_qry_1_a_credit_with_a_reason_once_per_key(world, client):
    spec = spec_of(SPEC_FILE)
    headers = {**bearer(world, "balance.adjust"), "Idempotency-Key": "crm-2026-001"}
    first = client.post(ADJUST, json=adjustment(), headers=headers)
    assert first.status_code == 201, first.text
    conforms(spec, "AdjustBalance", first.json())
    assert first.headers["location"] == first.json()["href"]
    assert first.json()["amount"] == {"amount": 10.05, "units": "CNY"}
    assert first.json()["reason"] == "goodwill: dropped calls on 2026-11-20"
    assert first.json()["requestor"] == {"id": "agent-007", "@referredType": "Individual"}
    assert balance(world, "aa") == 5230 + 1005
    again = client.post(ADJUST, json=adjustment(), headers=headers)
    assert again.status_code == 201
    conforms(spec, "AdjustBalance", again.json())
    assert again.json() == first.json()
    assert balance(world, "aa") == 5230 + 1005  # credited once
    reused = client.post(ADJUST, json=adjustment(amount=1), headers=headers)
    assert reused.status_code == 409
    conforms(spec, "Error", reused.json())
    assert reused.json()["code"] == "balance.adjustment_key_reused"
    entries = [e for e in world.hall.access.audit().items if e.action == "balance.adjusted"]
    assert len(entries) == 1
    assert entries[0].parameters["reason"] == "goodwill: dropped calls on 2026-11-20"
    assert (entries[0].account_id, entries[0].parameters["amount_fen"]) == ("aa", "1005")


def test_f_qry_1_a_debit_never_takes_a_prepaid_balance_below_zero(world, client):
    spec = spec_of(SPEC_FILE)
    headers = bearer(world, "balance.adjust")
    too_much = client.post(ADJUST, json=adjustment(52.31, "debit", id="d-1"), headers=headers)
    assert too_much.status_code == 403, too_much.text
    conforms(spec, "Error", too_much.json())
    assert too_much.json()["code"] == "account.insufficient_funds"
    assert balance(world, "aa") == 5230
    retried = client.post(ADJUST, json=adjustment(52.30, "debit", id="d-1"), headers=headers)
    assert retried.status_code == 201, retried.text  # a refused key is not taken
    conforms(spec, "AdjustBalance", retried.json())
    assert balance(world, "aa") == 0
    postpaid = adjustment(88, "debit", id="d-2", partyAccount=None, bucket={"id": "ab:balance"})
    answer = client.post(ADJUST, json=postpaid, headers=headers)
    assert answer.status_code == 201, answer.text  # -12 - 88 = -100: the credit limit
    conforms(spec, "AdjustBalance", answer.json())
    assert balance(world, "ab") == -10000


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"reason": None}, 422, "balance.adjust_reason"),
        ({"reason": "   "}, 422, "balance.adjust_reason"),
        ({"adjustType": "transfer"}, 422, "balance.adjust_kind"),
        ({"partyAccount": None}, 422, "balance.adjust_request"),
        ({"bucket": {"id": "aa:2026-11:data-100mb:data_kb"}}, 422, "balance.adjust_request"),
        ({"bucket": {"id": "ab:balance"}}, 422, "balance.adjust_request"),
        ({"partyAccount": {"id": "zz"}}, 404, "billing.unknown_account"),
        ({"amount": {"amount": 1.005, "units": "CNY"}}, 422, "payment.amount"),
        ({"amount": {"amount": 1, "units": "USD"}}, 422, "balance.adjust_request"),
    ],
)
def test_refused_adjustments_are_tmf_errors(world, client, change, status, code):
    spec = spec_of(SPEC_FILE)
    body = {k: v for k, v in {**adjustment(), **change}.items() if v is not None}
    answer = client.post(ADJUST, json=body, headers=bearer(world, "balance.adjust"))
    assert answer.status_code == status, answer.text
    conforms(spec, "Error", answer.json())
    assert answer.json()["code"] == code
    assert balance(world, "aa") == 5230


def test_f_auth_6_only_operators_with_balance_adjust_adjust(world, client):
    spec = spec_of(SPEC_FILE)
    anonymous = client.post(ADJUST, json=adjustment())
    assert anonymous.status_code == 401
    conforms(spec, "Error", anonymous.json())
    reader = client.post(ADJUST, json=adjustment(), headers=bearer(world, "tmf.read"))
    assert reader.status_code == 403
    conforms(spec, "Error", reader.json())
    world.login(client)
    session = client.post(ADJUST, json=adjustment())
    assert session.status_code == 403
    conforms(spec, "Error", session.json())
    assert balance(world, "aa") == 5230


def test_f_qry_1_adjustments_listed_for_their_account_and_the_carrier(world):
    spec = spec_of(SPEC_FILE)
    with world.client() as system, world.client() as mine:
        writer = bearer(world, "balance.adjust")
        by_number = adjustment(1, logicalResource={"id": A1}, partyAccount=None, id="n-1")
        other = adjustment(2, partyAccount={"id": "ab"}, id="n-2")
        for body in (by_number, other):
            made = system.post(ADJUST, json=body, headers=writer)
            assert made.status_code == 201
            conforms(spec, "AdjustBalance", made.json())
        reader = bearer(world, "tmf.read")
        every = system.get(ADJUST, headers=reader)
        assert every.status_code == 200, every.text
        assert every.headers["x-total-count"] == "2"
        for item in every.json():
            conforms(spec, "AdjustBalance", item)
            one = system.get(f"{ADJUST}/{item['id']}", headers=reader)
            assert one.status_code == 200
            conforms(spec, "AdjustBalance", one.json())
        theirs = next(i["id"] for i in every.json() if i["partyAccount"]["id"] == "ab")
        world.login(mine, A1)
        own = mine.get(ADJUST)
        assert own.status_code == 200, own.text
        for item in own.json():
            conforms(spec, "AdjustBalance", item)
        assert [item["partyAccount"]["id"] for item in own.json()] == ["aa"]
        assert own.json()[0]["logicalResource"]["id"] == A1
        foreign = mine.get(f"{ADJUST}/{theirs}")
        assert foreign.status_code == 404
        conforms(spec, "Error", foreign.json())
