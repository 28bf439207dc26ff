"""The third-party login port: QQ and Sina Weibo, OAuth style (F-AUTH-3).

The person authorises the hall at the provider and comes back with an authorisation code;
the adapter exchanges it with the provider and returns only the provider's *verified
subject id* (QQ's openid, Weibo's uid). The hall never sees the provider's password, nor
keeps the provider's tokens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from unicom_core.domain.access import ThirdParty

__all__ = ["OAuthProvider"]


class OAuthProvider(Protocol):
    """Turns a provider's authorisation code into its verified subject id (F-AUTH-3)."""

    def verified_subject(self, provider: ThirdParty, authorization_code: str, /) -> str:
        """The subject id the provider vouches for with ``authorization_code`` (used once).

        Raises:
            Refused: ``oauth.rejected`` when the provider does not accept the code.
            AdapterError: ``oauth.failed`` when the provider cannot be reached.
        """
        ...
