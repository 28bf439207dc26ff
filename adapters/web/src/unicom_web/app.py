"""The application factory: :func:`create_app` turns a BusinessHall into a Litestar app.

It mounts, for every area of :data:`unicom_web.areas.AREAS`, the area's JSON
endpoints under ``/api/v1``, its pages at the root and its TM Forum routers at their base
paths; documents the API as OpenAPI 3.1 at ``/schema`` (JSON; Swagger UI at
``/schema/swagger`` and ReDoc at ``/schema/redoc``, from local assets:
:mod:`unicom_web.api_docs`); maps every error in one place
(:mod:`unicom_web.http_errors`); and protects the form posts with Litestar's CSRF
middleware (double-submit cookie). The JSON API is not cookie-CSRF-checked: an unsafe
request's body must be ``application/json`` (a cross-site form cannot send that without a
CORS preflight, which this app never grants), a cookie-authenticated one must come from the
hall's own origin, and the session cookie is ``SameSite=Lax``; every response carries the
security headers (both in :mod:`unicom_web.security`, the app's only such hooks).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from litestar import Litestar, Router
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import State
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from unicom_web.amounts import AmountSchemaPlugin, amount_decoders
from unicom_web.api_docs import LocalRedoc, LocalSwagger, asset_routers
from unicom_web.areas import AREAS
from unicom_web.bodies import ConvertedResponse, ValueSchemaPlugin
from unicom_web.deps import dependencies
from unicom_web.http_errors import API_PREFIX, TMF_PREFIXES, exception_handlers
from unicom_web.json_bodies import JsonRequest
from unicom_web.metrics import campaign_tracking
from unicom_web.security import guard_api_request, security_headers
from unicom_web.tmf import TmfSchemaPlugin

if TYPE_CHECKING:
    from unicom_core.hall import BusinessHall
    from unicom_web.settings import WebSettings

__all__ = ["API_VERSION_PREFIX", "create_app"]

API_VERSION_PREFIX = "/api/v1"
HERE = Path(__file__).parent


def _csrf(settings: WebSettings) -> CSRFConfig:
    return CSRFConfig(
        secret=settings.secret,
        cookie_name=settings.csrf_cookie,
        cookie_secure=bool(settings.secure_cookies),
        cookie_httponly=True,
        cookie_samesite="lax",
        exclude=[f"^{API_PREFIX}", *(f"^{p}" for p in TMF_PREFIXES), "^/schema", "^/oauth/token$"],
    )


def create_app(hall: BusinessHall, settings: WebSettings) -> Litestar:
    """The web business hall over ``hall``: JSON API, TM Forum paths, pages, OpenAPI.

    Every area is mounted: a hall from :func:`unicom_core.bootstrap.bootstrap` has them
    all. The app does not close the hall: its owner does.
    """
    areas = AREAS
    api = Router(
        API_VERSION_PREFIX,
        route_handlers=[handler for area in areas for handler in area.api],
        response_class=ConvertedResponse,
    )
    # One router for the pages: registered handler by handler, a path with GET and POST
    # would be registered twice (and its sync handler wrapped twice) by Litestar.
    pages = Router("/", route_handlers=[handler for area in areas for handler in area.pages])
    static = create_static_files_router(
        path="/static", directories=[HERE / "static"], include_in_schema=False
    )
    return Litestar(
        route_handlers=[
            api,
            pages,
            *(factory() for area in areas for factory in area.routers),
            static,
            *asset_routers(),
        ],
        dependencies=dependencies(),
        exception_handlers=exception_handlers(),
        before_request=guard_api_request,
        before_send=[security_headers, campaign_tracking],
        csrf_config=_csrf(settings),
        template_config=TemplateConfig(directory=HERE / "templates", engine=JinjaTemplateEngine),
        openapi_config=OpenAPIConfig(
            title="unicom_core business hall",
            version="1.0.0",
            description="The online business hall's use cases as JSON; errors are RFC 9457 "
            "problem details; TM Forum read operations under /tmf-api.",
            path="/schema",
            render_plugins=[
                JsonRenderPlugin(path=["/", "/openapi.json"]),
                LocalSwagger(),
                LocalRedoc(),
            ],
        ),
        plugins=[
            ValueSchemaPlugin(),
            AmountSchemaPlugin(settings.max_amount_fen),
            TmfSchemaPlugin(),
        ],
        request_class=JsonRequest,
        request_max_body_size=settings.max_body_bytes,
        type_decoders=amount_decoders(settings.max_amount_fen),
        state=State(
            {
                "hall": hall,
                "web_settings": settings,
                "nav": tuple(link for area in areas for link in area.nav),
            }
        ),
    )
