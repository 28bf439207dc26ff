"""The real webhook sender: POSTs TMF notifications to listeners over HTTP(S).

:class:`UrllibWebhookSender` implements :class:`unicom_core.ports.shared.WebhookSender`
with the standard library's ``urllib.request``: one POST per call, a timeout for the
whole exchange (connect and answer), certificates verified (the default SSL context), no
redirect followed (a 3xx answer counts as a failed delivery: a listener's URL is what the
operator registered, nothing else), no proxy from the environment unless asked. The
answer's status is returned whatever it is; no answer at all (refused, timed out, a TLS
failure) raises ``hubs.unreachable`` with the error's class as reason, never its text
(which may echo the URL). Wire it with ``bootstrap(webhooks=UrllibWebhookSender())``.
"""

from __future__ import annotations

import ssl
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Any

from unicom_core.domain.shared import HUBS_UNREACHABLE
from unicom_core.ports.shared import WebhookSender

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["UrllibWebhookSender"]

_USER_AGENT = "unicom-hall-webhooks/1"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:  # noqa: ANN401
        return None


class UrllibWebhookSender(WebhookSender):
    """POSTs with ``urllib.request``; ``timeout`` seconds at most per delivery."""

    def __init__(
        self,
        *,
        timeout: float = 10.0,
        context: ssl.SSLContext | None = None,
        use_environment_proxy: bool = False,
    ) -> None:
        self.timeout = timeout
        handlers: list[urllib.request.BaseHandler] = [
            _NoRedirect(),
            urllib.request.HTTPSHandler(context=context or ssl.create_default_context()),
        ]
        if not use_environment_proxy:
            handlers.append(urllib.request.ProxyHandler({}))
        self._opener = urllib.request.build_opener(*handlers)

    def post(self, url: str, body: bytes, headers: Mapping[str, str], /) -> int:
        """POST ``body``; the status answered, or ``hubs.unreachable`` without an answer."""
        request = urllib.request.Request(  # noqa: S310 - the callback was checked at registration
            url, data=body, headers={"User-Agent": _USER_AGENT, **headers}, method="POST"
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                answer.read(1024)
                return int(answer.status)
        except urllib.error.HTTPError as error:  # a status outside 2xx is an answer too
            error.close()
            return int(error.code)
        except (OSError, ValueError) as error:
            raise HUBS_UNREACHABLE.error(reason=type(error).__name__) from None
