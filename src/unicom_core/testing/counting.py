"""A memory storage that names the units of work it opens: one read a request (F-AUTH-7).

:class:`CountingStorage` is :class:`~unicom_core.memory.storage.MemoryStorage` recording,
in order, ``"read"`` for each ``storage.read()`` and ``"transaction"`` for each
``storage.transaction()``. The tests that hold every query to one read-only unit of work (its
permission check included, a due session use recorded by one writing rerun) count with it.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from unicom_core.memory.storage import MemoryStorage

if TYPE_CHECKING:
    from collections.abc import Iterator

    from unicom_core.memory.storage import MemoryUnitOfWork

__all__ = ["CountingStorage"]


class CountingStorage(MemoryStorage):
    """Memory storage naming the units of work it opens, in order (``opened``)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @property
    def reads(self) -> int:
        """How many read-only units of work were opened since the last :meth:`forget`."""
        return self.opened.count("read")

    @property
    def writes(self) -> int:
        """How many writing units of work were opened since the last :meth:`forget`."""
        return self.opened.count("transaction")

    def forget(self) -> None:
        """Start counting afresh."""
        self.opened.clear()

    @contextmanager
    def transaction(self) -> Iterator[MemoryUnitOfWork]:
        """A writing unit of work, counted."""
        self.opened.append("transaction")
        with super().transaction() as tx:
            yield tx

    @contextmanager
    def read(self) -> Iterator[MemoryUnitOfWork]:
        """A read-only unit of work, counted."""
        self.opened.append("read")
        with super().read() as tx:
            yield tx
