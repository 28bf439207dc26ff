"""The issuer of third-party entitlements: a year of cloud storage, a video membership (F-PRO-3).

A campaign's :class:`~unicom_core.domain.promotions.Entitlement` is issued by the third party
that provides it. The hall calls :meth:`EntitlementIssuer.issue` outside any transaction
(``hall.promotions.issue_entitlements()``, a job) with an idempotency key that names the
participation and the entitlement, so a retry after a lost answer issues nothing twice; a
failure is retried on a later pass with back-off.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["EntitlementIssuer"]


class EntitlementIssuer(Protocol):
    """Issues an entitlement to a number, once per idempotency key."""

    def issue(self, entitlement: str, number: str, /, *, idempotency_key: str) -> str:
        """Issue ``entitlement`` to ``number``; return the issuer's reference.

        The same ``idempotency_key`` again returns the same reference and issues nothing.

        Raises:
            AdapterError: the issuer failed or did not answer (retried later).
        """
        ...
