"""What promotions need from outside: their storage and the issuer of entitlements (F-PRO-1..5)."""

from __future__ import annotations

from unicom_core.ports.promotions.metrics import CampaignMetric, Metrics

__all__ = ["CampaignMetric", "Metrics"]
