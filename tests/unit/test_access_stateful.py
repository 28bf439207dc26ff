"""F-AUTH-2, F-AUTH-7: logins, failures, code requests and clock moves against a model.

The machine and its model live in :mod:`unicom_core.testing.machines.access` (shipped, so an
embedder can bind it to their own storage); here it runs on the memory reference, and
``tests/integration/test_sql_access.py`` runs it on SQLite and PostgreSQL.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

from unicom_core.testing.machines.access import LoginMachine

LoginMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestLoginMachine = LoginMachine.TestCase
