"""Bodies at the HTTP edge: domain objects written by the one cattrs converter.

Handlers return the library's attrs objects (``PricedBundle``, ``Session``, ...);
:class:`ConvertedResponse` writes them through :func:`unicom_core.serialization.unstructure`,
so a value has one JSON shape everywhere (docs/explanation/hexagon.md). Litestar documents the
same classes in OpenAPI from their attrs fields; :class:`ValueSchemaPlugin` tells it that the
identifier values the converter writes as strings (``MobileNumber`` -> ``"18612345678"``,
``BillingCycle`` -> ``"2026-11"``) are strings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from litestar import Response
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Schema
from litestar.openapi.spec.enums import OpenAPIType
from litestar.params import QueryParameter
from litestar.plugins import OpenAPISchemaPluginProtocol

from unicom_core.domain.shared import (
    BillingCycle,
    BroadbandAccount,
    EmailAddress,
    FixedLineNumber,
    MobileNumber,
    ResidentId,
)
from unicom_core.serialization import unstructure
from unicom_web.problems import ProblemDetails

if TYPE_CHECKING:
    from litestar._openapi.schema_generation import SchemaCreator
    from litestar.typing import FieldDefinition

__all__ = [
    "MAX_OFFSET",
    "PROBLEMS",
    "STRING_VALUES",
    "ConvertedResponse",
    "Offset",
    "ValueSchemaPlugin",
]

T = TypeVar("T")

MAX_OFFSET = 1_000_000
"""The largest ``offset`` of a list (no list of one customer holds a million items)."""
Offset = Annotated[
    int,
    QueryParameter(ge=0, le=MAX_OFFSET, description=f"items to skip, 0..{MAX_OFFSET:,}"),
]
"""The ``offset`` query parameter of every list, JSON or TMF: beyond the bounds 400
``page.offset`` (a value past a signed 64-bit integer never reaches the storage)."""

STRING_VALUES: dict[type, str] = {
    MobileNumber: "a mainland mobile number, 11 digits",
    EmailAddress: "an e-mail address",
    FixedLineNumber: "a fixed-line number without its area code",
    BroadbandAccount: "a broadband account name",
    ResidentId: "a resident ID number (GB 11643)",
    BillingCycle: "a billing cycle, YYYY-MM",
}
"""The value types the converter writes as strings, with what each string is."""


class ConvertedResponse(Response[T]):
    """A JSON response whose content is unstructured by the library's cattrs converter."""

    def render(self, content: Any, media_type: str, enc_hook: Any = None) -> bytes:  # noqa: ANN401
        """Unstructure ``content`` (domain objects to primitives), then encode it."""
        plain = unstructure(content)
        if enc_hook is None:
            return super().render(plain, media_type)
        return super().render(plain, media_type, enc_hook)


class ValueSchemaPlugin(OpenAPISchemaPluginProtocol):
    """Documents the string-valued identifier types as strings in the OpenAPI schema."""

    @staticmethod
    def is_plugin_supported_type(value: Any) -> bool:  # noqa: ANN401 - Litestar's signature
        """Whether ``value`` is one of :data:`STRING_VALUES`."""
        return isinstance(value, type) and value in STRING_VALUES

    def to_openapi_schema(
        self,
        field_definition: FieldDefinition,
        schema_creator: SchemaCreator,  # noqa: ARG002 - Litestar's signature
    ) -> Schema:
        """A string schema described by :data:`STRING_VALUES`."""
        annotation = field_definition.annotation
        return Schema(type=OpenAPIType.STRING, description=STRING_VALUES.get(annotation, ""))


PROBLEMS: dict[int, ResponseSpec] = {
    status: ResponseSpec(
        ProblemDetails,
        generate_examples=False,
        description=description,
        media_type="application/problem+json",
    )
    for status, description in {
        400: "The request is malformed (problem details)",
        401: "Log in first, or the credentials are wrong (problem details)",
        403: "Not allowed: permissions, windows, captcha (problem details)",
        404: "No such thing, or not yours (problem details)",
        409: "The state moved on (problem details)",
        415: "A body must be application/json (problem details)",
        422: "The input breaks a rule of the domain (problem details)",
        429: "Too many attempts; see retry_at and Retry-After (problem details)",
        500: "A bug: quote the correlation_id (problem details)",
        503: "A service the hall depends on failed (problem details)",
    }.items()
}
"""The problem responses every JSON endpoint documents (RFC 9457 bodies)."""
