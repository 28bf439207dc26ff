"""A 503 problem tells the client when to come back: ``Retry-After`` (docs/explanation/faults.md).

While the database restarts or its disk is full, every request is a 503 problem; without
``Retry-After`` a client or a proxy has nothing to back off by. An error naming its own
``retry_at`` keeps that instant (an HTTP date), as a rate limit does.
"""

from __future__ import annotations

import datetime as dt

import pytest
from unicom_sql.codes import STORAGE_DISK_FULL, STORAGE_READ_ONLY_DISK
from unicom_web.problems import UNAVAILABLE_DETAIL, UNAVAILABLE_RETRY_AFTER, problem_for

from unicom_core.domain.shared import (
    SHANGHAI,
    STORAGE_BUSY,
    STORAGE_DUPLICATE,
    STORAGE_UNAVAILABLE,
)
from unicom_core.errors import AdapterError, ErrorCode

pytestmark = pytest.mark.faults

WHERE = "sqlite:///hall.sqlite3"


@pytest.mark.parametrize(
    "code", [STORAGE_UNAVAILABLE, STORAGE_BUSY, STORAGE_DISK_FULL, STORAGE_READ_ONLY_DISK]
)
def test_a_storage_fault_is_a_503_with_retry_after(code: ErrorCode[AdapterError]):
    problem = problem_for(code.error(url=WHERE))
    assert problem.status == 503
    assert problem.code == code.code
    assert problem.headers["Retry-After"] == str(UNAVAILABLE_RETRY_AFTER)
    assert int(problem.headers["Retry-After"]) > 0


def test_an_adapter_error_with_its_own_retry_at_keeps_that_instant():
    at = dt.datetime(2026, 12, 2, 8, tzinfo=SHANGHAI)
    error = AdapterError(STORAGE_UNAVAILABLE.code, "back at eight", url=WHERE, retry_at=at)
    problem = problem_for(error)
    assert problem.headers["Retry-After"] == "Wed, 02 Dec 2026 00:00:00 GMT"
    assert set(problem.data) == {"retry_at"}


def test_a_503_never_tells_the_client_where_the_database_is():
    error = STORAGE_UNAVAILABLE.error(f"there is no SQLite database file at {WHERE}", url=WHERE)
    problem = problem_for(error)
    body = str(problem.body("https://errors.example/"))
    assert WHERE not in body
    assert "hall.sqlite3" not in body
    assert problem.detail == UNAVAILABLE_DETAIL
    assert problem.code == STORAGE_UNAVAILABLE.code


def test_a_refusal_that_is_not_unavailability_has_no_retry_after():
    problem = problem_for(STORAGE_DUPLICATE.error(url=WHERE))
    assert problem.status == 409
    assert "Retry-After" not in problem.headers
