"""Adjusting the credit limit (信用额度调整) within the rules (F-BIZ-7).

The number asks for a credit limit of its account; the handler grants it at once if it is
at most what :class:`~unicom_core.domain.handling.CreditLimitRules` allow for the number's
network age and the account's payment history (bills paid late in the rules' window), and
still covers what the account owes (``account.credit_limit_below_debt``). The history of
adjustments is the business records of kind ``credit_limit``
(``hall.handling.records(token, page, kind="credit_limit")``), next to the account's
``account.credit_limit_changed`` events.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, ClassVar

import attrs

from unicom_core.domain.access import Capability
from unicom_core.domain.handling import (
    HANDLING_CREDIT_LIMIT_EXCEEDS,
    HANDLING_NO_CHANGE,
    HANDLING_PARAMETER,
    Change,
    CreditLimitRules,
    Effect,
    late_bills,
)
from unicom_core.domain.shared import Money
from unicom_core.errors import InvalidInput
from unicom_core.ports.shared import PageRequest
from unicom_core.usecases.handling.handlers import Field, Handler, param

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from unicom_core.domain.handling import BusinessRecord
    from unicom_core.domain.subscribers import Account, Subscriber
    from unicom_core.ports.handling import HandlingUnitOfWork
    from unicom_core.usecases.handling.handlers import HandlingContext

__all__ = ["CreditLimitChange", "CreditLimitQuote", "quote_credit_limit"]

_MONTHS_PER_YEAR = 12


@attrs.frozen(slots=True)
class CreditLimitQuote:
    """What the rules allow a number now, and the facts they were applied to (F-BIZ-7)."""

    current: Money
    allowed: Money
    network_age_months: int
    late_bills: int
    window_months: int


def quote_credit_limit(
    tx: HandlingUnitOfWork,
    subscriber: Subscriber,
    account: Account,
    rules: CreditLimitRules,
    at: datetime,
) -> CreditLimitQuote:
    """The highest credit limit ``rules`` allow ``subscriber`` of ``account`` at ``at``."""
    age = subscriber.network_age_on(at.date())
    months = age.years * _MONTHS_PER_YEAR + age.months
    page = PageRequest(0, rules.window_months + 2)
    late = late_bills(tx.bills.list_by_account(account.id, page).items, rules, at)
    allowed = rules.allowed(months, late)
    return CreditLimitQuote(account.credit_limit, allowed, months, late, rules.window_months)


def _requested(params: Mapping[str, str]) -> Money:
    try:
        amount = Money.parse(param(params, "limit"))
    except InvalidInput:
        raise HANDLING_PARAMETER.error(field="limit") from None
    if amount.is_negative:
        raise HANDLING_PARAMETER.error(field="limit")
    return amount


class CreditLimitChange(Handler):
    """Set the account's credit limit, at most what the rules allow (F-BIZ-7)."""

    kind: ClassVar[str] = "credit_limit"
    title: ClassVar[str] = "信用额度调整"
    capability: ClassVar[Capability] = Capability("handle.credit_limit")
    fields: ClassVar[tuple[Field, ...]] = (
        Field("limit", "新信用额度（元）", hint="例如 100；不超过按网龄和缴费记录可调整的上限"),
    )

    def __init__(self, rules: CreditLimitRules | None = None) -> None:
        self.rules = CreditLimitRules() if rules is None else rules

    def current(self, ctx: HandlingContext) -> Mapping[str, str]:
        """The account's credit limit now, in yuan as the field reads it (``100.00``)."""
        yuan, fen = divmod(ctx.account.credit_limit.fen, 100)
        return {"limit": f"{yuan}.{fen:02d}"}

    def decide(self, ctx: HandlingContext, params: Mapping[str, str]) -> Change:
        """The new limit, if the rules allow it and it covers what is owed."""
        requested = _requested(params)
        quote = quote_credit_limit(ctx.tx, ctx.subscriber, ctx.account, self.rules, ctx.now)
        if requested > quote.allowed:
            raise HANDLING_CREDIT_LIMIT_EXCEEDS.error(
                allowed=str(quote.allowed), requested=str(requested)
            )
        if requested == ctx.account.credit_limit:
            raise HANDLING_NO_CHANGE.error(field="limit")
        copy.deepcopy(ctx.account).change_credit_limit(requested, at=ctx.now)  # its refusals
        years, months = divmod(quote.network_age_months, _MONTHS_PER_YEAR)
        return Change(
            summary=f"信用额度 {ctx.account.credit_limit} → {requested}",
            effect=Effect.NOW,
            before=(("信用额度", str(ctx.account.credit_limit)),),
            after=(("信用额度", str(requested)),),
            terms=(
                (
                    f"按网龄 {years} 年 {months} 个月、近 {quote.window_months} 个月逾期缴费 "
                    f"{quote.late_bills} 次，可调整的信用额度上限为 {quote.allowed}。"
                ),
                "调整立即生效。",
            ),
            params=(("limit", str(requested.fen)),),
        )

    def apply_now(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """Set the account's credit limit."""
        limit = Money(int(record.change.param("limit")))
        ctx.change_account(lambda a: a.change_credit_limit(limit, at=ctx.now))
