"""The prize draw of the growth game: commit, entries, reveal, winners anyone can check (F-PRO-4).

A :class:`Draw` (its id is its code) goes OPEN -> CLOSED -> DRAWN:

1. OPEN: entries come in (one per subscriber and reward that gives an entry; each gets a
   stable entry id, ``000001``, ``000002``... in the order made, and the subscriber's
   masked number, ``186****0001``). The operator **commits** ``sha256(seed)`` (64 hex
   digits) while the draw is open: the commitment is published before entries close.
2. CLOSED: :meth:`Draw.close` ends the entries (refused, ``draw.not_committed``, while
   there is no commitment). The entry list is final; :attr:`Draw.entries_digest` fixes it.
3. DRAWN: :meth:`Draw.reveal` takes the seed; ``sha256(seed)`` must equal the commitment
   (``draw.commitment_mismatch`` otherwise) and the winners are :func:`draw_winners` of
   the seed and the entry ids.

The algorithm (a published contract; ``docs/explanation/growth-game.md`` shows how to
re-run it with the standard library only):

* the seed is text of 32 to 128 lower-case hex digits; the commitment is
  ``hashlib.sha256(seed.encode("ascii")).hexdigest()``;
* each distinct entry id ``e`` gets the score
  ``hmac.new(seed.encode("ascii"), e.encode("utf-8"), hashlib.sha256).hexdigest()``;
* entries are sorted by (score, entry id); the first ``min(count, entries)`` win, in that
  order (the first is the first prize).
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import re
from datetime import datetime
from typing import TYPE_CHECKING, Final

import attrs

from unicom_core.domain.promotions.codes import (
    DRAW_COMMITMENT_MISMATCH,
    DRAW_DATA,
    DRAW_NOT_COMMITTED,
    DRAW_STATE,
)
from unicom_core.domain.shared import (
    DomainEvent,
    check_id,
    check_version,
    domain_event,
    guarded,
    instance_of,
    to_shanghai,
    tuple_of,
    update,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "MAX_ENTRIES",
    "MAX_WINNERS",
    "Draw",
    "DrawClosed",
    "DrawCommitted",
    "DrawEntry",
    "DrawRevealed",
    "DrawState",
    "check_seed",
    "commitment_of",
    "draw_winners",
]

MAX_WINNERS: Final = 1000
MAX_ENTRIES: Final = 100_000
_SEED = re.compile(r"[0-9a-f]{32,128}")
_COMMITMENT = re.compile(r"[0-9a-f]{64}")
_TEXT_MAX: Final = 64


class DrawState(enum.Enum):
    """Where a draw stands."""

    OPEN = "open"
    CLOSED = "closed"
    DRAWN = "drawn"


def check_seed(seed: object) -> str:
    """A seed: 32-128 lower-case hex digits (``draw.data``, field ``seed``)."""
    if not isinstance(seed, str) or not _SEED.fullmatch(seed):
        raise DRAW_DATA.error(field="seed")
    return seed


def commitment_of(seed: str) -> str:
    """The commitment of ``seed``: ``sha256(seed as ASCII)`` in lower-case hex."""
    return hashlib.sha256(check_seed(seed).encode("ascii")).hexdigest()


def _score(key: bytes, entry_id: str) -> str:
    return hmac.new(key, entry_id.encode("utf-8"), hashlib.sha256).hexdigest()


def draw_winners(seed: str, entries: Iterable[str], count: int) -> tuple[str, ...]:
    """The winning entry ids: the module docstring's algorithm, pure and deterministic.

    Every winner is an entry, none twice, ``min(count, distinct entries)`` of them; the same
    seed and entries (in any order) give the same winners.

    Raises:
        InvalidInput: ``draw.data`` for a seed that is not 32-128 hex digits (``seed``), an
            entry that is not text (``entries``) or a count below 0 (``count``).
    """
    key = check_seed(seed).encode("ascii")
    distinct = set(entries)
    if not all(isinstance(e, str) for e in distinct):
        raise DRAW_DATA.error(field="entries")
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise DRAW_DATA.error(field="count")
    ranked = sorted(distinct, key=lambda e: (_score(key, e), e))
    return tuple(ranked[:count])


def _text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not 1 <= len(value) <= _TEXT_MAX or "\x00" in value:
        raise DRAW_DATA.error(field=attribute.name)


def _instant(value: datetime) -> datetime:
    return to_shanghai(value, field="at")


def _optional_instant(value: datetime | None) -> datetime | None:
    return None if value is None else to_shanghai(value, field="at")


def _commitment(_instance: object, _attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not _COMMITMENT.fullmatch(value)):
        raise DRAW_DATA.error(field="commitment")


def _optional_seed(
    _instance: object, _attribute: attrs.Attribute[str | None], value: object
) -> None:
    if value is not None:
        check_seed(value)


def _winner_count(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_WINNERS:
        raise DRAW_DATA.error(field=attribute.name)


@attrs.frozen(slots=True, kw_only=True)
class DrawEntry:
    """One entry: its published id and masked number, and (never published) who and why."""

    entry_id: str = attrs.field(validator=_text)
    subscriber_id: str = attrs.field(validator=_text)
    source: str = attrs.field(validator=_text)
    """The reward that gave the entry: one entry per subscriber and source."""
    masked: str = attrs.field(validator=_text)
    at: datetime = attrs.field(converter=_instant)


@domain_event("draw.committed")
@attrs.frozen(slots=True, kw_only=True)
class DrawCommitted(DomainEvent):
    """The operator committed sha256(seed) (F-PRO-4)."""

    commitment: str


@domain_event("draw.closed")
@attrs.frozen(slots=True, kw_only=True)
class DrawClosed(DomainEvent):
    """A draw's entries closed (F-PRO-4)."""

    entries: int
    entries_digest: str


@domain_event("draw.revealed")
@attrs.frozen(slots=True, kw_only=True)
class DrawRevealed(DomainEvent):
    """The seed was revealed and the winners drawn (F-PRO-4)."""

    seed: str
    winners: tuple[str, ...]


def _entries(values: object) -> tuple[DrawEntry, ...]:
    return tuple_of(values, DrawEntry, DRAW_DATA, "entries")


def _winners(values: object) -> tuple[str, ...]:
    return tuple_of(values, str, DRAW_DATA, "winners")


@attrs.define(slots=True)
class Draw:
    """A prize draw (module docstring); ``id`` is its code."""

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    prize: str = attrs.field(validator=_text, on_setattr=guarded)
    prize_count: int = attrs.field(validator=_winner_count, on_setattr=guarded)
    opened_at: datetime = attrs.field(converter=_instant, on_setattr=guarded)
    state: DrawState = attrs.field(
        default=DrawState.OPEN, validator=instance_of(DrawState, DRAW_DATA), on_setattr=guarded
    )
    commitment: str | None = attrs.field(default=None, validator=_commitment, on_setattr=guarded)
    committed_at: datetime | None = attrs.field(
        default=None, converter=_optional_instant, on_setattr=guarded
    )
    closed_at: datetime | None = attrs.field(
        default=None, converter=_optional_instant, on_setattr=guarded
    )
    seed: str | None = attrs.field(default=None, validator=_optional_seed, on_setattr=guarded)
    entries: tuple[DrawEntry, ...] = attrs.field(default=(), converter=_entries, on_setattr=guarded)
    winners: tuple[str, ...] = attrs.field(default=(), converter=_winners, on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)

    def __attrs_post_init__(self) -> None:
        """Entry ids and (subscriber, source) pairs are unique."""
        ids = [e.entry_id for e in self.entries]
        pairs = {(e.subscriber_id, e.source) for e in self.entries}
        if len(set(ids)) != len(ids) or len(pairs) != len(ids):
            raise DRAW_DATA.error(field="entries")

    @property
    def entry_ids(self) -> tuple[str, ...]:
        """The published entry ids, sorted."""
        return tuple(sorted(e.entry_id for e in self.entries))

    @property
    def entries_digest(self) -> str:
        """``sha256`` of the sorted entry ids joined by newlines (UTF-8), in hex."""
        return hashlib.sha256("\n".join(self.entry_ids).encode("utf-8")).hexdigest()

    def entry_of(self, subscriber_id: str, source: str) -> DrawEntry | None:
        """The entry ``subscriber_id`` got from ``source``, if any."""
        found = (e for e in self.entries if (e.subscriber_id, e.source) == (subscriber_id, source))
        return next(found, None)

    def _require(self, state: DrawState, action: str) -> None:
        if self.state is not state:
            raise DRAW_STATE.error(code=self.id, state=self.state.value, action=action)

    def enter(self, subscriber_id: str, source: str, masked: str, *, at: datetime) -> DrawEntry:
        """The entry of ``subscriber_id`` from ``source``: made once, while the draw is open.

        Raises:
            Refused: ``draw.state`` unless OPEN (or when :data:`MAX_ENTRIES` are in).
        """
        known = self.entry_of(subscriber_id, source)
        if known is not None:
            return known
        self._require(DrawState.OPEN, "take entries")
        if len(self.entries) >= MAX_ENTRIES:
            raise DRAW_STATE.error(code=self.id, state="full", action="take entries")
        entry = DrawEntry(
            entry_id=f"{len(self.entries) + 1:06d}",
            subscriber_id=subscriber_id,
            source=source,
            masked=masked,
            at=at,
        )
        update(self, entries=(*self.entries, entry))
        return entry

    def commit(self, commitment: str, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Commit ``sha256(seed)`` while open; the same commitment again changes nothing.

        Raises:
            InvalidInput: ``draw.data`` (``commitment``) unless 64 lower-case hex digits.
            Refused: ``draw.state`` once closed, or to change a commitment made.
        """
        if not isinstance(commitment, str) or not _COMMITMENT.fullmatch(commitment):
            raise DRAW_DATA.error(field="commitment")
        if self.commitment == commitment:
            return ()
        self._require(DrawState.OPEN, "take a commitment")
        if self.commitment is not None:
            raise DRAW_STATE.error(code=self.id, state="committed", action="change its commitment")
        update(self, commitment=commitment, committed_at=to_shanghai(at, field="at"))
        return (DrawCommitted(aggregate_id=self.id, occurred_at=at, commitment=commitment),)

    def close(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """End the entries (again: nothing changes).

        Raises:
            Refused: ``draw.not_committed`` without a commitment; ``draw.state`` once drawn.
        """
        if self.state is DrawState.CLOSED:
            return ()
        self._require(DrawState.OPEN, "close its entries")
        if self.commitment is None:
            raise DRAW_NOT_COMMITTED.error(code=self.id)
        update(self, state=DrawState.CLOSED, closed_at=to_shanghai(at, field="at"))
        event = DrawClosed(
            aggregate_id=self.id,
            occurred_at=at,
            entries=len(self.entries),
            entries_digest=self.entries_digest,
        )
        return (event,)

    def reveal(self, seed: str, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Check ``seed`` against the commitment and draw the winners (the same seed again: no-op).

        Raises:
            InvalidInput: ``draw.data`` (``seed``) unless 32-128 lower-case hex digits.
            Refused: ``draw.state`` unless CLOSED; ``draw.commitment_mismatch``.
        """
        commitment = commitment_of(seed)
        if self.state is DrawState.DRAWN and self.seed == seed:
            return ()
        self._require(DrawState.CLOSED, "be drawn")
        if not hmac.compare_digest(commitment, self.commitment or ""):
            raise DRAW_COMMITMENT_MISMATCH.error(code=self.id)
        winners = draw_winners(seed, self.entry_ids, self.prize_count)
        update(self, state=DrawState.DRAWN, seed=seed, winners=winners)
        return (DrawRevealed(aggregate_id=self.id, occurred_at=at, seed=seed, winners=winners),)
