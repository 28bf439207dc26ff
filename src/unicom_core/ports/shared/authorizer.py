"""The hall's one permission check, as every area asks it (F-AUTH-5, F-AUTH-6).

``hall.access`` (:class:`~unicom_core.usecases.access.AccessService`) implements
:class:`Authorizer`; billing, payments and the profile are given it by the composition root
and ask it before every use case a session makes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from unicom_core.domain.access import Capability, Session
    from unicom_core.domain.subscribers import NumberIdentifier, Subscriber

__all__ = ["Authorizer", "Granted"]


class Granted(Protocol):
    """What the permission check answers: the session, and the subscriber it may act on."""

    @property
    def session(self) -> Session:
        """The live session of the token."""
        ...

    @property
    def subscriber(self) -> Subscriber:
        """The subscriber of the number asked for (the session's own by default).

        An operator token (F-AUTH-6) that named no number has none: this raises
        ``operator.no_subscriber`` then (and so does :attr:`session` for any operator).
        """
        ...

    @property
    def is_operator(self) -> bool:
        """Whether an operator token, not a subscriber session, was authorized (F-AUTH-6)."""
        ...


class Authorizer(Protocol):
    """The hall's one permission check (``hall.access``; F-AUTH-5, F-AUTH-6)."""

    def authorize(
        self, token: str, capability: Capability, number: NumberIdentifier | None = None, /
    ) -> Granted:
        """Allow the session of ``token`` to use ``capability`` on ``number``, or raise.

        Raises:
            Refused: ``access.not_logged_in``, ``access.session_expired``,
                ``access.capability_missing`` (F-AUTH-5).
            NotFound: ``access.unknown_number``, for an unknown number and for another
                customer's alike (F-AUTH-6).
        """
        ...
