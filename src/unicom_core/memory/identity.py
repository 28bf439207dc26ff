"""An identity service that answers what a test programs, for tests and the demo (F-REAL-2).

:class:`MemoryIdentityVerifier` answers ``MATCH`` for every name and resident ID unless told
otherwise, per resident ID: :meth:`~MemoryIdentityVerifier.answer` programs an answer
(``MISMATCH``, ``DECEASED``, ``MATCH``), :meth:`~MemoryIdentityVerifier.holder` a name (that
name matches, any other is a mismatch), :meth:`~MemoryIdentityVerifier.unavailable` makes it
raise ``AdapterError`` ``identity.unavailable`` (for one ID or for all). It records what it
was asked in :attr:`~MemoryIdentityVerifier.asked`, masked: the masked name and the masked ID,
never the full number.

``bootstrap(production=True)`` refuses it like every other memory double (F-AUTH-7).
"""

from __future__ import annotations

import threading

import attrs

from unicom_core.domain.shared import ResidentId
from unicom_core.domain.subscribers import IDENTITY_ANSWER, IDENTITY_UNAVAILABLE
from unicom_core.ports.subscribers import IdentityAnswer, IdentityVerifier

__all__ = ["IdentityQuestion", "MemoryIdentityVerifier"]

_ALL = "*"


def _masked_name(name: str) -> str:
    return name[:1] + "*" * max(1, len(name) - 1)


@attrs.frozen(slots=True)
class IdentityQuestion:
    """One question the verifier was asked, masked: ``("张*", "110105********002X")``."""

    holder: str
    resident_id: str


def _key(resident_id: object) -> str:
    if not isinstance(resident_id, ResidentId):
        raise IDENTITY_ANSWER.error(
            f"a resident ID is a ResidentId, not {type(resident_id).__name__}",
            field="resident_id",
        )
    return resident_id.value


class MemoryIdentityVerifier(IdentityVerifier):
    """Answers as programmed per resident ID; ``MATCH`` by default (module docstring)."""

    def __init__(self, default: IdentityAnswer = IdentityAnswer.MATCH) -> None:
        if not isinstance(default, IdentityAnswer):
            raise IDENTITY_ANSWER.error(field="default")
        self._lock = threading.Lock()
        self._default = default
        self._answers: dict[str, IdentityAnswer] = {}
        self._holders: dict[str, str] = {}
        self._down: set[str] = set()
        self._asked: list[IdentityQuestion] = []

    @property
    def asked(self) -> tuple[IdentityQuestion, ...]:
        """Every question asked so far, oldest first, masked."""
        with self._lock:
            return tuple(self._asked)

    def answer(self, resident_id: ResidentId, answer: IdentityAnswer) -> None:
        """Answer ``answer`` for ``resident_id`` whatever the name (forgets its holder)."""
        if not isinstance(answer, IdentityAnswer):
            raise IDENTITY_ANSWER.error(field="answer")
        key = _key(resident_id)
        with self._lock:
            self._answers[key] = answer
            self._holders.pop(key, None)

    def holder(self, resident_id: ResidentId, name: str) -> None:
        """``name`` is the living holder of ``resident_id``: it matches, any other name not."""
        if not isinstance(name, str) or not name.strip():
            raise IDENTITY_ANSWER.error(field="name")
        key = _key(resident_id)
        with self._lock:
            self._holders[key] = name.strip()
            self._answers.pop(key, None)

    def unavailable(self, resident_id: ResidentId | None = None, *, down: bool = True) -> None:
        """Fail with ``identity.unavailable`` for ``resident_id`` (None: for every ID)."""
        key = _ALL if resident_id is None else _key(resident_id)
        with self._lock:
            if down:
                self._down.add(key)
            else:
                self._down.discard(key)

    def verify(self, name: str, resident_id: ResidentId, /) -> IdentityAnswer:
        """The programmed answer (module docstring); records the question masked."""
        key = _key(resident_id)
        with self._lock:
            self._asked.append(IdentityQuestion(_masked_name(str(name)), resident_id.masked()))
            if key in self._down or _ALL in self._down:
                raise IDENTITY_UNAVAILABLE.error(reason="programmed unavailable")
            holder = self._holders.get(key)
            if holder is not None:
                matches = isinstance(name, str) and name.strip() == holder
                return IdentityAnswer.MATCH if matches else IdentityAnswer.MISMATCH
            return self._answers.get(key, self._default)
