"""The growth game 沃之樹 (F-PRO-4): the tree, claims, history, earning; ``hall.growth``.

:class:`GrowthService` is ``hall.growth``:

* :meth:`GrowthService.tree` (the page): points, the stage reached, the next threshold and
  the progress towards it, every reward and its state (``locked``, ``claimable``,
  ``claimed`` with what it gave); :meth:`GrowthService.history`: the earnings, newest first.
  Both ask the permission check for ``query.growth``;
* :meth:`GrowthService.claim` (``promotion.claim``) gives a reward once per subscriber:
  the same request id again answers the first claim, another request for a reward claimed
  is ``growth.already_claimed``, a reward whose stage is not reached is
  ``growth.stage_not_reached``; claims are taken while the game runs
  (``growth.not_running``). What a reward gives: :mod:`~unicom_core.usecases.promotions.
  growth_rewards`;
* :meth:`GrowthService.earn_for_top_up` and :meth:`GrowthService.earn_for_handling` are the
  hooks the composition root gives the payment engine (a paid top-up's credit) and the
  handling engine (an accepted ``data_pack`` order): they run in those transactions, so
  the points commit with the credit or the order, and each source (the payment id, the
  business record id) earns once, however often a notification or a request is retried.
  Only while the game runs (its window, Beijing time, at the instant of the credit or of
  the order).

The draw's operations are on the same object (:class:`~unicom_core.usecases.promotions.
draws.DrawDesk`).
"""

from __future__ import annotations

from datetime import datetime
from importlib import resources
from typing import TYPE_CHECKING, Final, cast

import attrs

from unicom_core.domain.access import GROWTH_CLAIM, QUERY_GROWTH
from unicom_core.domain.catalog import DEFAULT_CATALOG_ID
from unicom_core.domain.handling import RecordStatus
from unicom_core.domain.promotions import (
    GROWTH_NOT_RUNNING,
    GROWTH_RULES,
    Claim,
    Earning,
    EarningSource,
    GrowthAccount,
    GrowthRules,
    RewardKind,
    check_request_id,
    growth_rules_from_toml,
)
from unicom_core.domain.shared import PAGE_REQUEST, STORAGE_DUPLICATE
from unicom_core.ports.shared import Page, PageRequest
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.catalog import catalog_cache
from unicom_core.usecases.promotions.draws import DrawDesk
from unicom_core.usecases.promotions.growth_rewards import RewardGiver
from unicom_core.usecases.shared import RetryRule, publish, put, run

if TYPE_CHECKING:
    from unicom_core.domain.catalog import CatalogId
    from unicom_core.domain.handling import BusinessRecord
    from unicom_core.domain.payments import PaymentAttempt
    from unicom_core.domain.shared import DomainEvent
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.handling import HandlingUnitOfWork
    from unicom_core.ports.payments import PaymentUnitOfWork
    from unicom_core.ports.promotions import GrowthUnitOfWork
    from unicom_core.ports.shared import Clock, Granted
    from unicom_core.ports.storage import Storage

__all__ = [
    "DEFAULT_GROWTH_RESOURCE",
    "GrowthService",
    "GrowthSettings",
    "RewardState",
    "RewardView",
    "TreeView",
    "default_growth_rules",
]

DEFAULT_GROWTH_RESOURCE: Final = "growth.toml"
"""The file name of the default growth game inside this package."""
PACK_ORDER_KIND: Final = "data_pack"
_RULE = RetryRule(attempts=8, also_on=frozenset({STORAGE_DUPLICATE.code}))


def default_growth_rules() -> GrowthRules:
    """The growth game shipped with the library (``growth.toml``), freshly read."""
    text = (resources.files(__package__ or __name__) / DEFAULT_GROWTH_RESOURCE).read_text("utf-8")
    return growth_rules_from_toml(text)


def _rules(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, GrowthRules):
        raise GROWTH_RULES.error(field="rules")


@attrs.frozen(slots=True, kw_only=True)
class GrowthSettings:
    """The growth game of a hall (data; the default ships with the library)."""

    rules: GrowthRules = attrs.field(factory=default_growth_rules, validator=_rules)


class RewardState:
    """The states of a reward on the page (plain strings, for templates)."""

    LOCKED: Final = "locked"
    CLAIMABLE: Final = "claimable"
    CLAIMED: Final = "claimed"


@attrs.frozen(slots=True)
class RewardView:
    """One reward on the page: what it is, where, and its state (with its claim once made)."""

    code: str
    name: str
    kind: RewardKind
    stage: str
    threshold: int
    state: str
    claim: Claim | None


@attrs.frozen(slots=True)
class TreeView:
    """The tree of a number: points, stage, the way to the next one, the rewards."""

    game: str
    name: str
    starts: datetime
    ends: datetime
    running: bool
    points: int
    stage: int
    """The index of the stage reached (0: the first)."""
    stage_name: str
    next_threshold: int | None
    """The points of the next stage (None: the last stage is reached)."""
    progress: int
    """Percent of the way from this stage's threshold to the next (100 at the last stage)."""
    rewards: tuple[RewardView, ...]


def _progress(rules: GrowthRules, points: int) -> int:
    following = rules.next_threshold(points)
    if following is None:
        return 100
    base = rules.stages[rules.stage_index(points)].threshold
    return (points - base) * 100 // (following - base)


def _tree(rules: GrowthRules, account: GrowthAccount, now: datetime) -> TreeView:
    points, running = account.points, rules.running(now)
    rewards = []
    for stage in rules.stages:
        for reward in stage.rewards:
            claim = account.claim_of(reward.code)
            if claim is not None:
                state = RewardState.CLAIMED
            elif points >= stage.threshold and running:
                state = RewardState.CLAIMABLE
            else:
                state = RewardState.LOCKED
            view = RewardView(
                reward.code, reward.name, reward.kind, stage.name, stage.threshold, state, claim
            )
            rewards.append(view)
    index = rules.stage_index(points)
    return TreeView(
        game=rules.game,
        name=rules.name,
        starts=rules.starts,
        ends=rules.ends,
        running=running,
        points=points,
        stage=index,
        stage_name=rules.stages[index].name,
        next_threshold=rules.next_threshold(points),
        progress=_progress(rules, points),
        rewards=tuple(rewards),
    )


class GrowthService(DrawDesk):
    """The growth game of the hall (module docstring; F-PRO-4).

    Args:
        storage: the hall's storage (``tx.growth_accounts``, ``tx.draws``, billing profiles).
        clock: the hall's clock.
        authorizer: the permission check (``hall.access``).
        settings: the game's rules (default: the 517 game shipped with the library).
        catalog_id: the product catalogue whose packs the rewards name.
    """

    def __init__(
        self,
        storage: Storage,
        clock: Clock,
        *,
        authorizer: ScopedAuthorizer,
        settings: GrowthSettings | None = None,
        catalog_id: str = DEFAULT_CATALOG_ID,
    ) -> None:
        super().__init__(storage, clock)
        self._authorizer = authorizer
        self._reads = GrantedReads(storage, clock, authorizer, _RULE)
        self.settings = settings if settings is not None else GrowthSettings()
        catalogs = catalog_cache(storage)
        self._giver = RewardGiver(catalogs, cast("CatalogId", catalog_id))

    @property
    def rules(self) -> GrowthRules:
        """The rules of the game (data)."""
        return self.settings.rules

    # ------------------------------------------------------------ a subscriber's side
    def tree(self, token: str, number: NumberIdentifier | None = None) -> TreeView:
        """The tree of the session's number (or ``number`` of its customer) now.

        The check and the read are one read-only transaction, as for :meth:`history`.
        """

        def work(tx: GrowthUnitOfWork, now: datetime, grant: Granted) -> TreeView:
            subscriber_id = grant.subscriber.id
            account = tx.growth_accounts.find(subscriber_id) or GrowthAccount(subscriber_id)
            return _tree(self.rules, account, now)

        return self._reads.read(token, QUERY_GROWTH, number, work)

    def history(
        self, token: str, page: PageRequest | None = None, number: NumberIdentifier | None = None
    ) -> Page[Earning]:
        """The number's earnings, newest first (top-ups and pack orders)."""
        request = page if page is not None else PageRequest()

        def work(tx: GrowthUnitOfWork, _now: datetime, grant: Granted) -> Page[Earning]:
            if not isinstance(request, PageRequest):  # after the permission check
                raise PAGE_REQUEST.error(f"expected a PageRequest, not {request!r}")
            subscriber_id = grant.subscriber.id
            account = tx.growth_accounts.find(subscriber_id) or GrowthAccount(subscriber_id)
            earnings = account.earnings[::-1]
            return Page(
                earnings[request.offset : request.offset + request.limit], len(earnings), request
            )

        return self._reads.read(token, QUERY_GROWTH, number, work)

    def claim(
        self,
        token: str,
        reward_code: str,
        *,
        request_id: str,
        number: NumberIdentifier | None = None,
    ) -> Claim:
        """Claim a reward once (module docstring); the same request id again: the first claim.

        Raises:
            NotFound: ``growth.unknown_reward``; ``draw.unknown`` for an entry to a draw not
                opened; ``catalog.unknown_product`` for a pack the catalogue lacks.
            Refused: ``growth.already_claimed``, ``growth.stage_not_reached``,
                ``growth.not_running``, ``draw.state`` (its entries closed), ``access.*``.
            Conflict: ``growth.request_reused``; ``billing.pack_already_held``.
            InvalidInput: ``growth.request_id``.
        """
        request = check_request_id(request_id)
        stage, reward = self.rules.reward(reward_code)
        subscriber = self._authorizer.authorize(token, GROWTH_CLAIM, number).subscriber

        def work(tx: GrowthUnitOfWork, now: datetime) -> Claim:
            account = tx.growth_accounts.find(subscriber.id) or GrowthAccount(subscriber.id)
            known = account.known_claim(request, reward.code)
            if known is not None:
                return known
            if not self.rules.running(now):
                raise GROWTH_NOT_RUNNING.error(game=self.rules.game)
            account.check_claimable(reward.code, stage.threshold)
            claim = self._giver.give(tx, tx.subscribers.get(subscriber.id), reward, request, now)
            events = account.claim(claim, stage.threshold)
            put(tx.growth_accounts, account)
            publish(tx, events)
            return claim

        return run(self._storage, self._clock, work, _RULE)

    # ------------------------------------------------------------ the hooks (in transactions)
    def earn_for_top_up(
        self, tx: PaymentUnitOfWork, attempt: PaymentAttempt, now: datetime
    ) -> tuple[DomainEvent, ...]:
        """Earn a paid top-up's points in the transaction crediting it (the payments hook)."""
        rules = self.rules
        if not rules.running(now):
            return ()
        points = rules.points_for_top_up(attempt.credit)
        detail = f"充值 {attempt.credit}"
        units = cast("GrowthUnitOfWork", tx)  # bootstrap wires it to a full storage
        return _earn(
            units,
            attempt.subscriber_id,
            source_id=attempt.id,
            source=EarningSource.TOP_UP,
            points=points,
            detail=detail,
            now=now,
        )

    def earn_for_handling(
        self, tx: HandlingUnitOfWork, record: BusinessRecord, now: datetime
    ) -> tuple[DomainEvent, ...]:
        """Earn a pack order's points in the handling's transaction (the handling hook)."""
        rules = self.rules
        if record.kind != PACK_ORDER_KIND or record.status is not RecordStatus.DONE:
            return ()
        if not rules.running(now):
            return ()
        pack = record.change.param("pack")
        detail = f"订购 {pack}"
        units = cast("GrowthUnitOfWork", tx)
        points = rules.points_for_pack(pack)
        return _earn(
            units,
            record.subscriber_id,
            source_id=record.id,
            source=EarningSource.PACK,
            points=points,
            detail=detail,
            now=now,
        )


def _earn(  # noqa: PLR0913 - one earning is these facts
    tx: GrowthUnitOfWork,
    subscriber_id: str,
    *,
    source_id: str,
    source: EarningSource,
    points: int,
    detail: str,
    now: datetime,
) -> tuple[DomainEvent, ...]:
    account = tx.growth_accounts.find(subscriber_id) or GrowthAccount(subscriber_id)
    events = account.earn(source_id, source, points, detail=detail, at=now)
    if events:
        put(tx.growth_accounts, account)
    return events
