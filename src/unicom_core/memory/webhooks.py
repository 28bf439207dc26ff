"""The webhook sender in memory: records every POST, answers as a test programs it.

:class:`MemoryWebhookSender` is the default of ``bootstrap(webhooks=...)`` outside
production and the fake of the hub tests: it answers 204 to every callback, or the status
:meth:`MemoryWebhookSender.answer` set for a callback (None: unreachable, the
``hubs.unreachable`` error a real sender raises when no answer comes).
:class:`UnconfiguredWebhookSender` is what a production hall without a sender gets: every
delivery fails with ``hubs.no_sender`` and is retried, so nothing is lost meanwhile.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.shared import HUBS_NO_SENDER, HUBS_UNREACHABLE
from unicom_core.ports.shared import WebhookSender

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["MemoryWebhookSender", "SentWebhook", "UnconfiguredWebhookSender"]


@attrs.frozen(slots=True)
class SentWebhook:
    """One POST the memory sender received: where, what, with which headers."""

    url: str
    body: bytes
    headers: dict[str, str]
    status: int | None


class MemoryWebhookSender(WebhookSender):
    """Records POSTs; answers 204, or what :meth:`answer` set per callback (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._answers: dict[str, int | None] = {}
        self.sent: list[SentWebhook] = []

    def answer(self, url: str, status: int | None) -> None:
        """Answer ``status`` to POSTs to ``url`` from now on (None: unreachable)."""
        with self._lock:
            self._answers[url] = status

    def post(self, url: str, body: bytes, headers: Mapping[str, str], /) -> int:
        """Record the POST and answer it (``hubs.unreachable`` for an unreachable callback)."""
        with self._lock:
            status = self._answers.get(url, 204)
            self.sent.append(SentWebhook(url, body, dict(headers), status))
        if status is None:
            raise HUBS_UNREACHABLE.error(reason="programmed")
        return status

    def delivered_to(self, url: str) -> list[SentWebhook]:
        """The POSTs to ``url`` answered 2xx, in order."""
        with self._lock:
            return [s for s in self.sent if s.url == url and s.status in range(200, 300)]


class UnconfiguredWebhookSender(WebhookSender):
    """A production hall's sender when none was given: every POST is ``hubs.no_sender``."""

    def post(self, url: str, body: bytes, headers: Mapping[str, str], /) -> int:  # noqa: ARG002
        """Refuse: no sender is configured."""
        raise HUBS_NO_SENDER.error()
