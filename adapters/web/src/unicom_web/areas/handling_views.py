"""What the web shows of business handling (F-BIZ, F-QRY-5, F-QRY-6): bodies and their making.

Every kind of handling is served from its handler's ``kind``, ``title`` and ``fields``, so a
handler a carrier adds gets its page and its endpoint without a line here. The JSON bodies
are views, not the stored record: a :class:`HandlingRecord` leaves out who asked (a session
id), the request's digest and the normalised parameters the handler keeps for itself.

The kinds are grouped for the index page by their handler's capability (:data:`GROUPS`); a
capability this module does not know lands in ``other``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from unicom_core.domain.billing import BillingCalendar
from unicom_core.domain.handling import (
    HANDLING_PARAMETER,
    BusinessRecord,
    Change,
    Effect,
    RecordStatus,
)
from unicom_core.domain.shared import Money
from unicom_core.ports.shared import HTML, PDF
from unicom_web.downloads import download
from unicom_web.i18n import language_of, translator

if TYPE_CHECKING:
    from litestar import Request, Response

    from unicom_core.hall import BusinessHall
    from unicom_core.usecases.handling import Handler

__all__ = [
    "GROUPS",
    "ChangeRow",
    "FieldChoice",
    "HandlingField",
    "HandlingKind",
    "HandlingPreview",
    "HandlingRecord",
    "HandlingRequest",
    "PreviewRequest",
    "acceptance_download",
    "checked_params",
    "compared",
    "group_of",
    "grouped",
    "kind_title",
    "kind_view",
    "preview_view",
    "record_view",
    "row_label",
]

GROUPS: Mapping[str, str] = {
    "handle.bundle": "plan",
    "handle.plan_change": "plan",
    "handle.upgrade_4g": "plan",
    "handle.network_age_upgrade": "plan",
    "handle.primary_number": "plan",
    "handle.optional_packs": "plan",
    "handle.data_pack": "plan",
    "handle.call_forwarding": "services",
    "handle.call_settings": "services",
    "handle.roaming": "services",
    "handle.wlan": "services",
    "handle.switch_4g": "services",
    "handle.credit_limit": "account",
    "handle.realname": "account",
    "points.redeem": "points",
}
"""The index page's group of each capability (its label: ``handling.group.<group>``)."""
GROUP_ORDER = ("plan", "services", "account", "points", "other")
_MAX_PARAMS = 40


@attrs.frozen(slots=True)
class FieldChoice:
    """One value a field may take, and what the subscriber reads."""

    value: str
    label: str


@attrs.frozen(slots=True)
class HandlingField:
    """One field of a handling's form (free text when it has no choices)."""

    name: str
    label: str
    required: bool
    hint: str
    choices: tuple[FieldChoice, ...] = ()
    secret: bool = False
    """A secret (a WLAN password): typed masked, never echoed, never in a URL."""


@attrs.frozen(slots=True)
class HandlingKind:
    """A kind of business handling this hall offers, with its form."""

    kind: str
    title: str
    group: str
    capability: str
    fields: tuple[HandlingField, ...]


@attrs.frozen(slots=True)
class ChangeRow:
    """A labelled row of the services concerned, before or after the change."""

    label: str
    value: str


@attrs.frozen(slots=True)
class HandlingPreview:
    """What a request would change and when, before confirming (nothing is changed yet).

    ``effective_from`` is now for a change that applies at once, else 00:00 on the 1st of
    the next month, Beijing time (F-CAL-5).
    """

    kind: str
    title: str
    summary: str
    effect: Effect
    effective_from: datetime
    before: tuple[ChangeRow, ...]
    after: tuple[ChangeRow, ...]
    terms: tuple[str, ...]
    fee: Money


@attrs.frozen(slots=True)
class HandlingRecord:
    """A business record as its customer sees it (业务记录, F-QRY-5).

    ``cancellable`` while the change still waits for its cycle. ``number`` and ``holder``
    are masked, as on the acceptance form.
    """

    id: str
    kind: str
    title: str
    number: str
    holder: str
    channel: str
    status: RecordStatus
    requested_at: datetime
    effective_from: datetime
    closed_at: datetime | None
    summary: str
    effect: Effect
    before: tuple[ChangeRow, ...]
    after: tuple[ChangeRow, ...]
    terms: tuple[str, ...]
    fee: Money
    cancellable: bool


@attrs.frozen(slots=True)
class PreviewRequest:
    """The form's values (field name to text) of a handling, to preview."""

    params: dict[str, str] = attrs.field(factory=dict)


@attrs.frozen(slots=True)
class HandlingRequest:
    """Accept a handling: the form's values and the caller's request id.

    ``request_id`` (8-64 letters, digits, ``-``, ``_``) makes the request idempotent: the same
    id with the same values answers the record it made; with other values it is 409
    ``handling.request_reused``.
    """

    request_id: str
    params: dict[str, str] = attrs.field(factory=dict)


def group_of(handler: Handler) -> str:
    """The index group of ``handler`` (``other`` for a capability not in :data:`GROUPS`)."""
    return GROUPS.get(handler.capability.name, "other")


def grouped(handlers: tuple[Handler, ...]) -> list[tuple[str, list[Handler]]]:
    """The handlers by group, in :data:`GROUP_ORDER`, each group in the hall's order."""
    groups: dict[str, list[Handler]] = {}
    for handler in handlers:
        groups.setdefault(group_of(handler), []).append(handler)
    return [(name, groups[name]) for name in GROUP_ORDER if name in groups]


def kind_view(handler: Handler) -> HandlingKind:
    """The kind of ``handler`` with its form's fields."""
    return HandlingKind(
        kind=handler.kind,
        title=handler.title,
        group=group_of(handler),
        capability=handler.capability.name,
        fields=tuple(
            HandlingField(
                name=f.name,
                label=f.label,
                required=f.required,
                hint=f.hint,
                choices=tuple(FieldChoice(value, label) for value, label in f.choices),
                secret=f.secret,
            )
            for f in handler.fields
        ),
    )


def checked_params(handler: Handler, params: Mapping[str, str]) -> dict[str, str]:
    """``params`` if every name is a field of ``handler`` (``handling.parameter`` if not)."""
    names = {f.name for f in handler.fields}
    if len(params) > _MAX_PARAMS:
        raise HANDLING_PARAMETER.error(field="params")
    for name in params:
        if name not in names:
            raise HANDLING_PARAMETER.error(field=str(name)[:64])
    return dict(params)


def _rows(pairs: tuple[tuple[str, str], ...]) -> tuple[ChangeRow, ...]:
    return tuple(ChangeRow(label, value) for label, value in pairs)


def _merged(before: list[str], after: list[str]) -> list[str]:
    """The labels of both sides, each once: ``after``'s order, a removed one where it stood."""
    labels = list(dict.fromkeys(after))
    previous: str | None = None
    for label in dict.fromkeys(before):
        if label not in labels:
            labels.insert(0 if previous is None else labels.index(previous) + 1, label)
        previous = label
    return labels


def compared(
    before: tuple[ChangeRow, ...], after: tuple[ChangeRow, ...]
) -> list[tuple[str, str, str]]:
    """(label, before, after) per label, ``—`` where a side has none.

    The rows follow ``after``, a row only ``before`` has stays below the row it followed
    there; a label that repeats on one side shows its values joined by ``、``.
    """
    sides: dict[str, tuple[list[str], list[str]]] = {}
    for index, rows in enumerate((before, after)):
        for row in rows:
            sides.setdefault(row.label, ([], []))[index].append(row.value)
    order = _merged([r.label for r in before], [r.label for r in after])
    return [
        (label, "、".join(sides[label][0]) or "—", "、".join(sides[label][1]) or "—")
        for label in order
    ]


def kind_title(request: Request[Any, Any, Any], kind: str, title: str) -> str:
    """The handler's title; on an English page its English name when the catalogue has one."""
    lang = language_of(request, request.app.state["web_settings"])
    key = f"handling.kind.{kind}"
    text = translator(lang)(key)
    return title if lang == "zh" or text == key else text


def row_label(request: Request[Any, Any, Any]) -> Callable[[str], str]:
    """How a page shows a row's label: the catalogue's ``handling.row.<label>``, else as is.

    The bundle change labels its rows by pack kind (``data``, ``voice``); the catalogue
    names them (流量包, Data pack) and gives ``月费`` its English name.
    """
    t = translator(language_of(request, request.app.state["web_settings"]))

    def shown(label: str) -> str:
        key = f"handling.row.{label}"
        text = t(key)
        return label if text == key else text

    return shown


def preview_view(handler: Handler, change: Change, now: datetime) -> HandlingPreview:
    """The confirmation of ``change``, asked at ``now``: when it would take effect too."""
    later = change.effect is Effect.NEXT_CYCLE
    return HandlingPreview(
        kind=handler.kind,
        title=handler.title,
        summary=change.summary,
        effect=change.effect,
        effective_from=BillingCalendar.effective_next_month(now) if later else now,
        before=_rows(change.before),
        after=_rows(change.after),
        terms=change.terms,
        fee=change.fee,
    )


def record_view(record: BusinessRecord) -> HandlingRecord:
    """What the customer sees of ``record``."""
    change = record.change
    return HandlingRecord(
        id=record.id,
        kind=record.kind,
        title=record.title,
        number=record.number,
        holder=record.holder,
        channel=record.channel,
        status=record.status,
        requested_at=record.requested_at,
        effective_from=record.effective_from,
        closed_at=record.closed_at,
        summary=change.summary,
        effect=change.effect,
        before=_rows(change.before),
        after=_rows(change.after),
        terms=change.terms,
        fee=change.fee,
        cancellable=record.status is RecordStatus.PENDING,
    )


def acceptance_download(
    hall: BusinessHall, token: str, record_id: str, *, pdf: bool
) -> Response[bytes]:
    """The acceptance form of a record as an attachment, HTML or PDF (F-QRY-6).

    Rendered by the hall's document port; a port without PDF is 403 ``document.media_type``.
    """
    document = hall.handling.acceptance_form(token, record_id)
    return download(hall.documents.render(document, PDF if pdf else HTML))
