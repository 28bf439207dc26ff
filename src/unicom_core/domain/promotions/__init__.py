"""Promotions: campaigns as data, quotas, benefits, the growth game 沃之樹 and its draw (F-PRO)."""

from __future__ import annotations

__all__: list[str] = []
