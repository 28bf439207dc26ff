"""What billing needs from outside: the storage of usage, bills and bill runs, and usage sources."""

from __future__ import annotations

from unicom_core.ports.billing.storage import (
    BillingProfileRepository,
    BillingRepositories,
    BillingStorage,
    BillingUnitOfWork,
    BillRepository,
    BillRunPartitionRepository,
    BillRunRepository,
    UsageRepository,
)
from unicom_core.ports.billing.usage import (
    UsageBatch,
    UsageFeed,
)

__all__ = [
    "BillRepository",
    "BillRunPartitionRepository",
    "BillRunRepository",
    "BillingProfileRepository",
    "BillingRepositories",
    "BillingStorage",
    "BillingUnitOfWork",
    "UsageBatch",
    "UsageFeed",
    "UsageRepository",
]
