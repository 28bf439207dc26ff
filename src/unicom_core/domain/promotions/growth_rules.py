"""The rules of the growth game 沃之樹 as data: earning, stages, rewards (F-PRO-4).

A :class:`GrowthRules` says when the game runs (its window, Beijing time), how many growth
points (培養值) a top-up and a pack order earn, and its :class:`Stage` s: each has a
threshold of points and the :class:`Reward` s it unlocks (a data pack, a coupon, an entry to
the prize draw). :func:`growth_rules_from_toml` reads rules written in TOML (the default
ships with the library, ``unicom_core/usecases/promotions/growth.toml``; the format is in
``docs/reference/growth-rules.md``); every problem is ``growth.rules`` naming the ``field``
(``stages[1].rewards[0].pack``).

The stage of a number of points is the last stage whose threshold it reaches; thresholds
rise strictly and the first is 0, so the stage never goes down as points go up.
"""

from __future__ import annotations

import enum
import re
import tomllib
from datetime import date, datetime
from typing import TYPE_CHECKING, Final

import attrs

from unicom_core.domain.promotions.codes import GROWTH_RULES, GROWTH_UNKNOWN_REWARD
from unicom_core.domain.shared import SHANGHAI, Money, to_shanghai
from unicom_core.errors import InvalidInput

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "MAX_CYCLES",
    "GrowthRules",
    "Reward",
    "RewardKind",
    "Stage",
    "growth_rules_from_toml",
]

_CODE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
_PREFIX = re.compile(r"[A-Z0-9]{1,12}")
_NAME_MAX: Final = 60
_STAGES_MAX: Final = 20
_REWARDS_MAX: Final = 10
_POINTS_MAX: Final = 10**6
MAX_CYCLES: Final = 12
"""The most billing cycles a data-pack reward is held free."""


class RewardKind(enum.Enum):
    """What a reward gives."""

    DATA_PACK = "data_pack"
    COUPON = "coupon"
    DRAW_ENTRY = "draw_entry"


def _code(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        raise GROWTH_RULES.error(field=attribute.name)


def _name(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > _NAME_MAX:
        raise GROWTH_RULES.error(field=attribute.name)


def _count(low: int, high: int) -> Callable[[object, attrs.Attribute[int], object], None]:
    def check(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise GROWTH_RULES.error(field=attribute.name)

    return check


def _is_points(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _POINTS_MAX


@attrs.frozen(slots=True, kw_only=True)
class Reward:
    """One reward of a stage: exactly what its ``kind`` needs is set.

    * ``DATA_PACK``: ``pack`` (a pack code of the product catalogue) held free from the claim
      until the end of the ``cycles`` th billing cycle (the cycle claimed counts as the first);
    * ``COUPON``: a code ``prefix`` + 10 random characters, recorded on the growth account;
    * ``DRAW_ENTRY``: one entry to the draw ``draw``.
    """

    code: str = attrs.field(validator=_code)
    name: str = attrs.field(validator=_name)
    kind: RewardKind = attrs.field()
    pack: str | None = None
    cycles: int = attrs.field(default=1, validator=_count(1, MAX_CYCLES))
    prefix: str | None = None
    draw: str | None = None

    @kind.validator
    def _kind(self, _attribute: object, value: object) -> None:
        if not isinstance(value, RewardKind):
            raise GROWTH_RULES.error(field="kind")

    def __attrs_post_init__(self) -> None:
        """The field of its kind is set and valid, the others are not."""
        wanted = {
            RewardKind.DATA_PACK: "pack",
            RewardKind.COUPON: "prefix",
            RewardKind.DRAW_ENTRY: "draw",
        }
        for kind, field in wanted.items():
            value = getattr(self, field)
            if (kind is self.kind) != (value is not None):
                raise GROWTH_RULES.error(field=field)
        pattern = _PREFIX if self.kind is RewardKind.COUPON else _CODE
        value = {"data_pack": self.pack, "coupon": self.prefix, "draw_entry": self.draw}
        if not pattern.fullmatch(str(value[self.kind.value])):
            raise GROWTH_RULES.error(field=wanted[self.kind])


@attrs.frozen(slots=True, kw_only=True)
class Stage:
    """A stage of the tree: reached at ``threshold`` points, unlocking ``rewards``."""

    name: str = attrs.field(validator=_name)
    threshold: int = attrs.field(validator=_count(0, _POINTS_MAX))
    rewards: tuple[Reward, ...] = ()


def _instant(value: object, field: str) -> datetime:
    """A TOML datetime: with an offset as given, without one in Beijing time."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=SHANGHAI)
        return to_shanghai(value, field=field)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=SHANGHAI)
    raise GROWTH_RULES.error(field=field)


@attrs.frozen(slots=True, kw_only=True)
class GrowthRules:
    """The whole game: window, earning rates, stages (see the module docstring)."""

    game: str = attrs.field(validator=_code)
    name: str = attrs.field(validator=_name)
    starts: datetime
    ends: datetime
    points_per_yuan: int = attrs.field(default=1, validator=_count(0, 1000))
    pack_points: int = attrs.field(default=0, validator=_count(0, _POINTS_MAX))
    packs: tuple[tuple[str, int], ...] = ()
    """Points per pack ordered, by pack code; a pack not named earns ``pack_points``."""
    stages: tuple[Stage, ...] = ()

    def __attrs_post_init__(self) -> None:
        """A window that ends after it starts; thresholds from 0, rising; codes unique."""
        if self.ends <= self.starts:
            raise GROWTH_RULES.error(field="ends")
        if not 1 <= len(self.stages) <= _STAGES_MAX or self.stages[0].threshold != 0:
            raise GROWTH_RULES.error(field="stages")
        for index, (lower, upper) in enumerate(zip(self.stages, self.stages[1:], strict=False)):
            if upper.threshold <= lower.threshold:
                raise GROWTH_RULES.error(field=f"stages[{index + 1}].threshold")
        codes = [reward.code for stage in self.stages for reward in stage.rewards]
        if len(set(codes)) != len(codes):
            raise GROWTH_RULES.error(field="rewards.code")
        for code, points in self.packs:
            if not isinstance(code, str) or not _CODE.fullmatch(code) or not _is_points(points):
                raise GROWTH_RULES.error(field="packs")

    def running(self, at: datetime) -> bool:
        """Whether the game runs at ``at``: from ``starts`` until ``ends`` (exclusive)."""
        return self.starts <= to_shanghai(at, field="at") < self.ends

    def stage_index(self, points: int) -> int:
        """The index of the stage ``points`` reach: the last whose threshold they reach."""
        return max(i for i, stage in enumerate(self.stages) if stage.threshold <= max(points, 0))

    def next_threshold(self, points: int) -> int | None:
        """The threshold of the stage after the one ``points`` reach (None at the last)."""
        index = self.stage_index(points) + 1
        return self.stages[index].threshold if index < len(self.stages) else None

    def reward(self, code: str) -> tuple[Stage, Reward]:
        """The reward ``code`` and its stage (``growth.unknown_reward`` if none)."""
        for stage in self.stages:
            for reward in stage.rewards:
                if reward.code == code:
                    return stage, reward
        raise GROWTH_UNKNOWN_REWARD.error(reward_code=str(code)[:40])

    def points_for_top_up(self, credit: Money) -> int:
        """The points a top-up of ``credit`` (face value) earns: whole yuan times the rate."""
        return max(credit.fen, 0) // 100 * self.points_per_yuan

    def points_for_pack(self, pack_code: str) -> int:
        """The points an order of the pack ``pack_code`` earns (its own rate, or the default)."""
        return dict(self.packs).get(pack_code, self.pack_points)


# ---------------------------------------------------------------- reading TOML


def _table(value: object, field: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise GROWTH_RULES.error(field=field)
    return value


def _list(value: object, field: str) -> list[object]:
    if not isinstance(value, list):
        raise GROWTH_RULES.error(field=field)
    return value


def _renamed(error: InvalidInput, prefix: str) -> InvalidInput:
    field = str(error.data.get("field", ""))
    return GROWTH_RULES.error(field=f"{prefix}.{field}" if field else prefix)


def _reward(raw: object, where: str) -> Reward:
    table = _table(raw, where)
    kind = table.get("kind")
    try:
        return Reward(
            code=table.get("code"),  # type: ignore[arg-type]  # validated
            name=table.get("name"),  # type: ignore[arg-type]
            kind=RewardKind(kind) if kind in {k.value for k in RewardKind} else kind,  # type: ignore[arg-type]
            pack=table.get("pack"),  # type: ignore[arg-type]
            cycles=table.get("cycles", 1),  # type: ignore[arg-type]
            prefix=table.get("prefix"),  # type: ignore[arg-type]
            draw=table.get("draw"),  # type: ignore[arg-type]
        )
    except InvalidInput as error:
        raise _renamed(error, where) from None


def _stage(raw: object, where: str) -> Stage:
    table = _table(raw, where)
    rewards = _list(table.get("rewards", []), f"{where}.rewards")
    if len(rewards) > _REWARDS_MAX:
        raise GROWTH_RULES.error(field=f"{where}.rewards")
    parsed = tuple(_reward(r, f"{where}.rewards[{i}]") for i, r in enumerate(rewards))
    try:
        return Stage(name=table.get("name"), threshold=table.get("threshold"), rewards=parsed)  # type: ignore[arg-type]
    except InvalidInput as error:
        raise _renamed(error, where) from None


_TOP_FIELDS: Final = {
    "game": "game.code",
    "name": "game.name",
    "starts": "game.starts",
    "ends": "game.ends",
    "points_per_yuan": "earning.points_per_yuan",
    "pack_points": "earning.pack_points",
}


def _packs(raw: object) -> tuple[tuple[str, int], ...]:
    packs = _table(raw, "earning.packs")
    for code, points in packs.items():
        if not _CODE.fullmatch(code) or not _is_points(points):
            raise GROWTH_RULES.error(field=f"earning.packs.{code}"[:80])
    return tuple(sorted(packs.items()))  # type: ignore[arg-type]  # checked above


def growth_rules_from_toml(text: str) -> GrowthRules:
    """Read the rules of a growth game from TOML text (``docs/reference/growth-rules.md``).

    Raises:
        InvalidInput: ``growth.rules`` naming the ``field`` at fault (``game.starts``,
            ``stages[2].threshold``, ``stages[1].rewards[0].pack``...).
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise GROWTH_RULES.error(f"not TOML: {error}", field="toml") from None
    game = _table(data.get("game"), "game")
    earning = _table(data.get("earning", {}), "earning")
    packs = _packs(earning.get("packs", {}))
    stages = _list(data.get("stages"), "stages")
    parsed = tuple(_stage(s, f"stages[{i}]") for i, s in enumerate(stages))
    try:
        return GrowthRules(
            game=game.get("code"),  # type: ignore[arg-type]  # validated
            name=game.get("name"),  # type: ignore[arg-type]
            starts=_instant(game.get("starts"), "starts"),
            ends=_instant(game.get("ends"), "ends"),
            points_per_yuan=earning.get("points_per_yuan", 1),  # type: ignore[arg-type]
            pack_points=earning.get("pack_points", 0),  # type: ignore[arg-type]
            packs=packs,
            stages=parsed,
        )
    except InvalidInput as error:
        field = str(error.data.get("field", ""))
        if field not in _TOP_FIELDS:
            raise
        raise GROWTH_RULES.error(field=_TOP_FIELDS[field]) from None
