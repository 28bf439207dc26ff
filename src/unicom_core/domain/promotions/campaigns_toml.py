"""Campaigns from TOML: a carrier defines a campaign as data (F-PRO-1, F-PRO-3).

The shape (``unicom_core/promotions_data/festival_517.toml`` is the shipped example)::

    [[campaign]]
    code = "festival-517"
    name = "517 感恩节"
    starts = 2016-05-17T00:00:00      # Beijing time when no offset is given
    ends = 2016-06-01T00:00:00        # exclusive
    channels = ["online_hall", "mobile_hall"]
    quota = 10000                     # optional: no quota
    joining_fee = "0"                 # optional, in yuan: "9.90"

    [campaign.eligibility]            # optional table, every key optional
    existing_users_only = true
    min_network_age_months = 6
    generations = ["3g", "4g"]
    not_in_arrears = true

    [[campaign.plan_discount]]
    rate = "50%"
    until = 2020-06-30
    plans = ["4g-national-76"]        # optional: any plan

    [[campaign.top_up_discount]]
    rate = "10%"
    channel = "mobile_hall"
    until = 2016-05-31                # optional: the campaign's end

    [[campaign.pack_trial]]
    pack = "data-1gb"
    until = 2016-08-31

    [[campaign.entitlement]]
    code = "cloud-storage-1y"
    description = "沃云存储一年会员"

Every problem is :class:`~unicom_core.errors.InvalidInput` ``promotion.toml`` naming the field
(``campaign[0].plan_discount[1].rate``), or the domain's own code for a value a domain class
refuses (``promotion.campaign`` with its field).
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time
from typing import Any, Final

from unicom_core.domain.catalog import Channel
from unicom_core.domain.promotions.campaigns import (
    Benefits,
    Campaign,
    Eligibility,
    Entitlement,
    PackTrial,
    PlanDiscount,
    TopUpDiscount,
)
from unicom_core.domain.promotions.codes import PROMOTION_TOML
from unicom_core.domain.shared import SHANGHAI, Money, Rate
from unicom_core.domain.subscribers import NetworkGeneration
from unicom_core.errors import InvalidInput

__all__ = ["campaigns_from_toml"]

_CAMPAIGN: Final = frozenset(
    {
        "code",
        "name",
        "starts",
        "ends",
        "channels",
        "quota",
        "joining_fee",
        "eligibility",
        "plan_discount",
        "top_up_discount",
        "pack_trial",
        "entitlement",
    }
)
_ELIGIBILITY: Final = frozenset(
    {"existing_users_only", "min_network_age_months", "generations", "not_in_arrears"}
)
_PLAN: Final = frozenset({"rate", "until", "plans"})
_TOP_UP: Final = frozenset({"rate", "channel", "until"})
_PACK: Final = frozenset({"pack", "until"})
_ENTITLEMENT: Final = frozenset({"code", "description"})


def _fail(field: str, why: str) -> InvalidInput:
    return PROMOTION_TOML.error(f"the campaign file is invalid at {field}: {why}", field=field)


def _known(where: str, table: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise _fail(f"{where}.{min(unknown)}", "unknown field")


def _required(where: str, table: dict[str, Any], key: str) -> Any:  # noqa: ANN401 - TOML value
    if key not in table:
        raise _fail(f"{where}.{key}", "missing")
    return table[key]


def _tables(where: str, table: dict[str, Any], key: str) -> list[dict[str, Any]]:
    values = table.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
        raise _fail(f"{where}.{key}", f"write [[{key}]] tables")
    return values


def _instant(field: str, value: object) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=SHANGHAI)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=SHANGHAI)
    raise _fail(field, "a TOML date-time such as 2016-05-17T00:00:00")


def _day(field: str, value: object) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise _fail(field, "a TOML date such as 2020-06-30")


def _rate(field: str, value: object) -> Rate:
    text = value if isinstance(value, str) else ""
    if not text.endswith("%"):
        raise _fail(field, 'a percentage such as "50%"')
    try:
        return Rate.percent(text[:-1].strip())
    except InvalidInput:
        raise _fail(field, 'a percentage such as "50%"') from None


def _enum(field: str, kind: type[Channel | NetworkGeneration], value: object) -> Any:  # noqa: ANN401
    try:
        return kind(value)
    except ValueError:
        names = ", ".join(m.value for m in kind)
        raise _fail(field, f"one of {names}") from None


def _strings(field: str, value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(field, "a list of strings")
    return value


def _eligibility(where: str, table: object) -> Eligibility:
    if not isinstance(table, dict):
        raise _fail(where, "write a [campaign.eligibility] table")
    _known(where, table, _ELIGIBILITY)
    generations = [
        _enum(f"{where}.generations", NetworkGeneration, g)
        for g in _strings(f"{where}.generations", table.get("generations", []))
    ]
    return Eligibility(
        existing_users_only=table.get("existing_users_only", False),
        min_network_age_months=table.get("min_network_age_months", 0),
        generations=tuple(generations),
        not_in_arrears=table.get("not_in_arrears", True),
    )


def _benefits(where: str, table: dict[str, Any]) -> Benefits:
    plans, top_ups, packs, entitlements = [], [], [], []
    for n, item in enumerate(_tables(where, table, "plan_discount")):
        at = f"{where}.plan_discount[{n}]"
        _known(at, item, _PLAN)
        plans.append(
            PlanDiscount(
                _rate(f"{at}.rate", _required(at, item, "rate")),
                _day(f"{at}.until", _required(at, item, "until")),
                tuple(_strings(f"{at}.plans", item.get("plans", []))),
            )
        )
    for n, item in enumerate(_tables(where, table, "top_up_discount")):
        at = f"{where}.top_up_discount[{n}]"
        _known(at, item, _TOP_UP)
        until = item.get("until")
        top_ups.append(
            TopUpDiscount(
                _rate(f"{at}.rate", _required(at, item, "rate")),
                _enum(f"{at}.channel", Channel, _required(at, item, "channel")),
                None if until is None else _day(f"{at}.until", until),
            )
        )
    for n, item in enumerate(_tables(where, table, "pack_trial")):
        at = f"{where}.pack_trial[{n}]"
        _known(at, item, _PACK)
        until = _day(f"{at}.until", _required(at, item, "until"))
        packs.append(PackTrial(_required(at, item, "pack"), until))
    for n, item in enumerate(_tables(where, table, "entitlement")):
        at = f"{where}.entitlement[{n}]"
        _known(at, item, _ENTITLEMENT)
        entitlements.append(
            Entitlement(_required(at, item, "code"), _required(at, item, "description"))
        )
    return Benefits(tuple(plans), tuple(top_ups), tuple(packs), tuple(entitlements))


def _fee(field: str, value: object) -> Money:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise _fail(field, 'an amount in yuan such as "9.90"')
    try:
        return Money.of_yuan(value)
    except InvalidInput:
        raise _fail(field, 'an amount in yuan such as "9.90"') from None


def _campaign(where: str, table: dict[str, Any]) -> Campaign:
    _known(where, table, _CAMPAIGN)
    channels = [
        _enum(f"{where}.channels", Channel, c)
        for c in _strings(f"{where}.channels", _required(where, table, "channels"))
    ]
    return Campaign(
        code=_required(where, table, "code"),
        name=_required(where, table, "name"),
        starts=_instant(f"{where}.starts", _required(where, table, "starts")),
        ends=_instant(f"{where}.ends", _required(where, table, "ends")),
        channels=tuple(channels),
        benefits=_benefits(where, table),
        eligibility=_eligibility(f"{where}.eligibility", table.get("eligibility", {})),
        quota=table.get("quota"),
        joining_fee=_fee(f"{where}.joining_fee", table.get("joining_fee", "0")),
    )


def campaigns_from_toml(text: str) -> tuple[Campaign, ...]:
    """The campaigns (DRAFT) a TOML text defines, in file order (module docstring).

    Raises:
        InvalidInput: ``promotion.toml`` naming the field, or ``promotion.campaign`` (and
            ``catalog.code`` / ``catalog.name``) for a value the domain refuses.
    """
    if not isinstance(text, str):
        raise _fail("text", "a TOML text")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _fail("text", str(error)) from None
    unknown = set(data) - {"campaign"}
    if unknown:
        raise _fail(min(unknown), "unknown field")
    tables = _tables("file", data, "campaign")
    campaigns = tuple(_campaign(f"campaign[{n}]", table) for n, table in enumerate(tables))
    codes = [c.code for c in campaigns]
    if len(set(codes)) != len(codes):
        raise _fail("campaign.code", "a code appears once in a file")
    return campaigns
