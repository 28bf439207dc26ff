"""MemoryEntitlementIssuer: the entitlement issuer for tests and the demo (F-PRO-3).

It issues by recording, once per idempotency key (the same key answers the same reference),
and can be told to fail the next calls (:meth:`fail_next`) so tests see the retries.
"""

from __future__ import annotations

import threading

from unicom_core.domain.promotions import PROMOTION_ISSUER_UNAVAILABLE
from unicom_core.ports.promotions import EntitlementIssuer

__all__ = ["MemoryEntitlementIssuer"]


class MemoryEntitlementIssuer(EntitlementIssuer):
    """Records issued entitlements by idempotency key; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.issued: dict[str, tuple[str, str, str]] = {}
        """key -> (entitlement, number, reference)."""
        self.calls = 0
        self._failures = 0

    def fail_next(self, count: int = 1) -> None:
        """Fail the next ``count`` calls with ``promotion.issuer_unavailable``."""
        with self._lock:
            self._failures += count

    def issue(self, entitlement: str, number: str, /, *, idempotency_key: str) -> str:
        """Issue once per key; the same key again returns the same reference."""
        with self._lock:
            self.calls += 1
            if self._failures > 0:
                self._failures -= 1
                raise PROMOTION_ISSUER_UNAVAILABLE.error(entitlement=entitlement)
            known = self.issued.get(idempotency_key)
            if known is None:
                known = (entitlement, number, f"ent-{len(self.issued) + 1:06d}")
                self.issued[idempotency_key] = known
            return known[2]
