"""Composable 4G bundles: one pack per kind, tiers from the catalogue, fee = sum (F-BUN-1..4).

A :class:`Bundle` is what a subscriber composes from a combination plan (4G全国组合套餐): the
data pack is mandatory (F-BUN-2), every other kind optional, at most one pack of each kind,
each a tier the catalogue offers on the date (F-BUN-4). Its monthly fee is the sum of its
packs' fees and its allowances the union of theirs. A broken composition is an
:class:`~unicom_core.errors.InvalidInput` naming the rule:

* ``bundle.data_pack_required`` (``bundle.<kind>_pack_required`` for any required kind);
* ``bundle.duplicate_kind``: two packs of one kind;
* ``bundle.unknown_tier``: a code that is not a tier of the plan on that date.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.catalog.codes import (
    BUNDLE_COMPARE,
    BUNDLE_DATA_PACK_REQUIRED,
    BUNDLE_DUPLICATE_KIND,
    BUNDLE_NO_SUCH_PACK,
    BUNDLE_PACKS,
    BUNDLE_SMS_PACK_REQUIRED,
    BUNDLE_UNKNOWN_TIER,
    BUNDLE_VALUE_ADDED_PACK_REQUIRED,
    BUNDLE_VOICE_PACK_REQUIRED,
)
from unicom_core.domain.catalog.offers import PackKind, check_code, to_pack_kinds
from unicom_core.domain.catalog.products import Allowances, Pack
from unicom_core.domain.shared import Money, to_shanghai

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from datetime import datetime

    from attrs import Attribute

    from unicom_core.domain.catalog.catalogs import Catalog

__all__ = ["Bundle", "BundleComparison", "ComparedBundle", "compare", "compose"]


def _sorted_packs(packs: Iterable[Pack]) -> tuple[Pack, ...]:
    items = tuple(packs)
    if not all(isinstance(pack, Pack) for pack in items):
        raise BUNDLE_PACKS.error(field="packs")
    return tuple(sorted(items, key=lambda pack: pack.kind.order))


def _check_one_per_kind(
    _instance: object, _attribute: Attribute[tuple[Pack, ...]], packs: tuple[Pack, ...]
) -> None:
    for earlier, later in itertools.pairwise(packs):
        if earlier.kind is later.kind:
            raise BUNDLE_DUPLICATE_KIND.error(
                f"a bundle holds one {later.kind.value} pack, not both {earlier.code!r} and "
                f"{later.code!r} (F-BUN-4)",
                field="packs",
                kind=later.kind.value,
                pack_code=later.code,
            )


_PACK_REQUIRED = {
    PackKind.DATA: BUNDLE_DATA_PACK_REQUIRED,
    PackKind.VOICE: BUNDLE_VOICE_PACK_REQUIRED,
    PackKind.SMS: BUNDLE_SMS_PACK_REQUIRED,
    PackKind.VALUE_ADDED: BUNDLE_VALUE_ADDED_PACK_REQUIRED,
}
"""The code of each missing pack kind (F-BUN-2)."""


@attrs.frozen(slots=True)
class Bundle:
    """A composition of a combination plan: at most one pack per kind (F-BUN-1, F-BUN-4).

    Packs are kept in kind order (data, voice, SMS, value-added); every kind in
    ``required_kinds`` (the data pack, F-BUN-2) must be present.
    """

    combo_code: str = attrs.field(validator=check_code)
    packs: tuple[Pack, ...] = attrs.field(converter=_sorted_packs, validator=_check_one_per_kind)
    required_kinds: tuple[PackKind, ...] = attrs.field(
        default=(PackKind.DATA,), converter=to_pack_kinds
    )

    def __attrs_post_init__(self) -> None:
        """Every required kind is present (F-BUN-2)."""
        held = {pack.kind for pack in self.packs}
        for kind in self.required_kinds:
            if kind not in held:
                raise _PACK_REQUIRED[kind].error(
                    f"a bundle of {self.combo_code} needs a {kind.value} pack (F-BUN-2)",
                    field="packs",
                    kind=kind.value,
                )

    @property
    def monthly_fee(self) -> Money:
        """The sum of the packs' fees (F-BUN-4)."""
        return Money.total(pack.fee for pack in self.packs)

    @property
    def allowances(self) -> Allowances:
        """The union of the packs' allowances (F-BUN-1)."""
        return Allowances.total([pack.allowances for pack in self.packs])

    @property
    def pack_codes(self) -> tuple[str, ...]:
        """The codes of the packs, in kind order."""
        return tuple(pack.code for pack in self.packs)

    def pack(self, kind: PackKind) -> Pack | None:
        """The pack of ``kind``, or None."""
        return next((pack for pack in self.packs if pack.kind is kind), None)

    def with_pack(self, pack: Pack) -> Bundle:
        """This bundle plus ``pack``; ``bundle.duplicate_kind`` if it holds that kind already."""
        return attrs.evolve(self, packs=(*self.packs, pack))

    def without(self, kind: PackKind) -> Bundle:
        """This bundle without its ``kind`` pack (``bundle.<kind>_pack_required`` if required).

        Raises:
            NotFound: ``bundle.no_such_pack`` when the bundle holds no pack of ``kind``.
        """
        if self.pack(kind) is None:
            raise BUNDLE_NO_SUCH_PACK.error(kind=kind.value)
        return attrs.evolve(self, packs=tuple(p for p in self.packs if p.kind is not kind))

    def replacing(self, pack: Pack) -> Bundle:
        """This bundle with ``pack`` in place of its pack of the same kind (if any)."""
        kept = tuple(p for p in self.packs if p.kind is not pack.kind)
        return attrs.evolve(self, packs=(*kept, pack))

    def __str__(self) -> str:
        names = " + ".join(pack.name for pack in self.packs)
        return f"{self.combo_code}: {names} = {self.monthly_fee}/月"


def compose(catalog: Catalog, combo_code: str, pack_codes: Sequence[str], at: datetime) -> Bundle:
    """Compose a bundle of ``combo_code`` from tier codes on sale at ``at`` (F-BUN-1, F-BUN-4).

    Raises:
        InvalidInput: ``bundle.unknown_tier`` (with ``index`` and ``pack_code``),
            ``bundle.duplicate_kind``, ``bundle.data_pack_required``.
        NotFound: ``catalog.unknown_product`` for an unknown combination plan.
    """
    combo = catalog.combo(combo_code)
    if isinstance(pack_codes, str) or not all(isinstance(code, str) for code in pack_codes):
        raise BUNDLE_PACKS.error("a composition is a sequence of pack codes", field="packs")
    tiers = {pack.code: pack for pack in catalog.tiers(combo_code, at)}
    day = to_shanghai(at, field="at").date().isoformat()
    chosen = []
    for index, code in enumerate(pack_codes):
        pack = tiers.get(code)
        if pack is None:
            raise BUNDLE_UNKNOWN_TIER.error(
                f"{code!r} is not a tier of {combo.name} on {day} (F-BUN-4)",
                field="packs",
                index=index,
                pack_code=code,
            )
        chosen.append(pack)
    return Bundle(combo.code, tuple(chosen), combo.required_kinds)


@attrs.frozen(slots=True)
class ComparedBundle:
    """One column of a comparison: a bundle, its fee, allowances and pack per kind."""

    bundle: Bundle
    monthly_fee: Money
    allowances: Allowances
    packs: tuple[Pack | None, ...]


_ROWS: tuple[tuple[str, Callable[[ComparedBundle], str]], ...] = (
    ("monthly fee", lambda c: str(c.monthly_fee)),
    ("data", lambda c: f"{c.allowances.data_mb}MB"),
    ("voice", lambda c: f"{c.allowances.voice_minutes}min"),
    ("messages", lambda c: str(c.allowances.messages)),
    ("services", lambda c: ", ".join(c.allowances.services) or "-"),
)


@attrs.frozen(slots=True)
class BundleComparison:
    """Bundles side by side: fee, allowances and the pack of each kind (F-BUN, F-QRY)."""

    columns: tuple[ComparedBundle, ...]

    @property
    def cheapest(self) -> Bundle:
        """The bundle with the lowest monthly fee (the first of equals)."""
        return min(self.columns, key=lambda column: column.monthly_fee.fen).bundle

    def rows(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The comparison as labelled rows of text, one cell per bundle."""
        table = [(label, tuple(cell(c) for c in self.columns)) for label, cell in _ROWS]
        for position, kind in enumerate(PackKind):
            cells = tuple(_pack_name(c.packs[position]) for c in self.columns)
            table.append((f"{kind.value} pack", cells))
        return tuple(table)


def _pack_name(pack: Pack | None) -> str:
    return "-" if pack is None else pack.name


def compare(bundles: Sequence[Bundle]) -> BundleComparison:
    """Put ``bundles`` side by side (at least one; F-BUN)."""
    if not bundles:
        raise BUNDLE_COMPARE.error(field="bundles")
    columns = tuple(
        ComparedBundle(
            bundle, bundle.monthly_fee, bundle.allowances, tuple(bundle.pack(k) for k in PackKind)
        )
        for bundle in bundles
    )
    return BundleComparison(columns)
