"""The identity port: does a name belong to a resident ID? (实名核验, F-REAL-2, F-REAL-3).

A carrier checks a holder's name and resident ID against the national identity service
before it records them: online re-registration (实名补登记, F-REAL-2), the shop and the back
office's enrolment all ask the same :class:`IdentityVerifier`.

The verifier answers :class:`IdentityAnswer` ``MATCH``, ``MISMATCH`` or ``DECEASED``. A
verifier that cannot answer (the service is down, times out, refuses our credentials)
**raises** ``AdapterError`` ``identity.unavailable``: it never guesses an answer, and there
is no "unavailable" answer a caller could mistake for a refusal of the holder. The use cases
turn that error into their own typed refusal that changes nothing (``realname.unavailable``).

The resident ID is personal data: an adapter sends ``resident_id.value`` to the service and
nowhere else; its logs and errors show ``resident_id.masked()`` only.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from unicom_core.domain.shared import ResidentId

__all__ = ["IdentityAnswer", "IdentityVerifier"]


class IdentityAnswer(enum.Enum):
    """What the identity service says of a name and a resident ID (F-REAL-2)."""

    MATCH = "match"
    """The ID exists, its holder is alive and bears this name."""
    MISMATCH = "mismatch"
    """The ID does not exist, or its holder bears another name."""
    DECEASED = "deceased"
    """The ID's holder is recorded as deceased."""


class IdentityVerifier(Protocol):
    """Checks a holder's name against a resident ID (module docstring)."""

    def verify(self, name: str, resident_id: ResidentId, /) -> IdentityAnswer:
        """Whether ``name`` is the living holder of ``resident_id``.

        Raises:
            AdapterError: ``identity.unavailable`` when the service cannot answer.
        """
        ...
