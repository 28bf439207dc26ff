"""unicom_core: the domain of a carrier's online self-service business hall.

An embedder starts here: :func:`bootstrap` builds a :class:`BusinessHall` from ports, every
refusal is a :class:`UnicomError` of the error tree, and the common values (money, rates,
numbers, resident IDs, the billing cycle) are at hand. Everything else has one home in a
public package, imported through the package, never through the modules behind it:

* ``unicom_core.domain.<area>``: the model (attrs values, aggregates, pure rules);
* ``unicom_core.ports.<area>`` and ``unicom_core.ports.storage``: the ports an adapter
  implements;
* ``unicom_core.usecases.<area>``: the application services and their settings;
* ``unicom_core.clock``: the real clock; ``unicom_core.memory``: the reference adapters;
* ``unicom_core.testing``: strategies, contract suites and worlds (the ``[testing]`` extra).

The areas, bottom to top: ``shared``, ``subscribers``, ``catalog``, ``access``, ``billing``,
``payments``. ``docs/reference/api.md`` lists what to import from where. Feature numbers
(``F-AUTH-5``) refer to the project's mission.
"""

from __future__ import annotations

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.access import Capability
from unicom_core.domain.shared import (
    BillingCycle,
    BroadbandAccount,
    EmailAddress,
    FixedLineNumber,
    MobileNumber,
    Money,
    Rate,
    ResidentId,
)
from unicom_core.errors import (
    AdapterError,
    Conflict,
    InvalidInput,
    NotFound,
    PaymentFailed,
    Refused,
    UnicomError,
)
from unicom_core.hall import BusinessHall

__all__ = [
    "AdapterError",
    "BillingCycle",
    "BroadbandAccount",
    "BusinessHall",
    "Capability",
    "Conflict",
    "EmailAddress",
    "FixedLineNumber",
    "InvalidInput",
    "MobileNumber",
    "Money",
    "NotFound",
    "PaymentFailed",
    "Rate",
    "Refused",
    "ResidentId",
    "UnicomError",
    "bootstrap",
]
