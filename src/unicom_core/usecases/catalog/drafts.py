"""Operators' catalogue drafts: change offerings now, publish them as the next revision (F-SHOP-4).

:class:`CatalogDrafts` keeps one draft per catalogue (:mod:`unicom_core.domain.catalog.drafts`):
a copy of the effective catalogue with the operators' changes, stored through the same
catalogue repository under the id ``<id>.draft``, with the revision it will be published as.

* :meth:`CatalogDrafts.put` adds a product to the draft or replaces the product of its code
  (starting the draft from the effective catalogue when none is pending);
* :meth:`CatalogDrafts.publish` makes the pending draft the effective catalogue, as the next
  revision, in one transaction (a ``catalog.published`` event in the outbox, like
  :meth:`~unicom_core.usecases.catalog.service.CatalogService.publish`);
* :meth:`CatalogDrafts.discard` drops the pending draft.

A draft is never effective before it is published: pricing, selling and the bill run read the
catalogue by its own id, never the draft's. Every change names its ``actor`` (an operator
client id ``op-...`` or ``cli:<user>``) and is written to the audit log in its transaction
through the ``audit`` hook the access area registers at wiring (the catalogue area stands
below it). A file published over a pending draft is refused (``catalog.draft_pending``:
:meth:`CatalogService.publish`); a newer catalogue installed at start-up supersedes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from unicom_core.domain.catalog import (
    CATALOG_NO_DRAFT,
    CATALOG_NOT_INSTALLED,
    DEFAULT_CATALOG_ID,
    Catalog,
    CatalogId,
    draft_id,
    is_pending,
    with_product,
)
from unicom_core.domain.shared import to_shanghai

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from unicom_core.domain.catalog import Product
    from unicom_core.ports.shared import Clock
    from unicom_core.ports.storage import Storage, UnitOfWork

__all__ = ["AuditHook", "CatalogDrafts"]


class AuditHook(Protocol):
    """Records ``actor``'s ``action`` in the transaction ``tx`` (the access area's ``audit_by``)."""

    def __call__(
        self,
        tx: UnitOfWork,
        actor: str,
        action: str,
        now: datetime,
        *,
        parameters: Mapping[str, str] | None = None,
    ) -> object:
        """Write the entry, or raise (``operator.actor``) and so roll the change back."""
        ...


class CatalogDrafts:
    """The draft of the hall's catalogue: edit, publish, discard (F-SHOP-4, F-AUTH-6).

    Args:
        storage: where the catalogue and its draft are kept.
        clock: the hall's clock: a draft's ``updated_at`` and the publication instant.
        audit: writes an operator's change to the audit log, in the change's transaction.
        catalog_id: the catalogue the hall sells from.
    """

    def __init__(
        self,
        storage: Storage,
        clock: Clock,
        *,
        audit: AuditHook,
        catalog_id: CatalogId = DEFAULT_CATALOG_ID,
    ) -> None:
        self._storage = storage
        self._clock = clock
        self._audit = audit
        self._id = catalog_id
        self._draft_id = draft_id(catalog_id)

    def _now(self) -> datetime:
        return to_shanghai(self._clock.now(), field="clock")

    def _effective(self, tx: UnitOfWork) -> Catalog:
        effective = tx.catalogs.find(self._id)
        if effective is None:
            raise CATALOG_NOT_INSTALLED.error(catalog_id=self._id)
        return effective

    def pending(self) -> Catalog | None:
        """The pending draft (its id is ``<id>.draft``), or None when there is none."""
        with self._storage.read() as tx:
            effective = self._effective(tx)
            draft = tx.catalogs.find(self._draft_id)
        return draft if is_pending(draft, effective) else None

    def put(self, product: Product, *, actor: str, new: bool = False) -> Catalog:
        """Add ``product`` to the draft, or replace the product of its code; return the draft.

        ``new`` refuses a code the draft already has (``catalog.duplicate_code``): a
        creation never replaces what another operator made meanwhile.

        Raises:
            InvalidInput: ``catalog.draft_kind`` (a product keeps its kind), the checks of
                every catalogue (``catalog.duplicate_code``, ``catalog.unknown_tier``, ...),
                ``operator.actor`` for an actor that names no operator.
            NotFound: ``catalog.not_installed``.
        """
        now = self._now()
        with self._storage.transaction() as tx:
            effective = self._effective(tx)
            stored = tx.catalogs.find(self._draft_id)
            pending = stored is not None and is_pending(stored, effective)
            base = stored if stored is not None and pending else effective
            edited = with_product(base, product, revision=effective.revision + 1, new=new)
            draft = self._stored(tx, stored, edited, now)
            self._audit(
                tx,
                actor,
                "catalog.draft_changed",
                now,
                parameters={
                    "product_code": product.code,
                    "kind": product.product_kind.value,
                    "change": "created" if new else "changed",
                    "revision": str(draft.revision),
                },
            )
        return draft

    def _stored(
        self, tx: UnitOfWork, stored: Catalog | None, edited: Catalog, now: datetime
    ) -> Catalog:
        if stored is None:
            draft = Catalog(
                self._draft_id,
                edited.revision,
                edited.plans,
                edited.combos,
                edited.packs,
                edited.goods,
                edited.price_rules,
                updated_at=now,
            )
            tx.catalogs.add(draft)
            return draft
        stored.replace(edited, at=now)
        tx.catalogs.save(stored)
        return stored

    def publish(self, *, actor: str) -> Catalog:
        """Make the pending draft the effective catalogue, as its revision; return it.

        Raises:
            NotFound: ``catalog.no_draft`` when no draft is pending, ``catalog.not_installed``.
            Conflict: ``storage.version_conflict`` if another publication won the race.
        """
        now = self._now()
        with self._storage.transaction() as tx:
            effective = self._effective(tx)
            draft = tx.catalogs.find(self._draft_id)
            if draft is None or not is_pending(draft, effective):
                raise CATALOG_NO_DRAFT.error(catalog_id=self._id)
            offered = Catalog(
                self._id,
                draft.revision,
                draft.plans,
                draft.combos,
                draft.packs,
                draft.goods,
                draft.price_rules,
            )
            for event in effective.publish(offered, at=now):
                tx.outbox.append(event)
            tx.catalogs.save(effective)
            parameters = {"revision": str(effective.revision)}
            self._audit(tx, actor, "catalog.published", now, parameters=parameters)
        return effective

    def discard(self, *, actor: str) -> None:
        """Drop the pending draft (it becomes a copy of the effective catalogue, not pending).

        Raises:
            NotFound: ``catalog.no_draft`` when no draft is pending.
        """
        now = self._now()
        with self._storage.transaction() as tx:
            effective = self._effective(tx)
            draft = tx.catalogs.find(self._draft_id)
            if draft is None or not is_pending(draft, effective):
                raise CATALOG_NO_DRAFT.error(catalog_id=self._id)
            parameters = {"revision": str(draft.revision)}
            draft.replace(effective, at=now)
            tx.catalogs.save(draft)
            self._audit(tx, actor, "catalog.draft_discarded", now, parameters=parameters)
