"""Permission rules as data: capabilities, credential kinds, the policy table (F-AUTH-5, F-AUTH-6).

A session carries the :class:`CredentialKind` it was opened with. The :class:`PolicyTable`
maps each kind to grants: exact capability names (``query.bill``), prefix patterns
(``handle.*``) or everything (``*``). One function, :func:`authorize`, decides every use case:
it raises :class:`~unicom_core.errors.Refused` ``access.capability_missing`` naming the
missing capability, and :class:`~unicom_core.errors.NotFound` ``access.unknown_number`` when
the subject is unknown *or belongs to another customer*, with the very same code, message and
data, so no caller can probe which numbers exist (F-AUTH-6).

F-AUTH-5 is an invariant of every table, not only of the default one: a table whose
random-password row overlaps ``query.detail.*`` or ``handle.*`` is refused when it is built
(``permissions.forbidden_grant``), so no configuration lets a random-password session reach a
detailed record or a business handling.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Protocol

import attrs

from unicom_core.domain.access.codes import (
    ACCESS_CAPABILITY_MISSING,
    ACCESS_UNKNOWN_NUMBER,
    PERMISSIONS_CAPABILITY,
    PERMISSIONS_FORBIDDEN_GRANT,
    PERMISSIONS_GRANT,
    PERMISSIONS_KIND,
    PERMISSIONS_TABLE,
)
from unicom_core.domain.access.grants import Grant
from unicom_core.errors import Refused

if TYPE_CHECKING:
    from collections.abc import Iterable

    from attrs import Attribute

    from unicom_core.errors import NotFound

__all__ = [
    "AUDIT_READ",
    "BALANCE_ADJUST",
    "CAPABILITIES",
    "DEFAULT_POLICY",
    "FORBIDDEN_FOR_RANDOM_PASSWORD",
    "GROWTH_CLAIM",
    "HUBS_SUBSCRIBE",
    "METRICS_READ",
    "NUMBER_RESERVE",
    "OPERATOR_ONLY",
    "OPERATOR_SCOPES",
    "PAY",
    "PAYMENTS_RECORD",
    "PROMOTIONS_MANAGE",
    "PROMOTION_JOIN",
    "QUERY_BALANCE",
    "QUERY_BILL",
    "QUERY_GROWTH",
    "QUERY_POINTS",
    "QUERY_PROFILE",
    "QUERY_PROMOTIONS",
    "RANDOM_PASSWORD_CAPABILITIES",
    "SUPPORT_CHAT",
    "TOP_UP",
    "USAGE_INGEST",
    "Capability",
    "CredentialKind",
    "Owned",
    "PolicyTable",
    "Principal",
    "authorize",
    "unknown_number",
]

_NAME = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*")


class CredentialKind(enum.Enum):
    """How a session was opened: service password, random password or a third party (F-AUTH-2)."""

    SERVICE_PASSWORD = "service_password"  # noqa: S105 - a kind's name, not a password
    RANDOM_PASSWORD = "random_password"  # noqa: S105 - idem
    THIRD_PARTY = "third_party"

    # Members are singletons compared by identity: hash them so too (C, not Enum's Python
    # ``hash(self._name_)``), since every ``authorize`` looks a kind up.
    __hash__ = object.__hash__


def _check_name(_instance: object, _attribute: Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _NAME.fullmatch(value):
        raise PERMISSIONS_CAPABILITY.error(
            f"a capability is dotted lower-case words such as query.bill, not {value!r}",
            field="capability",
        )


@attrs.frozen(slots=True)
class Capability:
    """Something a session may do, named by dotted words: ``query.detail.voice`` (F-AUTH-6)."""

    name: str = attrs.field(validator=_check_name)

    def __str__(self) -> str:
        return self.name


QUERY_BILL: Final = Capability("query.bill")
QUERY_BALANCE: Final = Capability("query.balance")
QUERY_POINTS: Final = Capability("query.points")
QUERY_PROFILE: Final = Capability("query.profile")
PAY: Final = Capability("pay")
TOP_UP: Final = Capability("top_up")
SUPPORT_CHAT: Final = Capability("support.chat")
NUMBER_RESERVE: Final = Capability("number.reserve")
"""Reserve a number of the pool for a later purchase (F-NUM-3); not in F-AUTH-5's list."""
HUBS_SUBSCRIBE: Final = Capability("operator.hubs.subscribe")
"""Register, remove and reactivate TMF event listeners (``POST {api}/hub``): operators only."""
PROMOTION_JOIN: Final = Capability("handle.promotion")
"""Join or cancel a campaign (F-PRO-1): a business handling, never by a random password."""
QUERY_PROMOTIONS: Final = Capability("query.promotions")
"""See the campaigns offered with this number's eligibility, and its participations (F-PRO-1)."""
QUERY_GROWTH: Final = Capability("query.growth")
"""See the growth game's tree and the history of its points (F-PRO-4)."""
GROWTH_CLAIM: Final = Capability("promotion.claim")
"""Claim a reward of the growth game (F-PRO-4): not by a random password (F-AUTH-5)."""
AUDIT_READ: Final = Capability("operator.audit.read")
"""Read the operators' audit log (scope ``audit.read``; F-AUTH-6)."""
PROMOTIONS_MANAGE: Final = Capability("operator.promotions.manage")
"""Define, publish, end campaigns, issue entitlements, run draws (``promotions.manage``)."""
CATALOG_PUBLISH: Final = Capability("operator.catalog.publish")
"""Draft, publish and discard the next catalogue revision (scope ``catalog.publish``, F-SHOP-4)."""
METRICS_READ: Final = Capability("operator.metrics.read")
"""Read the campaign metrics report and ``/metrics`` (scope ``metrics.read``; F-PRO-5)."""
USAGE_INGEST: Final = Capability("operator.usage.ingest")
"""Post usage records one by one (TMF635 ``POST usage``; ``usage.ingest`` or ``tmf.write``)."""
BALANCE_ADJUST: Final = Capability("operator.balance.adjust")
"""Credit or debit an account with a reason (TMF654 ``adjustBalance``; ``balance.adjust``)."""
PAYMENTS_RECORD: Final = Capability("operator.payments.record")
"""Record a payment taken elsewhere (TMF676 ``POST payment``; ``payments.record``)."""

#: Exactly what F-AUTH-5 lets a random-password session do.
RANDOM_PASSWORD_CAPABILITIES: Final = (
    QUERY_BILL,
    QUERY_BALANCE,
    QUERY_POINTS,
    QUERY_PROFILE,
    PAY,
    TOP_UP,
    SUPPORT_CHAT,
)

_OTHER_NAMES = (
    # Queries (F-QRY): usage, detailed records, handled business, documents.
    "query.usage query.detail.voice query.detail.sms query.detail.vas query.detail.data "
    "query.detail.wlan query.detail.internet query.business_records query.invoice "
    "query.acceptance_form query.realname query.orders query.auto_debit "
    # Documents, points, payments (F-QRY-6, F-QRY-4, F-PAY).
    "invoice.issue points.redeem recharge_card.redeem "
    # Business handling (办理, F-BIZ, F-BUN, F-REAL-2, F-PAY-2, F-NUM, F-SHOP).
    "handle.call_settings handle.call_forwarding handle.network_age_upgrade "
    "handle.optional_packs handle.data_pack handle.switch_4g handle.plan_change "
    "handle.primary_number handle.upgrade_4g handle.roaming handle.wlan handle.credit_limit "
    "handle.bundle handle.realname handle.auto_debit handle.number_purchase handle.order "
    # Account security (F-AUTH-3, F-AUTH-1).
    "account.bind_third_party account.login_email"
)

#: Every capability the library itself checks; a carrier may add its own names.
CAPABILITIES: Final = (
    *RANDOM_PASSWORD_CAPABILITIES,
    *(Capability(name) for name in _OTHER_NAMES.split()),
    NUMBER_RESERVE,
    PROMOTION_JOIN,
    QUERY_PROMOTIONS,
    QUERY_GROWTH,
    GROWTH_CLAIM,
)


#: Operator scopes (OAuth 2.0 ``scope`` values, F-AUTH-6) and the capabilities each grants.
#: ``operator.*`` capabilities belong to operators alone: no subscriber session gets them,
#: whatever its policy row says (not even ``*``).
OPERATOR_SCOPES: Final[Mapping[str, tuple[Grant, ...]]] = MappingProxyType(
    {
        scope: tuple(Grant(pattern) for pattern in patterns.split())
        for scope, patterns in {
            "tmf.read": "query.* operator.numbers operator.hubs.subscribe",
            "tmf.write": "pay top_up operator.usage.ingest",
            "usage.ingest": "operator.usage.ingest",
            "billing.run": "operator.billing.run",
            "catalog.publish": "operator.catalog.publish",
            "cards.issue": "operator.cards.issue",
            "subscribers.enrol": "operator.subscribers.enrol",
            "payments.record": "operator.payments.record",
            "balance.adjust": "operator.balance.adjust",
            "promotions.manage": "operator.promotions.manage",
            "audit.read": "operator.audit.read",
            "metrics.read": "operator.metrics.read",
        }.items()
    }
)
OPERATOR_ONLY: Final = Grant("operator.*")

#: What no random-password row may ever grant (F-AUTH-5): detailed records, any handling,
#: spending points (a redemption is a handling of its own capability, F-QRY-4).
FORBIDDEN_FOR_RANDOM_PASSWORD: Final = (
    Grant("query.detail.*"),
    Grant("handle.*"),
    Grant("points.redeem"),
)

Rows = Mapping[CredentialKind, tuple[Grant, ...]]
_MOST_VERDICTS: Final = 4096
"""Capability names are the library's and a carrier's own, a bounded set; bounded anyway."""
_NOTHING: tuple[frozenset[str], tuple[str, ...]] = (frozenset(), ())


def _freeze_rows(rows: Mapping[CredentialKind, Iterable[Grant]]) -> Rows:
    if not isinstance(rows, Mapping):
        raise PERMISSIONS_TABLE.error()
    frozen: dict[CredentialKind, tuple[Grant, ...]] = {}
    for kind, grants in rows.items():
        if not isinstance(kind, CredentialKind):
            raise PERMISSIONS_KIND.error(f"not a credential kind: {kind!r}", field="kind")
        row = tuple(grants)
        if not all(isinstance(grant, Grant) for grant in row):
            raise PERMISSIONS_GRANT.error()
        frozen[kind] = row
    return MappingProxyType(frozen)


def _check_rows(_instance: object, _attribute: Attribute[Rows], rows: Rows) -> None:
    for grant in rows.get(CredentialKind.RANDOM_PASSWORD, ()):
        for forbidden in FORBIDDEN_FOR_RANDOM_PASSWORD:
            if grant.overlaps(forbidden):
                raise PERMISSIONS_FORBIDDEN_GRANT.error(
                    f"a random-password session may not be granted {grant} (F-AUTH-5: no "
                    f"detailed records, no business handling)",
                    grant=grant.pattern,
                    forbidden=forbidden.pattern,
                )


@attrs.frozen(slots=True)
class PolicyTable:
    """Which capabilities each credential kind grants, as data (F-AUTH-5, F-AUTH-6).

    A kind missing from the table grants nothing. Build one from plain data (a carrier's
    JSON or TOML) with :meth:`from_mapping`; :meth:`to_mapping` gives that data back.
    """

    rows: Rows = attrs.field(converter=_freeze_rows, validator=_check_rows, hash=False)
    _compiled: Mapping[CredentialKind, tuple[frozenset[str], tuple[str, ...]]] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    verdicts: dict[tuple[CredentialKind, str], Callable[[], Refused] | None] = attrs.field(
        init=False, factory=dict, eq=False, hash=False, repr=False
    )
    """What :meth:`verdict` said per (kind, capability name), for :func:`authorize`."""

    def __attrs_post_init__(self) -> None:
        """Compile each row to exact names and a prefix tuple: one set and one startswith."""
        compiled = {
            kind: (
                frozenset(g.pattern for g in grants if g.prefix is None),
                tuple(g.prefix for g in grants if g.prefix is not None),
            )
            for kind, grants in self.rows.items()
        }
        object.__setattr__(self, "_compiled", MappingProxyType(compiled))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Iterable[str]]) -> PolicyTable:
        """Read ``{"service_password": ["*"], "random_password": ["query.bill", ...]}``."""
        if not isinstance(data, Mapping):
            raise PERMISSIONS_TABLE.error("a policy table is a mapping of rows")
        rows: dict[CredentialKind, tuple[Grant, ...]] = {}
        for kind_name, patterns in data.items():
            try:
                kind = CredentialKind(kind_name)
            except ValueError:
                raise PERMISSIONS_KIND.error(
                    f"unknown credential kind {kind_name!r}; choose one of "
                    + ", ".join(k.value for k in CredentialKind),
                    field="kind",
                ) from None
            if isinstance(patterns, str):
                raise PERMISSIONS_GRANT.error("a policy row is a list of grants")
            rows[kind] = tuple(Grant(pattern) for pattern in patterns)
        return cls(rows)

    def to_mapping(self) -> dict[str, list[str]]:
        """The table as plain data, the shape :meth:`from_mapping` reads."""
        return {kind.value: [g.pattern for g in grants] for kind, grants in self.rows.items()}

    def grants(self, kind: CredentialKind, capability: Capability) -> bool:
        """Whether a session of ``kind`` may use ``capability``."""
        exact, prefixes = self._compiled.get(kind, _NOTHING)
        return capability.name in exact or capability.name.startswith(prefixes)

    def verdict(self, kind: CredentialKind, capability: Capability) -> Callable[[], Refused] | None:
        """None when ``kind`` may use ``capability``, else the maker of its refusal.

        Operator capabilities are refused to every kind. Remembered in :attr:`verdicts`
        (the table is immutable), so the next :func:`authorize` is one look-up and the
        refusal's message and data are made once (``ErrorCode.maker``).
        """
        found = None
        if OPERATOR_ONLY.matches(capability) or not self.grants(kind, capability):
            spoken, name = kind.value.replace("_", " "), capability.name
            message = f"a session opened with a {spoken} may not use {name}; log in with the "
            found = ACCESS_CAPABILITY_MISSING.maker(
                message + "service password", capability=name, credential=kind.value
            )
        if len(self.verdicts) < _MOST_VERDICTS:
            self.verdicts[kind, capability.name] = found
        return found

    def capabilities_of(
        self, kind: CredentialKind, known: Iterable[Capability] = CAPABILITIES
    ) -> frozenset[Capability]:
        """The capabilities among ``known`` that ``kind`` grants (for menus and docs)."""
        return frozenset(capability for capability in known if self.grants(kind, capability))

    def with_row(self, kind: CredentialKind, *patterns: str) -> PolicyTable:
        """A copy of the table with the row of ``kind`` replaced by ``patterns``."""
        return PolicyTable({**self.rows, kind: tuple(Grant(p) for p in patterns)})


_RANDOM_ROW = tuple(Grant(capability.name) for capability in RANDOM_PASSWORD_CAPABILITIES)

#: The default table: service password grants everything; random password and third party
#: grant exactly the F-AUTH-5 list.
DEFAULT_POLICY: Final = PolicyTable(
    {
        CredentialKind.SERVICE_PASSWORD: (Grant("*"),),
        CredentialKind.RANDOM_PASSWORD: _RANDOM_ROW,
        CredentialKind.THIRD_PARTY: _RANDOM_ROW,
    }
)


class Principal(Protocol):
    """Who acts: a session's credential kind and the customer it belongs to (F-AUTH-6)."""

    @property
    def kind(self) -> CredentialKind:
        """How the session was opened."""
        ...

    @property
    def customer_id(self) -> str:
        """The customer whose numbers the session may act on."""
        ...


class Owned(Protocol):
    """Something that belongs to one customer: a subscriber, an account (F-AUTH-6)."""

    @property
    def customer_id(self) -> str:
        """The owning customer."""
        ...


def unknown_number() -> NotFound:
    """The one answer for an unknown number and for another customer's number (F-AUTH-6)."""
    return ACCESS_UNKNOWN_NUMBER.error()


def authorize(
    session: Principal,
    capability: Capability,
    subject: Owned | None,
    *,
    policy: PolicyTable = DEFAULT_POLICY,
) -> None:
    """Allow ``session`` to use ``capability`` on ``subject``, or raise (F-AUTH-5, F-AUTH-6).

    ``subject`` is what the use case acts on (the subscriber of the number asked for), or
    None when the number asked for is unknown. The capability is checked first, so the
    answer to a capability the session lacks never depends on whether the number exists.

    Raises:
        Refused: ``access.capability_missing``, data ``capability`` and ``credential``.
        NotFound: ``access.unknown_number`` for an unknown number or another customer's.
    """
    name = capability.name
    try:
        refusal = policy.verdicts[session.kind, name]
    except KeyError:
        refusal = policy.verdict(session.kind, capability)
    if refusal is not None:  # its message and data made once per kind and capability (F-AUTH-5)
        raise refusal()
    if subject is None or subject.customer_id != session.customer_id:
        raise unknown_number()
