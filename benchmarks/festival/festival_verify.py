"""After the festival: was anything lost or doubled? Read from the stored rows, not from the load.

The verifier reads the hall's tables as stored (the JSON bodies of accounts, payment attempts,
campaigns and participations, the counters, the number pool and its reservations) and the
gateway's trades, and reports every finding as one line:

* **top-ups** (F-PAY-3): every top-up the gateway took money for is SUCCEEDED in the hall and
  credited exactly once, by its face value, to its own account (one ledger entry whose
  reference is the payment id); a top-up not succeeded is credited never; a payment the load
  client paid at the cashier is among them;
* **balances** (F-QRY-1): every account's balance is its opening balance plus the sum of its
  ledger entries;
* **quotas** (F-PRO-2): no campaign has more live participations, or more units taken from
  its quota counter, than its quota, and the two agree;
* **numbers** (F-NUM-3): no pool number is held by two reservations, and a reserved number's
  reservation is the one stored for it, of one holder.

An empty list is the all-clear. The smoke test injects a doubled credit and an oversold quota
and expects the findings to name them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sqlalchemy.engine import Connection, Engine

__all__ = ["findings_of", "verify"]


def verify(engine: Engine, paid: Iterable[str] = ()) -> list[str]:
    """The findings of the stored state (``paid``: payment ids paid at the cashier)."""
    with engine.connect() as connection:
        return findings_of(connection, paid)


def findings_of(connection: Connection, paid: Iterable[str] = ()) -> list[str]:
    """:func:`verify` on an open connection (a test injects a fault in its transaction)."""
    query = text("SELECT id, body FROM accounts")
    accounts = {row.id: row.body for row in connection.execute(query)}
    return [
        *_balances(accounts),
        *_top_ups(connection, accounts, set(paid)),
        *_quotas(connection),
        *_numbers(connection),
    ]


def _balances(accounts: dict[str, dict[str, Any]]) -> list[str]:
    findings = []
    for account_id, body in sorted(accounts.items()):
        posted = sum(entry["amount"]["fen"] for entry in body.get("ledger", ()))
        opening, balance = body["opening_balance"]["fen"], body["balance"]["fen"]
        if opening + posted != balance:
            findings.append(
                f"balance: account {account_id} holds {balance} fen, its ledger says "
                f"{opening + posted}"
            )
    return findings


def _postings(accounts: dict[str, dict[str, Any]]) -> dict[str, list[tuple[str, int]]]:
    """Every ledger entry by its reference: the account and the fen."""
    postings: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for account_id, body in accounts.items():
        for entry in body.get("ledger", ()):
            postings[entry["reference"]].append((account_id, entry["amount"]["fen"]))
    return postings


def _top_ups(
    connection: Connection, accounts: dict[str, dict[str, Any]], paid: set[str]
) -> list[str]:
    postings = _postings(accounts)
    query = text("SELECT id, body FROM payment_attempts WHERE body->>'purpose' = 'top_up'")
    attempts = {row.id: row.body for row in connection.execute(query)}
    trades = text("SELECT key FROM festival_gateway_trades WHERE outcome = 'succeeded'")
    taken = {row.key for row in connection.execute(trades)}
    findings = []
    for payment_id in sorted(taken | paid):
        body = attempts.get(payment_id)
        if body is None or body["status"] != "succeeded":
            state = "unknown" if body is None else body["status"]
            findings.append(f"top-up: {payment_id} was paid at the gateway but is {state}")
    for payment_id, body in sorted(attempts.items()):
        posted = postings.get(payment_id, [])
        expected = (
            [(body["account_id"], body["credit"]["fen"])] if body["status"] == "succeeded" else []
        )
        if sorted(posted) != expected:
            findings.append(
                f"top-up: {payment_id} ({body['status']}) is credited {len(posted)} times: "
                f"{posted}, expected {expected}"
            )
    return findings


def _quotas(connection: Connection) -> list[str]:
    live = Counter[str]()
    grouped = text(
        "SELECT campaign_code, count(*) AS n FROM participations "
        "WHERE state IN ('awaiting_payment', 'active') GROUP BY campaign_code"
    )
    for row in connection.execute(grouped):
        live[row.campaign_code] = row.n
    taken_by_key = text("SELECT key, taken FROM counters WHERE key LIKE 'promo:%'")
    counters = {row.key: row.taken for row in connection.execute(taken_by_key)}
    findings = []
    for row in connection.execute(text("SELECT id, body FROM campaigns")):
        quota = row.body.get("quota")
        if quota is None:
            continue
        taken = counters.get(f"promo:{row.id}:quota", 0)
        if live[row.id] > quota or taken > quota:
            findings.append(
                f"quota: campaign {row.id} has {live[row.id]} live participations and "
                f"{taken} units taken, over its quota of {quota}"
            )
        elif live[row.id] != taken:
            findings.append(
                f"quota: campaign {row.id} has {live[row.id]} live participations but "
                f"{taken} units taken"
            )
    return findings


def _numbers(connection: Connection) -> list[str]:
    findings = []
    held = text(
        "SELECT number, count(*) AS n, count(DISTINCT holder) AS holders "
        "FROM number_reservations GROUP BY number HAVING count(*) > 1"
    )
    findings += [
        f"number: {row.number} is held by {row.n} reservations of {row.holders} holders"
        for row in connection.execute(held)
    ]
    orphans = text(
        "SELECT p.number FROM number_pool p LEFT JOIN number_reservations r "
        "ON r.id = p.reservation_id AND r.number = p.number "
        "WHERE p.status = 'reserved' AND r.id IS NULL"
    )
    findings += [
        f"number: {row.number} is reserved by a reservation stored for no one"
        for row in connection.execute(orphans)
    ]
    return findings
