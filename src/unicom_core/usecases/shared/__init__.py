"""Use cases that serve every area: relaying the outbox, the TMF event hubs, the kernel."""

from __future__ import annotations

from unicom_core.usecases.shared.hub_dispatch import DispatchReport, HubDispatcher
from unicom_core.usecases.shared.hub_events import (
    HUB_APIS,
    HubApi,
    Notification,
    notifications,
    to_json,
)
from unicom_core.usecases.shared.hub_service import HubService
from unicom_core.usecases.shared.hubs import (
    HubListeners,
    HubPublisher,
    HubSettings,
    Registration,
    TeePublisher,
)
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
    "HUB_APIS",
    "VERSION_CONFLICT",
    "DispatchReport",
    "HubApi",
    "HubDispatcher",
    "HubListeners",
    "HubPublisher",
    "HubService",
    "HubSettings",
    "Notification",
    "OutboxRelay",
    "Registration",
    "RelayReport",
    "RelaySettings",
    "RetryRule",
    "TeePublisher",
    "Transactional",
    "Versioned",
    "backoff",
    "notifications",
    "publish",
    "put",
    "run",
    "to_json",
]
