"""One TM Forum resource, described once; its list and retrieve operations generated from it.

A :class:`TmfResource` says where a resource lives (its ``path`` under the API's base
path), what its body is (an attrs class marked as a TMF shape), how to list what the
current principal may see (``load``), how to find one by id (``find``; by default the
listed one with that id), how to map a domain object to its body (``to_body``), and which
error an unknown id is (``missing``). A :class:`TmfApi` groups the resources of one TMF
API under its base path and makes its router. Every resource gets, the same way:

* ``GET {path}``: the list, with ``fields``, ``offset``, ``limit``, the TMF630 filters
  typed on the body's attributes (nested, compared, "in" lists; :mod:`unicom_web.tmf.filters`)
  and the ``X-Total-Count`` / ``X-Result-Count`` headers (:mod:`unicom_web.tmf.query`);
* ``GET {path}/{id}``: one, with ``fields``;
* on every item, ``@type`` (the body's name) and ``href`` (``{base}/{path}/{id}``) when
  the body does not give its own: a client written to the specification finds them;
* ``POST {base}/hub`` and ``DELETE {base}/hub/{id}`` once per API: operators register
  listeners of its events (TMF630 hub, :mod:`unicom_web.tmf.hub`);
* TMF ``Error`` bodies for every error, documented in OpenAPI (the app's one error mapping,
  :mod:`unicom_web.http_errors`, answers TMF paths with them);
* the one JSON content-type and origin check of unsafe requests, which is the app's
  :func:`unicom_web.security.guard_api_request` (TMF paths are among its paths).

The bodies are written by the TMF converter (:mod:`unicom_web.tmf.converter`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs
from litestar import Request, Response, Router, get
from litestar.params import FromPath, FromQuery  # noqa: TC002 - Litestar reads them at run time

from unicom_core.errors import UnicomError
from unicom_web.bodies import Offset  # noqa: TC001 - Litestar reads it at run time
from unicom_web.cookies import token_of
from unicom_web.tmf.converter import unstructure
from unicom_web.tmf.filters import parse_filters, shape_of
from unicom_web.tmf.hub import hub_handlers
from unicom_web.tmf.query import PAGING, TMF_ERRORS, Limit, page_of, select

if TYPE_CHECKING:
    from collections.abc import Mapping

    from litestar.handlers import HTTPRouteHandler

    from unicom_core.hall import BusinessHall
    from unicom_web.settings import WebSettings

__all__ = ["TmfApi", "TmfContext", "TmfResource"]

D = TypeVar("D")
B = TypeVar("B")


@attrs.frozen(slots=True)
class TmfContext:
    """What a resource's functions see of a request: the hall, the principal, the URL root."""

    request: Request[Any, Any, Any]
    base_path: str

    @property
    def hall(self) -> BusinessHall:
        """The app's hall."""
        hall: BusinessHall = self.request.app.state["hall"]
        return hall

    @property
    def settings(self) -> WebSettings:
        """The app's web settings."""
        settings: WebSettings = self.request.app.state["web_settings"]
        return settings

    @property
    def token(self) -> str:
        """The session token of the request (Bearer, else cookie), ``""`` if none."""
        return token_of(self.request, self.settings)

    @property
    def query(self) -> dict[str, str]:
        """The query parameters of the request."""
        return dict(self.request.query_params.items())

    @property
    def base(self) -> str:
        """The URL root of the API (``http://host/tmf-api/.../v4``), for ``href``."""
        return str(self.request.base_url).rstrip("/") + self.base_path


def _id_of(body: object) -> object:
    return getattr(body, "id", None)


@attrs.frozen(kw_only=True)
class TmfResource(Generic[D, B]):
    """One TMF resource: its path, body type, listing, lookup and mapping.

    Attributes:
        path: the resource's path under the API's base path (``productOffering``).
        body: the attrs class of its body (a TMF shape), also its OpenAPI schema.
        load: everything the request's principal may list, in the list's order.
        to_body: the body of a domain object.
        missing: the error of an unknown id (a ``NotFound``).
        find: the domain object of an id, raising ``missing`` (by default: the loaded
            object whose body has that id).
        list_doc: the description of the list operation.
        get_doc: the description of the retrieve operation.
        query_only: query parameters ``load`` reads that are not attribute filters.
    """

    path: str
    body: type[B]
    load: Callable[[TmfContext], Iterable[D]]
    to_body: Callable[[D, TmfContext], B]
    missing: Callable[[str], UnicomError]
    find: Callable[[TmfContext, str], D] | None = None
    list_doc: str = ""
    get_doc: str = ""
    query_only: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        """The TMF name of the resource (``ProductOffering``), as in the operation ids."""
        return self.body.__name__

    @property
    def shape(self) -> Mapping[str, Any]:
        """The filterable attributes of the body (:func:`~unicom_web.tmf.filters.shape_of`)."""
        return shape_of(self.body)  # type: ignore[arg-type] # a class is hashable

    def complete(self, written: dict[str, Any], context: TmfContext) -> dict[str, Any]:
        """A written body with its ``@type`` and ``href`` (the resource's, if it has none)."""
        if "id" in written and "href" not in written:
            written["href"] = f"{context.base}/{self.path}/{written['id']}"
        written.setdefault("@type", self.name)
        return written

    def bodies(self, context: TmfContext) -> list[B]:
        """The bodies of everything the principal may list."""
        return [self.to_body(item, context) for item in self.load(context)]

    def one(self, context: TmfContext, resource_id: str) -> B:
        """The body of the object of that id, or :attr:`missing`."""
        if self.find is not None:
            return self.to_body(self.find(context, resource_id), context)
        for body in self.bodies(context):
            if _id_of(body) == resource_id:
                return body
        raise self.missing(resource_id)

    def handlers(self, base_path: str, tag: str) -> list[HTTPRouteHandler]:
        """The list and retrieve operations, for a router at ``base_path``."""
        return [_list_handler(self, base_path, tag), _get_handler(self, base_path, tag)]


def _list_handler(resource: TmfResource[Any, Any], base_path: str, tag: str) -> HTTPRouteHandler:
    def handler(
        request: Request[Any, Any, Any],
        fields: FromQuery[str | None] = None,
        offset: Offset = 0,
        limit: Limit = None,
    ) -> Response[Any]:
        context = TmfContext(request, base_path)  # a bad query is a 400 before any work
        filters = {k: v for k, v in context.query.items() if k not in resource.query_only}
        parse_filters({k: v for k, v in filters.items() if k not in PAGING}, resource.shape)
        bodies = [resource.complete(b, context) for b in unstructure(resource.bodies(context))]
        page, headers = page_of(
            bodies, filters, shape=resource.shape, fields=fields, offset=offset, limit=limit
        )
        return Response(page, headers=headers)

    # The declared answer names this resource's body: Litestar documents it in OpenAPI.
    handler.__annotations__["return"] = Response[list[resource.body]]  # type: ignore[name-defined]
    handler.__doc__ = resource.list_doc
    handler.__name__ = handler.__qualname__ = f"list_{resource.path}"
    return get(
        f"/{resource.path}",
        summary=f"List or find {resource.name} objects",
        tags=[tag],
        operation_id=f"list{resource.name}",
        sync_to_thread=True,
        responses=TMF_ERRORS,
    )(handler)


def _get_handler(resource: TmfResource[Any, Any], base_path: str, tag: str) -> HTTPRouteHandler:
    def handler(
        request: Request[Any, Any, Any],
        id: FromPath[str],  # noqa: A002 - the spec's name of the path parameter
        fields: FromQuery[str | None] = None,
    ) -> Response[Any]:
        context = TmfContext(request, base_path)
        written = resource.complete(unstructure(resource.one(context, id)), context)
        return Response(select(written, fields))

    handler.__annotations__["return"] = Response[resource.body]  # type: ignore[name-defined]
    handler.__doc__ = resource.get_doc
    handler.__name__ = handler.__qualname__ = f"retrieve_{resource.path}"
    article = "an" if resource.name[:1] in "AEIOU" else "a"
    return get(
        f"/{resource.path}/{{id:str}}",
        summary=f"Retrieves {article} {resource.name} by ID",
        tags=[tag],
        operation_id=f"retrieve{resource.name}",
        sync_to_thread=True,
        responses=TMF_ERRORS,
    )(handler)


@attrs.frozen(kw_only=True)
class TmfApi:
    """The resources of one TMF API under its base path, and its other operations.

    Attributes:
        tag: the API's OpenAPI tag (``TMF620``).
        base_path: the spec's ``basePath`` (``/tmf-api/productCatalogManagement/v4``).
        resources: the resources, each with its list and retrieve operations.
        operations: other route handlers of the API (``POST topupBalance``).
    """

    tag: str
    base_path: str
    resources: tuple[TmfResource[Any, Any], ...]
    operations: tuple[Any, ...] = ()

    def router(self, path: str | None = None, *, include_in_schema: bool = True) -> Router:
        """A router of the API at ``path`` (its base path by default); a new one per app.

        ``path`` serves the same operations elsewhere (an alias), their ``href`` still
        under the base path; an alias is usually left out of the schema.
        """
        handlers = [h for r in self.resources for h in r.handlers(self.base_path, self.tag)]
        hub = hub_handlers(self.tag, self.base_path)
        return Router(
            path or self.base_path,
            route_handlers=[*handlers, *hub, *self.operations],
            include_in_schema=include_in_schema,
        )
