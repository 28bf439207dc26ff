"""What handlers receive by dependency injection: the hall, the settings, token and client.

Handlers name these as parameters (``hall: BusinessHall``, ``token: str``); Litestar fills
them from the app's state, so one module of handlers serves any number of apps.
"""

from __future__ import annotations

from typing import Any

from litestar import Request  # noqa: TC002 - Litestar reads the annotations at run time
from litestar.di import NamedDependency, Provide

from unicom_core.hall import BusinessHall
from unicom_web.cookies import client_of, token_of
from unicom_web.settings import WebSettings

__all__ = ["Client", "Hall", "Settings", "Token", "dependencies"]

Hall = NamedDependency[BusinessHall]
"""A handler parameter ``hall: Hall`` receives the app's BusinessHall."""
Settings = NamedDependency[WebSettings]
"""A handler parameter ``web_settings: Settings`` receives the app's WebSettings."""
Token = NamedDependency[str]
"""A handler parameter ``token: Token`` receives the session token (``""`` if none)."""
Client = NamedDependency[str]
"""A handler parameter ``client: Client`` receives the client's address key."""


def _hall(request: Request[Any, Any, Any]) -> BusinessHall:
    hall: BusinessHall = request.app.state["hall"]
    return hall


def _settings(request: Request[Any, Any, Any]) -> WebSettings:
    settings: WebSettings = request.app.state["web_settings"]
    return settings


def _token(request: Request[Any, Any, Any]) -> str:
    return token_of(request, _settings(request))


def _client(request: Request[Any, Any, Any]) -> str:
    return client_of(request, _settings(request))


def dependencies() -> dict[str, Provide]:
    """The app-level dependencies: ``hall``, ``web_settings``, ``token``, ``client``."""
    return {
        "hall": Provide(_hall, sync_to_thread=False),
        "web_settings": Provide(_settings, sync_to_thread=False),
        "token": Provide(_token, sync_to_thread=False),
        "client": Provide(_client, sync_to_thread=False),
    }
