"""``hall.hubs``: the TMF event hubs under one name (listeners, fan-out, dispatch).

See :mod:`unicom_core.usecases.shared.hubs` (listeners and the fan-out publisher) and
:mod:`unicom_core.usecases.shared.hub_dispatch` (sending, back-off, suspension).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.usecases.shared.hub_dispatch import DispatchReport, HubDispatcher
from unicom_core.usecases.shared.hubs import HubListeners, HubPublisher, HubSettings

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

    from unicom_core.domain.access import Capability
    from unicom_core.domain.shared import HubSubscription
    from unicom_core.errors import AdapterError
    from unicom_core.ports.shared import Authorizer, Clock, WebhookSender
    from unicom_core.ports.storage import Storage
    from unicom_core.usecases.shared.hubs import Registration

__all__ = ["HubService"]


class HubService:
    """The hubs of the TMF APIs: operators' listeners, the relay's publisher, the dispatcher.

    ``publisher`` is what the outbox relay publishes to (alone or in a
    :class:`~unicom_core.usecases.shared.hubs.TeePublisher`); ``dispatcher`` sends.
    """

    def __init__(  # noqa: PLR0913 - the ports and the wiring's capability
        self,
        storage: Storage,
        clock: Clock,
        *,
        sender: WebhookSender,
        authorizer: Authorizer,
        capability: Capability,
        settings: HubSettings | None = None,
    ) -> None:
        self.settings = settings if settings is not None else HubSettings()
        self._listeners = HubListeners(
            storage, clock, authorizer=authorizer, capability=capability, settings=self.settings
        )
        self.publisher = HubPublisher(storage, clock, self.settings)
        self.dispatcher = HubDispatcher(storage, clock, sender, self.settings)

    def subscribe(
        self, token: str, api: str, callback: str, query: str | None = None
    ) -> Registration:
        """Register a listener (:meth:`HubListeners.subscribe`); its secret is shown once."""
        return self._listeners.subscribe(token, api, callback, query)

    def unsubscribe(self, token: str, api: str, subscription_id: str) -> None:
        """Remove a listener and its deliveries (:meth:`HubListeners.unsubscribe`)."""
        self._listeners.unsubscribe(token, api, subscription_id)

    def reactivate(self, token: str, subscription_id: str) -> HubSubscription:
        """Resume a suspended listener, in event order (:meth:`HubListeners.reactivate`)."""
        return self._listeners.reactivate(token, subscription_id)

    def listener(self, token: str, subscription_id: str) -> HubSubscription:
        """One listener, its state and failures (:meth:`HubListeners.listener`)."""
        return self._listeners.listener(token, subscription_id)

    def dispatch_once(self, batch: int | None = None) -> DispatchReport:
        """One pass of sending (:meth:`HubDispatcher.dispatch_once`)."""
        return self.dispatcher.dispatch_once(batch)

    def run(
        self,
        *,
        stop: threading.Event,
        idle_sleep: float = 1.0,
        on_report: Callable[[DispatchReport], None] | None = None,
        on_error: Callable[[AdapterError], None] | None = None,
    ) -> int:
        """Dispatch until ``stop`` (:meth:`HubDispatcher.run`)."""
        return self.dispatcher.run(
            stop=stop, idle_sleep=idle_sleep, on_report=on_report, on_error=on_error
        )
