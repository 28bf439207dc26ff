"""F-AUTH-5, F-AUTH-6: capabilities as data, the policy table, one authorize, ownership."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.access import (
    CAPABILITIES,
    DEFAULT_POLICY,
    RANDOM_PASSWORD_CAPABILITIES,
    Capability,
    CredentialKind,
    Grant,
    PolicyTable,
    authorize,
)
from unicom_core.errors import InvalidInput, NotFound, Refused
from unicom_core.testing.strategies.access import (
    capabilities,
    credential_kinds,
    grants,
    policy_tables,
)

# F-AUTH-5, written out from the mission independently of the module's constants.
F_AUTH_5 = {
    "query.bill",
    "query.balance",
    "query.points",
    "query.profile",
    "pay",
    "top_up",
    "support.chat",
}
DETAIL = ["query.detail.voice", "query.detail.sms", "query.detail.vas", "query.detail.data"]
DETAIL += ["query.detail.wlan", "query.detail.internet"]


@attrs.frozen
class FakeSession:
    kind: CredentialKind
    customer_id: str = "c-1"


@attrs.frozen
class FakeSubject:
    customer_id: str


def model_grants(table: dict[str, list[str]], kind: CredentialKind, name: str) -> bool:
    """An independent reading of the table: exact names, ``x.*`` prefixes and ``*``."""
    for pattern in table.get(kind.value, []):
        if pattern in ("*", name):
            return True
        if pattern.endswith(".*") and name.startswith(pattern[:-1]):
            return True
    return False


def test_f_auth_5_the_default_random_password_row_is_exactly_the_mission_list():
    granted = DEFAULT_POLICY.capabilities_of(CredentialKind.RANDOM_PASSWORD)
    assert {c.name for c in granted} == F_AUTH_5
    assert {c.name for c in RANDOM_PASSWORD_CAPABILITIES} == F_AUTH_5


def test_f_auth_5_by_default_a_third_party_session_is_limited_like_a_random_password():
    third = DEFAULT_POLICY.capabilities_of(CredentialKind.THIRD_PARTY)
    assert {c.name for c in third} == F_AUTH_5


def test_f_auth_5_a_service_password_session_gets_every_capability():
    assert DEFAULT_POLICY.capabilities_of(CredentialKind.SERVICE_PASSWORD) == set(CAPABILITIES)
    assert DEFAULT_POLICY.grants(CredentialKind.SERVICE_PASSWORD, Capability("carrier.new_thing"))


@pytest.mark.parametrize("name", [*DETAIL, "handle.plan_change", "handle.roaming", "handle.wlan"])
def test_f_auth_5_a_random_password_session_is_refused_details_and_handling(name):
    with pytest.raises(Refused) as caught:
        authorize(FakeSession(CredentialKind.RANDOM_PASSWORD), Capability(name), FakeSubject("c-1"))
    assert caught.value.code == "access.capability_missing"
    assert caught.value.data == {"capability": name, "credential": "random_password"}
    assert name in caught.value.message


@given(credential_kinds(), capabilities())
def test_f_auth_6_authorize_matches_the_default_table_for_every_kind_and_capability(kind, cap):
    table = DEFAULT_POLICY.to_mapping()
    allowed = model_grants(table, kind, cap.name)
    session = FakeSession(kind)
    if allowed:
        authorize(session, cap, FakeSubject("c-1"))
    else:
        with pytest.raises(Refused) as caught:
            authorize(session, cap, FakeSubject("c-1"))
        assert caught.value.data["capability"] == cap.name


@given(policy_tables(), credential_kinds(), capabilities())
def test_f_auth_6_authorize_matches_any_valid_table(table, kind, cap):
    allowed = model_grants(table.to_mapping(), kind, cap.name)
    assert table.grants(kind, cap) == allowed
    if allowed:
        authorize(FakeSession(kind), cap, FakeSubject("c-1"), policy=table)
    else:
        with pytest.raises(Refused) as caught:
            authorize(FakeSession(kind), cap, FakeSubject("c-1"), policy=table)
        assert caught.value.code == "access.capability_missing"


@given(policy_tables(), capabilities())
def test_f_auth_5_no_valid_table_lets_a_random_password_reach_details_or_handling(table, cap):
    if cap.name.startswith(("query.detail.", "handle.")):
        assert not table.grants(CredentialKind.RANDOM_PASSWORD, cap)


@pytest.mark.parametrize("pattern", ["*", "query.*", "query.detail.*", "query.detail.voice"])
def test_f_auth_5_a_table_granting_a_random_password_details_is_refused(pattern):
    with pytest.raises(InvalidInput) as caught:
        DEFAULT_POLICY.with_row(CredentialKind.RANDOM_PASSWORD, pattern)
    assert caught.value.code == "permissions.forbidden_grant"


@pytest.mark.parametrize("pattern", ["handle.*", "handle.roaming"])
def test_f_auth_5_a_table_granting_a_random_password_handling_is_refused(pattern):
    with pytest.raises(InvalidInput) as caught:
        PolicyTable.from_mapping({"random_password": ["query.bill", pattern]})
    assert caught.value.data["forbidden"] == "handle.*"


def test_f_auth_6_third_party_is_whatever_the_configuration_says():
    table = DEFAULT_POLICY.with_row(CredentialKind.THIRD_PARTY, "query.*", "handle.roaming")
    session = FakeSession(CredentialKind.THIRD_PARTY)
    authorize(session, Capability("query.detail.voice"), FakeSubject("c-1"), policy=table)
    authorize(session, Capability("handle.roaming"), FakeSubject("c-1"), policy=table)
    with pytest.raises(Refused):
        authorize(session, Capability("pay"), FakeSubject("c-1"), policy=table)


def test_f_auth_6_a_kind_missing_from_the_table_grants_nothing():
    table = PolicyTable.from_mapping({"service_password": ["*"]})
    with pytest.raises(Refused):
        authorize(
            FakeSession(CredentialKind.THIRD_PARTY), Capability("query.bill"), None, policy=table
        )


def test_f_auth_6_another_customers_number_is_refused_exactly_like_an_unknown_one():
    session = FakeSession(CredentialKind.SERVICE_PASSWORD, customer_id="c-1")
    with pytest.raises(NotFound) as unknown:
        authorize(session, Capability("query.bill"), None)
    with pytest.raises(NotFound) as foreign:
        authorize(session, Capability("query.bill"), FakeSubject("c-2"))
    assert repr(unknown.value) == repr(foreign.value)
    assert unknown.value.code == "access.unknown_number"


@given(st.sampled_from([None, FakeSubject("c-2"), FakeSubject("c-1")]))
def test_f_auth_6_the_capability_is_checked_before_the_subject(subject):
    with pytest.raises(Refused) as caught:
        authorize(FakeSession(CredentialKind.RANDOM_PASSWORD), Capability("handle.wlan"), subject)
    assert caught.value.code == "access.capability_missing"


@given(policy_tables())
def test_f_auth_6_a_table_survives_its_plain_data(table):
    assert PolicyTable.from_mapping(table.to_mapping()) == table


@given(grants(), capabilities())
def test_f_auth_6_a_grant_overlaps_a_grant_that_covers_one_of_its_capabilities(grant, cap):
    exact = Grant(cap.name)
    if grant.matches(cap):
        assert grant.overlaps(exact)
        assert exact.overlaps(grant)


@pytest.mark.parametrize("name", ["", "Query.bill", "query..bill", "query.bill.", "1query", None])
def test_f_auth_6_capability_names_are_dotted_lower_case_words(name):
    with pytest.raises(InvalidInput) as caught:
        Capability(name)
    assert caught.value.code == "permissions.capability"


@pytest.mark.parametrize("pattern", ["**", "query*", "*.bill", "query.*.voice", ""])
def test_f_auth_6_bad_grants_are_refused(pattern):
    with pytest.raises(InvalidInput) as caught:
        Grant(pattern)
    assert caught.value.code == "permissions.grant"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"root": ["*"]}, "permissions.kind"),
        ({"service_password": "*"}, "permissions.grant"),
        (["service_password"], "permissions.table"),
    ],
)
def test_f_auth_6_bad_table_data_is_refused(data, code):
    with pytest.raises(InvalidInput) as caught:
        PolicyTable.from_mapping(data)
    assert caught.value.code == code


def test_f_auth_6_table_rows_must_be_kinds_and_grants():
    with pytest.raises(InvalidInput):
        PolicyTable({"service_password": (Grant("*"),)})  # type: ignore[dict-item]
    with pytest.raises(InvalidInput):
        PolicyTable({CredentialKind.SERVICE_PASSWORD: ("*",)})  # type: ignore[dict-item]
    with pytest.raises(InvalidInput):
        PolicyTable([])  # type: ignore[arg-type]


def test_f_auth_6_capabilities_and_grants_read_as_their_names():
    assert str(Capability("query.bill")) == "query.bill"
    assert str(Grant("handle.*")) == "handle.*"
    assert Grant("query.bill").prefix is None
    assert Grant("*").prefix == ""


@given(credential_kinds(), capabilities())
def test_f_auth_5_a_refusal_says_the_same_each_time_and_owns_its_data(kind, cap):
    """The refusal's message is built once per kind and capability: the same words each time."""
    empty = PolicyTable({})
    refusals = []
    for _ in range(2):
        with pytest.raises(Refused) as caught:
            authorize(FakeSession(kind), cap, FakeSubject("c-1"), policy=empty)
        refusals.append(caught.value)
    first, second = refusals
    spoken = kind.value.replace("_", " ")
    expected = (
        f"a session opened with a {spoken} may not use {cap.name}; log in with the service password"
    )
    assert type(first) is type(second) is Refused
    assert first.message == second.message == expected
    assert first.data == second.data == {"capability": cap.name, "credential": kind.value}
    assert first is not second
    assert first.args == second.args == ("access.capability_missing", expected)
