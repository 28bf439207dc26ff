"""The error codes of the TMF event hubs: listeners, their queries and deliveries.

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import AdapterError, ErrorCode, InvalidInput, NotFound, Refused

__all__ = [
    "HUBS_API",
    "HUBS_CALLBACK",
    "HUBS_DELIVERY",
    "HUBS_FULL",
    "HUBS_NO_SENDER",
    "HUBS_QUERY",
    "HUBS_SETTINGS",
    "HUBS_UNKNOWN",
    "HUBS_UNREACHABLE",
]

HUBS_API = ErrorCode(
    "hubs.api", InvalidInput, "{api} is not a TMF API whose events this hall sends", fields=("api",)
)
HUBS_CALLBACK = ErrorCode(
    "hubs.callback",
    InvalidInput,
    "a callback is an absolute https URL with a host, at most 2000 characters",
    optional=("reason",),
)
HUBS_DELIVERY = ErrorCode(
    "hubs.delivery", InvalidInput, "a delivery field is out of range", optional=("field",)
)
HUBS_FULL = ErrorCode(
    "hubs.full", Refused, "at most {limit} listeners may be registered", fields=("limit",)
)
HUBS_NO_SENDER = ErrorCode(
    "hubs.no_sender",
    AdapterError,
    "no webhook sender is configured: pass bootstrap(webhooks=...) to deliver events",
)
HUBS_QUERY = ErrorCode(
    "hubs.query",
    InvalidInput,
    "a query is eventType=... and attribute filters name=value joined by &",
    optional=("term",),
)
HUBS_SETTINGS = ErrorCode(
    "hubs.settings", InvalidInput, "a hub setting is out of range", optional=("field",)
)
HUBS_UNKNOWN = ErrorCode("hubs.unknown", NotFound, "there is no listener {id}", fields=("id",))
HUBS_UNREACHABLE = ErrorCode(
    "hubs.unreachable",
    AdapterError,
    "the listener could not be reached",
    optional=("reason",),
)
