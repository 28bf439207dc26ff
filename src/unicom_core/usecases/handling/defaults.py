"""The kinds of business handling a hall offers unless the embedder chooses (F-BIZ)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.usecases.handling.bundle import BundleChange
from unicom_core.usecases.handling.call_forwarding import CallForwarding
from unicom_core.usecases.handling.credit_limit import CreditLimitChange
from unicom_core.usecases.handling.data_pack import DataPackOrder
from unicom_core.usecases.handling.plan_change import PlanChange
from unicom_core.usecases.handling.plans_by_age import NetworkAgeUpgrade, OptionalPacks
from unicom_core.usecases.handling.points_redeem import PointsRedemption
from unicom_core.usecases.handling.primary_number import PrimaryNumberChange
from unicom_core.usecases.handling.realname import RealNameRegistration
from unicom_core.usecases.handling.roaming import RoamingSwitch, Switch4g
from unicom_core.usecases.handling.upgrade_4g import Upgrade4G
from unicom_core.usecases.handling.wlan import WlanHandling

if TYPE_CHECKING:
    from unicom_core.domain.catalog import Catalog
    from unicom_core.domain.handling import RoamingSettings
    from unicom_core.ports.access import MessageSender, PasswordHasher
    from unicom_core.ports.subscribers import IdentityVerifier
    from unicom_core.usecases.handling.handlers import Handler
    from unicom_core.usecases.handling.points import PointsSettings

__all__ = ["default_handlers"]


def default_handlers(  # noqa: PLR0913 - the ports and settings of the kinds
    points: PointsSettings | None = None,
    *,
    identity: IdentityVerifier | None = None,
    hasher: PasswordHasher | None = None,
    messages: MessageSender | None = None,
    roaming: RoamingSettings | None = None,
    catalog: Catalog | None = None,
) -> tuple[Handler, ...]:
    """One handler of each kind the library ships, in the order the hall lists them.

    ``points``: the points rules and catalogue the redemption handler offers (F-QRY-4).
    ``identity``: the identity port of real-name re-registration (F-REAL-2); without it the
    hall offers no ``realname`` handling (``bootstrap`` always passes one).
    ``hasher``, ``messages``: the password hasher and SMS sender of the WLAN handling
    (F-BIZ-6); without both the hall offers no ``wlan`` handling (``bootstrap`` passes its
    own). ``roaming``: the credit-limit and deposit rules of roaming (F-BIZ-5).
    ``catalog``: the hall's catalogue; with it the 4G upgrade's form offers its 4G plans as
    choices (F-BIZ-4), without it the plan is typed.
    """
    handlers: tuple[Handler, ...] = (
        BundleChange(),
        DataPackOrder(),
        PlanChange(),
        PrimaryNumberChange(),
        Upgrade4G(catalog),
        CreditLimitChange(),
        PointsRedemption(points),
    )
    if identity is not None:
        handlers += (RealNameRegistration(identity),)
    handlers += (
        CallForwarding(),
        NetworkAgeUpgrade(),
        OptionalPacks(),
        RoamingSwitch(roaming),
        Switch4g(),
    )
    if hasher is not None and messages is not None:
        handlers += (WlanHandling(hasher=hasher, messages=messages),)
    return handlers
