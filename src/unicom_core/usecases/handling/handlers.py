"""What a kind of business handling is: a :class:`Handler`, run by the one engine (F-BIZ).

A carrier adds a kind by writing a handler (docs/how-to/add-a-handling.md) and giving it to
``bootstrap(handlers=...)``. The engine (:mod:`unicom_core.usecases.handling.engine`) does
everything every handling needs: authorizing ``capability`` (a random-password session is
refused every ``handle.*``, F-AUTH-5), checking the number is active and, if the handler says
so, not in arrears; idempotency per request id; the business record and its acceptance form;
the domain events; one transaction. The handler only says what changes:

* :meth:`Handler.decide` validates the request against the number's state, plan, account and
  the catalogue and answers a :class:`~unicom_core.domain.handling.Change` (what it shows
  before confirming, and whether it applies now or from the next cycle), or raises a typed
  refusal naming the rule. It must not write: a preview runs it in a read-only transaction.
* :meth:`Handler.apply_now` writes what applies at once (a change effective now, or the parts
  of a next-cycle change a carrier's systems must know ahead: a pack held until the cycle end).
* :meth:`Handler.take_effect` writes a next-cycle change when its cycle starts (run once by
  :meth:`~unicom_core.usecases.handling.engine.HandlingEngine.apply_due`, which the bill run
  calls first).
* :meth:`Handler.cancel` undoes what :meth:`apply_now` wrote ahead for a pending change.
"""

from __future__ import annotations

import abc
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import attrs

from unicom_core.domain.billing import BillingProfile
from unicom_core.domain.handling import HANDLING_PARAMETER
from unicom_core.usecases.shared import publish, put

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from datetime import datetime

    from unicom_core.domain.access import Capability
    from unicom_core.domain.billing import BillingCalendar
    from unicom_core.domain.catalog import Catalog, Channel
    from unicom_core.domain.handling import BusinessRecord, Change
    from unicom_core.domain.shared import DomainEvent
    from unicom_core.domain.subscribers import Account, Customer, Subscriber
    from unicom_core.errors import UnicomError
    from unicom_core.ports.handling import HandlingUnitOfWork
    from unicom_core.ports.shared import Repository
    from unicom_core.usecases.shared import Versioned

_A = TypeVar("_A", bound="Versioned")

__all__ = ["Field", "Handler", "HandlingContext", "optional_param", "param"]


@attrs.frozen(slots=True)
class Field:
    """One field of a handling's form: its parameter name, label and choices (if any).

    Pages build a handling's form from its handler's ``fields``; the JSON API documents them.
    """

    name: str
    label: str
    choices: tuple[tuple[str, str], ...] = ()
    """(value, label) pairs of a choice; empty for free text."""
    required: bool = True
    hint: str = ""
    secret: bool = False
    """A secret (a password): a page masks it, the engine leaves it out of the request digest."""


class HandlingContext:
    """What a handler sees of one transaction: the number, its customer, account, profile.

    ``now`` is the clock's instant in Beijing time. The writes go through the helpers below,
    so every write of a handling lands in the same transaction with its events.
    """

    def __init__(  # noqa: PLR0913 - the facts of one transaction
        self,
        *,
        tx: HandlingUnitOfWork,
        now: datetime,
        subscriber: Subscriber,
        customer: Customer,
        account: Account,
        catalog: Catalog,
        calendar: BillingCalendar,
        channel: Channel,
    ) -> None:
        self.tx, self.now, self.channel = tx, now, channel
        self.subscriber, self.customer, self.account = subscriber, customer, account
        self.catalog, self.calendar = catalog, calendar
        self._profile: BillingProfile | None = None
        self.request: Mapping[str, str] = {}
        """The request's parameters as sent (secrets included), while it is being handled.

        Never stored: :meth:`Handler.apply_now` reads a secret (a new WLAN password) here,
        the record keeps only the change's normalised ``params``.
        """

    @property
    def profile(self) -> BillingProfile:
        """The number's billing profile: packs held, upgrade, adjustments (new if none)."""
        if self._profile is None:
            self._profile = self.tx.billing_profiles.find(self.subscriber.id) or BillingProfile(
                self.subscriber.id
            )
        return self._profile

    def change_profile(self, change: Callable[[BillingProfile], Iterable[DomainEvent]]) -> None:
        """Apply ``change`` to the billing profile and save it with its events."""
        self.write(self.tx.billing_profiles, self.profile, change(self.profile))

    def change_subscriber(self, change: Callable[[Subscriber], Iterable[DomainEvent]]) -> None:
        """Apply ``change`` to the subscriber and save it with its events."""
        self.write(self.tx.subscribers, self.subscriber, change(self.subscriber))

    def change_account(self, change: Callable[[Account], Iterable[DomainEvent]]) -> None:
        """Apply ``change`` to the account and save it with its events."""
        self.write(self.tx.accounts, self.account, change(self.account))

    def write(
        self, repository: Repository[_A, Any], aggregate: _A, events: Iterable[DomainEvent]
    ) -> None:
        """Save ``aggregate`` (add if new) in ``repository`` and publish ``events``."""
        put(repository, aggregate)
        publish(self.tx, events)


def param(params: Mapping[str, str], name: str) -> str:
    """The stripped, non-empty parameter ``name`` (``handling.parameter`` if missing)."""
    value = params.get(name)
    if not isinstance(value, str) or not value.strip():
        raise HANDLING_PARAMETER.error(field=name)
    return value.strip()


def optional_param(params: Mapping[str, str], name: str) -> str | None:
    """The stripped parameter ``name``, or None if absent or blank."""
    value = params.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise HANDLING_PARAMETER.error(field=name)
    return value.strip() or None


class Handler(abc.ABC):
    """One kind of business handling (module docstring)."""

    kind: ClassVar[str]
    """The kind's stable name: ``bundle``, ``call_forwarding`` (a record's ``kind``)."""
    title: ClassVar[str]
    """What the subscriber reads: ``4G组合套餐变更``."""
    capability: ClassVar[Capability]
    """What a session needs (``handle.bundle``); checked by the one permission check."""
    fields: ClassVar[tuple[Field, ...]] = ()
    """The form's fields, in order."""
    refuses_arrears: ClassVar[bool] = False
    """Whether a number in arrears is refused (``handling.arrears``), e.g. roaming (F-BIZ-5)."""
    requires_active: ClassVar[bool] = True
    """Whether only an ACTIVE number may ask (``handling.not_active``)."""

    @abc.abstractmethod
    def decide(self, ctx: HandlingContext, params: Mapping[str, str]) -> Change:
        """The change ``params`` ask for, or a typed refusal; never writes."""

    def current(self, ctx: HandlingContext) -> Mapping[str, str]:
        """The form's values as the number stands now (pages fill the form); never writes.

        Default: none. A handler whose fields mirror a state of the number (the packs held,
        the forwarding number) answers it, so the form opens on what the number has.
        """
        del ctx
        return {}

    def apply_now(self, ctx: HandlingContext, record: BusinessRecord) -> UnicomError | None:
        """Write what applies when the handling is accepted (default: nothing).

        A refusal whose writes must still commit (a counted failed attempt, F-REAL-2) is
        *returned*, not raised, as the kernel's counted failures are: the engine commits what
        was written, keeps no record and raises it. Anything else is raised (rolled back).
        """
        del ctx, record
        return None

    def take_effect(self, ctx: HandlingContext, record: BusinessRecord) -> None:  # noqa: B027
        """Write a next-cycle change when its cycle starts (default: nothing)."""

    def cancel(self, ctx: HandlingContext, record: BusinessRecord) -> None:  # noqa: B027
        """Undo what :meth:`apply_now` wrote ahead for a pending change (default: nothing)."""
