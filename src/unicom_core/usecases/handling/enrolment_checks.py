"""The catalogue's rules an enrolment meets (F-BUN-2, F-BIZ-2): the plan, its payment mode, packs.

Apart from :mod:`unicom_core.usecases.handling.enrolment` so that each module stays short.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from unicom_core.domain.catalog import (
    CATALOG_NOT_INSTALLED,
    CatalogId,
    ComboPlan,
    PackKind,
    compose,
)
from unicom_core.domain.handling import ENROLMENT_PAYMENT_MODE, HANDLING_PACK_NOT_OFFERED

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.catalog import Catalog, Pack
    from unicom_core.domain.subscribers import PaymentMode
    from unicom_core.ports.storage import UnitOfWork

__all__ = ["EnrolmentFacts", "offered_packs", "stored_catalog"]


class EnrolmentFacts(Protocol):
    """What the rules read of an enrolment request."""

    @property
    def plan_code(self) -> str:
        """The plan's code."""
        ...

    @property
    def payment_mode(self) -> PaymentMode:
        """Prepaid or postpaid."""
        ...

    @property
    def packs(self) -> tuple[str, ...]:
        """The pack codes asked for."""
        ...


def stored_catalog(tx: UnitOfWork, catalog_id: str) -> Catalog:
    """The stored catalogue; ``NotFound`` ``catalog.not_installed`` without one."""
    catalog = tx.catalogs.find(CatalogId(catalog_id))
    if catalog is None:
        raise CATALOG_NOT_INSTALLED.error(catalog_id=catalog_id)
    return catalog


def offered_packs(catalog: Catalog, request: EnrolmentFacts, at: datetime) -> tuple[Pack, ...]:
    """The packs of the request, as a handling would accept them for the new number.

    Raises:
        NotFound: ``catalog.unknown_product``; InvalidInput: ``bundle.*`` for a combination
            plan's tiers that form no valid bundle (F-BUN-2).
        Refused: ``enrolment.payment_mode``; ``handling.pack_not_offered`` (F-BIZ-2).
    """
    plan = catalog.plan(request.plan_code)
    mode = request.payment_mode
    if mode not in plan.payment_modes:
        raise ENROLMENT_PAYMENT_MODE.error(plan_code=plan.code, payment_mode=mode.value)
    own_tiers = set(plan.tiers) if isinstance(plan, ComboPlan) else set()
    every_tier = {tier for combo in catalog.combos for tier in combo.tiers}
    chosen = [code for code in request.packs if code in own_tiers]
    packs = list(compose(catalog, plan.code, chosen, at).packs) if own_tiers else []
    for code in request.packs:
        if code in own_tiers:
            continue
        pack = catalog.pack(code)
        if (
            pack.kind is not PackKind.DATA
            or code in every_tier
            or not pack.for_generation(plan.generation)
        ):
            raise HANDLING_PACK_NOT_OFFERED.error(pack_code=code, generation=plan.generation.value)
        packs.append(pack)
    return tuple(packs)
