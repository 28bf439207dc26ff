"""TMF620 Product Catalog Management v4: offerings, prices, specifications, drafts (F-SHOP-1).

The goal: serve each resource as the v4 specification in the repository defines it, for
operator clients (the whole carrier) and subscriber sessions (their own), so that a client
written to the specification works unchanged on every operation served. The catalogue is
the same for everyone, so the reads need no token:

* ``GET {base}/productOffering[/{id}]``: what is on sale on the hall's channel now;
* ``GET {base}/productOfferingPrice[/{id}]``: the price of each of them (``{code}-price``);
* ``GET {base}/productSpecification[/{id}]``: one specification per product kind;

each with ``fields``, ``offset``/``limit`` (``X-Total-Count``, ``X-Result-Count``) and the
TMF630 filters on the body's attributes (``?isBundle=true``, ``?lastUpdate.gt=...``). The
mapping is :mod:`unicom_web.areas.tmf620_views`. An operator with scope
``catalog.publish`` also reads the pending **draft** of the next revision with
``?catalog=draft`` (changed offerings are ``In design``), and writes it
(:mod:`unicom_web.areas.tmf620_writes`; every change audited under its client id):

* ``POST {base}/productOffering`` (``ProductOffering_Create``): new goods, 201;
* ``PATCH {base}/productOffering/{id}`` (``ProductOffering_Update``, merge patch);
* ``PATCH {base}/productOfferingPrice/{id}`` (``ProductOfferingPrice_Update``: ``price``);
* ``POST {base}/draft/publish``: the draft becomes the effective catalogue, as the next
  revision (200, the TMF ``Catalog`` published); ``DELETE {base}/draft`` discards it (204).

Subscribers and anonymous clients only ever see the effective catalogue; pricing, selling
and the bill run never read the draft. Errors are TMF ``Error`` objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from litestar import Request, Response, delete, patch, post
from litestar.params import FromPath, JSONBody

from unicom_core.domain.access import CATALOG_PUBLISH
from unicom_core.domain.catalog import CATALOG_NOT_ON_SALE, CATALOG_UNKNOWN_PRODUCT, Offer
from unicom_web.areas import Area
from unicom_web.areas.operator_console import bearer_token, operator_actor
from unicom_web.areas.tmf620_bodies import (
    SPECIFICATIONS,
    CatalogBody,
    ProductOffering,
    ProductOfferingPrice,
    ProductSpecification,
    SpecificationOf,
)
from unicom_web.areas.tmf620_views import (
    DRAFT_FLAG,
    CatalogView,
    code_of_price,
    offering_body,
    price_body,
    spec_body,
    view_of,
)
from unicom_web.areas.tmf620_writes import created_goods, patched_offering, patched_price
from unicom_web.tmf import TMF_WRITE_ERRORS, TmfApi, TmfContext, TmfResource, unstructure

if TYPE_CHECKING:
    from unicom_core.domain.catalog import Product
    from unicom_core.errors import UnicomError
    from unicom_core.hall import BusinessHall

__all__ = ["API", "AREA", "BASE_PATH"]

BASE_PATH = "/tmf-api/productCatalogManagement/v4"
_TAG = "TMF620"
_QUERY_ONLY = frozenset({DRAFT_FLAG})


def _offers(context: TmfContext) -> list[tuple[Offer, CatalogView]]:
    view = view_of(context)
    return [(offer, view) for offer in view.offers()]


def _specs(context: TmfContext) -> list[tuple[SpecificationOf, CatalogView]]:
    view = view_of(context)
    return [(spec, view) for spec in SPECIFICATIONS]


def _missing(offering_id: str) -> UnicomError:
    return CATALOG_UNKNOWN_PRODUCT.error(
        f"no product offering {offering_id!r} on sale", id=offering_id
    )


def _missing_price(price_id: str) -> UnicomError:
    return CATALOG_UNKNOWN_PRODUCT.error(f"no product offering price {price_id!r}", id=price_id)


def _missing_spec(spec_id: str) -> UnicomError:
    return CATALOG_UNKNOWN_PRODUCT.error(f"no product specification {spec_id!r}", id=spec_id)


PRODUCT_OFFERING: TmfResource[tuple[Offer, CatalogView], ProductOffering] = TmfResource(
    path="productOffering",
    body=ProductOffering,
    load=_offers,
    to_body=lambda item, _context: offering_body(*item),
    missing=_missing,
    list_doc="The offerings on sale now (``?catalog=draft``: an operator's draft).",
    get_doc="One offering on sale now, by its id (the product code).",
    query_only=_QUERY_ONLY,
)
PRODUCT_OFFERING_PRICE: TmfResource[tuple[Offer, CatalogView], ProductOfferingPrice] = TmfResource(
    path="productOfferingPrice",
    body=ProductOfferingPrice,
    load=_offers,
    to_body=lambda item, _context: price_body(*item),
    missing=_missing_price,
    list_doc="The price of each offering on sale now, on the hall's channel.",
    get_doc="One price, by its id (``{product code}-price``).",
    query_only=_QUERY_ONLY,
)
PRODUCT_SPECIFICATION: TmfResource[tuple[SpecificationOf, CatalogView], ProductSpecification] = (
    TmfResource(
        path="productSpecification",
        body=ProductSpecification,
        load=_specs,
        to_body=lambda item, _context: spec_body(*item),
        missing=_missing_spec,
        list_doc="The product specifications: one per product kind of the catalogue.",
        get_doc="One product specification, by its id (the product kind).",
        query_only=_QUERY_ONLY,
    )
)


# ---------------------------------------------------------------------- an operator's writes


def _operator(request: Request[Any, Any, Any]) -> tuple[BusinessHall, str, TmfContext]:
    """The hall, the operator's client id (scope ``catalog.publish``), the draft's context."""
    context = TmfContext(request, BASE_PATH)
    actor = operator_actor(context.hall, bearer_token(request), CATALOG_PUBLISH)
    return context.hall, actor, context


def _draft(context: TmfContext) -> CatalogView:
    return view_of(context, draft=True)


def _product(view: CatalogView, code: str | None, missing: UnicomError) -> Product:
    found = next((p for p in view.catalog.products() if p.code == code), None)
    if found is None:
        raise missing
    return found


def _offer(view: CatalogView, product: Product) -> Offer:
    """The offer of ``product`` in the view, on sale or not (a draft's answer)."""
    list_price = view.catalog.list_price(product, view.at)
    if list_price is None:
        raise CATALOG_NOT_ON_SALE.error(
            f"{product.name} has no tiers on sale now", product_code=product.code
        )
    return Offer(product, view.catalog.price(product, list_price, view.channel, view.at))


def _answer(context: TmfContext, product: Product, *, status: int = 200) -> Response[Any]:
    view = _draft(context)
    body = offering_body(_offer(view, product), view)
    headers = {"Location": body.href} if status == 201 else {}  # noqa: PLR2004
    return Response(unstructure(body), status_code=status, headers=headers)


@post(
    "/productOffering",
    summary="Creates a ProductOffering",
    tags=[_TAG],
    operation_id="createProductOffering",
    status_code=201,
    sync_to_thread=True,
    responses=TMF_WRITE_ERRORS,
)
def create_product_offering(
    request: Request[Any, Any, Any], data: JSONBody[dict[str, Any]]
) -> Response[ProductOffering]:
    """Create goods in the catalogue draft (operators, scope ``catalog.publish``)."""
    hall, actor, context = _operator(request)
    goods = created_goods(data, _draft(context))
    hall.catalog_drafts.put(goods, actor=actor, new=True)
    return _answer(context, goods, status=201)


@patch(
    "/productOffering/{id:str}",
    summary="Updates partially a ProductOffering",
    tags=[_TAG],
    operation_id="patchProductOffering",
    sync_to_thread=True,
    responses=TMF_WRITE_ERRORS,
)
def patch_product_offering(
    request: Request[Any, Any, Any],
    id: FromPath[str],  # noqa: A002 - the spec's name of the path parameter
    data: JSONBody[dict[str, Any]],
) -> Response[ProductOffering]:
    """Change an offering in the catalogue draft (merge patch; scope ``catalog.publish``)."""
    hall, actor, context = _operator(request)
    view = _draft(context)
    changed = patched_offering(_product(view, id, _missing(id)), data, view)
    hall.catalog_drafts.put(changed, actor=actor)
    return _answer(context, changed)


@patch(
    "/productOfferingPrice/{id:str}",
    summary="Updates partially a ProductOfferingPrice",
    tags=[_TAG],
    operation_id="patchProductOfferingPrice",
    sync_to_thread=True,
    responses=TMF_WRITE_ERRORS,
)
def patch_product_offering_price(
    request: Request[Any, Any, Any],
    id: FromPath[str],  # noqa: A002 - the spec's name of the path parameter
    data: JSONBody[dict[str, Any]],
) -> Response[ProductOfferingPrice]:
    """Change a price in the catalogue draft (its ``price``; scope ``catalog.publish``)."""
    hall, actor, context = _operator(request)
    view = _draft(context)
    changed = patched_price(_product(view, code_of_price(id), _missing_price(id)), data)
    hall.catalog_drafts.put(changed, actor=actor)
    after = _draft(context)
    return Response(unstructure(price_body(_offer(after, changed), after)))


@post(
    "/draft/publish",
    summary="Publishes the catalogue draft as the next revision",
    tags=[_TAG],
    operation_id="publishCatalogDraft",
    status_code=200,
    sync_to_thread=True,
    responses=TMF_WRITE_ERRORS,
)
def publish_draft(request: Request[Any, Any, Any]) -> Response[CatalogBody]:
    """Make the pending draft the effective catalogue (scope ``catalog.publish``)."""
    hall, actor, _context = _operator(request)
    published = hall.catalog_drafts.publish(actor=actor)
    body = CatalogBody(
        id=published.id,
        name=published.id,
        version=str(published.revision),
        lifecycle_status="Launched",
        last_update=published.updated_at,
    )
    return Response(unstructure(body))


@delete(
    "/draft",
    summary="Discards the catalogue draft",
    tags=[_TAG],
    operation_id="discardCatalogDraft",
    status_code=204,
    sync_to_thread=True,
    responses=TMF_WRITE_ERRORS,
)
def discard_draft(request: Request[Any, Any, Any]) -> None:
    """Drop the pending draft (scope ``catalog.publish``)."""
    hall, actor, _context = _operator(request)
    hall.catalog_drafts.discard(actor=actor)


API = TmfApi(
    tag=_TAG,
    base_path=BASE_PATH,
    resources=(PRODUCT_OFFERING, PRODUCT_OFFERING_PRICE, PRODUCT_SPECIFICATION),
    operations=(
        create_product_offering,
        patch_product_offering,
        patch_product_offering_price,
        publish_draft,
        discard_draft,
    ),
)
"""TMF620: offerings, their prices and specifications; operators' drafts."""

AREA = Area(name="tmf620", routers=(API.router,))
"""TMF620 product catalogue, under the spec's base path."""
