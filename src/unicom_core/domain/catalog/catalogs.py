"""The catalogue: every product on offer, versioned and effective-dated (F-SHOP-1, F-BUN, F-SHOP-4).

:class:`Catalog` is an aggregate: one document of plans, combination plans, packs, goods and
price rules, with a ``revision`` that grows with each publication (the data's version) and a
``version`` for optimistic concurrency in storage. Each product has an effective window and
the channels it is sold on, so the same revision answers "what is on offer in the mobile hall
on 2016-01-11" and "... on 2016-01-12" differently. The catalogue is data, loaded through the
:class:`~unicom_core.ports.catalog.source.CatalogSource` port; a carrier publishes a new revision
without a release.

Lookups raise ``NotFound`` ``catalog.unknown_product``; selling outside a product's window
is ``Refused`` ``catalog.not_on_sale``, on a channel it is not sold on ``Refused``
``catalog.channel`` (``bundle.channel`` for a combination plan, F-BUN-3).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, NewType

import attrs

from unicom_core.domain.catalog.codes import (
    BUNDLE_CHANNEL,
    CATALOG_CHANNEL,
    CATALOG_DUPLICATE_CODE,
    CATALOG_ID,
    CATALOG_NOT_ON_SALE,
    CATALOG_REVISION,
    CATALOG_SECTION,
    CATALOG_STALE_REVISION,
    CATALOG_UNKNOWN_PRODUCT,
    CATALOG_UNKNOWN_PRODUCT_IN_DATA,
    CATALOG_UNKNOWN_TIER,
)
from unicom_core.domain.catalog.pricing import PriceRule, Quote, quote
from unicom_core.domain.catalog.products import (
    ComboPlan,
    Goods,
    Pack,
    Plan,
    Product,
)
from unicom_core.domain.shared import (
    DomainEvent,
    Money,
    check_id,
    check_version,
    domain_event,
    guarded,
    require_aware,
    update,
)
from unicom_core.errors import InvalidInput

if TYPE_CHECKING:
    from collections.abc import Iterator

    from attrs import Attribute

    from unicom_core.domain.catalog.offers import Channel, PackKind, ProductKind
    from unicom_core.errors import ErrorCode, InvalidInput

__all__ = ["DEFAULT_CATALOG_ID", "Catalog", "CatalogId", "CatalogPublished", "Offer"]

CatalogId = NewType("CatalogId", str)
"""The store's id of a catalogue (``"default"``)."""

DEFAULT_CATALOG_ID = CatalogId("default")
"""The id of the catalogue the hall sells from."""

_SECTIONS = ("plans", "combos", "packs", "goods")


@domain_event("catalog.published")
@attrs.frozen(slots=True, kw_only=True)
class CatalogPublished(DomainEvent):
    """A revision of the catalogue was published (F-BUN, F-SHOP-4)."""

    revision: int


@attrs.frozen(slots=True)
class Offer:
    """A product on sale on a channel at an instant, with its price there and then (F-SHOP-1)."""

    product: Product
    price: Quote


def _tuple_of(cls: type) -> Any:  # noqa: ANN401 - an attrs validator
    def check(_instance: object, attribute: Attribute[tuple[object, ...]], value: object) -> None:
        if not isinstance(value, tuple) or not all(isinstance(item, cls) for item in value):
            raise CATALOG_SECTION.error(
                f"{attribute.name} is a tuple of {cls.__name__}",
                field=attribute.name,
                path=f"$.{attribute.name}",
            )

    return check


def _check_revision(_instance: object, _attribute: Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise CATALOG_REVISION.error(
            f"a revision is an integer >= 1, not {value!r}", field="revision"
        )


def _check_instant(_instance: object, _attribute: Attribute[datetime], value: object) -> None:
    if value is not None:
        require_aware(value)


def _data_error(code: ErrorCode[InvalidInput], message: str, path: str, field: str) -> InvalidInput:
    return code.error(message, path=path, field=field)


@attrs.define(slots=True)
class Catalog:
    """Every product on offer and the price rules over them, as one revision (F-SHOP-1, F-BUN).

    Codes are unique across all products; a combination plan's tiers are packs of the
    catalogue; a price rule names only products of the catalogue (``catalog.duplicate_code``,
    ``catalog.unknown_tier``, ``catalog.unknown_product``, each with the ``path`` of the
    offending field).
    """

    id: CatalogId = attrs.field(validator=check_id, on_setattr=guarded)
    revision: int = attrs.field(validator=_check_revision, on_setattr=guarded)
    plans: tuple[Plan, ...] = attrs.field(default=(), validator=_tuple_of(Plan), on_setattr=guarded)
    combos: tuple[ComboPlan, ...] = attrs.field(
        default=(), validator=_tuple_of(ComboPlan), on_setattr=guarded
    )
    packs: tuple[Pack, ...] = attrs.field(default=(), validator=_tuple_of(Pack), on_setattr=guarded)
    goods: tuple[Goods, ...] = attrs.field(
        default=(), validator=_tuple_of(Goods), on_setattr=guarded
    )
    price_rules: tuple[PriceRule, ...] = attrs.field(
        default=(), validator=_tuple_of(PriceRule), on_setattr=guarded
    )
    version: int = attrs.field(default=0, validator=check_version)
    updated_at: datetime | None = attrs.field(
        default=None, validator=_check_instant, eq=False, on_setattr=guarded
    )
    """When this revision was published (a draft: last changed); None before it is stored."""
    _index: dict[str, Product] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        """Index the products and check the references between them."""
        index: dict[str, Product] = {}
        for section, position, product in self._located():
            if product.code in index:
                raise _data_error(
                    CATALOG_DUPLICATE_CODE,
                    f"product code {product.code!r} is used twice",
                    f"$.{section}[{position}].code",
                    "code",
                )
            index[product.code] = product
        self._check_tiers(index)
        self._check_rules(index)
        object.__setattr__(self, "_index", index)

    def _located(self) -> Iterator[tuple[str, int, Product]]:
        for section in _SECTIONS:
            for position, product in enumerate(getattr(self, section)):
                yield section, position, product

    def _check_tiers(self, index: dict[str, Product]) -> None:
        for position, combo in enumerate(self.combos):
            for tier, code in enumerate(combo.tiers):
                if not isinstance(index.get(code), Pack):
                    raise _data_error(
                        CATALOG_UNKNOWN_TIER,
                        f"combination plan {combo.code!r} lists {code!r}, which is not a pack "
                        "of the catalogue",
                        f"$.combos[{position}].tiers[{tier}]",
                        "tiers",
                    )

    def _check_rules(self, index: dict[str, Product]) -> None:
        seen: set[str] = set()
        for position, rule in enumerate(self.price_rules):
            if rule.code in seen:
                raise _data_error(
                    CATALOG_DUPLICATE_CODE,
                    f"price rule code {rule.code!r} is used twice",
                    f"$.price_rules[{position}].code",
                    "code",
                )
            seen.add(rule.code)
            for code in rule.product_codes:
                if code not in index:
                    raise _data_error(
                        CATALOG_UNKNOWN_PRODUCT_IN_DATA,
                        f"price rule {rule.code!r} names {code!r}, which is not in the catalogue",
                        f"$.price_rules[{position}].product_codes",
                        "product_codes",
                    )

    # ------------------------------------------------------------------ lookups

    def products(self) -> tuple[Product, ...]:
        """Every product: plans, combination plans, packs and goods, in catalogue order."""
        return tuple(product for _, _, product in self._located())

    def product(self, code: str) -> Product:
        """The product with this code; ``NotFound`` ``catalog.unknown_product`` otherwise."""
        found = self._index.get(code) if isinstance(code, str) else None
        if found is None:
            raise CATALOG_UNKNOWN_PRODUCT.error(
                f"no product {code!r} in the catalogue", product_code=code
            )
        return found

    def plan(self, code: str) -> Plan | ComboPlan:
        """The fixed or combination plan with this code (F-QRY-7)."""
        return self._typed(code, (Plan, ComboPlan), "plan")  # type: ignore[return-value]

    def combo(self, code: str) -> ComboPlan:
        """The combination plan with this code (F-BUN-1)."""
        return self._typed(code, ComboPlan, "combination plan")  # type: ignore[return-value]

    def pack(self, code: str) -> Pack:
        """The pack with this code (F-BUN-1)."""
        return self._typed(code, Pack, "pack")  # type: ignore[return-value]

    def _typed(self, code: str, cls: type | tuple[type, ...], what: str) -> Product:
        product = self.product(code)
        if not isinstance(product, cls):
            raise CATALOG_UNKNOWN_PRODUCT.error(
                f"{code!r} is not a {what} of the catalogue", product_code=code
            )
        return product

    def tiers(self, combo_code: str, at: datetime) -> tuple[Pack, ...]:
        """The packs a combination plan may be composed of at ``at``, in tier order (F-BUN-4)."""
        combo = self.combo(combo_code)
        packs = (self.pack(code) for code in combo.tiers)
        return tuple(pack for pack in packs if pack.window.contains(at))

    # ------------------------------------------------------------------ prices and offers

    def list_price(self, product: Product, at: datetime) -> Money | None:
        """The list price at ``at``; for a combination plan, its cheapest valid composition.

        ``None`` for a combination plan that cannot be composed at ``at`` (a required kind
        has no tier then).
        """
        if not isinstance(product, ComboPlan):
            return product.list_price
        tiers = self.tiers(product.code, at)
        cheapest: list[Money] = []
        for kind in product.required_kinds:
            fees = [pack.fee for pack in tiers if pack.kind is kind]
            if not fees:
                return None
            cheapest.append(min(fees, key=lambda fee: fee.fen))
        return Money.total(cheapest)

    def require_on_sale(self, product: Product, channel: Channel, at: datetime) -> None:
        """Refuse unless ``product`` is sold on ``channel`` at ``at`` (F-BUN-3, F-SHOP-1)."""
        if not product.window.contains(at):
            raise CATALOG_NOT_ON_SALE.error(
                f"{product.name} is not on sale at {require_aware(at).isoformat()}",
                product_code=product.code,
                window=str(product.window),
            )
        if channel not in product.channels:
            code = BUNDLE_CHANNEL if isinstance(product, ComboPlan) else CATALOG_CHANNEL
            allowed = [c.value for c in product.channels]
            raise code.error(
                f"{product.name} is sold only on {', '.join(allowed)}, not on {channel.value}",
                channel=channel.value,
                allowed=allowed,
                field="channel",
            )

    def price(self, product: Product, list_price: Money, channel: Channel, at: datetime) -> Quote:
        """Price ``product``, listed at ``list_price``, by the rules on ``channel`` at ``at``."""
        return quote(product.code, product.product_kind, list_price, channel, at, self.price_rules)

    def quote(self, code: str, channel: Channel, at: datetime) -> Quote:
        """The price of the product ``code`` on ``channel`` at ``at`` (F-SHOP-4).

        Refuses a product that is not on sale there and then (see :meth:`require_on_sale`).
        """
        product = self.product(code)
        self.require_on_sale(product, channel, at)
        list_price = self.list_price(product, at)
        if list_price is None:
            raise CATALOG_NOT_ON_SALE.error(
                f"{product.name} has no tiers on sale at {at.isoformat()}", product_code=code
            )
        return self.price(product, list_price, channel, at)

    def offers(self, channel: Channel, at: datetime) -> tuple[Offer, ...]:
        """What is on sale on ``channel`` at ``at``, each with its price then (F-SHOP-1)."""
        offers = []
        for product in self.products():
            if channel not in product.channels or not product.window.contains(at):
                continue
            list_price = self.list_price(product, at)
            if list_price is not None:
                offers.append(Offer(product, self.price(product, list_price, channel, at)))
        return tuple(offers)

    def of_kind(self, kind: ProductKind) -> tuple[Product, ...]:
        """Every product of ``kind``, in catalogue order."""
        return tuple(p for p in self.products() if p.product_kind is kind)

    def packs_of(self, kind: PackKind) -> tuple[Pack, ...]:
        """Every pack of ``kind``, in catalogue order."""
        return tuple(pack for pack in self.packs if pack.kind is kind)

    # ------------------------------------------------------------------ publication

    def announce(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """The event announcing this revision as published (for a catalogue stored new)."""
        return (CatalogPublished(aggregate_id=self.id, occurred_at=at, revision=self.revision),)

    def publish(self, newer: Catalog, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Replace the contents with a newer revision of the same catalogue (F-SHOP-4).

        Raises:
            Conflict: ``catalog.stale_revision`` unless ``newer.revision`` is greater.
            InvalidInput: ``catalog.id`` if ``newer`` is another catalogue.
        """
        if newer.id != self.id:
            raise CATALOG_ID.error(
                f"cannot publish catalogue {newer.id!r} over {self.id!r}", field="id"
            )
        if newer.revision <= self.revision:
            raise CATALOG_STALE_REVISION.error(revision=newer.revision, published=self.revision)
        self.replace(newer, at=at)
        return self.announce(at=at)

    def replace(self, newer: Catalog, *, at: datetime) -> None:
        """Take the contents and revision of ``newer``, changed at ``at`` (no event).

        What :meth:`publish` does after its checks; a draft being edited is replaced so
        (F-SHOP-4), keeping its own id and its storage version.
        """
        contents = {name: getattr(newer, name) for name in (*_SECTIONS, "price_rules")}
        update(self, revision=newer.revision, updated_at=require_aware(at), **contents)
        self.__attrs_post_init__()
