"""The OpenAPI description of the TMF bodies, with the names the TMF converter writes.

Litestar documents an attrs class from its attributes; a TMF body's attributes have Python
names (``is_bundle``, ``type_``) that :mod:`unicom_web.tmf.converter` writes as the spec's
(``isBundle``, ``@type``). :class:`TmfSchemaPlugin` documents the TMF shapes under those
names, and a :class:`~unicom_core.domain.shared.Money` attribute as the TMF ``Money`` it is
written as (:class:`~unicom_web.tmf.shapes.TmfMoney`), so ``/schema`` says what the
answers hold.
"""

from __future__ import annotations

import types
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

import attrs
from litestar.plugins import OpenAPISchemaPluginProtocol
from litestar.typing import FieldDefinition

from unicom_core.domain.shared import Money
from unicom_web.tmf.converter import is_tmf_shape, tmf_name
from unicom_web.tmf.shapes import TmfMoney

if TYPE_CHECKING:
    from litestar._openapi.schema_generation import SchemaCreator
    from litestar.openapi.spec import Schema

__all__ = ["TmfSchemaPlugin"]

_SHOWN_AS: dict[type, type] = {Money: TmfMoney, Decimal: float}
"""Types the converter writes as another: a domain ``Money`` as a TMF ``Money``, an exact
``Decimal`` as a JSON number."""


def _documented(hint: Any, *, omitted: bool) -> Any:  # noqa: ANN401 - a type annotation
    """``hint`` as the converter writes it (:data:`_SHOWN_AS`: ``Money``, ``Decimal``).

    When ``omitted``, without ``None``: the converter leaves the attribute out, never
    writing ``null``.
    """
    if get_origin(hint) in {Union, types.UnionType}:
        members = [arg for arg in get_args(hint) if not (omitted and arg is type(None))]
        shown = [_documented(arg, omitted=False) for arg in members]
        return shown[0] if len(shown) == 1 else Union[tuple(shown)]  # noqa: UP007
    return _SHOWN_AS.get(hint, hint) if isinstance(hint, type) else hint


class TmfSchemaPlugin(OpenAPISchemaPluginProtocol):
    """Documents the TMF shapes with their TMF attribute names (``@type``, ``isBundle``)."""

    @staticmethod
    def is_plugin_supported_type(value: Any) -> bool:  # noqa: ANN401 - Litestar's signature
        """Whether ``value`` is a class marked as a TMF shape."""
        return is_tmf_shape(value)

    def to_openapi_schema(
        self, field_definition: FieldDefinition, schema_creator: SchemaCreator
    ) -> Schema:
        """The component schema of the shape: its attributes under their TMF names."""
        hints = field_definition.get_type_hints(include_extras=True, resolve_generics=True)
        fields = attrs.fields_dict(field_definition.type_)
        return schema_creator.create_component_schema(
            field_definition,
            required=sorted(
                tmf_name(name) for name, field in fields.items() if field.default is attrs.NOTHING
            ),
            property_fields={
                tmf_name(name): FieldDefinition.from_kwarg(
                    _documented(hints[name], omitted=field.default is None), tmf_name(name)
                )
                for name, field in fields.items()
            },
        )
