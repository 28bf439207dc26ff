"""A scripted support bot: the test double of the support-bot port (F-BIZ-8).

Tests program it: :meth:`ScriptedSupportBot.script` says which answer a question containing a
phrase gets; a question matching no phrase gets no answer (so the conversation goes to the
human queue). It asks for a human on the words of
:data:`~unicom_core.domain.handling.HUMAN_KEYWORDS`, as the real bot does. It records every
question it was asked.
"""

from __future__ import annotations

import threading

from unicom_core.domain.handling import asks_for_human
from unicom_core.ports.handling import BotAnswer, SupportBot

__all__ = ["ScriptedSupportBot"]


class ScriptedSupportBot(SupportBot):
    """Answers what it was scripted to answer, by phrase, first scripted first."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._script: list[tuple[str, BotAnswer]] = []
        self.questions: list[str] = []

    def script(self, phrase: str, answer: BotAnswer) -> None:
        """Answer ``answer`` to any question containing ``phrase``."""
        with self._lock:
            self._script.append((phrase, answer))

    def answer(self, question: str, /) -> BotAnswer | None:
        """The first scripted answer whose phrase is in ``question``, or None."""
        with self._lock:
            self.questions.append(question)
            return next((answer for phrase, answer in self._script if phrase in question), None)

    def wants_human(self, question: str, /) -> bool:
        """Whether ``question`` names a human agent (人工, 转人工, 客服)."""
        return asks_for_human(question)
