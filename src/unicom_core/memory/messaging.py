"""An SMS sender that keeps the messages it is given, for tests and the demo (F-AUTH-2).

Tests read the random password back from :attr:`MemoryMessageSender.sent`; the demo may
pass ``echo`` (a callable such as ``print``) to show each message as it is sent. A message's
``repr`` hides its text, since the text holds a one-time code.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import MESSAGING_FAILED, MESSAGING_NONE
from unicom_core.domain.shared import MobileNumber
from unicom_core.ports.access import MessageSender

if TYPE_CHECKING:
    from collections.abc import Callable


__all__ = ["MemoryMessageSender", "SentMessage"]

_CODE = re.compile(r"(?<![0-9])[0-9]{4,10}(?![0-9])")


@attrs.frozen(slots=True)
class SentMessage:
    """One SMS handed to the sender: recipient and text (hidden from ``repr``)."""

    to: MobileNumber = attrs.field(repr=lambda number: repr(number.masked()))
    text: str = attrs.field(repr=False)


class MemoryMessageSender(MessageSender):
    """Records every SMS; can be told to fail, to test that a failed send changes nothing.

    Args:
        echo: called with a line for each message sent (``print`` in the demo), or None.
    """

    def __init__(self, echo: Callable[[str], object] | None = None) -> None:
        self._lock = threading.Lock()
        self._sent: list[SentMessage] = []
        self._echo = echo
        self.failing = False

    @property
    def sent(self) -> tuple[SentMessage, ...]:
        """Every message sent so far, oldest first."""
        with self._lock:
            return tuple(self._sent)

    def send_sms(self, to: MobileNumber, text: str, /) -> None:
        """Record ``text`` for ``to``; ``AdapterError`` ``messaging.failed`` when failing."""
        if self.failing:
            raise MESSAGING_FAILED.error()
        with self._lock:
            self._sent.append(SentMessage(to, text))
        if self._echo is not None:
            self._echo(f"SMS to {to.masked()}: {text}")

    def last_code(self, to: MobileNumber) -> str:
        """The digits of the last code sent to ``to`` (``NotFound`` ``messaging.none``)."""
        for message in reversed(self.sent):
            found = _CODE.search(message.text)
            if message.to == to and found is not None:
                return found.group()
        raise MESSAGING_NONE.error()
