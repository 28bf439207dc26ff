"""Use cases that serve every area: relaying the outbox, the one transaction kernel."""

from __future__ import annotations

from unicom_core.usecases.shared.outbox_relay import (
    OutboxRelay,
    RelayReport,
    RelaySettings,
    backoff,
)
from unicom_core.usecases.shared.transactions import (
    VERSION_CONFLICT,
    RetryRule,
    Transactional,
    Versioned,
    publish,
    put,
    run,
)

__all__ = [
    "VERSION_CONFLICT",
    "OutboxRelay",
    "RelayReport",
    "RelaySettings",
    "RetryRule",
    "Transactional",
    "Versioned",
    "backoff",
    "publish",
    "put",
    "run",
]
