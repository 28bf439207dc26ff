"""The messaging port: SMS to a subscriber's mobile number (F-AUTH-2).

The hall sends random passwords (随机密码) through it. An adapter binds it to the carrier's
SMS gateway; :class:`unicom_core.memory.messaging.MemoryMessageSender` records the messages
for tests and the demo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from unicom_core.domain.shared import MobileNumber

__all__ = ["MessageSender"]


class MessageSender(Protocol):
    """Sends a short message to a mobile number (F-AUTH-2)."""

    def send_sms(self, to: MobileNumber, text: str, /) -> None:
        """Hand ``text`` to the SMS service for ``to``; return once it has been accepted.

        The text may hold a secret (a random password): an adapter must not log it.

        Raises:
            AdapterError: ``messaging.failed`` when the SMS service refuses or fails.
        """
        ...
