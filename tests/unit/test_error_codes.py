"""Every error code is declared once, as an ``ErrorCode``, and raise sites use it."""

from __future__ import annotations

import ast
import importlib
import re
from datetime import timedelta
from pathlib import Path

import pytest

import unicom_core.domain.access
import unicom_core.domain.billing
import unicom_core.domain.catalog
import unicom_core.domain.payments
import unicom_core.domain.shared
import unicom_core.domain.subscribers
from unicom_core.domain.access import SessionPolicy
from unicom_core.errors import ERROR_CODES, Conflict, ErrorCode, InvalidInput, UnicomError

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "src", *sorted((ROOT / "adapters").glob("*/src"))]
ERROR_CLASSES = {
    "UnicomError",
    "InvalidInput",
    "NotFound",
    "Conflict",
    "Refused",
    "PaymentFailed",
    "AdapterError",
}
AREAS = (
    unicom_core.domain.shared,
    unicom_core.domain.subscribers,
    unicom_core.domain.catalog,
    unicom_core.domain.access,
    unicom_core.domain.billing,
    unicom_core.domain.payments,
)


def _literal_codes(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in ERROR_CLASSES:
            continue
        first = node.args[0] if node.args else None
        first = first or next((k.value for k in node.keywords if k.arg == "code"), None)
        if isinstance(first, ast.JoinedStr) or (
            isinstance(first, ast.Constant) and isinstance(first.value, str)
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_raise_site_writes_its_code_as_a_literal() -> None:
    """A call of the error tree with a literal or f-string code is a code not declared."""
    offenders = [
        site
        for root in SOURCES
        for path in sorted(root.rglob("*.py"))
        if path.name != "errors.py" or path.parent.name != "unicom_core"
        for site in _literal_codes(path)
    ]
    assert offenders == []


def _undeclared_calls(path: Path) -> list[str]:
    """Calls of the error tree whose code is not an existing error's ``.code``.

    Outside ``unicom_core.errors`` an error is built by ``CODE.error(...)``; the only direct
    call left is the re-raise of an error already built (``InvalidInput(inner.code, ...)``).
    A name (``_MOBILE_FORMAT``), a subscript or a call as the code is a string from a table,
    a code the registry does not hold.
    """
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in ERROR_CLASSES:
            continue
        first = node.args[0] if node.args else None
        first = first or next((k.value for k in node.keywords if k.arg == "code"), None)
        if not (isinstance(first, ast.Attribute) and first.attr == "code"):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _spelled_codes(path: Path) -> list[str]:
    """Module-level names bound to a declared code's string (a code spelled twice)."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if isinstance(value, ast.Constant) and value.value in ERROR_CODES:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _sources() -> list[Path]:
    return [
        path
        for root in SOURCES
        for path in sorted(root.rglob("*.py"))
        if path.name != "errors.py" or path.parent.name != "unicom_core"
    ]


def test_no_raise_site_builds_an_error_from_a_string() -> None:
    """An error is built through its declared code, never from a string held elsewhere."""
    _import_every_codes_module()
    offenders = [site for path in _sources() for site in _undeclared_calls(path)]
    offenders += [site for path in _sources() for site in _spelled_codes(path)]
    assert offenders == []


def test_the_scan_sees_a_code_from_a_table(tmp_path: Path) -> None:
    """Codes from a name, a table or a second spelling are seen; a re-raise is not."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        'DUP = "storage.duplicate"\n'
        "raise Conflict(code, 'm')\n"
        "raise Refused(found[0], 'm')\n"
        "raise InvalidInput(inner.code, inner.message)\n",
        "utf-8",
    )
    global ROOT  # noqa: PLW0603 - the relative path is taken from the sample's folder
    saved, ROOT = ROOT, tmp_path
    try:
        assert len(_undeclared_calls(sample)) == 2
        assert len(_spelled_codes(sample)) == 1
    finally:
        ROOT = saved


def _import_every_codes_module() -> None:
    """Fill the registry with the adapters' codes as well as the core's."""
    for module in (
        "unicom_web.codes",
        "unicom_sql.codes",
        "unicom_payments.codes",
        "unicom_documents.codes",
    ):
        importlib.import_module(module)


def test_the_scan_sees_a_literal_code(tmp_path: Path) -> None:
    """The scan above is not blind: it finds both spellings it forbids."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        'raise InvalidInput("x.y", "m")\nraise errors.Conflict(f"x.{k}", "m")\n', "utf-8"
    )
    assert len(_literal_codes_in(sample)) == 2


def _literal_codes_in(path: Path) -> list[str]:
    global ROOT  # noqa: PLW0603 - the relative path is taken from the sample's folder
    saved, ROOT = ROOT, path.parent
    try:
        return _literal_codes(path)
    finally:
        ROOT = saved


def test_codes_are_unique_and_dotted() -> None:
    """Each declared code is dotted lower-case words, and the registry holds it once."""
    declared = [
        value for area in AREAS for value in vars(area).values() if isinstance(value, ErrorCode)
    ]
    assert declared
    for code in declared:
        assert ERROR_CODES[code.code].code == code.code
        parts = code.code.split(".")
        assert len(parts) >= 2
        assert all(part and part == part.lower() for part in parts)


def test_a_second_declaration_is_refused() -> None:
    existing = next(iter(ERROR_CODES.values()))
    with pytest.raises(ValueError, match="declared twice"):
        ErrorCode(existing.code, InvalidInput, "again")


def test_an_undotted_code_is_refused() -> None:
    with pytest.raises(ValueError, match="dotted"):
        ErrorCode("nodots", InvalidInput, "no")


def test_a_template_names_only_declared_data() -> None:
    with pytest.raises(ValueError, match="names"):
        ErrorCode("test_codes.template", InvalidInput, "no {thing}")


def test_error_formats_the_template_with_its_data() -> None:
    """``.error()`` builds the declared class, code, data, and the formatted template."""
    code = ERROR_CODES["payment.key_reused"]
    error = code.error(payment_id="p-1")
    assert isinstance(error, Conflict)
    assert error.code == "payment.key_reused"
    assert dict(error.data) == {"payment_id": "p-1"}
    assert error.message == code.template


def test_error_formats_named_fields() -> None:
    error = ERROR_CODES["subscriber.same_plan"].error(plan="4G-76")
    assert error.message == "the plan is already 4G-76"


def test_a_specific_message_keeps_code_and_data() -> None:
    error = ERROR_CODES["subscriber.same_plan"].error("more to say", plan="4G-76")
    assert (error.code, error.message, dict(error.data)) == (
        "subscriber.same_plan",
        "more to say",
        {"plan": "4G-76"},
    )


@pytest.mark.parametrize("data", [{}, {"plan": "x", "extra": 1}])
def test_missing_or_unknown_data_is_a_type_error(data: dict[str, object]) -> None:
    """Wrong data is a mistake of the raise site: a TypeError, not a typed UnicomError."""
    with pytest.raises(TypeError):
        ERROR_CODES["subscriber.same_plan"].error(**data)


def test_errors_stay_unicom_errors() -> None:
    for code in ERROR_CODES.values():
        assert issubclass(code.kind, UnicomError)


# The class each layer raises a code with, as the reference pages publish it: the HTTP status
# of a problem follows the class, so a declaration that changes it changes the status.
PUBLISHED_CLASSES = {
    "catalog.channel": {"Refused", "InvalidInput"},  # off-channel sale / not a Channel
    "bundle.channel": {"Refused"},
    "payment.key_reused": {"Conflict", "InvalidInput"},  # the attempt / the gateway request
    "catalog.unknown_product": {"NotFound", "InvalidInput"},  # a look-up / catalogue data
    "storage.duplicate_number": {"Conflict"},
    "storage.version_conflict": {"Conflict"},
    "storage.not_found": {"NotFound"},
    "storage.unavailable": {"AdapterError"},
    "billing.query_blackout": {"Refused"},
    "mobile.format": {"InvalidInput"},
}


@pytest.mark.parametrize(("code", "classes"), sorted(PUBLISHED_CLASSES.items()))
def test_a_code_keeps_its_published_classes(code: str, classes: set[str]) -> None:
    declared = ERROR_CODES[code]
    kinds = {declared.kind.__name__} | {twin.kind.__name__ for twin in declared.variants}
    assert kinds == classes


def test_a_session_policy_refuses_a_non_positive_lifetime_with_a_declared_code() -> None:
    """F-AUTH-7: the policy's lifetimes are positive; the code is a declared, dotted one."""
    with pytest.raises(InvalidInput) as caught:
        SessionPolicy(idle=timedelta(0))
    assert caught.value.code in ERROR_CODES
    assert caught.value.data["field"] == "idle"


def test_the_reference_page_lists_every_codes_module() -> None:
    """docs/reference/errors.md renders one table per codes module: none may be left out."""
    page = (ROOT / "docs" / "reference" / "errors.md").read_text(encoding="utf-8")
    modules = re.findall(r"^```\{error-codes\} ([\w.]+)$", page, flags=re.MULTILINE)
    _import_every_codes_module()
    listed = {
        value.code
        for name in modules
        for value in vars(importlib.import_module(name)).values()
        if isinstance(value, ErrorCode)
    }
    assert sorted(_declared_in_sources() - listed) == []


def _declared_in_sources() -> set[str]:
    """The code of every ``ErrorCode("...", ...)`` written in the sources (not the registry,
    which a test or a docs example may extend)."""
    return {
        node.args[0].value
        for path in _sources()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "ErrorCode"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
