"""The API's own documents, served by the hall itself: Swagger UI and ReDoc, no CDN.

``/schema`` (and ``/schema/openapi.json``) is the OpenAPI 3.1 document as JSON;
``/schema/swagger`` shows it in Swagger UI (with "try it out") and ``/schema/redoc`` in
ReDoc. Litestar's own render plugins load their scripts from public CDNs and start them
with an inline ``<script>``: a carrier's closed network reaches no CDN, and the hall's
Content-Security-Policy (:mod:`unicom_web.security`) runs no inline script. So the two
plugins here render a page that loads everything from the hall: the bundles of the pinned
``openapi-ui-bundles`` package (Swagger UI, ReDoc; Apache-2.0 and MIT licences inside it),
mounted by :func:`asset_routers` under ``/static/vendor/``, and the starter script
``/static/api-docs.js``, which reads the document's URL from the page's ``data-spec-url``.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

import openapi_ui_bundles
from litestar.openapi.plugins import RedocRenderPlugin, SwaggerRenderPlugin
from litestar.static_files import create_static_files_router

if TYPE_CHECKING:
    from litestar import Request, Router

__all__ = ["REDOC_PATH", "SWAGGER_PATH", "LocalRedoc", "LocalSwagger", "asset_routers"]

SWAGGER_PATH = "/swagger"
"""Swagger UI, under the schema's path: ``/schema/swagger``."""
REDOC_PATH = "/redoc"
"""ReDoc, under the schema's path: ``/schema/redoc``."""
_SWAGGER_ASSETS = "/static/vendor/swagger-ui"
_REDOC_ASSETS = "/static/vendor/redoc"
_STARTER = "/static/api-docs.js"


def _page(title: str, head: str, ui: str, spec_url: str) -> bytes:
    """A page with no inline script or style: ``head`` loads the UI, the starter starts it."""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{escape(title)}</title>\n<link rel="icon" href="data:,">\n{head}'
        f'<script src="{_STARTER}" defer></script>\n</head>\n<body>\n'
        f'<div id="api-docs" data-ui="{ui}" data-spec-url="{escape(spec_url)}"></div>\n'
        "</body>\n</html>\n"
    ).encode()


def _document_url(request: Request[Any, Any, Any]) -> str:
    """The JSON document's own path: ``/schema/openapi.json``."""
    config = request.app.openapi_config
    return f"{config.path if config else '/schema'}/openapi.json"


class LocalSwagger(SwaggerRenderPlugin):
    """Swagger UI from the hall's own assets, started by ``/static/api-docs.js``."""

    def __init__(self) -> None:
        """Swagger UI at ``/schema/swagger``, its bundle and stylesheet from ``/static``."""
        super().__init__(
            js_url=f"{_SWAGGER_ASSETS}/swagger-ui-bundle.js",
            css_url=f"{_SWAGGER_ASSETS}/swagger-ui.css",
            standalone_preset_js_url=f"{_SWAGGER_ASSETS}/swagger-ui-standalone-preset.js",
            path=SWAGGER_PATH,
            favicon="",
            style="",
        )

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        """The Swagger UI page; the document is fetched from ``/schema/openapi.json``."""
        head = (
            f'<link rel="stylesheet" href="{self.css_url}">\n'
            f'<script src="{self.js_url}" defer></script>\n'
        )
        title = f"{openapi_schema['info']['title']} · Swagger UI"
        return _page(title, head, "swagger", _document_url(request))

    def receive_router(self, router: Router) -> None:
        """Add no OAuth2 redirect page: the hall's clients get tokens without a browser."""


class LocalRedoc(RedocRenderPlugin):
    """ReDoc from the hall's own assets, without Google's fonts."""

    def __init__(self) -> None:
        """ReDoc at ``/schema/redoc``, its bundle from ``/static``."""
        super().__init__(
            js_url=f"{_REDOC_ASSETS}/redoc.standalone.js",
            google_fonts=False,
            path=REDOC_PATH,
            favicon="",
            style="",
        )

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        """The ReDoc page; the document is fetched from ``/schema/openapi.json``."""
        head = f'<script src="{self.js_url}" defer></script>\n'
        title = f"{openapi_schema['info']['title']} · ReDoc"
        return _page(title, head, "redoc", _document_url(request))


def asset_routers() -> list[Router]:
    """The routers of the vendored bundles, mounted under ``/static/vendor/``."""
    return [
        create_static_files_router(
            path=_SWAGGER_ASSETS,
            directories=[openapi_ui_bundles.swagger_ui.static_path],
            include_in_schema=False,
        ),
        create_static_files_router(
            path=_REDOC_ASSETS,
            directories=[openapi_ui_bundles.redoc.static_path],
            include_in_schema=False,
        ),
    ]
