"""The TM Forum surface of the web hall: resources, bodies and their converter.

A TMF API is a :class:`TmfApi` of :class:`TmfResource` descriptions, from which the list
and retrieve operations are generated (:mod:`unicom_web.tmf.resource`); the bodies are
attrs classes marked with :func:`tmf_shape`, written by the TMF converter
(:mod:`unicom_web.tmf.converter`) and documented in OpenAPI by :class:`TmfSchemaPlugin`
under the same names. The areas ``unicom_web.areas.tmf6xx`` configure the resources.
"""

from __future__ import annotations

from unicom_web.tmf.converter import tmf_money, tmf_name, tmf_shape, unstructure, yuan_of
from unicom_web.tmf.filters import Filter, Kind, matches, parse_filters, shape_of
from unicom_web.tmf.query import MAX_LIMIT, TMF_ERRORS, TMF_WRITE_ERRORS, Limit, page_of, select
from unicom_web.tmf.resource import TmfApi, TmfContext, TmfResource
from unicom_web.tmf.schema import TmfSchemaPlugin
from unicom_web.tmf.shapes import Characteristic, Quantity, Ref, TimePeriod, TmfMoney

__all__ = [
    "MAX_LIMIT",
    "TMF_ERRORS",
    "TMF_WRITE_ERRORS",
    "Characteristic",
    "Filter",
    "Kind",
    "Limit",
    "Quantity",
    "Ref",
    "TimePeriod",
    "TmfApi",
    "TmfContext",
    "TmfMoney",
    "TmfResource",
    "TmfSchemaPlugin",
    "matches",
    "page_of",
    "parse_filters",
    "select",
    "shape_of",
    "tmf_money",
    "tmf_name",
    "tmf_shape",
    "unstructure",
    "yuan_of",
]
