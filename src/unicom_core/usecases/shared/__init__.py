"""Use cases that serve every area: relaying the outbox."""

from __future__ import annotations

from unicom_core.usecases.shared.outbox_relay import (
    OutboxRelay,
    RelayReport,
    RelaySettings,
    backoff,
)

__all__ = [
    "OutboxRelay",
    "RelayReport",
    "RelaySettings",
    "backoff",
]
