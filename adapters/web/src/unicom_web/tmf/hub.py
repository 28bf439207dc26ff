"""The TMF630 hub of every TMF API: ``POST {base}/hub`` and ``DELETE {base}/hub/{id}``.

An operator (a Bearer token of the OAuth client-credentials grant with a scope granting
``operator.hubs.subscribe``: ``tmf.read``) registers a listener of the API's events
(:meth:`unicom_core.usecases.shared.HubService.subscribe`): the body is the spec's
``EventSubscriptionInput`` (``callback``, optional ``query``); the answer is 201 with the
``EventSubscription`` (``id``, ``callback``, ``query``), a ``Location`` header, and
``secret``, the listener's signing key, shown this once. ``DELETE`` removes a listener of
this API (204; 404 ``hubs.unknown`` otherwise). A bad callback or query is 422
(``hubs.callback``, ``hubs.query``), an API that sends no events 422 ``hubs.api``, a
subscriber's session or no token 401/403. The answers are TMF ``Error`` objects like every
TMF error (:mod:`unicom_web.http_errors`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
from litestar import Request, Response, delete, post
from litestar.params import FromPath, JSONBody  # noqa: TC002 - Litestar reads them at run time

from unicom_web.cookies import token_of
from unicom_web.tmf.converter import unstructure
from unicom_web.tmf.query import TMF_WRITE_ERRORS

if TYPE_CHECKING:
    from litestar.handlers import HTTPRouteHandler

    from unicom_core.hall import BusinessHall
    from unicom_web.settings import WebSettings

__all__ = ["EventSubscription", "EventSubscriptionInput", "hub_handlers"]


@attrs.frozen(slots=True, kw_only=True)
class EventSubscriptionInput:
    """The TMF630 ``EventSubscriptionInput``: where to send, and which events."""

    callback: str
    query: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class EventSubscription:
    """The TMF630 ``EventSubscription``; ``secret`` (this hall's) only in the 201 answer."""

    id: str
    callback: str
    query: str | None = None
    secret: str | None = attrs.field(default=None, repr=False)


def _hall_and_token(request: Request[Any, Any, Any]) -> tuple[BusinessHall, str]:
    hall: BusinessHall = request.app.state["hall"]
    settings: WebSettings = request.app.state["web_settings"]
    return hall, token_of(request, settings)


def hub_handlers(tag: str, base_path: str) -> list[HTTPRouteHandler]:
    """The hub operations of the API ``tag`` (its ``href`` root is ``base_path``)."""

    def register(
        request: Request[Any, Any, Any], data: JSONBody[EventSubscriptionInput]
    ) -> Response[EventSubscription]:
        hall, token = _hall_and_token(request)
        made = hall.hubs.subscribe(token, tag, data.callback, data.query)
        listener = made.subscription
        body = EventSubscription(
            id=listener.id, callback=listener.callback, query=listener.query, secret=made.secret
        )
        location = str(request.base_url).rstrip("/") + f"{base_path}/hub/{listener.id}"
        return Response(unstructure(body), status_code=201, headers={"Location": location})

    def unregister(request: Request[Any, Any, Any], id: FromPath[str]) -> None:  # noqa: A002
        hall, token = _hall_and_token(request)
        hall.hubs.unsubscribe(token, tag, id)

    register.__doc__ = f"Register a listener of the {tag} events (operators only)."
    unregister.__doc__ = f"Unregister a listener of the {tag} events (operators only)."
    register.__name__ = register.__qualname__ = f"register_listener_{tag}"
    unregister.__name__ = unregister.__qualname__ = f"unregister_listener_{tag}"
    return [
        post(
            "/hub",
            summary="Register a listener",
            tags=[tag, "events subscription"],
            operation_id=f"registerListener{tag}",
            status_code=201,
            sync_to_thread=True,
            responses=TMF_WRITE_ERRORS,
        )(register),
        delete(
            "/hub/{id:str}",
            summary="Unregister a listener",
            tags=[tag, "events subscription"],
            operation_id=f"unregisterListener{tag}",
            status_code=204,
            sync_to_thread=True,
            responses=TMF_WRITE_ERRORS,
        )(unregister),
    ]
