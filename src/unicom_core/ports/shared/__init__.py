"""Ports every area uses: the clock, repositories, counters, the outbox, event publishing.

And the TMF event hubs (listeners, deliveries, the webhook sender), the hall's one
permission check (:class:`Authorizer`), and the document renderer
(:class:`Documents`, F-QRY-6).
"""

from __future__ import annotations

from unicom_core.ports.shared.authorizer import (
    Authorizer,
    Granted,
)
from unicom_core.ports.shared.clock import (
    Clock,
)
from unicom_core.ports.shared.counters import (
    MAX_PURGE_LIMIT,
    Counters,
    check_counter_instant,
    check_purge_limit,
)
from unicom_core.ports.shared.documents import (
    HTML,
    PDF,
    Documents,
    RenderedDocument,
    document_filename,
    document_header,
    media_type_essence,
    refuse_media_type,
)
from unicom_core.ports.shared.event_publisher import (
    EventPublisher,
    PublishOutcome,
)
from unicom_core.ports.shared.hubs import (
    DeliveryRepository,
    HubRepositories,
    HubSubscriptionRepository,
    WebhookSender,
)
from unicom_core.ports.shared.outbox import (
    MAX_OUTBOX_LIMIT,
    Outbox,
    OutboxEntry,
    check_instant,
    check_outbox_limit,
)
from unicom_core.ports.shared.repositories import (
    MAX_PAGE_LIMIT,
    Page,
    PageRequest,
    Repository,
    SharedRepositories,
    check_limit,
)

__all__ = [
    "HTML",
    "MAX_OUTBOX_LIMIT",
    "MAX_PAGE_LIMIT",
    "MAX_PURGE_LIMIT",
    "PDF",
    "Authorizer",
    "Clock",
    "Counters",
    "DeliveryRepository",
    "Documents",
    "EventPublisher",
    "Granted",
    "HubRepositories",
    "HubSubscriptionRepository",
    "Outbox",
    "OutboxEntry",
    "Page",
    "PageRequest",
    "PublishOutcome",
    "RenderedDocument",
    "Repository",
    "SharedRepositories",
    "WebhookSender",
    "check_counter_instant",
    "check_instant",
    "check_limit",
    "check_outbox_limit",
    "check_purge_limit",
    "document_filename",
    "document_header",
    "media_type_essence",
    "refuse_media_type",
]
