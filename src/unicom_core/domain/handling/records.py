"""Business records (業務記錄, F-QRY-5) and the acceptance form each one prints (F-QRY-6).

Every business handling (a bundle change, a call forwarding, a roaming switch ...) ends in one
:class:`BusinessRecord`: who asked for what, when, on which channel, from when it takes effect,
and what the number's services were before and after. The record carries the
:class:`Change` its handler decided, so the terms the subscriber accepted are kept as they were
shown, and its acceptance form (電子受理單) is rebuilt from it any time, byte for byte.

A change takes effect :attr:`Effect.NOW` (the record is ``DONE``) or from the next billing
cycle (:attr:`Effect.NEXT_CYCLE`: the record is ``PENDING`` until 00:00 on the 1st of the next
month, Beijing time; it may be ``CANCELLED`` until then and becomes ``APPLIED`` exactly once).

======================  ===================================================
status                  allowed moves
======================  ===================================================
PENDING                 take_effect -> APPLIED, cancel -> CANCELLED
DONE, APPLIED,          none: ``handling.not_pending``
CANCELLED
======================  ===================================================
"""

from __future__ import annotations

import enum
import hashlib
import re
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.handling.codes import (
    HANDLING_NOT_PENDING,
    HANDLING_RECORD,
    HANDLING_REQUEST_ID,
)
from unicom_core.domain.shared import (
    DomainEvent,
    Money,
    check_id,
    check_version,
    domain_event,
    guarded,
    instance_of,
    require_aware,
    to_shanghai,
    update,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "BusinessRecord",
    "Change",
    "Effect",
    "HandlingAccepted",
    "HandlingApplied",
    "HandlingCancelled",
    "RecordStatus",
    "record_id_of",
    "request_digest",
]

_REQUEST_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
_TEXT_MAX = 500
_ROWS_MAX = 40


class Effect(enum.Enum):
    """When a handling takes effect: at once, or from the next billing cycle (F-CAL-5)."""

    NOW = "now"
    NEXT_CYCLE = "next_cycle"


class RecordStatus(enum.Enum):
    """Where a business record stands (module docstring)."""

    DONE = "done"
    PENDING = "pending"
    APPLIED = "applied"
    CANCELLED = "cancelled"


def _text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > _TEXT_MAX:
        raise HANDLING_RECORD.error(field=attribute.name)


def _pairs(values: Iterable[tuple[str, str]] | Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    items = values.items() if hasattr(values, "items") else values
    pairs = tuple(tuple(item) for item in items)
    if len(pairs) > _ROWS_MAX or not all(
        len(pair) == 2 and all(isinstance(s, str) and len(s) <= _TEXT_MAX for s in pair)  # noqa: PLR2004
        for pair in pairs
    ):
        raise HANDLING_RECORD.error(field="rows")
    return pairs  # type: ignore[return-value,unused-ignore]  # checked: pairs of str


def _lines(values: Iterable[str]) -> tuple[str, ...]:
    lines = tuple(values)
    if len(lines) > _ROWS_MAX or not all(
        isinstance(line, str) and line.strip() and len(line) <= _TEXT_MAX for line in lines
    ):
        raise HANDLING_RECORD.error(field="terms")
    return lines


@attrs.frozen(slots=True)
class Change:
    """What a handler decided: shown before confirming, kept on the record, printed on the form.

    ``before``/``after``: labelled rows of the services concerned as the subscriber reads them;
    ``terms``: what the subscriber accepts by confirming; ``params``: the normalised request the
    handler needs to apply the change (kept, never shown); ``fee``: charged by the change now
    (e.g. the prorated part of a pack added mid-cycle), zero if none.
    """

    summary: str = attrs.field(validator=_text)
    effect: Effect = attrs.field(validator=instance_of(Effect, HANDLING_RECORD))
    before: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)
    after: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)
    terms: tuple[str, ...] = attrs.field(default=(), converter=_lines)
    params: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)
    fee: Money = attrs.field(default=Money(0), validator=instance_of(Money, HANDLING_RECORD))

    def param(self, name: str) -> str:
        """The normalised parameter ``name`` (``handling.record`` if the handler kept none)."""
        for key, value in self.params:
            if key == name:
                return value
        raise HANDLING_RECORD.error(f"the change keeps no parameter {name!r}", field=name)


def record_id_of(subscriber_id: str, request_id: str) -> str:
    """The id of the record a request makes: the same request id of a number, the same record.

    Raises:
        InvalidInput: ``handling.request_id`` unless 8-64 letters, digits, ``-`` or ``_``.
    """
    if not isinstance(request_id, str) or _REQUEST_ID.fullmatch(request_id) is None:
        raise HANDLING_REQUEST_ID.error(field="request_id")
    return hashlib.sha256(f"{subscriber_id}\x1f{request_id}".encode()).hexdigest()[:32]


def request_digest(kind: str, params: Mapping[str, str]) -> str:
    """A digest of what was asked, so a retried request id is told from a reused one."""
    text = "\x1e".join(f"{k}\x1f{params[k]}" for k in sorted(params))
    return hashlib.sha256(f"{kind}\x1d{text}".encode()).hexdigest()


def _instant(value: datetime) -> datetime:
    return to_shanghai(value, field="at")


@domain_event("handling.accepted")
@attrs.frozen(slots=True, kw_only=True)
class HandlingAccepted(DomainEvent):
    """A business handling was accepted; ``effective_from`` is when it takes effect (F-QRY-5)."""

    kind: str
    subscriber_id: str
    effective_from: datetime
    status: RecordStatus


@domain_event("handling.applied")
@attrs.frozen(slots=True, kw_only=True)
class HandlingApplied(DomainEvent):
    """A pending change took effect at the start of its cycle."""

    kind: str
    subscriber_id: str


@domain_event("handling.cancelled")
@attrs.frozen(slots=True, kw_only=True)
class HandlingCancelled(DomainEvent):
    """A pending change was cancelled before it took effect."""

    kind: str
    subscriber_id: str


@attrs.define(slots=True)
class BusinessRecord:
    """One business handling of a number, as it was accepted (F-QRY-5, F-QRY-6).

    ``requested_by`` is who asked (a session id, or an operator); ``number`` is the number as
    printed (masked where the form shows it); ``holder`` the customer's masked name.
    """

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    subscriber_id: str = attrs.field(validator=check_id, on_setattr=guarded)
    number: str = attrs.field(validator=_text, on_setattr=guarded)
    holder: str = attrs.field(validator=_text, on_setattr=guarded)
    kind: str = attrs.field(validator=_text, on_setattr=guarded)
    title: str = attrs.field(validator=_text, on_setattr=guarded)
    channel: str = attrs.field(validator=_text, on_setattr=guarded)
    requested_by: str = attrs.field(validator=_text, on_setattr=guarded)
    requested_at: datetime = attrs.field(converter=_instant, on_setattr=guarded)
    effective_from: datetime = attrs.field(converter=_instant, on_setattr=guarded)
    change: Change = attrs.field(validator=instance_of(Change, HANDLING_RECORD), on_setattr=guarded)
    request_digest: str = attrs.field(validator=_text, on_setattr=guarded)
    status: RecordStatus = attrs.field(
        validator=instance_of(RecordStatus, HANDLING_RECORD), on_setattr=guarded
    )
    closed_at: datetime | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(_instant),
        on_setattr=guarded,
    )
    version: int = attrs.field(default=0, validator=check_version)

    def __attrs_post_init__(self) -> None:
        """A change takes effect no earlier than it is asked for."""
        if self.effective_from < self.requested_at:
            raise HANDLING_RECORD.error(field="effective_from")

    @property
    def is_pending(self) -> bool:
        """Whether the change still waits for its cycle."""
        return self.status is RecordStatus.PENDING

    def accepted(self) -> tuple[DomainEvent, ...]:
        """The event of a record just accepted."""
        return (
            HandlingAccepted(
                aggregate_id=self.id,
                occurred_at=self.requested_at,
                kind=self.kind,
                subscriber_id=self.subscriber_id,
                effective_from=self.effective_from,
                status=self.status,
            ),
        )

    def take_effect(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """PENDING -> APPLIED, once, at or after ``effective_from``."""
        at = require_aware(at)
        if not self.is_pending or at < self.effective_from:
            raise HANDLING_NOT_PENDING.error(status=self.status.value)
        update(self, status=RecordStatus.APPLIED, closed_at=at)
        event = HandlingApplied(
            aggregate_id=self.id, occurred_at=at, kind=self.kind, subscriber_id=self.subscriber_id
        )
        return (event,)

    def cancel(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """PENDING -> CANCELLED, before ``effective_from`` (``handling.not_pending`` if not)."""
        at = require_aware(at)
        if not self.is_pending or at >= self.effective_from:
            raise HANDLING_NOT_PENDING.error(status=self.status.value)
        update(self, status=RecordStatus.CANCELLED, closed_at=at)
        event = HandlingCancelled(
            aggregate_id=self.id, occurred_at=at, kind=self.kind, subscriber_id=self.subscriber_id
        )
        return (event,)
