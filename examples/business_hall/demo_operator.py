"""The demo's operator client: the back office's console and API key (F-AUTH-6).

An operator (the carrier's staff, or its billing system) signs in at ``/operator/login``
with an OAuth client's id and secret. The demo registers one client with every scope the
first time it starts and keeps its id and secret beside the database (mode 0600), so that
a restart shows the same login; a carrier registers its own with ``unicom clients add``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.access import OPERATOR_SCOPES

if TYPE_CHECKING:
    from pathlib import Path

    from unicom_core.hall import BusinessHall

__all__ = ["seed_operator"]


def seed_operator(hall: BusinessHall, path: Path) -> tuple[str, str]:
    """The demo console's client id and secret: registered once, then read from ``path``."""
    if path.exists():
        client_id, secret = path.read_text(encoding="utf-8").split()
        return client_id, secret
    added = hall.access.add_client("demo console", sorted(OPERATOR_SCOPES))
    path.write_text(f"{added.client.id}\n{added.secret}\n", encoding="utf-8")
    path.chmod(0o600)
    return added.client.id, added.secret
