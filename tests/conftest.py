"""Shared pytest set-up: the hypothesis profiles (docs/explanation/hexagon.md).

``HYPOTHESIS_PROFILE`` chooses ``dev`` (default: 100 random examples a property), ``ci``
(the default under ``CI=true``: 300, derandomized, so a run meets the same cases as the
last), ``thorough`` (1,000 examples, for a long run by hand) or ``fast`` (a smoke run).
``ci`` drew 100 for one trial: the run went from 794 s to 787 s, so the properties are not
where its time goes and the stronger profile stays. Where it went (docs/performance.md, "The
test suite"): migrating a SQLite file and building the web app for every test, and
coverage's tracing, now ``make coverage``'s alone.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.register_profile("fast", max_examples=20, deadline=None)

_default = "ci" if os.environ.get("CI", "").lower() == "true" else "dev"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", _default))
