"""A document a person keeps: an acceptance form, a statement (F-QRY-6).

A :class:`Document` is the content of a paper the hall hands out, independent of its format:
a title, a reference number, when and by whom it was issued, and sections of labelled rows
and paragraphs. The document port (:mod:`unicom_core.ports.shared.documents`) renders it to
HTML or PDF; the domain never formats a page itself. Personal data in a document is masked
by whoever builds it (a resident ID as ``110105********0011``, a name as ``張*``).
"""

from __future__ import annotations

from datetime import datetime

import attrs

from unicom_core.domain.shared.aggregates import instance_of, require_aware
from unicom_core.domain.shared.codes import DOCUMENT_CONTENT

__all__ = ["Document", "DocumentSection"]

_TEXT_MAX = 2000


def _text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or len(value) > _TEXT_MAX:
        raise DOCUMENT_CONTENT.error(
            f"{attribute.name} is text of at most {_TEXT_MAX} characters", field=attribute.name
        )


def _rows(values: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(values, tuple | list):
        raise DOCUMENT_CONTENT.error("rows are (label, value) pairs of text", field="rows")
    rows = tuple(tuple(row) for row in values if isinstance(row, tuple | list))
    if len(rows) != len(values) or not all(
        len(row) == 2 and all(isinstance(cell, str) for cell in row)  # noqa: PLR2004 - a pair
        for row in rows
    ):
        raise DOCUMENT_CONTENT.error("rows are (label, value) pairs of text", field="rows")
    return rows  # checked above: pairs of str


def _paragraphs(values: object) -> tuple[str, ...]:
    if not isinstance(values, tuple | list) or not all(isinstance(v, str) for v in values):
        raise DOCUMENT_CONTENT.error("paragraphs are text", field="paragraphs")
    return tuple(values)


@attrs.frozen(slots=True)
class DocumentSection:
    """A part of a document: a heading, labelled rows, then paragraphs."""

    heading: str = attrs.field(validator=_text)
    rows: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_rows)
    paragraphs: tuple[str, ...] = attrs.field(default=(), converter=_paragraphs)


def _sections(values: object) -> tuple[DocumentSection, ...]:
    if not isinstance(values, tuple | list) or not all(
        isinstance(v, DocumentSection) for v in values
    ):
        raise DOCUMENT_CONTENT.error("sections are DocumentSection values", field="sections")
    return tuple(values)


@attrs.frozen(slots=True)
class Document:
    """The content of a document: what is rendered, in order, whatever the format."""

    title: str = attrs.field(validator=_text)
    reference: str = attrs.field(validator=_text)
    """The document's number, printed on it and used in its file name."""
    issued_at: datetime = attrs.field(converter=require_aware)
    issuer: str = attrs.field(validator=_text)
    sections: tuple[DocumentSection, ...] = attrs.field(converter=_sections)
    language: str = attrs.field(default="zh-CN", validator=instance_of(str, DOCUMENT_CONTENT))
