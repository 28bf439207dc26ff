"""The composition root: ports in, a ready :class:`~unicom_core.hall.BusinessHall` out.

Every port has a default from :mod:`unicom_core.memory` so that a test or a first try needs
no set-up; production passes its own adapters (``unicom_sql.create_storage(url)``, ...).

Safe by default (F-AUTH-7): with a storage other than the memory one, the password hasher
defaults to argon2id (:class:`unicom_core.argon.ArgonPasswordHasher`, the ``argon2`` extra),
never to the fast memory double; without argon2-cffi installed, ``bootstrap`` refuses
(``bootstrap.argon2_missing``) rather than fall back. ``production=True`` refuses to start
(``bootstrap.unsafe_for_production``, data ``missing``) while any port is a memory double
(the clock aside: :class:`~unicom_core.clock.SystemClock` is the real one), or the
card pepper is the default, or no password pepper is set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.catalog_data import default_catalog_source
from unicom_core.clock import SystemClock
from unicom_core.domain.shared import BOOTSTRAP_ARGON2_MISSING, BOOTSTRAP_UNSAFE_FOR_PRODUCTION
from unicom_core.hall import BusinessHall
from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.memory.documents import HtmlDocuments
from unicom_core.memory.events import MemoryEventPublisher
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.memory.identity import MemoryIdentityVerifier
from unicom_core.memory.invoicing import MemoryInvoicing
from unicom_core.memory.logistics import MemoryLogistics
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.memory.number_pool import MemoryNumberPool
from unicom_core.memory.oauth import MemoryOAuthProvider
from unicom_core.memory.payment_gateway import MemoryPaymentGateway
from unicom_core.memory.storage import MemoryStorage
from unicom_core.memory.support_bot import ScriptedSupportBot
from unicom_core.usecases.access import AccessService, AccessSettings
from unicom_core.usecases.billing import BillingService, BillingSettings
from unicom_core.usecases.catalog import CatalogService
from unicom_core.usecases.handling import (
    HandlingEngine,
    PlanQueries,
    PointsService,
    ServicesQuery,
    SupportService,
    default_handlers,
)
from unicom_core.usecases.numbers import NumbersService, NumbersSettings
from unicom_core.usecases.payments import (
    AutoDebitService,
    InvoiceService,
    PaymentEngine,
    PaymentSettings,
    PaymentsService,
    RechargeCardService,
)
from unicom_core.usecases.shared import OutboxRelay
from unicom_core.usecases.shop import ShopService
from unicom_core.usecases.subscribers import ProfileService

if TYPE_CHECKING:
    from collections.abc import Sequence

    from unicom_core.ports.access import Captcha, MessageSender, OAuthProvider, PasswordHasher
    from unicom_core.ports.catalog import CatalogSource
    from unicom_core.ports.handling import SupportBot
    from unicom_core.ports.numbers import NumberPool
    from unicom_core.ports.payments import Invoicing, PaymentGateway
    from unicom_core.ports.shared import Clock, Documents, EventPublisher
    from unicom_core.ports.shop import Logistics
    from unicom_core.ports.storage import Storage
    from unicom_core.ports.subscribers import IdentityVerifier
    from unicom_core.usecases.handling import Handler, PointsSettings, SupportSettings
    from unicom_core.usecases.shop import ShopSettings

__all__ = ["bootstrap"]

_MEMORY = "unicom_core.memory."


def _is_double(port: object) -> bool:
    """Whether ``port`` is (or extends) an in-memory reference adapter."""
    return any(cls.__module__.startswith(_MEMORY) for cls in type(port).__mro__)


def _default_hasher(storage: Storage | None) -> PasswordHasher:
    """The fast memory hasher beside memory storage; argon2id beside anything else."""
    if storage is None or isinstance(storage, MemoryStorage):
        return MemoryPasswordHasher()
    try:
        from unicom_core.argon import ArgonPasswordHasher  # noqa: PLC0415 - the argon2 extra
    except ImportError as missing:
        raise BOOTSTRAP_ARGON2_MISSING.error() from missing
    return ArgonPasswordHasher()


def _refuse_if_unsafe(  # noqa: PLR0913 - the ports and settings production must set
    *,
    storage: Storage | None,
    hasher: PasswordHasher | None,
    messages: MessageSender | None,
    captcha: Captcha | None,
    oauth: OAuthProvider | None,
    payment_gateway: PaymentGateway | None,
    invoicing: Invoicing | None,
    identity: IdentityVerifier | None,
    access_settings: AccessSettings | None,
    payment_settings: PaymentSettings | None,
) -> None:
    """Refuse a production hall with memory doubles or default secrets, naming them all."""
    ports: dict[str, object | None] = {
        "storage": storage,
        "hasher": hasher,
        "messages": messages,
        "captcha": captcha,
        "oauth": oauth,
        "payment_gateway": payment_gateway,
        "invoicing": invoicing,
        "identity": identity,
    }
    gaps = [
        name
        for name, port in ports.items()
        if (port is None and name != "hasher") or (port is not None and _is_double(port))
    ]
    if access_settings is None or access_settings.password_pepper is None:
        gaps.append("access_settings.password_pepper")
    card_pepper = (payment_settings or PaymentSettings()).card_pepper
    if card_pepper == PaymentSettings().card_pepper:
        gaps.append("payment_settings.card_pepper")
    if gaps:
        raise BOOTSTRAP_UNSAFE_FOR_PRODUCTION.error(
            "a production hall needs real adapters and its own secrets; missing: "
            + ", ".join(gaps),
            missing=gaps,
        )


def _invoices(
    engine: PaymentEngine,
    invoicing: Invoicing | None,
    access: AccessService,
    documents: Documents,
) -> InvoiceService:
    """The invoice area, subscribed to the engine's refunds (F-QRY-6: a red-letter invoice)."""
    invoices = InvoiceService(
        engine,
        invoicing if invoicing is not None else MemoryInvoicing(),
        authorizer=access,
        documents=documents,
    )
    engine.when_refunded(invoices.red_letter)
    return invoices


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
    events: EventPublisher | None = None,
    documents: Documents | None = None,
    handlers: Sequence[Handler] | None = None,
    support_bot: SupportBot | None = None,
    support_settings: SupportSettings | None = None,
    points_settings: PointsSettings | None = None,
    identity: IdentityVerifier | None = None,
    number_pool: NumberPool | None = None,
    numbers_settings: NumbersSettings | None = None,
    logistics: Logistics | None = None,
    shop_settings: ShopSettings | None = None,
    production: bool = False,
) -> BusinessHall:
    """Wire the hall from its ports; any port left out gets its in-memory reference adapter.

    The catalogue of ``catalog`` (default: the one shipped with the library) is installed in
    the storage unless the storage holds a revision as new already (F-BUN, F-SHOP-4).

    The access ports default to memory doubles (F-AUTH): an SMS sender that only records, a
    captcha and an OAuth provider that tests drive, and, beside memory storage only, a fast
    PBKDF2 hasher; beside any other storage the hasher defaults to argon2id
    (``Refused`` ``bootstrap.argon2_missing`` without the ``argon2`` extra). Production
    passes its own SMS, captcha and QQ/Weibo adapters and ``access_settings`` with a
    ``password_pepper``.

    Billing (F-CAL, F-QRY-1..3) asks ``access`` for every permission; ``billing_settings``
    configures its calendar windows, late fees, arrears and default rates.

    Payments (F-PAY-1..3, F-QRY-6) go through ``payment_gateway`` (default: a memory
    gateway that pays every charge at once; production passes ``unicom_payments``'
    ``AlipayGateway``) and invoices through ``invoicing`` (default: memory numbering and
    HTML copies); ``payment_settings`` sets windows, the card pepper and retries. The four
    payment areas share one :class:`~unicom_core.usecases.payments.PaymentEngine`, and a
    refund that succeeds cancels the payment's invoice by a red-letter one (the invoice
    area's handler of the engine's refund hook).

    The profile (F-QRY-7, F-REAL-1) asks ``access`` for ``query.profile``.

    ``hall.documents`` renders acceptance forms and invoice copies (F-QRY-6) through
    ``documents`` (default: :class:`~unicom_core.memory.HtmlDocuments`, HTML only;
    ``unicom_documents.PdfDocuments`` adds PDF with the CJK font embedded).

    ``hall.relay`` publishes the outbox to ``events`` (default: a memory publisher that only
    records; production runs ``python -m unicom_sql relay`` or passes its broker's publisher).

    Business handling (F-BIZ, F-QRY-5, F-QRY-6) runs ``handlers`` (default: every kind the
    library ships, :func:`~unicom_core.usecases.handling.default_handlers`) through one
    engine, ``hall.handling``; the billing calendar decides when a change takes effect.

    Customer service (F-BIZ-8), ``hall.support``, asks ``support_bot`` first (default: a
    :class:`~unicom_core.memory.support_bot.ScriptedSupportBot` that answers nothing it was
    not scripted to, so every question reaches a human; ``unicom_support.Bm25SupportBot``
    is the real one) and queues for a human below ``support_settings.threshold``.

    Points (F-QRY-4), ``hall.points``, follow ``points_settings`` (default: 1 point per yuan
    of a paid bill, expiring at the end of the following year; the catalogue shipped with
    the library): each payment that settles a bill earns its points in the same
    transaction (the billing area's settled-bill hook), and redeeming is the handling
    ``points_redeem`` of the default handlers.

    Real-name re-registration (F-REAL-2), the handling ``realname`` of the default handlers,
    checks a holder's name and resident ID through ``identity`` (default: a
    :class:`~unicom_core.memory.MemoryIdentityVerifier` that answers MATCH unless programmed;
    production passes the national identity service's adapter).

    The number pool (F-NUM-1..3), ``hall.numbers``, lives in ``number_pool`` (default: a
    :class:`~unicom_core.memory.MemoryNumberPool`; ``unicom_sql.SqlNumberPool`` indexes ten
    million numbers) and follows ``numbers_settings`` (the pattern classes and tiers shipped
    with the library, reservations of 30 minutes, three at a time per customer).

    The shop (F-SHOP-1..3, F-NUM-3), ``hall.shop``, sells goods from stock and the pool's
    numbers with a plan, paid through the same payment engine (purpose SHOP_ORDER), checks
    a phone card's holder through ``identity``, hands orders to ``logistics`` (default: a
    :class:`~unicom_core.memory.MemoryLogistics` that tests drive) and activates a number on
    the holder's signed delivery; ``shop_settings`` sets how long an unpaid order and an
    order's numbers are held.

    ``production=True`` checks the ports and secrets before anything is wired (F-AUTH-7).

    Raises:
        Refused: ``bootstrap.unsafe_for_production`` (data ``missing``: the ports left out or
            to a memory double, and the secrets unset or default) or
            ``bootstrap.argon2_missing``.
    """
    if production:
        _refuse_if_unsafe(
            storage=storage,
            hasher=hasher,
            messages=messages,
            captcha=captcha,
            oauth=oauth,
            payment_gateway=payment_gateway,
            invoicing=invoicing,
            identity=identity,
            access_settings=access_settings,
            payment_settings=payment_settings,
        )
    hashing = hasher if hasher is not None else _default_hasher(storage)
    store = storage if storage is not None else MemoryStorage()
    time = clock if clock is not None else SystemClock()
    catalog_service = CatalogService(store, time)
    installed = catalog_service.install(
        catalog if catalog is not None else default_catalog_source()
    )
    verifier = identity if identity is not None else MemoryIdentityVerifier()
    pool = number_pool if number_pool is not None else MemoryNumberPool()
    sms = messages if messages is not None else MemoryMessageSender()
    access = AccessService(
        store,
        time,
        hasher=hashing,
        messages=sms,
        captcha=captcha if captcha is not None else MemoryCaptcha(clock=time),
        oauth=oauth if oauth is not None else MemoryOAuthProvider(),
        settings=access_settings,
    )
    billing_settings = billing_settings if billing_settings is not None else BillingSettings()
    billing = BillingService(store, time, authorizer=access, settings=billing_settings)
    engine = PaymentEngine(
        store,
        time,
        payment_gateway if payment_gateway is not None else MemoryPaymentGateway(),
        payment_settings if payment_settings is not None else PaymentSettings(),
        bills=billing,
    )
    points = PointsService(store, time, authorizer=access, settings=points_settings)
    billing.when_settled(points.earn_for_bill)
    papers = documents if documents is not None else HtmlDocuments()
    invoices = _invoices(engine, invoicing, access, papers)
    handling = HandlingEngine(
        store,
        time,
        authorizer=access,
        calendar=billing_settings.billing_calendar,
        handlers={
            h.kind: h
            for h in (
                default_handlers(
                    points.settings,
                    catalog=installed,
                    identity=verifier,
                    hasher=hashing,
                    messages=sms,
                )
                if handlers is None
                else handlers
            )
        },
        retry_rule=billing_settings.retry_rule,
        catalog_id=billing_settings.catalog_id,
    )
    numbers = NumbersService(pool, time, authorizer=access, settings=numbers_settings)
    shop = ShopService(
        store,
        time,
        engine=engine,
        authorizer=access,
        catalog=catalog_service,
        numbers=numbers,
        pool=pool,
        identity=verifier,
        hasher=hashing,
        messages=sms,
        logistics=logistics if logistics is not None else MemoryLogistics(),
        settings=shop_settings,
    )
    shop.hook_into(engine)
    return BusinessHall(
        storage=store,
        clock=time,
        documents=papers,
        catalog=catalog_service,
        access=access,
        billing=billing,
        payments=PaymentsService(engine, authorizer=access, bills=billing),
        recharge_cards=RechargeCardService(engine, authorizer=access, bills=billing),
        invoices=invoices,
        auto_debit=AutoDebitService(engine, authorizer=access),
        profile=ProfileService(store, time, authorizer=access),
        relay=OutboxRelay(store, time, events if events is not None else MemoryEventPublisher()),
        handling=handling,
        plans=PlanQueries(
            store,
            time,
            authorizer=access,
            calendar=billing_settings.billing_calendar,
            engine=handling,
            retry_rule=billing_settings.retry_rule,
        ),
        support=SupportService(
            store,
            time,
            authorizer=access,
            bot=support_bot if support_bot is not None else ScriptedSupportBot(),
            settings=support_settings,
        ),
        points=points,
        numbers=numbers,
        services=ServicesQuery(
            store, time, authorizer=access, retry_rule=billing_settings.retry_rule
        ),
        shop=shop,
    )
