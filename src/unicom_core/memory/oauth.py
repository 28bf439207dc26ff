"""A QQ / Sina Weibo provider double: codes the test grants for a chosen subject (F-AUTH-3).

:meth:`MemoryOAuthProvider.authorize` plays the person approving the hall at the
provider and returns the authorisation code the provider would redirect back with; each
code is exchanged at most once, like a real provider's.
"""

from __future__ import annotations

import secrets
import threading
from typing import TYPE_CHECKING

from unicom_core.domain.access import OAUTH_FAILED, OAUTH_REJECTED
from unicom_core.ports.access import OAuthProvider

if TYPE_CHECKING:
    from unicom_core.domain.access import ThirdParty

__all__ = ["MemoryOAuthProvider"]


class MemoryOAuthProvider(OAuthProvider):
    """Hands out one-use authorisation codes and exchanges them for the subject id."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._codes: dict[str, tuple[ThirdParty, str]] = {}
        self.failing = False

    def authorize(self, provider: ThirdParty, subject: str) -> str:
        """The code ``provider`` gives when its user ``subject`` approves the hall."""
        code = secrets.token_urlsafe(16)
        with self._lock:
            self._codes[code] = (provider, subject)
        return code

    def verified_subject(self, provider: ThirdParty, authorization_code: str, /) -> str:
        """The subject behind an unspent code of ``provider``; ``Refused`` ``oauth.rejected``."""
        if self.failing:
            raise OAUTH_FAILED.error()
        with self._lock:
            granted = self._codes.pop(authorization_code, None)
        if granted is None or granted[0] is not provider:
            raise OAUTH_REJECTED.error(f"{provider.value} did not accept the code")
        return granted[1]
