"""A fast, still salted, password hasher for tests and the demo (F-AUTH-7).

PBKDF2-HMAC-SHA256 with a random 16-byte salt and, by default, only 1,000 iterations: fast
enough for property tests that log in thousands of times, never a plain or unsalted
digest. Production uses :class:`unicom_core.argon.ArgonPasswordHasher` (argon2id).

The hash reads ``$pbkdf2-sha256$i=1000$<salt>$<digest>`` (URL-safe base64, no padding).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from unicom_core.domain.access import HASHING_PARAMETERS
from unicom_core.ports.access import PasswordHasher

__all__ = ["MemoryPasswordHasher"]

_SCHEME = "pbkdf2-sha256"
_SALT_BYTES = 16
_PARTS = 5


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class MemoryPasswordHasher(PasswordHasher):
    """PBKDF2-SHA256 with a fresh salt per hash and few iterations; compares in constant time.

    Args:
        iterations: PBKDF2 rounds, at least 1 (default 1,000: fast tests, still salted).
    """

    def __init__(self, iterations: int = 1000) -> None:
        if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 1:
            raise HASHING_PARAMETERS.error("iterations is an integer >= 1", field="iterations")
        self.iterations = iterations

    def __repr__(self) -> str:
        return f"MemoryPasswordHasher(iterations={self.iterations})"

    def _digest(self, secret: str, salt: bytes, iterations: int) -> bytes:
        return hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, iterations)

    def hash(self, secret: str, /) -> str:
        """A new salted hash of ``secret``."""
        salt = secrets.token_bytes(_SALT_BYTES)
        digest = self._digest(secret, salt, self.iterations)
        return f"${_SCHEME}$i={self.iterations}${_b64(salt)}${_b64(digest)}"

    def _parse(self, hashed: str) -> tuple[int, bytes, bytes] | None:
        parts = hashed.split("$") if isinstance(hashed, str) else []
        if len(parts) != _PARTS or parts[0] or parts[1] != _SCHEME or not parts[2][2:].isdigit():
            return None
        try:
            return int(parts[2][2:]), _unb64(parts[3]), _unb64(parts[4])
        except ValueError:
            return None

    def verify(self, hashed: str, secret: str, /) -> bool:
        """Whether ``secret`` matches ``hashed`` (constant-time compare); False if foreign."""
        parsed = self._parse(hashed)
        if parsed is None or not isinstance(secret, str):
            return False
        iterations, salt, expected = parsed
        return hmac.compare_digest(self._digest(secret, salt, iterations), expected)

    def needs_rehash(self, hashed: str, /) -> bool:
        """Whether ``hashed`` used another iteration count (or is not this scheme)."""
        parsed = self._parse(hashed)
        return parsed is None or parsed[0] != self.iterations
