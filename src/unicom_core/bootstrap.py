"""The composition root: ports in, a ready :class:`~unicom_core.hall.BusinessHall` out.

Every port has a default from :mod:`unicom_core.memory` so that a test or a first try needs
no set-up; production passes its own adapters (``unicom_sql.create_storage(url)``, ...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.catalog_data import default_catalog_source
from unicom_core.hall import BusinessHall
from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.memory.clock import SystemClock
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.memory.invoicing import MemoryInvoicing
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.memory.oauth import MemoryOAuthProvider
from unicom_core.memory.payments import MemoryPaymentGateway
from unicom_core.memory.storage import MemoryStorage
from unicom_core.usecases.access import AccessService, AccessSettings
from unicom_core.usecases.billing import BillingService, BillingSettings
from unicom_core.usecases.catalog import CatalogService
from unicom_core.usecases.payment_areas import PaymentSettings, payment_areas
from unicom_core.usecases.profile import ProfileService

if TYPE_CHECKING:
    from unicom_core.ports.captcha import Captcha
    from unicom_core.ports.catalog import CatalogSource
    from unicom_core.ports.clock import Clock
    from unicom_core.ports.hashing import PasswordHasher
    from unicom_core.ports.invoicing import Invoicing
    from unicom_core.ports.messaging import MessageSender
    from unicom_core.ports.oauth import OAuthProvider
    from unicom_core.ports.payments import PaymentGateway
    from unicom_core.ports.storage import Storage

__all__ = ["bootstrap"]


def bootstrap(  # noqa: PLR0913 - one keyword per port, each with a memory default
    *,
    storage: Storage | None = None,
    clock: Clock | None = None,
    catalog: CatalogSource | None = None,
    hasher: PasswordHasher | None = None,
    messages: MessageSender | None = None,
    captcha: Captcha | None = None,
    oauth: OAuthProvider | None = None,
    access_settings: AccessSettings | None = None,
    billing_settings: BillingSettings | None = None,
    payment_gateway: PaymentGateway | None = None,
    invoicing: Invoicing | None = None,
    payment_settings: PaymentSettings | None = None,
) -> BusinessHall:
    """Wire the hall from its ports; any port left out gets its in-memory reference adapter.

    The catalogue of ``catalog`` (default: the one shipped with the library) is installed in
    the storage unless the storage holds a revision as new already (F-BUN, F-SHOP-4).

    The access ports default to memory doubles (F-AUTH): a fast PBKDF2 hasher, an SMS sender
    that only records, a captcha and an OAuth provider that tests drive. Production passes
    ``hasher=unicom_core.argon.ArgonPasswordHasher()`` (the ``argon2`` extra) and its own
    SMS, captcha and QQ/Weibo adapters.

    Billing (F-CAL, F-QRY-1..3) asks ``access`` for every permission; ``billing_settings``
    configures its calendar windows, late fees, arrears and default rates.

    Payments (F-PAY-1..3, F-QRY-6) go through ``payment_gateway`` (default: a memory
    gateway that pays every charge at once; production passes ``unicom_payments``'
    ``AlipayGateway``) and invoices through ``invoicing`` (default: memory numbering and
    HTML copies); ``payment_settings`` sets windows, the card pepper and retries.

    The profile (F-QRY-7, F-REAL-1) asks ``access`` for ``query.profile``.
    """
    store = storage if storage is not None else MemoryStorage()
    time = clock if clock is not None else SystemClock()
    catalog_service = CatalogService(store, time)
    catalog_service.install(catalog if catalog is not None else default_catalog_source())
    access = AccessService(
        store,
        time,
        hasher=hasher if hasher is not None else MemoryPasswordHasher(),
        messages=messages if messages is not None else MemoryMessageSender(),
        captcha=captcha if captcha is not None else MemoryCaptcha(),
        oauth=oauth if oauth is not None else MemoryOAuthProvider(),
        settings=access_settings,
    )
    billing = BillingService(store, time, authorizer=access, settings=billing_settings)
    areas = payment_areas(
        store,
        time,
        payment_gateway if payment_gateway is not None else MemoryPaymentGateway(),
        invoicing if invoicing is not None else MemoryInvoicing(),
        authorizer=access,
        bills=billing,
        settings=payment_settings,
    )
    return BusinessHall(
        storage=store,
        clock=time,
        catalog=catalog_service,
        access=access,
        billing=billing,
        payments=areas.payments,
        recharge_cards=areas.recharge_cards,
        invoices=areas.invoices,
        auto_debit=areas.auto_debit,
        profile=ProfileService(store, time, authorizer=access),
    )
