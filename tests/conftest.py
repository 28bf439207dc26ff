"""Shared pytest set-up: the hypothesis profiles (docs/explanation/hexagon.md).

``HYPOTHESIS_PROFILE`` chooses ``dev`` (default), ``ci`` (more examples, derandomized;
the default under ``CI=true``) or ``fast`` (a smoke run).
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
settings.register_profile("fast", max_examples=20, deadline=None)

_default = "ci" if os.environ.get("CI", "").lower() == "true" else "dev"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", _default))
