"""A storage that dies on purpose: the crash-and-resume tests of the bill run (F-QRY-3).

:class:`CrashingStorage` wraps any :class:`~unicom_core.ports.storage.Storage` and raises
:class:`Crash` inside its ``crash_on``-th transaction (1-based) after the work ran and before
it commits, as a process killed mid-transaction leaves nothing of it behind.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from unicom_core.ports.storage import Storage, UnitOfWork

__all__ = ["Crash", "CrashingStorage"]


class Crash(Exception):
    """Injected: the process dies inside a transaction."""


class CrashingStorage:
    """Wraps a storage; the n-th transaction (1-based) dies before it commits (0: none)."""

    def __init__(self, inner: Storage, crash_on: int) -> None:
        self.inner, self.crash_on, self.count = inner, crash_on, 0

    @contextmanager
    def transaction(self) -> Iterator[UnitOfWork]:
        """The inner storage's transaction, made to fail at its end when its turn comes."""
        self.count += 1
        with self.inner.transaction() as tx:
            yield tx
            if self.count == self.crash_on:
                raise Crash

    def read(self) -> Iterator[UnitOfWork]:
        """The inner storage's read-only unit of work (reads never crash)."""
        return self.inner.read()  # type: ignore[return-value]

    def close(self) -> None:
        """Close the inner storage."""
        self.inner.close()
