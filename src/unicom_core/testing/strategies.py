"""Hypothesis strategies for every public value and aggregate of unicom_core.

Shipped under the ``[testing]`` extra so that a carrier's own integration tests draw from
the same generators as ours::

    from hypothesis import given
    from unicom_core.testing import strategies as ust

    @given(ust.mobile_numbers(), ust.money(min_fen=1))
    def test_top_up(number, amount): ...
"""

from __future__ import annotations

from unicom_core.testing._access_strategies import (
    capabilities,
    client_ids,
    code_policies,
    credential_kinds,
    grants,
    lockout_policies,
    login_attempts,
    login_credentials,
    password_hashes,
    policy_tables,
    service_passwords,
    session_policies,
    sessions,
    third_party_bindings,
)
from unicom_core.testing._billing_strategies import (
    bill_policies,
    bill_runs,
    billing_profiles,
    bills,
    calendar_profiles,
    calendar_settings,
    instants_in,
    pack_holdings,
    usage_entries,
    usage_kinds,
    usage_records,
    usage_totals,
)
from unicom_core.testing._calendar_strategies import (
    aware_instants,
    billing_cycles,
    shanghai_instants,
)
from unicom_core.testing._catalog_strategies import (
    allowances,
    bundles,
    catalog_channels,
    combo_catalogs,
    compositions,
    effective_windows,
    goods,
    invalid_compositions,
    packs,
    plans,
    price_rules,
)
from unicom_core.testing._identity_strategies import (
    broadband_accounts,
    email_addresses,
    first_generation_ids,
    fixed_line_numbers,
    login_identifiers,
    mobile_numbers,
    resident_ids,
)
from unicom_core.testing._money_strategies import money, rates
from unicom_core.testing._subscriber_strategies import (
    account_ids,
    accounts,
    aggregate_ids,
    customer_ids,
    customer_names,
    customers,
    domain_events,
    join_dates,
    plan_codes,
    puk_codes,
    service_numbers,
    subscriber_ids,
    subscribers,
)

__all__ = [
    "account_ids",
    "accounts",
    "aggregate_ids",
    "allowances",
    "aware_instants",
    "bill_policies",
    "bill_runs",
    "billing_cycles",
    "billing_profiles",
    "bills",
    "broadband_accounts",
    "bundles",
    "calendar_profiles",
    "calendar_settings",
    "capabilities",
    "catalog_channels",
    "client_ids",
    "code_policies",
    "combo_catalogs",
    "compositions",
    "credential_kinds",
    "customer_ids",
    "customer_names",
    "customers",
    "domain_events",
    "effective_windows",
    "email_addresses",
    "first_generation_ids",
    "fixed_line_numbers",
    "goods",
    "grants",
    "instants_in",
    "invalid_compositions",
    "join_dates",
    "lockout_policies",
    "login_attempts",
    "login_credentials",
    "login_identifiers",
    "mobile_numbers",
    "money",
    "pack_holdings",
    "packs",
    "password_hashes",
    "plan_codes",
    "plans",
    "policy_tables",
    "price_rules",
    "puk_codes",
    "rates",
    "resident_ids",
    "service_numbers",
    "service_passwords",
    "session_policies",
    "sessions",
    "shanghai_instants",
    "subscriber_ids",
    "subscribers",
    "third_party_bindings",
    "usage_entries",
    "usage_kinds",
    "usage_records",
    "usage_totals",
]
