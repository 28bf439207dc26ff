"""The usage feed port: where the hall receives usage records (CDRs) in batches (F-QRY-2, 3).

The network's mediation system delivers records in batches; the hall ingests a batch
(:meth:`BillingService.ingest <unicom_core.usecases.billing.service.BillingService.ingest>`) and
then
acknowledges it. Delivery is at least once: a batch may come again (an acknowledgement lost,
a feed restarted), which is harmless, because ingestion is idempotent by record id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import attrs

from unicom_core.domain.billing import USAGE_BATCH, UsageRecord

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["UsageBatch", "UsageFeed"]

_MAX_BATCH = 100_000


def _records(values: object) -> tuple[UsageRecord, ...]:
    if not isinstance(values, tuple | list) or not all(isinstance(v, UsageRecord) for v in values):
        raise USAGE_BATCH.error(field="records")
    if len(values) > _MAX_BATCH:
        raise USAGE_BATCH.error(f"a batch holds at most {_MAX_BATCH} records")
    return tuple(values)


def _check_batch_id(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise USAGE_BATCH.error("a batch id is a non-blank string", field="batch_id")


@attrs.frozen(slots=True)
class UsageBatch:
    """A batch of usage records as delivered, under the feed's own batch id."""

    batch_id: str = attrs.field(validator=_check_batch_id)
    records: tuple[UsageRecord, ...] = attrs.field(converter=_records)


class UsageFeed(Protocol):
    """Delivers usage batches at least once, until each is acknowledged."""

    def pending(self, limit: int = 10, /) -> Sequence[UsageBatch]:
        """At most ``limit`` batches not yet acknowledged, oldest first."""
        ...

    def acknowledge(self, batch_id: str, /) -> None:
        """The hall has ingested the batch; an unknown or repeated id is ignored."""
        ...
