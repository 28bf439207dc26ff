"""The one place the password pepper is applied: a decorator of the hasher port (F-AUTH-7).

:class:`PepperedHasher` hashes ``HMAC-SHA256(pepper, secret)`` with the hasher it wraps and
writes the pepper's id in front: ``$pepper$<pepper_id>$argon2id$v=19$...``. Verification
picks the pepper by that id (the current one or a retired one), so a rotation never locks
anybody out; a hash without the prefix (made before a pepper was configured) is verified as
it was made. :meth:`PepperedHasher.needs_rehash` says yes to both, and to whatever the inner
hasher would rehash, so the next successful login moves the hash on.

:class:`~unicom_core.usecases.access.service.AccessService` wraps its hasher here when
``AccessSettings.password_pepper`` is set; nothing else applies a pepper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.ports.access import PasswordHasher

if TYPE_CHECKING:
    from unicom_core.domain.access import Pepper
    from unicom_core.usecases.access.settings import AccessSettings

__all__ = ["PEPPER_PREFIX", "PepperedHasher", "peppered"]

PEPPER_PREFIX = "$pepper$"
"""What a peppered hash starts with; the pepper id and the inner hash follow."""


class PepperedHasher(PasswordHasher):
    """Hashes ``HMAC(pepper, secret)`` with ``inner``; verifies with any known pepper.

    Args:
        inner: the slow salted hasher (argon2id in production).
        current: the pepper new hashes are made with.
        retired: older peppers whose hashes still verify (and need a rehash).
    """

    def __init__(
        self, inner: PasswordHasher, current: Pepper, retired: tuple[Pepper, ...] = ()
    ) -> None:
        self._inner, self._current = inner, current
        self._peppers = {pepper.pepper_id: pepper for pepper in (*retired, current)}

    def __repr__(self) -> str:
        return f"PepperedHasher({self._inner!r}, pepper_id={self._current.pepper_id!r})"

    def hash(self, secret: str, /) -> str:
        """``$pepper$<id>`` and the inner hash of the peppered ``secret``."""
        inner = self._inner.hash(self._current.mac(secret))
        return f"{PEPPER_PREFIX}{self._current.pepper_id}{inner}"

    def verify(self, hashed: str, secret: str, /) -> bool:
        """Whether ``secret`` matches, with the pepper the hash names (or none, if unmarked)."""
        split = _split(hashed) if isinstance(hashed, str) else None
        if split is None:
            return self._inner.verify(hashed, secret)
        pepper = self._peppers.get(split[0])
        if pepper is None or not isinstance(secret, str):
            return False
        return self._inner.verify(split[1], pepper.mac(secret))

    def needs_rehash(self, hashed: str, /) -> bool:
        """Whether the hash lacks the current pepper or has old inner parameters."""
        split = _split(hashed) if isinstance(hashed, str) else None
        if split is None or split[0] != self._current.pepper_id:
            return True
        return self._inner.needs_rehash(split[1])


def _split(hashed: str) -> tuple[str, str] | None:
    """The pepper id and the inner hash of a peppered hash; None for an unmarked one."""
    if not hashed.startswith(PEPPER_PREFIX):
        return None
    pepper_id, dollar, rest = hashed[len(PEPPER_PREFIX) :].partition("$")
    return (pepper_id, dollar + rest) if dollar else None


def peppered(hasher: PasswordHasher, settings: AccessSettings) -> PasswordHasher:
    """``hasher`` wrapped with the settings' pepper, or as it is when none is set."""
    if settings.password_pepper is None:
        return hasher
    return PepperedHasher(hasher, settings.password_pepper, settings.retired_peppers)
