"""When a change to a bundle takes effect: now, or from the next billing cycle (F-BUN, F-CAL-5).

The rule is data, per pack kind and kind of change, carried by the combination plan in the
catalogue. Unless the catalogue says otherwise, what gives the subscriber more (adding a pack,
raising its tier) applies now and is prorated over the days left in the cycle; what gives
less (removing a pack, lowering its tier) applies from the next cycle, because the current
cycle's fee is already charged. Re-exported by :mod:`unicom_core.domain.catalog.catalogs`.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.catalog.codes import (
    CATALOG_CHANGE_KIND,
    CATALOG_CHANGE_RULES,
    CATALOG_CHANGE_TIMING,
    CATALOG_PACK_KIND,
)
from unicom_core.domain.catalog.offers import PackKind
from unicom_core.domain.shared import instance_of

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["ChangeKind", "ChangePolicy", "ChangeRule", "ChangeTiming", "to_rules"]


class ChangeKind(enum.Enum):
    """How one pack of a bundle changes: added, removed, raised or lowered a tier."""

    ADD = "add"
    REMOVE = "remove"
    RAISE = "raise"
    LOWER = "lower"


class ChangeTiming(enum.Enum):
    """When a change applies: at once (prorated) or from the next billing cycle (F-CAL-5)."""

    NOW = "now"
    NEXT_CYCLE = "next_cycle"


_DEFAULTS: dict[ChangeKind, ChangeTiming] = {
    ChangeKind.ADD: ChangeTiming.NOW,
    ChangeKind.RAISE: ChangeTiming.NOW,
    ChangeKind.REMOVE: ChangeTiming.NEXT_CYCLE,
    ChangeKind.LOWER: ChangeTiming.NEXT_CYCLE,
}


@attrs.frozen(slots=True)
class ChangeRule:
    """One line of a change policy: ``change`` of a ``kind`` pack applies at ``timing``."""

    kind: PackKind = attrs.field(validator=instance_of(PackKind, CATALOG_PACK_KIND))
    change: ChangeKind = attrs.field(validator=instance_of(ChangeKind, CATALOG_CHANGE_KIND))
    timing: ChangeTiming = attrs.field(validator=instance_of(ChangeTiming, CATALOG_CHANGE_TIMING))


def to_rules(rules: Iterable[ChangeRule]) -> tuple[ChangeRule, ...]:
    """An attrs converter: change rules as a tuple."""
    return tuple(rules)


def _check_rules(
    _instance: object, _attribute: attrs.Attribute[tuple[ChangeRule, ...]], value: object
) -> None:
    if not isinstance(value, tuple) or not all(isinstance(rule, ChangeRule) for rule in value):
        raise CATALOG_CHANGE_RULES.error(field="change_rules")
    seen: set[tuple[PackKind, ChangeKind]] = set()
    for index, rule in enumerate(value):
        if (rule.kind, rule.change) in seen:
            raise CATALOG_CHANGE_RULES.error(
                f"two rules for {rule.change.value} of a {rule.kind.value} pack",
                field="change_rules",
                index=index,
            )
        seen.add((rule.kind, rule.change))


@attrs.frozen(slots=True)
class ChangePolicy:
    """The timing of every bundle change: the default table overridden by ``rules`` (F-BUN).

    Default: adding a pack or raising its tier applies now; removing or lowering applies from
    the next billing cycle.
    """

    rules: tuple[ChangeRule, ...] = attrs.field(
        default=(), converter=to_rules, validator=_check_rules
    )

    @staticmethod
    def default_timing(change: ChangeKind) -> ChangeTiming:
        """The timing of ``change`` when no rule names it."""
        return _DEFAULTS[change]

    def timing(self, kind: PackKind, change: ChangeKind) -> ChangeTiming:
        """When ``change`` of a ``kind`` pack applies."""
        for rule in self.rules:
            if rule.kind is kind and rule.change is change:
                return rule.timing
        return _DEFAULTS[change]

    def with_rule(self, kind: PackKind, change: ChangeKind, timing: ChangeTiming) -> ChangePolicy:
        """A copy where ``change`` of a ``kind`` pack applies at ``timing``."""
        kept = tuple(r for r in self.rules if (r.kind, r.change) != (kind, change))
        return ChangePolicy((*kept, ChangeRule(kind, change, timing)))
