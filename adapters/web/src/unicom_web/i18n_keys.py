"""The translation keys built at run time, for the extraction and the completeness test.

Templates and code pass most keys to ``t`` as literals, which Babel's python and jinja2
extractors find (``adapters/web/babel.cfg``). A key built from a value
(``t('bills.line.' + line.kind.value)``, the sentence of an error code) or kept as data (a
menu label) is listed here instead: :func:`dynamic_keys` yields each, and :func:`extract` is
the Babel extraction method ``babel.cfg`` names for this module, so ``make i18n-extract``
writes them into ``locale/messages.pot`` too. Families built from an enum are enumerated
from the enum: a new member without a translation fails the completeness test.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from unicom_core.domain.access import CredentialKind
from unicom_core.domain.billing import ChargeKind, DetailKind, LineKind, Measure
from unicom_core.domain.catalog import Channel, PackKind
from unicom_core.domain.handling import (
    Author,
    Effect,
    EntryKind,
    ForwardingCondition,
    RecordStatus,
    RoamingService,
)
from unicom_core.domain.payments import MandateStatus, PaymentPurpose, PaymentStage, PaymentStatus
from unicom_core.domain.promotions import DrawState, EarningSource, ParticipationState
from unicom_core.domain.shared import LoginType
from unicom_core.domain.shop import OrderStatus
from unicom_core.domain.subscribers import PaymentMode, RealNameStatus, SubscriberStatus
from unicom_core.errors import ErrorCode
from unicom_core.ports.shop import ShipmentState
from unicom_core.usecases.handling import UpgradeState

if TYPE_CHECKING:
    import enum
    from collections.abc import Iterator, Mapping

__all__ = [
    "CODE_MODULES",
    "DATA_KEYS",
    "ENUM_FAMILIES",
    "FRIENDLY_CODES",
    "PAGE_CODES",
    "declared_codes",
    "dynamic_keys",
    "extract",
]

ENUM_FAMILIES: Mapping[str, type[enum.Enum]] = {
    "bills.line": LineKind,
    "bills.text.usage": ChargeKind,
    "bundle.kind": PackKind,
    "credential": CredentialKind,
    "details.kind": DetailKind,
    "draw.state": DrawState,
    "growth.source": EarningSource,
    "handling.effect": Effect,
    "handling.status": RecordStatus,
    "home.measure": Measure,
    "login.type": LoginType,
    "mandates.status": MandateStatus,
    "payment": PaymentMode,
    "payment.next": PaymentStage,
    "payment.purpose": PaymentPurpose,
    "payment.stage": PaymentStage,
    "payment.status": PaymentStatus,
    "payment.subject": PaymentPurpose,
    "points.kind": EntryKind,
    "profile.real_name": RealNameStatus,
    "profile.status": SubscriberStatus,
    "promo.channel": Channel,
    "promo.state": ParticipationState,
    "services.forwarding": ForwardingCondition,
    "services.roaming": RoamingService,
    "services.upgrade": UpgradeState,
    "shop.shipment": ShipmentState,
    "shop.status": OrderStatus,
    "support.author": Author,
    "usage.unit": Measure,
}
"""``<family>.<member value>`` for every member of the enum: a template builds the key."""

CODE_MODULES = (
    "unicom_core.domain.shared",
    "unicom_core.domain.subscribers",
    "unicom_core.domain.catalog",
    "unicom_core.domain.access",
    "unicom_core.domain.billing",
    "unicom_core.domain.payments",
    "unicom_core.domain.handling",
    "unicom_core.domain.numbers",
    "unicom_core.domain.shop",
    "unicom_core.domain.promotions",
    "unicom_web.codes",
    "unicom_sql.codes",
    "unicom_payments.codes",
    "unicom_documents.codes",
)
"""The modules declaring the codes a page may show (``error.<code>`` for each)."""

PAGE_CODES = (
    "csrf.failed",
    "http.method_not_allowed",
    "http.not_found",
    "internal",
    "request.invalid",
    "request.media_type",
    "request.too_large",
)
"""Codes of the web adapter's own refusals that no ``ErrorCode`` declares (a 404, a 500)."""

DATA_KEYS = (
    "format.datetime",
    "lang.name",
    "bill.kind.broadband",
    "bill.kind.fixed_line",
    "bill.kind.mobile",
    "bills.text.discount",
    "bills.text.fee",
    "details.unit.messages",
    "details.unit.uses",
    "error.retry_at",
    "growth.state.claimable",
    "growth.state.claimed",
    "growth.state.locked",
    "handling.hint.bundle.packs",
    "handling.hint.credit_limit.limit",
    "handling.hint.data_pack.pack",
    "handling.hint.network_age_upgrade.plan",
    "handling.hint.optional_packs.pack",
    "handling.hint.plan_change.plan",
    "handling.hint.primary_number.new_primary",
    "handling.hint.realname.name",
    "handling.hint.realname.resident_id",
    "handling.hint.upgrade_4g.packs",
    "handling.hint.upgrade_4g.plan",
    "handling.hint.wlan.password",
    "handling.hint.call_forwarding.delay",
    "handling.hint.call_forwarding.target",
    "handling.choice.不可及呼叫转移",
    "handling.choice.修改密码",
    "handling.choice.关闭",
    "handling.choice.关闭WLAN",
    "handling.choice.取消",
    "handling.choice.国内长途",
    "handling.choice.国际漫游",
    "handling.choice.开通",
    "handling.choice.开通WLAN",
    "handling.choice.无应答呼叫转移",
    "handling.choice.无条件呼叫转移",
    "handling.choice.港澳台漫游",
    "handling.choice.订购",
    "handling.choice.设置",
    "handling.choice.退订",
    "handling.choice.遇忙呼叫转移",
    "handling.choice.重置密码",
    "handling.field.action",
    "handling.field.condition",
    "handling.field.delay",
    "handling.field.item",
    "handling.field.limit",
    "handling.field.new_primary",
    "handling.field.pack",
    "handling.field.packs",
    "handling.field.password",
    "handling.field.plan",
    "handling.field.service",
    "handling.field.switch",
    "handling.field.target",
    "handling.group.account",
    "handling.group.other",
    "handling.group.plan",
    "handling.group.points",
    "handling.group.services",
    "handling.kind.bundle",
    "handling.kind.credit_limit",
    "handling.kind.data_pack",
    "handling.kind.network_age_upgrade",
    "handling.kind.optional_packs",
    "handling.kind.plan_change",
    "handling.kind.points_redeem",
    "handling.kind.primary_number",
    "handling.kind.realname",
    "handling.kind.roaming",
    "handling.kind.switch_4g",
    "handling.kind.upgrade_4g",
    "handling.kind.wlan",
    "handling.row.增值业务包",
    "handling.row.月费",
    "handling.row.流量包",
    "handling.row.短彩信包",
    "handling.row.语音包",
    "invoices.code",
    "login.changed",
    "login.code_sent",
    "login.get_code",
    "login.method",
    "login.method.password",
    "login.method.random",
    "login.reset_done",
    "nav.bill_payment",
    "nav.bundle",
    "nav.cards",
    "nav.group.handling",
    "nav.group.mine",
    "nav.group.pay",
    "nav.group.promotions",
    "nav.group.query",
    "nav.group.shop",
    "nav.growth",
    "nav.handling",
    "nav.invoices",
    "nav.mandates",
    "nav.numbers",
    "nav.orders",
    "nav.password",
    "nav.plans",
    "nav.points",
    "nav.profile",
    "nav.promotions",
    "nav.security",
    "nav.services",
    "nav.shop",
    "nav.support",
    "nav.top_up",
    "nav.usage",
    "numbers.province",
    "numbers.starts_with",
    "password.changed",
    "payment.credit",
    "payment.credit_due",
    "payment.credited",
    "plans.kind.combo_plan",
    "plans.kind.goods",
    "plans.kind.pack",
    "plans.kind.plan",
    "plans.price",
    "promo.campaign_end",
    "promo.rule.arrears",
    "promo.rule.arrears.no",
    "promo.rule.arrears.yes",
    "promo.rule.channel",
    "promo.rule.channel.no",
    "promo.rule.channel.yes",
    "promo.rule.existing_user",
    "promo.rule.existing_user.no",
    "promo.rule.existing_user.yes",
    "promo.rule.generation",
    "promo.rule.generation.no",
    "promo.rule.generation.yes",
    "promo.rule.network_age",
    "promo.rule.network_age.no",
    "promo.rule.network_age.yes",
    "promo.rule.not_joined",
    "promo.rule.not_joined.no",
    "promo.rule.not_joined.yes",
    "promo.rule.plan",
    "promo.rule.plan.no",
    "promo.rule.plan.yes",
    "promo.rule.window",
    "promo.rule.window.no",
    "promo.rule.window.yes",
    "shop.kind.accessory",
    "shop.kind.data_card",
    "shop.kind.number",
    "shop.kind.phone",
    "shop.kind.recharge_card",
    "support.agent.open",
    "support.closed",
)
"""Keys kept as data (menu labels, form fields, rows, choices) or built outside an enum."""

FRIENDLY_CODES = (
    "access.bad_credentials",
    "access.capability_missing",
    "access.captcha_required",
    "access.captcha_wrong",
    "access.email_taken",
    "access.initial_password",
    "access.locked",
    "access.not_logged_in",
    "access.session_expired",
    "access.unknown_number",
    "billing.detail_window",
    "billing.future_cycle",
    "billing.query_blackout",
    "billing.upgrade_payment_pending",
    "billing.upgrade_query_pending",
    "code.daily_limit",
    "code.format",
    "code.resend_too_soon",
    "invoice.not_billable",
    "mandate.card",
    "mandate.duplicate",
    "mobile.format",
    "mobile.segment",
    "password.format",
    "password.unchanged",
    "password.weak",
    "payment.key",
    "payment.not_top_up_number",
    "payment.nothing_owed",
    "payment.other_carrier",
    "payment.others_daily_limit",
    "payment.unknown_number",
    "recharge_card.already_redeemed",
    "recharge_card.expired",
    "recharge_card.not_paid",
    "recharge_card.out_of_stock",
    "recharge_card.too_many_attempts",
    "recharge_card.wrong_secret",
)
"""The codes with a hand-written sentence for a person, ``friendly.<code>``, shown first."""


def declared_codes() -> dict[str, ErrorCode[Any]]:
    """Each code the :data:`CODE_MODULES` declare, by code (a module not installed is skipped).

    Read from the modules, not from the registry, which a docs example may extend.
    """
    declared: dict[str, ErrorCode[Any]] = {}
    for name in CODE_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - every adapter is installed in the workspace
            continue
        for value in vars(module).values():
            if isinstance(value, ErrorCode):
                declared.setdefault(value.code, value)
    return declared


def dynamic_keys() -> Iterator[tuple[str, str]]:
    """Each key built at run time, with a note for the translator (may be empty)."""
    for family, members in ENUM_FAMILIES.items():
        for member in members:
            yield f"{family}.{member.value}", ""
    for key in DATA_KEYS:
        yield key, ""
    for code, declared in sorted(declared_codes().items()):
        fields = ", ".join(f"{{{name}}}" for name in declared.fields) or "none"
        yield f"error.{code}", f"{declared.template} (fields: {fields})"
    for code in PAGE_CODES:
        yield f"error.{code}", "a refusal of the web adapter itself"
    for code in FRIENDLY_CODES:
        yield f"friendly.{code}", "shown first, instead of error." + code


def extract(
    fileobj: object,  # noqa: ARG001 - Babel's extraction-method signature
    keywords: object,  # noqa: ARG001
    comment_tags: object,  # noqa: ARG001
    options: object,  # noqa: ARG001
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """The Babel extraction method of ``babel.cfg``: every :func:`dynamic_keys` key."""
    for key, note in dynamic_keys():
        yield 1, None, key, [note] if note else []
