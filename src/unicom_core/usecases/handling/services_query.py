"""The services a number has switched, for pages (F-BIZ-1, F-BIZ-5, F-BIZ-6, F-BIZ-2).

``hall.services.current(token)`` answers a :class:`ServicesView` of the session's number (or
of another number of the same customer): its forwardings, the roaming and long-distance
services switched on, WLAN and whether a WLAN password is set (never the password or its
digest), the 4G data switch. It reads only, with the ``query.profile`` permission.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import QUERY_PROFILE
from unicom_core.domain.handling import Forwarding, RoamingService, ServiceState
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.shared import RetryRule

if TYPE_CHECKING:
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.handling import HandlingStorage, HandlingUnitOfWork
    from unicom_core.ports.shared import Clock, Granted

__all__ = ["ServicesQuery", "ServicesView"]


@attrs.frozen(slots=True, kw_only=True)
class ServicesView:
    """What a number has switched (module docstring)."""

    subscriber_id: str
    forwardings: tuple[Forwarding, ...]
    roaming: tuple[RoamingService, ...]
    wlan_on: bool
    wlan_password_set_at: datetime | None
    """When the WLAN password was last set (None: never); the password is never shown."""
    data_4g: bool

    @classmethod
    def of(cls, state: ServiceState) -> ServicesView:
        """The view of ``state``, without the password digest."""
        return cls(
            subscriber_id=state.id,
            forwardings=state.forwardings,
            roaming=state.roaming,
            wlan_on=state.wlan_on,
            wlan_password_set_at=state.wlan_password_set_at,
            data_4g=state.data_4g,
        )


class ServicesQuery:
    """``hall.services``: the switched services of a number (module docstring)."""

    def __init__(
        self,
        storage: HandlingStorage,
        clock: Clock,
        *,
        authorizer: ScopedAuthorizer,
        retry_rule: RetryRule | None = None,
    ) -> None:
        self._storage, self._clock, self._authorizer = storage, clock, authorizer
        self._rule = retry_rule if retry_rule is not None else RetryRule(3)
        self._reads = GrantedReads(storage, clock, authorizer, self._rule)

    def current(self, token: str, number: NumberIdentifier | None = None) -> ServicesView:
        """The services of the session's number (or ``number`` of the same customer).

        Raises:
            Refused, NotFound: ``access.*`` as every query (``query.profile``).
        """

        def work(tx: HandlingUnitOfWork, _now: datetime, grant: Granted) -> ServicesView:
            subscriber = grant.subscriber
            found = tx.service_states.find(subscriber.id)
            return ServicesView.of(found if found is not None else ServiceState.new(subscriber.id))

        return self._reads.read(token, QUERY_PROFILE, number, work)
