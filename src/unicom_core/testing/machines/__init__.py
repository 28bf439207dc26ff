"""Hypothesis state machines that drive a storage against the memory reference."""

from __future__ import annotations

from unicom_core.testing.machines.access import (
    LoginMachine,
)

__all__ = [
    "LoginMachine",
]
