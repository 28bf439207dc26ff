"""The prize draw's operations and its public page (F-PRO-4), on ``hall.growth``.

The operator's side: :meth:`DrawDesk.open_draw`, :meth:`DrawDesk.commit`,
:meth:`DrawDesk.close_entries`, :meth:`DrawDesk.reveal`. These are plain trusted methods:
they take no session and check no permission themselves (the web adapter's operator routes
check an operator token with scope ``promotions.manage``; the command line runs on the
carrier's host). Each names its ``actor`` and writes an audit entry in the transaction of
the change (F-AUTH-6); a call that changes nothing (the same commitment again) or is
refused writes none. The seed is never audited: the reveal records that a seed was
revealed, and the draw itself publishes it. The public side: :meth:`DrawDesk.draw`, which
anyone may read: the commitment, the entries (entry ids and masked numbers, never
subscriber ids), the state, and after the reveal the seed and the winners, so anyone can
re-run
:func:`~unicom_core.domain.promotions.draw_winners` (``docs/explanation/growth-game.md``).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.promotions import DRAW_EXISTS, DRAW_UNKNOWN, Draw, DrawState
from unicom_core.usecases.access import audit_by, audited
from unicom_core.usecases.shared import RetryRule, publish, put, run

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from unicom_core.domain.shared import DomainEvent
    from unicom_core.ports.promotions import GrowthUnitOfWork
    from unicom_core.ports.shared import Clock
    from unicom_core.ports.storage import Storage

__all__ = ["DrawDesk", "DrawView", "PublishedEntry"]

_RULE = RetryRule(attempts=8)


@attrs.frozen(slots=True)
class PublishedEntry:
    """An entry as published: its stable id and the masked number (``186****0001``)."""

    entry_id: str
    masked: str


@attrs.frozen(slots=True, kw_only=True)
class DrawView:
    """A draw as anyone may see it (no subscriber ids)."""

    code: str
    prize: str
    prize_count: int
    state: DrawState
    commitment: str | None
    committed_at: datetime | None
    closed_at: datetime | None
    entries_count: int
    entries: tuple[PublishedEntry, ...]
    """Sorted by entry id."""
    entries_digest: str
    """sha256 of the sorted entry ids joined by newlines (UTF-8), hex."""
    seed: str | None
    """The revealed seed (None until the reveal)."""
    winners: tuple[PublishedEntry, ...]
    """The winners in the order drawn (empty until the reveal)."""


def _view(draw: Draw) -> DrawView:
    masked = {e.entry_id: e.masked for e in draw.entries}
    return DrawView(
        code=draw.id,
        prize=draw.prize,
        prize_count=draw.prize_count,
        state=draw.state,
        commitment=draw.commitment,
        committed_at=draw.committed_at,
        closed_at=draw.closed_at,
        entries_count=len(draw.entries),
        entries=tuple(PublishedEntry(i, masked[i]) for i in draw.entry_ids),
        entries_digest=draw.entries_digest,
        seed=draw.seed,
        winners=tuple(PublishedEntry(i, masked[i]) for i in draw.winners),
    )


class DrawDesk:
    """The draw's operations (operator, audited) and its public view."""

    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage, self._clock = storage, clock

    def _change(
        self,
        code: str,
        change: Callable[[Draw, datetime], Iterable[DomainEvent]],
        audit: tuple[str, str, Mapping[str, str]],
    ) -> DrawView:
        actor, action, parameters = audit
        audited(actor)

        def work(tx: GrowthUnitOfWork, now: datetime) -> DrawView:
            draw = _get(tx, code)
            events = tuple(change(draw, now))
            publish(tx, events)
            put(tx.draws, draw)
            if events:
                facts = {"code": draw.id, "entries": str(len(draw.entries)), **parameters}
                audit_by(tx, actor, action, now, parameters=facts)
            return _view(draw)

        return run(self._storage, self._clock, work, _RULE)

    def open_draw(self, code: str, *, prize: str, winners: int, actor: str) -> DrawView:
        """Open the draw ``code`` for ``winners`` winners of ``prize`` (operator; F-PRO-4).

        Opening it again with the same prize and count answers it as it stands (and audits
        nothing); a new draw is audited as ``draw.opened``.

        Raises:
            InvalidInput: ``operator.actor``, ``id.format`` (the code), ``draw.data``
                (``prize``, ``prize_count``).
            Conflict: ``draw.exists`` if opened with another prize or count.
        """
        audited(actor)

        def work(tx: GrowthUnitOfWork, now: datetime) -> DrawView:
            fresh = Draw(id=code, prize=prize, prize_count=winners, opened_at=now)
            known = tx.draws.find(code)
            if known is not None:
                if (known.prize, known.prize_count) != (prize, winners):
                    raise DRAW_EXISTS.error(code=code)
                return _view(known)
            tx.draws.add(fresh)
            facts = {"code": code, "prize": prize, "winners": str(winners)}
            audit_by(tx, actor, "draw.opened", now, parameters=facts)
            return _view(fresh)

        return run(self._storage, self._clock, work, _RULE)

    def commit(self, code: str, commitment: str, *, actor: str) -> DrawView:
        """Publish ``sha256(seed)`` while the entries are open (operator; F-PRO-4).

        Audited as ``draw.committed`` with the commitment (public; never the seed).

        Raises:
            NotFound: ``draw.unknown``. InvalidInput: ``draw.data`` (``commitment``).
            Refused: ``draw.state`` once closed, or for a second, different commitment.
        """
        audit = (actor, "draw.committed", {"commitment": str(commitment)[:64]})
        return self._change(code, lambda draw, now: draw.commit(commitment, at=now), audit)

    def close_entries(self, code: str, *, actor: str) -> DrawView:
        """Close the entries (operator; F-PRO-4); the entry list and its digest are final.

        Audited as ``draw.closed`` with the entries' count.

        Raises:
            NotFound: ``draw.unknown``.
            Refused: ``draw.not_committed`` before a commitment; ``draw.state`` once drawn.
        """
        return self._change(code, lambda draw, now: draw.close(at=now), (actor, "draw.closed", {}))

    def reveal(self, code: str, seed: str, *, actor: str) -> DrawView:
        """Reveal the seed, check it against the commitment, draw the winners (operator).

        Audited as ``draw.revealed`` (that a seed was revealed, never the seed itself).

        Raises:
            NotFound: ``draw.unknown``. InvalidInput: ``draw.data`` (``seed``).
            Refused: ``draw.commitment_mismatch``; ``draw.state`` unless entries are closed.
        """
        audit = (actor, "draw.revealed", {"seed_revealed": "true"})
        return self._change(code, lambda draw, now: draw.reveal(seed, at=now), audit)

    def draw(self, code: str) -> DrawView:
        """The draw as anyone may see it: commitment, entries, state, winners once drawn.

        Raises:
            NotFound: ``draw.unknown``.
        """

        def work(tx: GrowthUnitOfWork, _now: datetime) -> DrawView:
            return _view(_get(tx, code))

        return run(self._storage, self._clock, work, _RULE, readonly=True)


def _get(tx: GrowthUnitOfWork, code: str) -> Draw:
    found = tx.draws.find(code) if isinstance(code, str) and code else None
    if found is None:
        raise DRAW_UNKNOWN.error(code=str(code)[:64])
    return found
