"""The application layer: one package per area, each a service whose methods are use cases."""

from __future__ import annotations
