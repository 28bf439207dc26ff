"""The bundle change's form on the web: one radio group per pack kind (F-BUN-1..4, F-BIZ-3).

The bundle handler (``kind`` ``bundle``) takes one parameter, ``packs``: the pack codes of
the bundle wanted, comma-separated. A person picks packs rather than typing codes, so the
form shows the number's combination plan the way the bundle builder does (a radio group per
kind, ``data``/``voice``/``sms``/``value_added``), pre-selected with the packs the number
holds, and :func:`packs_from` joins the choice back into ``packs``. A number whose plan is
not a combination plan gets the plain text field (and the handler's refusal).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from unicom_core.domain.catalog import PackKind
from unicom_core.errors import UnicomError

if TYPE_CHECKING:
    from unicom_core.hall import BusinessHall

__all__ = ["BUNDLE", "PACK_KINDS", "TierChoice", "bundle_tiers", "packs_from"]

BUNDLE = "bundle"
"""The kind of the bundle change."""
PACK_KINDS = tuple(kind.value for kind in PackKind)
"""The form's radio groups, in bundle order."""


@attrs.frozen(slots=True)
class TierChoice:
    """One radio group: a pack kind, its packs (code, name), the pack chosen and the one held."""

    kind: str
    required: bool
    packs: tuple[tuple[str, str], ...]
    chosen: str
    held: str


def _by_kind(codes: str, tiers: Mapping[str, set[str]]) -> dict[str, str]:
    wanted = [code.strip() for code in codes.split(",") if code.strip()]
    return {kind: next((c for c in wanted if c in packs), "") for kind, packs in tiers.items()}


def bundle_tiers(
    hall: BusinessHall, token: str, values: Mapping[str, str], held: Mapping[str, str]
) -> tuple[TierChoice, ...]:
    """The radio groups of the number's combination plan; none if its plan has no tiers.

    ``values["packs"]`` is pre-selected (else what ``held["packs"]`` says the number holds).
    """
    try:
        plan_code = hall.billing.home(token).subscriber.plan_code
        details = hall.catalog.show_plan(plan_code)
    except UnicomError:
        return ()
    tiers = {group.kind.value: {p.code for p in group.packs} for group in details.tiers}
    chosen = _by_kind(values.get("packs", held.get("packs", "")), tiers)
    holding = _by_kind(held.get("packs", ""), tiers)
    return tuple(
        TierChoice(
            kind=group.kind.value,
            required=group.required,
            packs=tuple((p.code, p.name) for p in group.packs),
            chosen=chosen[group.kind.value],
            held=holding[group.kind.value],
        )
        for group in details.tiers
        if group.packs
    )


def _text(value: object) -> str:
    if isinstance(value, list):
        value = value[-1] if value else ""
    return str(value).strip()


def packs_from(form: Mapping[str, Any]) -> str | None:
    """``packs`` joined from the form's radio groups, or None if it has none of them."""
    if not any(kind in form for kind in PACK_KINDS):
        return None
    return ",".join(code for kind in PACK_KINDS if (code := _text(form.get(kind, ""))))
