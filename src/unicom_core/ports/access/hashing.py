"""The password-hashing port: salted slow hashes of service passwords and codes (F-AUTH-7).

The hall never stores a service password or a random password: it stores what
:meth:`PasswordHasher.hash` returns (a self-describing string holding the algorithm, its
parameters and a random salt) and asks :meth:`PasswordHasher.verify` later, which compares
in constant time. Production wires :class:`unicom_core.argon.ArgonPasswordHasher`
(argon2id, the ``argon2`` extra); tests wire the fast but still salted
:class:`unicom_core.memory.hashing.MemoryPasswordHasher`.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["PasswordHasher"]


class PasswordHasher(Protocol):
    """Hashes secrets with a fresh salt and verifies them in constant time (F-AUTH-7)."""

    def hash(self, secret: str, /) -> str:
        """A new salted hash of ``secret``; two calls never return the same string."""
        ...

    def verify(self, hashed: str, secret: str, /) -> bool:
        """Whether ``secret`` matches ``hashed``; False for a mismatch or a foreign format.

        Raises:
            AdapterError: ``hashing.failed`` when the hashing library itself fails.
        """
        ...

    def needs_rehash(self, hashed: str, /) -> bool:
        """Whether ``hashed`` was made with other parameters than the current ones."""
        ...
