"""Promotions' use cases: campaigns and joining, the growth game and its draw (F-PRO-1..5)."""

from __future__ import annotations

__all__: list[str] = []
