"""ArgonPasswordHasher: argon2id through argon2-cffi, the production hasher (F-AUTH-7).

Install with the ``argon2`` extra (``pip install unicom-core[argon2]``). ``unicom_core``
never imports this module itself, so the core runs without argon2-cffi; import it where the
hall is wired::

    from unicom_core.argon import ArgonPasswordHasher
    hall = bootstrap(hasher=ArgonPasswordHasher())

The defaults are RFC 9106's second recommended profile (argon2id, t=3, m=64 MiB, p=4, 16-byte
salt, 32-byte hash), argon2-cffi's own defaults; ``docs/performance.md`` records what one
verification costs with them.
"""

from __future__ import annotations

import argon2
from argon2.exceptions import HashingError, InvalidHashError, VerificationError

from unicom_core.domain.access import HASHING_FAILED, HASHING_PARAMETERS
from unicom_core.ports.access import PasswordHasher

__all__ = ["ArgonPasswordHasher"]

_MIN_KIB_PER_LANE = 8


class ArgonPasswordHasher(PasswordHasher):
    """Argon2id hashes with a fresh 16-byte salt; verification is constant-time (F-AUTH-7).

    Args:
        time_cost: passes over memory (default 3).
        memory_cost: KiB of memory per hash (default 65,536: 64 MiB).
        parallelism: lanes (default 4).
    """

    def __init__(self, time_cost: int = 3, memory_cost: int = 65536, parallelism: int = 4) -> None:
        numbers = (time_cost, memory_cost, parallelism)
        if any(isinstance(n, bool) or not isinstance(n, int) or n < 1 for n in numbers) or (
            memory_cost < _MIN_KIB_PER_LANE * parallelism
        ):
            raise HASHING_PARAMETERS.error()
        self._hasher = argon2.PasswordHasher(
            time_cost=time_cost,
            memory_cost=memory_cost,
            parallelism=parallelism,
            type=argon2.Type.ID,
        )
        self.time_cost, self.memory_cost, self.parallelism = time_cost, memory_cost, parallelism

    def __repr__(self) -> str:
        return (
            f"ArgonPasswordHasher(time_cost={self.time_cost}, memory_cost={self.memory_cost}, "
            f"parallelism={self.parallelism})"
        )

    def hash(self, secret: str, /) -> str:
        """A new argon2id hash of ``secret`` (``$argon2id$v=19$m=...``)."""
        try:
            return self._hasher.hash(secret)
        except HashingError as error:
            raise HASHING_FAILED.error() from error

    def verify(self, hashed: str, secret: str, /) -> bool:
        """Whether ``secret`` matches ``hashed``; False for a mismatch or a foreign hash."""
        try:
            return self._hasher.verify(hashed, secret)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, hashed: str, /) -> bool:
        """Whether ``hashed`` was made with other parameters (or is not argon2 at all)."""
        try:
            return self._hasher.check_needs_rehash(hashed)
        except InvalidHashError:
            return True
