"""One abstract contract suite per port; subclass it with a factory method per adapter.

Import from this package, never from the ``_storage_*`` modules behind it:

* :class:`StorageContract`: the storage port's suite; :class:`StorageContractBase` its
  factory method, with :data:`AT` (the instant its domain changes happen at),
  :class:`InjectedFailure` and :func:`inject_failure` for a test of its own that breaks a
  transaction half-way;
* :class:`PaymentGatewayContract`: the payment gateway port's suite;
* :class:`NumberPoolContract`: the number pool port's suite (F-NUM-1..3);
* :class:`MetricsStoreContract`: the campaign metrics store's suite (F-PRO-5).
"""

from __future__ import annotations

from unicom_core.testing.contracts._storage_base import (
    AT,
    InjectedFailure,
    StorageContractBase,
    inject_failure,
)
from unicom_core.testing.contracts.metrics import MetricsStoreContract
from unicom_core.testing.contracts.number_pool import NumberPoolContract
from unicom_core.testing.contracts.payments import PaymentGatewayContract
from unicom_core.testing.contracts.storage import StorageContract

__all__ = [
    "AT",
    "InjectedFailure",
    "MetricsStoreContract",
    "NumberPoolContract",
    "PaymentGatewayContract",
    "StorageContract",
    "StorageContractBase",
    "inject_failure",
]
