"""Hypothesis strategies for the way in: capabilities, policy tables, passwords, sessions.

Re-exported by :mod:`unicom_core.testing.strategies`. :func:`policy_tables` draws only valid
tables (F-AUTH-5 holds in each), so a carrier can property-test its own table loader.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from unicom_core.domain.access import (
    CAPABILITIES,
    FORBIDDEN_FOR_RANDOM_PASSWORD,
    AttemptScope,
    Capability,
    CodePolicy,
    CredentialKind,
    Grant,
    LockoutPolicy,
    LoginAttempts,
    LoginCredential,
    PolicyTable,
    ServicePassword,
    Session,
    SessionPolicy,
    ThirdParty,
    ThirdPartyBinding,
    attempts_id,
    binding_id,
)
from unicom_core.testing.strategies.calendar import shanghai_instants
from unicom_core.testing.strategies.identity import email_addresses
from unicom_core.testing.strategies.subscribers import aggregate_ids

if TYPE_CHECKING:
    from unicom_core.domain.shared import EmailAddress

__all__ = [
    "capabilities",
    "client_ids",
    "code_policies",
    "credential_kinds",
    "grants",
    "lockout_policies",
    "login_attempts",
    "login_credentials",
    "password_hashes",
    "policy_tables",
    "service_passwords",
    "session_policies",
    "sessions",
    "third_party_bindings",
]

_WORD = st.text(string.ascii_lowercase, min_size=1, max_size=8)


def _instants() -> st.SearchStrategy[dt.datetime]:
    """Beijing instants from 2000 on, which survive the converter's round trip equal.

    China kept daylight saving until 1991; an instant of its repeated hour compares unequal
    to the same instant at a fixed offset, which is what the converter reads back.
    """
    return shanghai_instants(min_year=2000, max_year=2100)


_MINUTE = dt.timedelta(minutes=1)


def capabilities(*, known_only: bool = False) -> st.SearchStrategy[Capability]:
    """Capabilities: the library's own, and (unless ``known_only``) a carrier's new names."""
    known = st.sampled_from(CAPABILITIES)
    if known_only:
        return known
    invented = st.lists(_WORD, min_size=1, max_size=4).map(
        lambda words: Capability(".".join(words))
    )
    return st.one_of(known, invented)


def credential_kinds() -> st.SearchStrategy[CredentialKind]:
    """The credential kinds a session may be opened with (F-AUTH-2, F-AUTH-3)."""
    return st.sampled_from(CredentialKind)


def grants() -> st.SearchStrategy[Grant]:
    """Policy grants: exact capability names, prefix patterns (``handle.*``) and ``*``."""
    prefixes = capabilities().map(lambda c: c.name.rsplit(".", 1)[0] + ".*")
    return st.one_of(
        capabilities().map(lambda c: Grant(c.name)),
        prefixes.filter(lambda p: p != "*.*").map(Grant),
        st.just(Grant("*")),
    )


def _allowed_for_random(grant: Grant) -> bool:
    return not any(grant.overlaps(forbidden) for forbidden in FORBIDDEN_FOR_RANDOM_PASSWORD)


def policy_tables() -> st.SearchStrategy[PolicyTable]:
    """Valid policy tables: any rows, the random-password one within F-AUTH-5."""
    row = st.lists(grants(), max_size=6).map(tuple)
    random_row = st.lists(grants().filter(_allowed_for_random), max_size=6).map(tuple)
    return st.builds(
        lambda service, rand, third, kinds: PolicyTable(
            {
                kind: grants_of
                for kind, grants_of in (
                    (CredentialKind.SERVICE_PASSWORD, service),
                    (CredentialKind.RANDOM_PASSWORD, rand),
                    (CredentialKind.THIRD_PARTY, third),
                )
                if kind in kinds
            }
        ),
        row,
        random_row,
        row,
        st.sets(credential_kinds()),
    )


def service_passwords() -> st.SearchStrategy[ServicePassword]:
    """Any six-digit service password, weak or strong (F-AUTH-2)."""
    return st.text(string.digits, min_size=6, max_size=6).map(ServicePassword)


def client_ids() -> st.SearchStrategy[str]:
    """Client identifiers as callers pass them: IPv4 and IPv6 addresses, device ids."""
    return st.one_of(st.ip_addresses().map(str), st.uuids().map(str))


def lockout_policies() -> st.SearchStrategy[LockoutPolicy]:
    """Lock-out policies with small counts and windows of minutes to hours (F-AUTH-7)."""
    return st.builds(
        LockoutPolicy,
        captcha_after=st.integers(0, 6),
        lock_after=st.integers(1, 8),
        window=st.integers(1, 120).map(lambda n: n * _MINUTE),
        lock_for=st.integers(1, 240).map(lambda n: n * _MINUTE),
    )


def code_policies() -> st.SearchStrategy[CodePolicy]:
    """Random-password policies (F-AUTH-7)."""
    return st.builds(
        CodePolicy,
        length=st.integers(4, 8),
        valid_for=st.integers(1, 30).map(lambda n: n * _MINUTE),
        resend_after=st.integers(1, 5).map(lambda n: n * _MINUTE),
        daily_limit=st.integers(1, 20),
        daily_window=st.integers(1, 48).map(lambda n: n * 60 * _MINUTE),
    )


def session_policies() -> st.SearchStrategy[SessionPolicy]:
    """Session lifetimes: idle minutes, absolute hours (F-AUTH-7)."""
    return st.builds(
        SessionPolicy,
        idle=st.integers(1, 120).map(lambda n: n * _MINUTE),
        absolute=st.integers(1, 48).map(lambda n: n * 60 * _MINUTE),
        touch_every=st.integers(1, 5).map(lambda n: n * _MINUTE),
    )


def password_hashes() -> st.SearchStrategy[str]:
    """Opaque hash strings as a hasher would store them (not real hashes)."""
    return st.text(string.ascii_letters + string.digits + "$=+/", min_size=16, max_size=96)


def sessions(
    kind: CredentialKind | None = None, customer_id: str | None = None
) -> st.SearchStrategy[Session]:
    """New sessions (version 0), opened and last seen at one instant (F-AUTH-7)."""
    return st.builds(
        lambda digest, subscriber, customer, chosen, at, epoch: Session(
            id=digest,
            subscriber_id=subscriber,
            customer_id=customer,
            kind=chosen,
            opened_at=at,
            last_seen_at=at,
            epoch=epoch,
        ),
        st.binary(min_size=32, max_size=32).map(bytes.hex),
        aggregate_ids(),
        st.just(customer_id) if customer_id is not None else aggregate_ids(),
        st.just(kind) if kind is not None else credential_kinds(),
        _instants(),
        st.integers(0, 5),
    )


def login_credentials() -> st.SearchStrategy[LoginCredential]:
    """New credentials (version 0), initial or not, with or without a login e-mail."""
    emails: st.SearchStrategy[EmailAddress | None] = st.none() | email_addresses()
    return st.builds(
        LoginCredential,
        id=aggregate_ids(),
        password_hash=password_hashes(),
        changed_at=_instants(),
        initial=st.booleans(),
        epoch=st.integers(0, 5),
        email=emails,
    )


def login_attempts() -> st.SearchStrategy[LoginAttempts]:
    """New failure counters with a few failures and maybe a lock (F-AUTH-7)."""
    return st.builds(
        lambda scope, key, failures, locked: LoginAttempts(
            attempts_id(scope, key), scope, tuple(sorted(failures)), locked
        ),
        st.sampled_from(AttemptScope),
        st.text(min_size=1, max_size=20),
        st.lists(_instants(), max_size=5),
        st.none() | _instants(),
    )


def third_party_bindings() -> st.SearchStrategy[ThirdPartyBinding]:
    """New QQ/Weibo binding records, bound or not (F-AUTH-3)."""

    def build(
        provider: ThirdParty, subscriber: str, subject: str | None, at: dt.datetime
    ) -> ThirdPartyBinding:
        return ThirdPartyBinding(
            binding_id(provider, subscriber),
            subscriber,
            provider,
            subject,
            at if subject is not None else None,
        )

    subjects = st.none() | st.text(string.ascii_letters + string.digits, min_size=1, max_size=40)
    return st.builds(build, st.sampled_from(ThirdParty), aggregate_ids(), subjects, _instants())
