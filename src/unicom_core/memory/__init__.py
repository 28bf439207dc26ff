"""The in-memory reference adapters of every port (standard library only).

They define the semantics every other adapter must match (the contract suites run against
them first), they are the fakes of the unit tests, and they are the demo's fallback.
The real clock is not among them: it is :class:`unicom_core.clock.SystemClock`.
"""

from __future__ import annotations

from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.memory.catalog import MemoryCatalogSource
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.documents import HtmlDocuments
from unicom_core.memory.entitlements import MemoryEntitlementIssuer
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.memory.identity import MemoryIdentityVerifier
from unicom_core.memory.logistics import MemoryLogistics
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.memory.number_pool import MemoryNumberPool
from unicom_core.memory.oauth import MemoryOAuthProvider
from unicom_core.memory.storage import MemoryStorage
from unicom_core.memory.webhooks import MemoryWebhookSender

__all__ = [
    "HtmlDocuments",
    "MemoryCaptcha",
    "MemoryCatalogSource",
    "MemoryEntitlementIssuer",
    "MemoryIdentityVerifier",
    "MemoryLogistics",
    "MemoryMessageSender",
    "MemoryNumberPool",
    "MemoryOAuthProvider",
    "MemoryPasswordHasher",
    "MemoryStorage",
    "MemoryWebhookSender",
    "SettableClock",
]
