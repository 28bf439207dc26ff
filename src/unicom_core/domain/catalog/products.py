"""The products of the catalogue: plans, combination plans, packs and goods (F-SHOP-1, F-BUN-1).

* :class:`Plan`: a fixed plan with a monthly fee, included allowances, a network generation
  and the payment modes it is offered in.
* :class:`ComboPlan`: a plan the subscriber composes from tiers of packs (the 4G national
  combination plan, 4G全国组合套餐); its fee is the sum of the chosen packs (F-BUN-4).
* :class:`Pack`: a data, voice, SMS/MMS or value-added pack with a monthly fee, or a term
  pack (the half-year data pack, 半年包) paid once and held a number of cycles (F-BIZ-2).
* :class:`Goods`: what is sold once: phones, data cards (上网卡), accessories, recharge cards,
  fixed-denomination top-ups and numbers, at a list price (a face value for recharge).

Every product carries the channels it is sold on and its effective window, and may carry
``names``: its name in other languages, keyed by language tag (``{"en": ...}``), which pages
in that language show instead of ``name`` (F-SHOP-1). All amounts are
:class:`~unicom_core.domain.shared.money.Money` in integer fen. Re-exported by
:mod:`unicom_core.domain.catalog.catalogs`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias, cast

import attrs

from unicom_core.domain.catalog.change_policy import ChangePolicy, ChangeRule, to_rules
from unicom_core.domain.catalog.codes import (
    CATALOG_ALLOWANCE,
    CATALOG_ALLOWANCES,
    CATALOG_DESCRIPTION,
    CATALOG_GENERATION,
    CATALOG_OVERAGE,
    CATALOG_PACK_ALLOWANCE,
    CATALOG_PACK_KIND,
    CATALOG_PAYMENT_MODES,
    CATALOG_PRICE,
    CATALOG_PRODUCT_KIND,
    CATALOG_REQUIRED_KINDS,
    CATALOG_TIERS,
    CATALOG_WINDOW,
)
from unicom_core.domain.catalog.offers import (
    Channel,
    EffectiveWindow,
    PackKind,
    ProductKind,
    check_code,
    check_name,
    check_sale_channels,
    members,
    to_channels,
    to_names,
    to_pack_kinds,
)
from unicom_core.domain.shared import Money, instance_of
from unicom_core.domain.subscribers import NetworkGeneration, PaymentMode

if TYPE_CHECKING:
    from collections.abc import Iterable

    from attrs import Attribute

__all__ = [
    "GOODS_KINDS",
    "Allowances",
    "ComboPlan",
    "Goods",
    "OverageRates",
    "Pack",
    "Plan",
    "Product",
]

GOODS_KINDS = frozenset(
    {
        ProductKind.PHONE,
        ProductKind.DATA_CARD,
        ProductKind.ACCESSORY,
        ProductKind.RECHARGE_CARD,
        ProductKind.TOP_UP,
        ProductKind.NUMBER,
    }
)
"""The product kinds a :class:`Goods` may be."""


def _check_count(_instance: object, attribute: Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CATALOG_ALLOWANCE.error(field=attribute.name)


def _services(values: Iterable[str]) -> tuple[str, ...]:
    items = (values,) if isinstance(values, str) else tuple(values)
    if not all(isinstance(item, str) and item.strip() for item in items):
        raise CATALOG_ALLOWANCE.error("services are non-blank service codes", field="services")
    return tuple(sorted(set(items)))


def _to_payment_modes(values: Iterable[PaymentMode]) -> tuple[PaymentMode, ...]:
    return members(PaymentMode, values)


def _check_price(_instance: object, attribute: Attribute[Money], value: object) -> None:
    if not isinstance(value, Money) or value.is_negative:
        raise CATALOG_PRICE.error(field=attribute.name)


def _check_optional_price(_instance: object, attribute: Attribute[Money], value: object) -> None:
    if value is not None:
        _check_price(_instance, attribute, value)


def _to_generations(values: Iterable[NetworkGeneration]) -> tuple[NetworkGeneration, ...]:
    return members(NetworkGeneration, values)


def _check_tiers(_instance: object, attribute: Attribute[tuple[str, ...]], value: object) -> None:
    if not isinstance(value, tuple) or (not value and attribute.name == "tiers"):
        raise CATALOG_TIERS.error(field=attribute.name)
    for index, code in enumerate(value):
        check_code(None, cast("Attribute[str]", attribute), code)
        if code in value[:index]:
            raise CATALOG_TIERS.error(
                f"tier {code!r} is listed twice", field=attribute.name, index=index
            )


def _check_some(_instance: object, attribute: Attribute[Any], value: object) -> None:
    if not value:
        code = (
            CATALOG_REQUIRED_KINDS if attribute.name == "required_kinds" else CATALOG_PAYMENT_MODES
        )
        raise code.error(field=attribute.name)


@attrs.frozen(slots=True)
class Allowances:
    """What a plan or pack includes each month; combining two adds them up (F-BUN-1).

    Data is counted in MB with 1 GB = 1024 MB, as Chinese carriers publish it.
    """

    data_mb: int = attrs.field(default=0, validator=_check_count)
    voice_minutes: int = attrs.field(default=0, validator=_check_count)
    messages: int = attrs.field(default=0, validator=_check_count)
    services: tuple[str, ...] = attrs.field(default=(), converter=_services)

    def __add__(self, other: Allowances) -> Allowances:
        return Allowances(
            self.data_mb + other.data_mb,
            self.voice_minutes + other.voice_minutes,
            self.messages + other.messages,
            (*self.services, *other.services),
        )

    @classmethod
    def total(cls, parts: tuple[Allowances, ...] | list[Allowances]) -> Allowances:
        """The union of ``parts`` (nothing for none)."""
        result = cls()
        for part in parts:
            result = result + part
        return result

    def __str__(self) -> str:
        parts = [
            f"{self.data_mb}MB" if self.data_mb else "",
            f"{self.voice_minutes}分钟" if self.voice_minutes else "",
            f"{self.messages}条短彩信" if self.messages else "",
            *self.services,
        ]
        return ", ".join(part for part in parts if part) or "-"


@attrs.frozen(slots=True)
class OverageRates:
    """What use beyond the allowances costs; ``None`` where the catalogue gives no rate.

    The combination plan charges domestic data over the pack at 0.2元/MB (F-BUN).
    """

    data_per_mb: Money | None = attrs.field(default=None, validator=_check_optional_price)
    voice_per_minute: Money | None = attrs.field(default=None, validator=_check_optional_price)
    per_message: Money | None = attrs.field(default=None, validator=_check_optional_price)
    per_mms: Money | None = attrs.field(default=None, validator=_check_optional_price)
    """MMS beyond the allowance; ``per_message`` is the SMS rate."""
    wlan_per_minute: Money | None = attrs.field(default=None, validator=_check_optional_price)

    def data_charge(self, megabytes: int) -> Money:
        """The charge for ``megabytes`` of data over the allowance (zero if there is no rate)."""
        if isinstance(megabytes, bool) or not isinstance(megabytes, int) or megabytes < 0:
            raise CATALOG_OVERAGE.error(field="megabytes")
        return Money.zero() if self.data_per_mb is None else self.data_per_mb * megabytes


@attrs.frozen(slots=True)
class Plan:
    """A fixed plan: a monthly fee for included allowances (F-SHOP-1, F-QRY-7)."""

    product_kind: ClassVar[ProductKind] = ProductKind.PLAN

    code: str = attrs.field(validator=check_code)
    name: str = attrs.field(validator=check_name)
    names: Mapping[str, str] = attrs.field(factory=dict, converter=to_names, kw_only=True)
    generation: NetworkGeneration = attrs.field(
        validator=instance_of(NetworkGeneration, CATALOG_GENERATION)
    )
    payment_modes: tuple[PaymentMode, ...] = attrs.field(
        converter=_to_payment_modes, validator=_check_some
    )
    monthly_fee: Money = attrs.field(validator=_check_price)
    channels: tuple[Channel, ...] = attrs.field(
        converter=to_channels, validator=check_sale_channels
    )
    allowances: Allowances = attrs.field(
        factory=Allowances, validator=instance_of(Allowances, CATALOG_ALLOWANCES)
    )
    overage: OverageRates = attrs.field(
        factory=OverageRates, validator=instance_of(OverageRates, CATALOG_OVERAGE)
    )
    window: EffectiveWindow = attrs.field(
        factory=EffectiveWindow, validator=instance_of(EffectiveWindow, CATALOG_WINDOW)
    )
    max_members: int = attrs.field(default=0, validator=_check_count)
    """How many secondary cards (副卡) a shared plan (主副卡) admits; 0: not shared (F-BIZ-3)."""
    member_plan: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(check_code)
    )
    """The plan code of a shared plan's secondary cards (None: not shared)."""
    optional_packs: tuple[str, ...] = attrs.field(default=(), validator=_check_tiers)
    """The packs a number on the plan adds or drops one by one (可选包, 20元 plan, F-BIZ-1)."""
    min_network_age_months: int = attrs.field(default=0, validator=_check_count)
    """The network age a number needs to move onto the plan (网龄升级计划, F-BIZ-1); 0: none."""

    @property
    def list_price(self) -> Money:
        """The monthly fee."""
        return self.monthly_fee


_PACK_MEASURES: dict[PackKind, str] = {
    PackKind.DATA: "data_mb",
    PackKind.VOICE: "voice_minutes",
    PackKind.SMS: "messages",
    PackKind.VALUE_ADDED: "services",
}


@attrs.frozen(slots=True)
class Pack:
    """A monthly pack of one kind: data, voice, SMS/MMS or value-added (F-BUN-1).

    A pack includes something of its own kind (a data pack some MB, a value-added pack some
    service): ``catalog.pack_allowance`` otherwise.
    """

    product_kind: ClassVar[ProductKind] = ProductKind.PACK

    code: str = attrs.field(validator=check_code)
    name: str = attrs.field(validator=check_name)
    names: Mapping[str, str] = attrs.field(factory=dict, converter=to_names, kw_only=True)
    kind: PackKind = attrs.field(validator=instance_of(PackKind, CATALOG_PACK_KIND))
    fee: Money = attrs.field(validator=_check_price)
    allowances: Allowances = attrs.field(validator=instance_of(Allowances, CATALOG_ALLOWANCES))
    channels: tuple[Channel, ...] = attrs.field(
        converter=to_channels, validator=check_sale_channels
    )
    window: EffectiveWindow = attrs.field(
        factory=EffectiveWindow, validator=instance_of(EffectiveWindow, CATALOG_WINDOW)
    )
    generations: tuple[NetworkGeneration, ...] = attrs.field(default=(), converter=_to_generations)
    """The network generations the pack may be ordered for; empty: any (F-BIZ-2)."""
    term_cycles: int = attrs.field(default=0, validator=_check_count)
    """A term pack's cycles, the one ordered in included (the half-year pack: 6); 0: monthly."""
    term_fee: Money | None = attrs.field(default=None, validator=_check_optional_price)
    """What a term pack costs once, when ordered (its cycles' ``fee`` is then usually 0)."""

    def __attrs_post_init__(self) -> None:
        """A pack includes something of its kind; a term pack, and only it, has a term fee."""
        field = _PACK_MEASURES[self.kind]
        if not getattr(self.allowances, field):
            raise CATALOG_PACK_ALLOWANCE.error(
                f"a {self.kind.value} pack includes some {field}", field="allowances"
            )
        if (self.term_fee is None) != (self.term_cycles == 0):
            raise CATALOG_PRICE.error(
                "a term pack (term_cycles > 0) has a term_fee, a monthly pack none",
                field="term_fee",
            )

    @property
    def is_term(self) -> bool:
        """Whether the pack is paid once and held ``term_cycles`` cycles (半年包, F-BIZ-2)."""
        return self.term_cycles > 0

    def for_generation(self, generation: NetworkGeneration | None) -> bool:
        """Whether a number of ``generation`` may order the pack (F-BIZ-2)."""
        return not self.generations or generation in self.generations

    @property
    def list_price(self) -> Money:
        """The monthly fee; the price paid once for a term pack."""
        return self.term_fee if self.term_fee is not None else self.fee

    def __str__(self) -> str:
        if self.term_fee is not None:
            return f"{self.name} ({self.term_fee}/{self.term_cycles}个月)"
        return f"{self.name} ({self.fee}/月)"


@attrs.frozen(slots=True)
class ComboPlan:
    """A plan composed by the subscriber from tiers of packs (F-BUN-1, F-BUN-2).

    ``tiers`` are the codes of the packs it may be composed of; ``required_kinds`` the kinds a
    composition must hold (the data pack, F-BUN-2); ``channels`` where it may be ordered
    (the online and mobile halls, F-BUN-3); ``change_rules`` override the default timing of
    bundle changes (:class:`~unicom_core.domain.catalog.change_policy.ChangePolicy`).
    """

    product_kind: ClassVar[ProductKind] = ProductKind.COMBO_PLAN

    code: str = attrs.field(validator=check_code)
    name: str = attrs.field(validator=check_name)
    names: Mapping[str, str] = attrs.field(factory=dict, converter=to_names, kw_only=True)
    generation: NetworkGeneration = attrs.field(
        validator=instance_of(NetworkGeneration, CATALOG_GENERATION)
    )
    payment_modes: tuple[PaymentMode, ...] = attrs.field(
        converter=_to_payment_modes, validator=_check_some
    )
    tiers: tuple[str, ...] = attrs.field(validator=_check_tiers)
    channels: tuple[Channel, ...] = attrs.field(
        converter=to_channels, validator=check_sale_channels
    )
    required_kinds: tuple[PackKind, ...] = attrs.field(
        default=(PackKind.DATA,),
        converter=to_pack_kinds,
        validator=_check_some,
    )
    overage: OverageRates = attrs.field(
        factory=OverageRates, validator=instance_of(OverageRates, CATALOG_OVERAGE)
    )
    change_rules: tuple[ChangeRule, ...] = attrs.field(default=(), converter=to_rules)
    window: EffectiveWindow = attrs.field(
        factory=EffectiveWindow, validator=instance_of(EffectiveWindow, CATALOG_WINDOW)
    )

    def __attrs_post_init__(self) -> None:
        """The change rules form a valid policy."""
        ChangePolicy(self.change_rules)

    @property
    def change_policy(self) -> ChangePolicy:
        """When each kind of change to a bundle of this plan applies (F-BUN, F-CAL-5)."""
        return ChangePolicy(self.change_rules)


@attrs.frozen(slots=True)
class Goods:
    """Something sold once at a list price (F-SHOP-1, F-PAY-1).

    A phone, a data card, an accessory, a recharge card or a fixed-denomination top-up (at
    face value), a number.
    """

    code: str = attrs.field(validator=check_code)
    name: str = attrs.field(validator=check_name)
    names: Mapping[str, str] = attrs.field(factory=dict, converter=to_names, kw_only=True)
    kind: ProductKind = attrs.field(validator=instance_of(ProductKind, CATALOG_PRODUCT_KIND))
    price: Money = attrs.field(validator=_check_price)
    channels: tuple[Channel, ...] = attrs.field(
        converter=to_channels, validator=check_sale_channels
    )
    window: EffectiveWindow = attrs.field(
        factory=EffectiveWindow, validator=instance_of(EffectiveWindow, CATALOG_WINDOW)
    )
    description: str = attrs.field(default="", validator=instance_of(str, CATALOG_DESCRIPTION))

    def __attrs_post_init__(self) -> None:
        """Plans and packs are not goods."""
        if self.kind not in GOODS_KINDS:
            raise CATALOG_PRODUCT_KIND.error(
                f"a {self.kind.value} is not sold as goods", field="kind"
            )

    @property
    def product_kind(self) -> ProductKind:
        """The kind of goods."""
        return self.kind

    @property
    def list_price(self) -> Money:
        """The list price (the face value of a recharge card or top-up)."""
        return self.price


Product: TypeAlias = Plan | ComboPlan | Pack | Goods
"""Anything the catalogue offers."""
