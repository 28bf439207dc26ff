"""The catalogue area of the hall: offers, plans, 4G bundles and prices (F-BUN-1..4, F-SHOP-4).

The catalogue is an aggregate in storage (memory or SQL): :meth:`CatalogService.install`
stores what a :class:`~unicom_core.ports.catalog.source.CatalogSource` supplies (the default TOML
file, a carrier's product system) unless a revision as new is stored already, and
:meth:`CatalogService.publish` stores a newer revision; both put a ``catalog.published`` event
in the outbox, and the stored revision carries the instant it was published (``updated_at``).
Operators' drafts of the next revision are :mod:`unicom_core.usecases.catalog.drafts`.
Every query reads the stored revision in a read-only transaction of its own
(the structured catalogue is cached by its immutable revision:
:mod:`unicom_core.usecases.catalog.cache`) and takes the instant from the
:class:`~unicom_core.ports.shared.clock.Clock` port (F-CAL-1), so a price asked at 23:59
on 2016-01-11 and at 00:00 on 2016-01-12 differ as the published rule says. The channel rule
of the combination plan (F-BUN-3) is checked wherever a bundle is ordered or changed:
``Refused`` ``bundle.channel`` off the online and mobile halls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

import attrs

from unicom_core.domain.catalog import (
    BUNDLE_COMPARE,
    CATALOG_CHANNEL_TYPE,
    CATALOG_DRAFT_PENDING,
    CATALOG_ID,
    CATALOG_NOT_INSTALLED,
    CATALOG_NOT_ON_SALE,
    DEFAULT_CATALOG_ID,
    Allowances,
    Bundle,
    BundleChangePlan,
    BundleComparison,
    Catalog,
    CatalogId,
    Channel,
    ComboPlan,
    Offer,
    OverageRates,
    Pack,
    PackKind,
    Plan,
    ProductKind,
    Quote,
    compare,
    compose,
    draft_id,
    is_pending,
    plan_change,
)
from unicom_core.domain.shared import Money, to_shanghai, update
from unicom_core.domain.subscribers import NetworkGeneration, PaymentMode
from unicom_core.usecases.catalog.cache import catalog_cache

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import datetime

    from unicom_core.ports.catalog import CatalogRepositories, CatalogSource
    from unicom_core.ports.shared import Clock
    from unicom_core.ports.storage import Storage

__all__ = [
    "CatalogService",
    "OfferingNames",
    "PlanDetails",
    "PricedBundle",
    "TierGroup",
    "offering_names",
    "plan_details",
]

OfferingNames: TypeAlias = "dict[str, tuple[str, Mapping[str, str]]]"
"""Every product's ``name`` and ``names`` (by language tag) by code: what pages name with."""


@attrs.frozen(slots=True)
class TierGroup:
    """The tiers of one pack kind of a combination plan, cheapest first (F-BUN-1, F-BUN-2)."""

    kind: PackKind
    required: bool
    packs: tuple[Pack, ...]


@attrs.frozen(slots=True)
class PlanDetails:
    """What "show a plan" answers, for a fixed or a combination plan (F-QRY-7, F-BUN).

    For a combination plan, ``monthly_fee`` is the fee of its cheapest valid composition
    (``from ¥8.00``), ``allowances`` are those of that composition, and ``tiers`` lists the
    packs it is composed of; a fixed plan has no tiers.
    """

    code: str
    name: str
    kind: ProductKind
    generation: NetworkGeneration
    payment_modes: tuple[PaymentMode, ...]
    monthly_fee: Money
    allowances: Allowances
    overage: OverageRates
    channels: tuple[Channel, ...]
    tiers: tuple[TierGroup, ...] = ()


@attrs.frozen(slots=True)
class PricedBundle:
    """A composed bundle and its price on a channel at an instant (F-BUN-4, F-SHOP-4).

    ``price.list_price`` is the bundle's monthly fee, the sum of its packs; ``price.price``
    is what a price rule of the catalogue makes of it (the same, unless a campaign applies).
    """

    bundle: Bundle
    price: Quote

    @property
    def monthly_fee(self) -> Money:
        """The sum of the packs' fees (F-BUN-4)."""
        return self.bundle.monthly_fee


class CatalogService:
    """Use cases of the catalogue: list, show, compose, compare, change, price (F-BUN, F-SHOP-4).

    Args:
        storage: where the catalogue is kept; every call reads the stored revision, so a
            newly published revision applies at once (the structured catalogue is cached by
            its revision: :mod:`unicom_core.usecases.catalog.cache`).
        clock: the hall's clock; every rule takes its instant from it (F-CAL-1).
        catalog_id: which stored catalogue the hall sells from.
    """

    def __init__(
        self, storage: Storage, clock: Clock, catalog_id: CatalogId = DEFAULT_CATALOG_ID
    ) -> None:
        self._storage = storage
        self._clock = clock
        self._id = catalog_id
        self._cache = catalog_cache(storage)

    def _now(self) -> datetime:
        return to_shanghai(self._clock.now(), field="clock")

    def _load(self) -> Catalog:
        """The published catalogue, shared by the cache: read it, never mutate it."""
        with self._storage.read() as tx:
            return self.published_in(tx)

    def published_in(self, tx: CatalogRepositories) -> Catalog:
        """The published catalogue read in the caller's ``tx`` (one query, one transaction).

        Shared by the cache, as :meth:`offers` reads it: never mutate it.

        Raises:
            NotFound: ``catalog.not_installed``.
        """
        catalog = self._cache.find(tx, self._id)
        if catalog is None:
            raise CATALOG_NOT_INSTALLED.error(
                f"no catalogue {self._id!r} is stored; install one (bootstrap does)",
                catalog_id=self._id,
            )
        return catalog

    def catalog(self) -> Catalog:
        """The catalogue as published now (a fresh copy, the caller's to change)."""
        with self._storage.read() as tx:
            catalog = tx.catalogs.find(self._id)
        if catalog is None:
            raise CATALOG_NOT_INSTALLED.error(
                f"no catalogue {self._id!r} is stored; install one (bootstrap does)",
                catalog_id=self._id,
            )
        return catalog

    def install(self, source: CatalogSource) -> Catalog:
        """Store the source's catalogue unless a revision as new is stored; return the stored.

        Raises:
            InvalidInput: ``catalog.id`` for a catalogue of another id, ``catalog.data`` from
                the source.
        """
        offered = self._own(source.load())
        with self._storage.transaction() as tx:
            stored = tx.catalogs.find(self._id)
            if stored is None:
                update(offered, updated_at=self._now())
                tx.catalogs.add(offered)
                events, stored = offered.announce(at=self._now()), offered
            elif offered.revision > stored.revision:
                events = stored.publish(offered, at=self._now())
                tx.catalogs.save(stored)
            else:
                events = ()
                if stored.updated_at is None:  # stored before revisions carried the instant
                    update(stored, updated_at=self._now())
                    tx.catalogs.save(stored)
            for event in events:
                tx.outbox.append(event)
        return stored

    def publish(self, catalog: Catalog) -> Catalog:
        """Publish a newer revision of the catalogue; return it as stored (F-SHOP-4).

        Raises:
            Conflict: ``catalog.stale_revision`` unless it is newer than the stored one,
                ``catalog.draft_pending`` while operators' draft is pending (publish or
                discard it: :class:`~unicom_core.usecases.catalog.drafts.CatalogDrafts`),
                ``storage.version_conflict`` if another publication won the race.
            NotFound: ``catalog.not_installed`` when there is none to replace.
        """
        offered = self._own(catalog)
        with self._storage.transaction() as tx:
            stored = tx.catalogs.find(self._id)
            if stored is None:
                raise CATALOG_NOT_INSTALLED.error(catalog_id=self._id)
            draft = tx.catalogs.find(draft_id(self._id))
            if draft is not None and is_pending(draft, stored):
                raise CATALOG_DRAFT_PENDING.error(revision=draft.revision)
            for event in stored.publish(offered, at=self._now()):
                tx.outbox.append(event)
            tx.catalogs.save(stored)
        return stored

    def _own(self, catalog: Catalog) -> Catalog:
        if catalog.id != self._id:
            raise CATALOG_ID.error(
                f"this hall sells from catalogue {self._id!r}, not {catalog.id!r}", field="id"
            )
        return catalog

    def names(self) -> OfferingNames:
        """Every product's ``name`` and ``names`` by code (F-SHOP-1): pages name offerings.

        Read from the cached published catalogue (one revision check, no body decoded).
        """
        return offering_names(self._load())

    def offers(self, channel: Channel, at: datetime | None = None) -> tuple[Offer, ...]:
        """What is on sale on ``channel`` at ``at`` (default: now), with prices (F-SHOP-1)."""
        instant = self._now() if at is None else to_shanghai(at, field="at")
        return self._load().offers(_channel(channel), instant)

    def show_plan(self, code: str, at: datetime | None = None) -> PlanDetails:
        """The details of a fixed or combination plan at ``at`` (default: now; F-QRY-7, F-BUN)."""
        instant = self._now() if at is None else to_shanghai(at, field="at")
        return plan_details(self._load(), code, instant)

    def compose(
        self,
        combo_code: str,
        pack_codes: Sequence[str],
        channel: Channel = Channel.ONLINE_HALL,
    ) -> PricedBundle:
        """Compose a bundle from tier codes and price it now, for ordering on ``channel``.

        Raises:
            Refused: ``bundle.channel`` off the online and mobile halls (F-BUN-3),
                ``catalog.not_on_sale`` outside the plan's window.
            InvalidInput: ``bundle.data_pack_required``, ``bundle.duplicate_kind``,
                ``bundle.unknown_tier`` (F-BUN-2, F-BUN-4).
        """
        at = self._now()
        catalog = self._load()
        combo = catalog.combo(combo_code)
        catalog.require_on_sale(combo, _channel(channel), at)
        bundle = compose(catalog, combo_code, pack_codes, at)
        return PricedBundle(bundle, catalog.price(combo, bundle.monthly_fee, channel, at))

    def compare(self, combo_code: str, compositions: Sequence[Sequence[str]]) -> BundleComparison:
        """Compose each of ``compositions`` now and set them side by side (F-BUN)."""
        at = self._now()
        catalog = self._load()
        if not compositions:
            raise BUNDLE_COMPARE.error(field="bundles")
        return compare([compose(catalog, combo_code, codes, at) for codes in compositions])

    def plan_change(
        self,
        combo_code: str,
        current: Sequence[str],
        target: Sequence[str],
        channel: Channel = Channel.ONLINE_HALL,
    ) -> BundleChangePlan:
        """Plan changing a bundle now: what applies now (prorated), what from next month (F-BUN).

        Raises:
            Refused: ``bundle.channel`` off the online and mobile halls (F-BUN-3).
            InvalidInput: as :meth:`compose`, for either composition.
        """
        at = self._now()
        catalog = self._load()
        combo = catalog.combo(combo_code)
        catalog.require_on_sale(combo, _channel(channel), at)
        before = compose(catalog, combo_code, current, at)
        after = compose(catalog, combo_code, target, at)
        return plan_change(before, after, at, combo.change_policy)

    def price(self, product_code: str, channel: Channel = Channel.ONLINE_HALL) -> Quote:
        """The price now of a product on ``channel`` (F-SHOP-4: recharge cards, top-ups, ...).

        Raises:
            NotFound: ``catalog.unknown_product``.
            Refused: ``catalog.not_on_sale``, ``catalog.channel`` / ``bundle.channel``.
        """
        return self._load().quote(product_code, _channel(channel), self._now())


def offering_names(catalog: Catalog) -> OfferingNames:
    """Every product's ``name`` and ``names`` by code, as :meth:`CatalogService.names` answers."""
    return {product.code: (product.name, product.names) for product in catalog.products()}


def plan_details(catalog: Catalog, code: str, at: datetime) -> PlanDetails:
    """The details of the fixed or combination plan ``code`` of ``catalog`` at ``at`` (F-QRY-7).

    What :meth:`CatalogService.show_plan` answers, for a use case that read the catalogue in
    its own transaction.

    Raises:
        NotFound: ``catalog.unknown_product`` for a code the catalogue does not know.
        Refused: ``catalog.not_on_sale`` for a combination plan without its required tiers.
    """
    plan = catalog.plan(code)
    if isinstance(plan, Plan):
        return PlanDetails(
            plan.code,
            plan.name,
            ProductKind.PLAN,
            plan.generation,
            plan.payment_modes,
            plan.monthly_fee,
            plan.allowances,
            plan.overage,
            plan.channels,
        )
    return _combo_details(catalog, plan, at)


def _channel(channel: object) -> Channel:
    if not isinstance(channel, Channel):
        raise CATALOG_CHANNEL_TYPE.error(f"expected a Channel, not {channel!r}", field="channel")
    return channel


def _combo_details(catalog: Catalog, combo: ComboPlan, at: datetime) -> PlanDetails:
    tiers = catalog.tiers(combo.code, at)
    groups = tuple(
        TierGroup(
            kind,
            kind in combo.required_kinds,
            tuple(sorted((p for p in tiers if p.kind is kind), key=lambda p: p.fee.fen)),
        )
        for kind in PackKind
    )
    if any(group.required and not group.packs for group in groups):
        raise CATALOG_NOT_ON_SALE.error(
            f"{combo.name} has no tiers on sale then", product_code=combo.code
        )
    cheapest = [group.packs[0] for group in groups if group.required]
    return PlanDetails(
        combo.code,
        combo.name,
        ProductKind.COMBO_PLAN,
        combo.generation,
        combo.payment_modes,
        Money.total(p.fee for p in cheapest),
        Allowances.total([p.allowances for p in cheapest]),
        combo.overage,
        combo.channels,
        groups,
    )
