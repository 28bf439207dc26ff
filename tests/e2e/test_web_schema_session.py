"""schemathesis with a logged-in session: 20 examples an operation, never a server error.

Every operation of ``/schema`` (the JSON API under ``/api/v1`` and the TMF paths) is called
with generated cases carrying the Bearer token of a real service-password session (the
token the session cookie also holds), and every answer passes the checks: no 5xx, a
documented status, media type and body. Then 20 negative cases an operation (what the
schema forbids: a string for an integer, an offset past its bound, a missing field) must
each be refused, never a 5xx (8 an operation). Derandomized, so CI meets the same cases each
run. The counts are kept small because the API has grown to well over a hundred operations:
about 28 calls each, some 4,000 in all, a minute or two on two cores.

An operation that may end the session (logging out, changing or resetting the password,
third-party bindings) gets a fresh session before each case, so the cases after the first
still reach the handlers behind the session check.
"""

from __future__ import annotations

import contextlib
import datetime as dt

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = 20
NEGATIVE_EXAMPLES = 8
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ENDS_SESSIONS = ("/api/v1/session", "/api/v1/password")
"""Operations that may revoke the session: each of their cases logs in afresh."""
A1, PASSWORD = "18612345678", "284615"


def _login(world, client) -> dict[str, str]:
    """A fresh session of 张三's number; a lock-out left by earlier cases is waited out."""
    for _ in range(3):
        answer = client.post(
            "/api/v1/sessions/password",
            json={"login_type": "mobile", "user_name": A1, "password": PASSWORD},
        )
        if answer.status_code == 201:
            return {"Authorization": f"Bearer {answer.json()['token']}"}
        world.clock.advance(dt.timedelta(days=1))
    raise AssertionError(answer.text)


def _run(world, client, operation, mode=GenerationMode.POSITIVE) -> None:
    """The operation's cases, each with a live session; fails on the first failed check.

    Positive cases (valid by the schema) pass every check; negative ones (a wrong type, a
    value out of bounds, a missing field) must be refused, never a server error.
    """
    fresh = operation.path.startswith(ENDS_SESSIONS)
    session = {"headers": _login(world, client)}
    positive = mode is GenerationMode.POSITIVE

    @given(case=operation.as_strategy(mode))
    @settings(
        max_examples=EXAMPLES if positive else NEGATIVE_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case) -> None:
        if fresh:
            session["headers"] = _login(world, client)
        case.call_and_validate(
            headers=session["headers"], checks=CHECKS if positive else [not_a_server_error]
        )

    check()


def test_a_logged_in_session_never_meets_a_server_error(world):
    world.bill_history()
    schema = schemathesis.openapi.from_asgi("/schema/openapi.json", world.app())
    operations = [result.ok() for result in schema.get_all_operations()]
    paths = {operation.path for operation in operations}
    assert "/api/v1/payments/bill-payments" in paths
    assert "/tmf-api/prepayBalanceManagement/v4/topupBalance" in paths
    assert "/paymentManagement/v4/payment" in paths

    with world.client() as client:
        for operation in operations:
            _run(world, client, operation)
            with contextlib.suppress(Unsatisfiable):  # nothing to get wrong: no parameters
                _run(world, client, operation, GenerationMode.NEGATIVE)
