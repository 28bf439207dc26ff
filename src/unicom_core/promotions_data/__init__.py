"""Campaigns shipped as data: the 517 festival example (F-PRO-1, F-PRO-3).

``festival_517.toml`` is read by :func:`~unicom_core.domain.promotions.campaigns_from_toml`;
:func:`festival_517` returns its campaign (a DRAFT, to ``hall.promotions.define``).
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from unicom_core.domain.promotions import campaigns_from_toml

if TYPE_CHECKING:
    from unicom_core.domain.promotions import Campaign

__all__ = ["FESTIVAL_517_RESOURCE", "festival_517", "festival_517_text"]

FESTIVAL_517_RESOURCE = "festival_517.toml"
"""The file name of the example, inside this package."""


def festival_517_text() -> str:
    """The TOML text of the 517 festival."""
    return resources.files(__name__).joinpath(FESTIVAL_517_RESOURCE).read_text(encoding="utf-8")


def festival_517() -> Campaign:
    """The 517 festival campaign (DRAFT)."""
    (campaign,) = campaigns_from_toml(festival_517_text())
    return campaign
