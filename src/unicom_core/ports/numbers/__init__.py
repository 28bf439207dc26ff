"""What the numbers area needs from outside: the pool of numbers (F-NUM-1..3)."""

from __future__ import annotations

from unicom_core.ports.numbers.pool import NumberPool

__all__ = ["NumberPool"]
