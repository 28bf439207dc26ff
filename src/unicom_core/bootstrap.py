"""The composition root: ports in, a ready :class:`~unicom_core.hall.BusinessHall` out.

Every port has a default from :mod:`unicom_core.memory` so that a test or a first try needs
no set-up; production passes its own adapters (``unicom_sql.create_storage(url)``, ...).

Safe by default (F-AUTH-7): beside a storage other than the memory one the password hasher
defaults to argon2id, and ``production=True`` refuses memory doubles and default secrets
(:mod:`unicom_core.safety`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.catalog_data import default_catalog_source
from unicom_core.clock import SystemClock
from unicom_core.domain.access import HUBS_SUBSCRIBE
from unicom_core.hall import BusinessHall
from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.memory.documents import HtmlDocuments
from unicom_core.memory.entitlements import MemoryEntitlementIssuer
from unicom_core.memory.events import MemoryEventPublisher
from unicom_core.memory.identity import MemoryIdentityVerifier
from unicom_core.memory.invoicing import MemoryInvoicing
from unicom_core.memory.logistics import MemoryLogistics
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.memory.metrics_storage import MemoryMetricsStore
from unicom_core.memory.number_pool import MemoryNumberPool
from unicom_core.memory.oauth import MemoryOAuthProvider
from unicom_core.memory.payment_gateway import MemoryPaymentGateway
from unicom_core.memory.storage import MemoryStorage
from unicom_core.memory.support_bot import ScriptedSupportBot
from unicom_core.memory.webhooks import MemoryWebhookSender, UnconfiguredWebhookSender
from unicom_core.safety import default_hasher, refuse_if_unsafe
from unicom_core.usecases.access import AccessService, AccessSettings, audit_by, peppered
from unicom_core.usecases.billing import BillingService, BillingSettings
from unicom_core.usecases.catalog import CatalogDrafts, CatalogService
from unicom_core.usecases.handling import (
    HandlingEngine,
    PlanQueries,
    PointsService,
    ServicesQuery,
    SubscribersService,
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
from unicom_core.usecases.promotions import GrowthService, MetricsService, PromotionsService
from unicom_core.usecases.shared import HubService, HubSettings, OutboxRelay, TeePublisher
from unicom_core.usecases.shop import ShopService
from unicom_core.usecases.subscribers import ProfileService

if TYPE_CHECKING:
    from collections.abc import Sequence

    from unicom_core.ports.access import Captcha, MessageSender, OAuthProvider, PasswordHasher
    from unicom_core.ports.catalog import CatalogSource
    from unicom_core.ports.handling import SupportBot
    from unicom_core.ports.numbers import NumberPool
    from unicom_core.ports.payments import Invoicing, PaymentGateway
    from unicom_core.ports.promotions import EntitlementIssuer, Metrics, MetricsStore
    from unicom_core.ports.shared import Clock, Documents, EventPublisher, WebhookSender
    from unicom_core.ports.shop import Logistics
    from unicom_core.ports.storage import Storage
    from unicom_core.ports.subscribers import IdentityVerifier
    from unicom_core.usecases.handling import Handler, PointsSettings, SupportSettings
    from unicom_core.usecases.promotions import (
        GrowthSettings,
        MetricsSettings,
        PromotionSettings,
    )
    from unicom_core.usecases.shop import ShopSettings

__all__ = ["bootstrap"]


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
    metrics: Sequence[Metrics] = (),
    metrics_store: MetricsStore | None = None,
    metrics_settings: MetricsSettings | None = None,
    growth_settings: GrowthSettings | None = None,
    entitlement_issuer: EntitlementIssuer | None = None,
    promotion_settings: PromotionSettings | None = None,
    webhooks: WebhookSender | None = None,
    hub_settings: HubSettings | None = None,
    production: bool = False,
) -> BusinessHall:
    """Wire the hall from its ports; any port left out gets its in-memory reference adapter.

    The catalogue of ``catalog`` (default: the one shipped with the library) is installed in
    the storage unless the storage holds a revision as new already (F-BUN, F-SHOP-4).

    The access ports default to memory doubles (F-AUTH): an SMS sender that only records, a
    captcha and an OAuth provider that tests drive; the hasher is argon2id beside any storage
    but the memory one (``bootstrap.argon2_missing`` without the ``argon2`` extra).

    Billing (F-CAL, F-QRY-1..3) follows ``billing_settings``: calendar windows, late fees.

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
    records; production runs ``unicom relay`` or passes its broker's publisher).

    Business handling (F-BIZ, F-QRY-5, F-QRY-6) runs ``handlers`` (default: every kind the
    library ships, :func:`~unicom_core.usecases.handling.default_handlers`) through one
    engine, ``hall.handling``; the billing calendar decides when a change takes effect.

    Customer service (F-BIZ-8), ``hall.support``, asks ``support_bot`` first (default: a
    :class:`~unicom_core.memory.support_bot.ScriptedSupportBot` sending every question to a
    human; ``unicom_support.Bm25SupportBot`` is the real one), as ``support_settings`` says.

    Points (F-QRY-4), ``hall.points``, follow ``points_settings``: a payment settling a bill
    earns its points in the same transaction (the billing area's settled-bill hook).

    Real-name checks (F-REAL-1, F-REAL-2) ask ``identity`` (default: a
    :class:`~unicom_core.memory.MemoryIdentityVerifier` answering MATCH unless programmed).

    The number pool (F-NUM-1..3), ``hall.numbers``, lives in ``number_pool`` (default: a
    :class:`~unicom_core.memory.MemoryNumberPool`; ``unicom_sql.SqlNumberPool`` indexes ten
    million numbers) and follows ``numbers_settings``.

    The shop (F-SHOP-1..3, F-NUM-3), ``hall.shop``, is paid through the same payment engine
    and hands orders to ``logistics`` (default: a :class:`~unicom_core.memory.MemoryLogistics`
    that tests drive), as ``shop_settings`` says.

    Campaign metrics (F-PRO-5), ``hall.metrics``, buffer counts in memory and write them in
    batches to ``metrics_store`` (default: a :class:`~unicom_core.memory.MemoryMetricsStore`;
    ``unicom_sql.SqlMetricsStore`` keeps them) as ``metrics_settings`` says; every count is
    teed to each of ``metrics`` too (``unicom_metrics.PrometheusMetrics``).

    Campaigns (F-PRO-1..3), ``hall.promotions``, take from a quota in the join's
    transaction, price top-ups through the payment engine's price hook and issue
    entitlements through ``entitlement_issuer`` (default: a
    :class:`~unicom_core.memory.MemoryEntitlementIssuer` that only records).

    The growth game 沃之樹 (F-PRO-4), ``hall.growth``, follows ``growth_settings`` (default:
    the 517 game shipped with the library): a paid top-up (the payment engine's top-up
    hook) and an accepted data-pack order (the handling engine's hook) earn its points in
    their own transactions while the game runs; its prize draw is on the same object.

    Enrolment (开户, F-REAL-1), ``hall.subscribers``, checks the holder through ``identity``
    and sends the initial service password through ``messages``.

    The TMF event hubs, ``hall.hubs``, queue a delivery per matching listener for every
    event ``hall.relay`` publishes (to ``events`` and to the hubs, through a
    :class:`~unicom_core.usecases.shared.TeePublisher`) and send them, signed, through
    ``webhooks`` (default: a :class:`~unicom_core.memory.MemoryWebhookSender` that only
    records; ``unicom_web.webhooks.UrllibWebhookSender`` is the real one).

    ``production=True`` checks the ports and secrets before anything is wired
    (:func:`unicom_core.safety.refuse_if_unsafe`, F-AUTH-7). The initial passwords the shop,
    the handlers and enrolment store are hashed peppered, as the access area's are.

    Raises:
        Refused: ``bootstrap.unsafe_for_production`` (data ``missing``: the ports left out or
            to a memory double, and the secrets unset or default) or
            ``bootstrap.argon2_missing``.
    """
    if production:
        refuse_if_unsafe(
            {
                "storage": storage,
                "hasher": hasher,
                "messages": messages,
                "captcha": captcha,
                "oauth": oauth,
                "payment_gateway": payment_gateway,
                "invoicing": invoicing,
                "identity": identity,
                "number_pool": number_pool,
                "logistics": logistics,
                "entitlement_issuer": entitlement_issuer,
                "metrics_store": metrics_store,
                "webhooks": webhooks,
            },
            access_settings=access_settings,
            payment_settings=payment_settings,
            hub_settings=hub_settings,
        )
    hashing = hasher if hasher is not None else default_hasher(storage)
    initial_passwords = peppered(hashing, access_settings or AccessSettings())
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
                    hasher=initial_passwords,
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
        hasher=initial_passwords,
        messages=sms,
        logistics=logistics if logistics is not None else MemoryLogistics(),
        settings=shop_settings,
    )
    shop.hook_into(engine)
    growth = GrowthService(
        store,
        time,
        authorizer=access,
        settings=growth_settings,
        catalog_id=billing_settings.catalog_id,
    )
    engine.fulfilment.when_topped_up(growth.earn_for_top_up)
    handling.when_handled(growth.earn_for_handling)
    campaign_metrics = MetricsService.build(
        metrics_store if metrics_store is not None else MemoryMetricsStore(),
        time,
        exporters=metrics,
        settings=metrics_settings,
    )
    promotions = PromotionsService(
        store,
        time,
        authorizer=access,
        engine=engine,
        issuer=entitlement_issuer if entitlement_issuer is not None else MemoryEntitlementIssuer(),
        metrics=campaign_metrics.metrics,
        settings=promotion_settings,
    )
    promotions.hook_into(engine)
    hubs = HubService(
        store,
        time,
        sender=(
            webhooks
            if webhooks is not None
            else UnconfiguredWebhookSender()  # every delivery waits, failing hubs.no_sender
            if production
            else MemoryWebhookSender()
        ),
        authorizer=access,
        capability=HUBS_SUBSCRIBE,
        settings=hub_settings,
    )
    publisher = events if events is not None else MemoryEventPublisher()
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
        relay=OutboxRelay(store, time, TeePublisher(publisher, hubs.publisher)),
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
        subscribers=SubscribersService(
            store,
            time,
            identity=verifier,
            hasher=initial_passwords,
            messages=sms,
            catalog_id=billing_settings.catalog_id,
        ),
        metrics=campaign_metrics,
        growth=growth,
        promotions=promotions,
        hubs=hubs,
        catalog_drafts=CatalogDrafts(store, time, audit=audit_by),
    )
