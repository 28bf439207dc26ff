"""The logging event publisher: one structured log line per relayed event (stdlib ``logging``).

Why here, in the core, and not in :mod:`unicom_core.memory` or an adapter: it needs nothing
but the standard library, it is a real production adapter (the relay process's default,
``unicom relay``) rather than an in-memory double, and every process that
relays (the SQL command, a web worker, an embedder's scheduler) can use it without
depending on the SQL adapter.

Each event becomes one line on logger ``unicom.events`` (by default), message
``event_published`` followed by a compact JSON object: the outbox entry id, the event's id,
type, aggregate id and instant, the attempt count, and its fields under ``data``. The same
object travels as ``extra={"event": ...}`` for JSON log formatters.

Personal data: events carry ids, amounts and codes (cards are masked in the domain), never
resident ids or passwords. As a second line of defence the published fields are redacted:
a field whose name speaks of a password, secret, token, PIN, PUK or resident id is replaced
by ``"***"``, and in every text any run of 7 or more digits (a phone, card or resident id
number) keeps only its last 4 digits (``*******5678``). Delivery here means "handed to
``logging``": a broken handler loses the line, so this publisher suits audit trails and
development, not a channel other systems depend on.
"""

from __future__ import annotations

import json
import logging
import re
from typing import TYPE_CHECKING, Any, Final

from unicom_core.ports.shared import EventPublisher, PublishOutcome
from unicom_core.serialization import unstructure

if TYPE_CHECKING:
    from collections.abc import Sequence

    from unicom_core.ports.shared import OutboxEntry

__all__ = ["DEFAULT_LOGGER", "LoggingEventPublisher", "redact"]

DEFAULT_LOGGER: Final = "unicom.events"
"""The logger the publisher writes to unless given another."""

_SECRET_NAMES: Final = re.compile(r"password|secret|token|resident|puk|\bpin\b|_pin", re.IGNORECASE)
_DIGIT_RUN: Final = re.compile(r"\d{7,}[\dXx]?")
_KEEP: Final = 4
_HIDDEN: Final = "***"


def _mask_digits(text: str) -> str:
    def mask(match: re.Match[str]) -> str:
        run = match.group(0)
        return "*" * (len(run) - _KEEP) + run[-_KEEP:]

    return _DIGIT_RUN.sub(mask, text)


def redact(value: Any, name: str = "") -> Any:  # noqa: ANN401 - any unstructured JSON shape
    """``value`` (plain data) with secret-named fields hidden and long digit runs masked."""
    if name and _SECRET_NAMES.search(name):
        return _HIDDEN
    if isinstance(value, str):
        return _mask_digits(value)
    if isinstance(value, dict):
        return {key: redact(item, str(key)) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [redact(item, name) for item in value]
    return value


class LoggingEventPublisher(EventPublisher):
    """Publishes each event as one redacted, structured log line; never fails an entry."""

    def __init__(self, logger: logging.Logger | None = None, level: int = logging.INFO) -> None:
        self._logger = logger if logger is not None else logging.getLogger(DEFAULT_LOGGER)
        self._level = level

    def publish(self, entries: Sequence[OutboxEntry], /) -> list[PublishOutcome]:
        """Log one line per entry, in order; every entry is delivered."""
        outcomes: list[PublishOutcome] = []
        for entry in entries:
            record = self.record(entry)
            line = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            self._logger.log(self._level, "event_published %s", line, extra={"event": record})
            outcomes.append(PublishOutcome(entry.id, delivered=True))
        return outcomes

    @staticmethod
    def record(entry: OutboxEntry) -> dict[str, Any]:
        """The redacted fields one log line carries for ``entry``."""
        event = entry.event
        body = unstructure(event)
        fields = {key: value for key, value in body.items() if key not in _ENVELOPE}
        return {
            "entry_id": entry.id,
            "event_id": event.event_id,
            "event_type": event.event_type,
            "aggregate_id": _mask_digits(event.aggregate_id),
            "occurred_at": event.occurred_at.isoformat(),
            "attempts": entry.attempts,
            "data": redact(fields),
        }


_ENVELOPE: Final = frozenset({"event_id", "aggregate_id", "occurred_at"})
