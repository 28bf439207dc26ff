"""The electronic acceptance form (電子受理單) of a business record (F-QRY-6).

The form is rebuilt from the record whenever it is asked for: the record keeps the change as it
was shown and accepted, so the same record gives the same form (and, through a deterministic
renderer, the same bytes). It names the number and its holder masked, never a resident ID.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.handling.records import Effect, RecordStatus
from unicom_core.domain.shared import Document, DocumentSection, to_shanghai

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.handling.records import BusinessRecord

__all__ = ["ISSUER", "acceptance_form"]

ISSUER = "中国联通网上营业厅"
"""Who issues the forms, unless the carrier names itself."""

_STATUS = {
    RecordStatus.DONE: "已生效",
    RecordStatus.PENDING: "待生效（下一账期）",
    RecordStatus.APPLIED: "已生效",
    RecordStatus.CANCELLED: "已撤销",
}
_EFFECT = {Effect.NOW: "立即生效", Effect.NEXT_CYCLE: "次月1日生效"}


def _when(instant: datetime) -> str:
    return to_shanghai(instant).strftime("%Y-%m-%d %H:%M:%S")


def acceptance_form(record: BusinessRecord, issuer: str = ISSUER) -> Document:
    """The acceptance form of ``record``: the request, the change and the accepted terms."""
    change = record.change
    request = DocumentSection(
        "受理信息",
        rows=(
            ("受理单号", record.id),
            ("业务", record.title),
            ("号码", record.number),
            ("机主", record.holder),
            ("受理渠道", record.channel),
            ("受理时间", _when(record.requested_at)),
            ("生效方式", _EFFECT[change.effect]),
            ("生效时间", _when(record.effective_from)),
            ("状态", _STATUS[record.status]),
            ("费用", str(change.fee)),
        ),
        paragraphs=(change.summary,),
    )
    sections = [request]
    if change.before:
        sections.append(DocumentSection("办理前", rows=change.before))
    if change.after:
        sections.append(DocumentSection("办理后", rows=change.after))
    if change.terms:
        sections.append(DocumentSection("客户已阅读并同意以下条款", paragraphs=change.terms))
    return Document(
        title=f"业务受理单 · {record.title}",
        reference=record.id,
        issued_at=record.requested_at,
        issuer=issuer,
        sections=tuple(sections),
    )
