"""The TM Forum specifications the web adapter follows, and checks of responses against them.

The swagger files in ``tmf/`` are vendored (see ``tmf/README.md``) so that a clone of the
repository runs every test with nothing beside it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

__all__ = ["SPECS", "check", "conforms", "spec_of"]

SPECS = Path(__file__).parent / "tmf"
JSON_TYPES = {
    "string": str,
    "boolean": bool,
    "integer": int,
    "number": (int, float),
    "array": list,
    "object": dict,
}


def spec_of(name: str) -> dict:
    """A TM Forum swagger vendored in ``tests/specs/tmf/`` (see its README for the source).

    A missing specification fails the test loudly: these checks are the point of the tests.
    """
    path = SPECS / name
    if not path.exists():
        pytest.fail(f"the TM Forum specification {name} is missing: expected at {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def conforms(spec: dict, definition: str, value: object, where: str = "") -> None:
    """``value`` has the spec's required attributes and only its attributes, of its types."""
    schema = spec["definitions"][definition]
    assert isinstance(value, dict), f"{where or definition} is not an object"
    for name in schema.get("required", []):
        assert name in value, f"{where or definition} lacks required {name}"
    properties = schema.get("properties", {})
    for name, item in value.items():
        assert name in properties, f"{where or definition}.{name} is not in the spec"
        check(spec, properties[name], item, f"{where or definition}.{name}")


def check(spec: dict, schema: dict, value: object, where: str) -> None:
    ref = schema.get("$ref")
    if ref is not None:
        name = ref.rsplit("/", 1)[-1]
        if name == "Any":
            return
        target = spec["definitions"][name]
        if "properties" in target:
            conforms(spec, name, value, where)
        else:
            check(spec, target, value, where)
        return
    if "enum" in schema:
        assert value in schema["enum"], f"{where} is not one of {schema['enum']}: {value!r}"
    kind = schema.get("type")
    if kind is None:
        return
    assert isinstance(value, JSON_TYPES[kind]), f"{where} is not a {kind}: {value!r}"
    assert not (kind in {"integer", "number"} and isinstance(value, bool)), where
    if kind == "array":
        for index, item in enumerate(value):
            check(spec, schema["items"], item, f"{where}[{index}]")
