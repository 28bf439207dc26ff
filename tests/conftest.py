"""Shared pytest set-up: the hypothesis profiles (docs/explanation/hexagon.md).

``HYPOTHESIS_PROFILE`` chooses ``dev`` (default: 100 random examples a property), ``ci``
(the default under ``CI=true``: as many, derandomized, so a run meets the same cases as the
last), ``thorough`` (1,000 examples, for a long run by hand) or ``fast`` (a smoke run).
``ci`` once drew 300 examples; with several hundred property and stateful tests that made
them most of ``make test``'s time, and since a derandomized run meets the same cases every
time, its extra examples bought the same cases again each run: the random ``dev`` runs are
where new cases come from, and ``thorough`` is there for a long hunt.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.register_profile("fast", max_examples=20, deadline=None)

_default = "ci" if os.environ.get("CI", "").lower() == "true" else "dev"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", _default))
