"""Hypothesis strategies for catalogues, packs, price rules and bundle compositions (F-BUN).

Re-exported by :mod:`unicom_core.testing.strategies`. A composition depends on the catalogue
it is drawn from, so :func:`compositions` and :func:`invalid_compositions` take the catalogue::

    @given(ust.combo_catalogs(), st.data())
    def test_fee(catalog, data):
        codes = data.draw(ust.compositions(catalog))
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from unicom_core.domain.catalog import (
    GOODS_KINDS,
    Allowances,
    Bundle,
    Catalog,
    CatalogId,
    Channel,
    ComboPlan,
    EffectiveWindow,
    Goods,
    Pack,
    PackKind,
    Plan,
    PriceRule,
    ProductKind,
)
from unicom_core.domain.shared import Money
from unicom_core.domain.subscribers import NetworkGeneration, PaymentMode
from unicom_core.testing.strategies.calendar import shanghai_instants
from unicom_core.testing.strategies.money import rates

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "COMBO_CODE",
    "allowances",
    "bundles",
    "catalog_channels",
    "combo_catalogs",
    "compositions",
    "effective_windows",
    "goods",
    "invalid_compositions",
    "packs",
    "plans",
    "price_rules",
]

COMBO_CODE = "combo"
"""The code of the combination plan in every catalogue :func:`combo_catalogs` draws."""

_MAX_FEE = 100_000  # fen: ¥1,000 a month, above any published pack
_BUNDLE_CHANNELS = (Channel.ONLINE_HALL, Channel.MOBILE_HALL)


def catalog_channels() -> st.SearchStrategy[tuple[Channel, ...]]:
    """Non-empty sets of sale channels."""
    return st.sets(st.sampled_from(Channel), min_size=1).map(tuple)


def effective_windows(
    min_year: int = 2010, max_year: int = 2030
) -> st.SearchStrategy[EffectiveWindow]:
    """Effective windows with optional bounds (start before end) in Beijing time."""
    instants = shanghai_instants(min_year, max_year)
    lengths = st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(days=3650))
    bounded = st.builds(
        lambda start, length: EffectiveWindow(start, start + length), instants, lengths
    )
    return st.one_of(
        st.just(EffectiveWindow()),
        instants.map(lambda start: EffectiveWindow(starts=start)),
        instants.map(lambda end: EffectiveWindow(ends=end)),
        bounded,
    )


def allowances(kind: PackKind | None = None) -> st.SearchStrategy[Allowances]:
    """Allowances; for a pack ``kind``, ones that include something of that kind."""
    amount = st.integers(min_value=0, max_value=20_000)
    positive = st.integers(min_value=1, max_value=20_000)
    services = st.lists(st.sampled_from(["caller_id", "ring_back", "mobile_mailbox"]), max_size=3)
    return st.builds(
        Allowances,
        data_mb=positive if kind is PackKind.DATA else amount,
        voice_minutes=positive if kind is PackKind.VOICE else amount,
        messages=positive if kind is PackKind.SMS else amount,
        services=services.filter(bool) if kind is PackKind.VALUE_ADDED else services,
    )


_FEE_FEN = st.integers(min_value=0, max_value=_MAX_FEE)


def _fees() -> st.SearchStrategy[Money]:
    return _FEE_FEN.map(Money)


_KIND_ALLOWANCES = {kind: allowances(kind) for kind in PackKind}


def packs(
    kind: PackKind | None = None,
    code: str | None = None,
    channels: tuple[Channel, ...] = _BUNDLE_CHANNELS,
) -> st.SearchStrategy[Pack]:
    """Packs of ``kind`` (any if None), always effective, sold on ``channels``."""
    kinds = st.just(kind) if kind is not None else st.sampled_from(PackKind)

    def build(chosen: PackKind) -> st.SearchStrategy[Pack]:
        codes = (
            st.just(code)
            if code is not None
            else st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True)
        )
        return st.builds(
            Pack,
            codes,
            st.just(f"{chosen.value} pack"),
            st.just(chosen),
            _fees(),
            allowances(chosen),
            st.just(channels),
        )

    return kinds.flatmap(build)


@st.composite
def combo_catalogs(
    draw: st.DrawFn,
    max_tiers: int = 5,
    required_kinds: tuple[PackKind, ...] = (PackKind.DATA,),
) -> Catalog:
    """Catalogues holding one combination plan (:data:`COMBO_CODE`) and its tiers (F-BUN-1).

    Every required kind has at least one tier; other kinds may have none. Everything is
    always effective and sold on the online and mobile halls only (F-BUN-3).
    """
    tiers: list[Pack] = []
    for kind in PackKind:
        least = 1 if kind in required_kinds else 0
        count = draw(st.integers(min_value=least, max_value=max_tiers))
        for n in range(count):
            fee, allowed = Money(draw(_FEE_FEN)), draw(_KIND_ALLOWANCES[kind])
            name = f"{kind.value} pack {n}"
            tiers.append(Pack(f"{kind.value}-{n}", name, kind, fee, allowed, _BUNDLE_CHANNELS))
    combo = ComboPlan(
        COMBO_CODE,
        "组合套餐",
        NetworkGeneration.G4,
        (PaymentMode.POSTPAID,),
        tuple(p.code for p in tiers),
        _BUNDLE_CHANNELS,
        required_kinds,
    )
    return Catalog(
        CatalogId("test"), draw(st.integers(1, 1000)), combos=(combo,), packs=tuple(tiers)
    )


def compositions(
    catalog: Catalog, combo_code: str = COMBO_CODE
) -> st.SearchStrategy[tuple[str, ...]]:
    """Valid compositions of the plan: each required kind once, others at most once (F-BUN-4).

    Codes come in any order (composition does not depend on it). Tiers are read as effective
    at any instant, so draw from catalogues whose tiers are always effective.
    """
    combo = catalog.combo(combo_code)
    choices = []
    for kind in PackKind:
        tier_codes = [p.code for p in map(catalog.pack, combo.tiers) if p.kind is kind]
        if not tier_codes:
            continue
        one = st.sampled_from(tier_codes).map(lambda code: (code,))
        choices.append(one if kind in combo.required_kinds else st.one_of(st.just(()), one))
    return st.tuples(*choices).map(lambda parts: sum(parts, ())).flatmap(st.permutations).map(tuple)


def invalid_compositions(
    catalog: Catalog, combo_code: str = COMBO_CODE
) -> st.SearchStrategy[tuple[tuple[str, ...], str]]:
    """Broken compositions and the error code each must raise (F-BUN-2, F-BUN-4).

    Breaks are: the data pack left out (``bundle.data_pack_required``), a second pack of a
    kind held (``bundle.duplicate_kind``), a code that is not a tier (``bundle.unknown_tier``).
    """
    combo = catalog.combo(combo_code)
    valid = compositions(catalog, combo_code)

    def without_data(codes: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
        kept = tuple(c for c in codes if catalog.pack(c).kind is not PackKind.DATA)
        return kept, "bundle.data_pack_required"

    @st.composite
    def doubled(draw: st.DrawFn) -> tuple[tuple[str, ...], str]:
        codes = draw(valid)
        kind = catalog.pack(draw(st.sampled_from(codes))).kind
        same_kind = [c for c in combo.tiers if catalog.pack(c).kind is kind]
        extra = draw(st.sampled_from(same_kind))
        position = draw(st.integers(0, len(codes)))
        return (*codes[:position], extra, *codes[position:]), "bundle.duplicate_kind"

    def unknown(pair: tuple[tuple[str, ...], str]) -> tuple[tuple[str, ...], str]:
        codes, stranger = pair
        return (*codes, stranger), "bundle.unknown_tier"

    strangers = st.from_regex(r"[a-z]{1,8}-x[0-9]{1,3}", fullmatch=True).filter(
        lambda code: code not in combo.tiers
    )
    breaks: list[st.SearchStrategy[tuple[tuple[str, ...], str]]] = [
        doubled(),
        st.tuples(valid, strangers).map(unknown),
    ]
    if PackKind.DATA in combo.required_kinds:
        breaks.append(valid.map(without_data))
    return st.one_of(breaks)


@st.composite
def bundles(draw: st.DrawFn, catalog: Catalog | None = None) -> Bundle:
    """Valid bundles drawn from ``catalog`` (a fresh :func:`combo_catalogs` one if None)."""
    source = catalog if catalog is not None else draw(combo_catalogs())
    codes = draw(compositions(source))
    combo = source.combo(COMBO_CODE)
    return Bundle(COMBO_CODE, tuple(map(source.pack, codes)), combo.required_kinds)


def plans() -> st.SearchStrategy[Plan]:
    """Fixed plans of any generation and payment mode."""
    return st.builds(
        Plan,
        st.from_regex(r"plan-[a-z0-9]{1,10}", fullmatch=True),
        st.just("套餐"),
        st.sampled_from(NetworkGeneration),
        st.sets(st.sampled_from(PaymentMode), min_size=1).map(tuple),
        _fees(),
        catalog_channels(),
        allowances(),
    )


def goods(kind: ProductKind | None = None) -> st.SearchStrategy[Goods]:
    """Goods (phones, data cards, accessories, recharge cards, top-ups, numbers)."""
    kinds = st.just(kind) if kind is not None else st.sampled_from(sorted(GOODS_KINDS, key=str))
    return st.builds(
        Goods,
        st.from_regex(r"goods-[a-z0-9]{1,10}", fullmatch=True),
        st.just("商品"),
        kinds,
        _fees(),
        catalog_channels(),
        effective_windows(),
    )


def price_rules(
    product_kinds: tuple[ProductKind, ...] = (ProductKind.RECHARGE_CARD, ProductKind.TOP_UP),
) -> st.SearchStrategy[PriceRule]:
    """Price rules over ``product_kinds``: a rate (0-200 %) or a fixed price, in a window."""
    rule: Callable[..., PriceRule] = PriceRule
    by_rate = st.builds(
        rule,
        st.from_regex(r"rule-[a-z0-9]{1,10}", fullmatch=True),
        st.just("价格规则"),
        effective_windows(),
        st.just(product_kinds),
        rate=rates(),
    )
    by_price = st.builds(
        rule,
        st.from_regex(r"rule-[a-z0-9]{1,10}", fullmatch=True),
        st.just("活动价"),
        effective_windows(),
        st.just(product_kinds),
        fixed_price=_fees(),
    )
    return st.one_of(by_rate, by_price)
