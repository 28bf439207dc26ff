"""What business handling needs from outside: its storage (F-BIZ, F-QRY-5)."""

from __future__ import annotations

from unicom_core.ports.handling.points import PointsAccountRepository, PointsRepositories
from unicom_core.ports.handling.services import ServiceRepositories, ServiceStateRepository
from unicom_core.ports.handling.shared_plans import (
    SharedPlanRepositories,
    SharedPlanRepository,
)
from unicom_core.ports.handling.storage import (
    BusinessRecordRepository,
    HandlingRepositories,
    HandlingStorage,
    HandlingUnitOfWork,
)
from unicom_core.ports.handling.support import (
    BotAnswer,
    SupportBot,
    SupportDesk,
    SupportRepositories,
)

__all__ = [
    "BotAnswer",
    "BusinessRecordRepository",
    "HandlingRepositories",
    "HandlingStorage",
    "HandlingUnitOfWork",
    "PointsAccountRepository",
    "PointsRepositories",
    "ServiceRepositories",
    "ServiceStateRepository",
    "SharedPlanRepositories",
    "SharedPlanRepository",
    "SupportBot",
    "SupportDesk",
    "SupportRepositories",
]
