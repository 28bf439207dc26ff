"""The storage contract suite: what every adapter of the storage port must do.

Bind it to an adapter by subclassing it in a test module, with a ``Test`` prefix and the
factory method::

    from unicom_core.testing.contracts.storage import StorageContract

    class TestMyStorage(StorageContract):
        def make_storage(self) -> Storage:
            return MyStorage(...)  # a new, EMPTY store; the test closes it

Every test is a plain method using ``self.make_storage()`` (no fixtures), many of them
hypothesis properties drawing data from :mod:`unicom_core.testing.strategies`; each example
gets a fresh storage and closes it. The suite is assembled from these parts:
:class:`~unicom_core.testing.contracts._storage_aggregates.AggregateContract` (round trips,
versions, uniqueness, rollback, concurrent writers),
:class:`~unicom_core.testing.contracts._storage_queries.QueryContract` (numbers, pages) and
:class:`~unicom_core.testing.contracts._storage_counters.CounterContract` /
:class:`~unicom_core.testing.contracts._storage_counters.CounterExpiryContract` /
:class:`~unicom_core.testing.contracts._storage_counters.OutboxContract` (atomic counters
under racing threads, their expiry and purge, the transactional outbox),
:class:`~unicom_core.testing.contracts._storage_outbox.OutboxRelayContract` (the relay's
claims, leases, idempotent marks, back-off and purge) and
:class:`~unicom_core.testing.contracts._storage_catalogs.CatalogContract` (the catalogue),
:class:`~unicom_core.testing.contracts._storage_billing.BillingContract` (usage, bills, bill
runs, billing profiles) and
:class:`~unicom_core.testing.contracts._storage_access.AccessContract` (credentials, codes,
failure counters, sessions, QQ/Weibo bindings) and
:class:`~unicom_core.testing.contracts._storage_payments.PaymentStorageContract` (payment
attempts, recharge cards, mandates, bill debits, invoices),
:class:`~unicom_core.testing.contracts._storage_handling.HandlingStorageContract` (business
records, pending and due changes) and
:class:`~unicom_core.testing.contracts._storage_reads.ReadOnlyContract` (read-only units of
work: committed data, writes refused, readers never waiting for writers) and
:class:`~unicom_core.testing.contracts._storage_support.SupportDeskContract` (the
customer-service conversations and their human queue, F-BIZ-8) and
:class:`~unicom_core.testing.contracts._storage_shared_plans.SharedPlanContract` (the 4G
shared plans by primary number, F-BIZ-3) and
:class:`~unicom_core.testing.contracts._storage_points.PointsStorageContract` (points
accounts and their expiry worklist, F-QRY-4) and
:class:`~unicom_core.testing.contracts._storage_services.ServiceStateContract` (a
number's forwarding, roaming, WLAN and 4G switches, F-BIZ-1, F-BIZ-5, F-BIZ-6) and
:class:`~unicom_core.testing.contracts._storage_shop.ShopStorageContract` (the shop's
orders, F-SHOP-1) and
:class:`~unicom_core.testing.contracts._storage_growth.GrowthStorageContract` (the growth
game's accounts and draws, F-PRO-4) and
:class:`~unicom_core.testing.contracts._storage_operators.OperatorStorageContract` (operator
clients, their tokens and the audit log, F-AUTH-6) and
:class:`~unicom_core.testing.contracts._storage_partitions.PartitionStorageContract` (the
split bill run's partitions and the account split, F-QRY-3).
``make_storage`` must give a storage usable from several threads at once (the race tests).
"""

from __future__ import annotations

from unicom_core.testing.contracts._storage_access import AccessContract
from unicom_core.testing.contracts._storage_aggregates import AggregateContract
from unicom_core.testing.contracts._storage_billing import BillingContract
from unicom_core.testing.contracts._storage_catalogs import CatalogContract
from unicom_core.testing.contracts._storage_counters import (
    CounterContract,
    CounterExpiryContract,
    OutboxContract,
)
from unicom_core.testing.contracts._storage_growth import GrowthStorageContract
from unicom_core.testing.contracts._storage_handling import HandlingStorageContract
from unicom_core.testing.contracts._storage_hubs import HubStorageContract
from unicom_core.testing.contracts._storage_operators import OperatorStorageContract
from unicom_core.testing.contracts._storage_outbox import OutboxRelayContract
from unicom_core.testing.contracts._storage_partitions import PartitionStorageContract
from unicom_core.testing.contracts._storage_payments import PaymentStorageContract
from unicom_core.testing.contracts._storage_points import PointsStorageContract
from unicom_core.testing.contracts._storage_promotions import PromotionStorageContract
from unicom_core.testing.contracts._storage_queries import QueryContract
from unicom_core.testing.contracts._storage_reads import ReadOnlyContract
from unicom_core.testing.contracts._storage_services import ServiceStateContract
from unicom_core.testing.contracts._storage_shared_plans import SharedPlanContract
from unicom_core.testing.contracts._storage_shop import ShopStorageContract
from unicom_core.testing.contracts._storage_support import SupportDeskContract

__all__ = ["StorageContract"]


class StorageContract(
    AggregateContract,
    QueryContract,
    CounterContract,
    CounterExpiryContract,
    OutboxContract,
    OutboxRelayContract,
    CatalogContract,
    AccessContract,
    PaymentStorageContract,
    HandlingStorageContract,
    BillingContract,
    ReadOnlyContract,
    SupportDeskContract,
    SharedPlanContract,
    PointsStorageContract,
    ServiceStateContract,
    ShopStorageContract,
    PromotionStorageContract,
    GrowthStorageContract,
    OperatorStorageContract,
    HubStorageContract,
    PartitionStorageContract,
):
    """The whole storage contract; subclass it with ``make_storage()`` per adapter."""
