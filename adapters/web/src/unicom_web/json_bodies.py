"""JSON request bodies, read in one place: bounded in size and depth, numbers read exactly.

Every JSON body the app reads goes through :class:`JsonRequest` (the app's
``request_class``):

* its size is bounded by the app's ``request_max_body_size`` (``WebSettings.max_body_bytes``,
  by default 64 KiB): a larger body is a 413 problem ``request.too_large``;
* its nesting depth is counted on the raw text before parsing: deeper than
  ``WebSettings.max_json_depth`` (by default 32) is a 400 problem ``request.json_depth``,
  so a deeply nested body never reaches the parser's recursion (no ``RecursionError``);
* a JSON number with a fraction or an exponent is decoded as a :class:`~decimal.Decimal`
  from its text, never as a binary float: money in yuan (:class:`~unicom_web.amounts.YuanAmount`)
  is exact, and a float never reaches a ``Money``. Malformed JSON is a 400
  ``request.invalid``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import msgspec
from litestar import Request
from litestar.exceptions import SerializationException
from litestar.utils.empty import value_or_default

from unicom_web.codes import REQUEST_JSON_DEPTH

if TYPE_CHECKING:
    from unicom_web.settings import WebSettings

__all__ = ["DEPTH_CODE", "JsonRequest", "decode_body", "json_depth"]

DEPTH_CODE = REQUEST_JSON_DEPTH.code
"""The code of a body nested deeper than the settings allow (a 400 problem)."""

_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")
_OPENING = frozenset(b"[{")
_DECODER = msgspec.json.Decoder(float_hook=Decimal)


def json_depth(raw: bytes, limit: int) -> int:
    """The nesting depth of the JSON text ``raw``, counted up to ``limit + 1`` at most.

    Brackets inside strings do not count; the text need not be valid JSON (the parser
    refuses it afterwards).
    """
    depth = deepest = 0
    for bracket in _BRACKETS.finditer(_STRINGS.sub(b'""', raw)):
        if bracket.group()[0] in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
        else:
            depth -= 1
    return deepest


def decode_body(raw: bytes, max_depth: int) -> Any:  # noqa: ANN401 - any JSON value
    """The JSON value of ``raw``: depth-checked first, fractions as ``Decimal``.

    Raises:
        InvalidInput: ``request.json_depth`` when nested deeper than ``max_depth``.
        SerializationException: the text is not JSON (Litestar answers 400).
    """
    openings = raw.count(b"[") + raw.count(b"{")  # no deeper than this: skip the scan
    if openings > max_depth and json_depth(raw, max_depth) > max_depth:
        raise REQUEST_JSON_DEPTH.error(limit=max_depth)
    try:
        return _DECODER.decode(raw)
    except (msgspec.DecodeError, RecursionError) as error:
        raise SerializationException(str(error)) from error


class JsonRequest(Request[Any, Any, Any]):
    """Litestar's request, whose :meth:`json` is :func:`decode_body` under the settings."""

    async def json(self) -> Any:  # noqa: ANN401 - any JSON value
        """The request's JSON body (decoded once per connection)."""
        cached = value_or_default(self._connection_state.json, None)
        if cached is None:
            settings: WebSettings = self.app.state["web_settings"]
            body = await self.body()
            cached = decode_body(body or b"null", settings.max_json_depth)
            self._connection_state.json = cached
        return cached
