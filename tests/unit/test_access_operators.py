"""F-AUTH-6: operator clients, the client-credentials grant, the one authorize, the audit log."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.access import (
    OPERATOR_SCOPES,
    Capability,
    CredentialKind,
    Grant,
    OperatorPrincipal,
    PolicyTable,
    authorize,
)
from unicom_core.domain.shared import LoginType, MobileNumber, Money
from unicom_core.domain.subscribers import Account, AccountId, Subscriber
from unicom_core.errors import InvalidInput, NotFound, Refused
from unicom_core.testing.worlds.access import AccessWorld

MOBILE, OTHER = "18612345678", "18612340000"
BILL = Capability("query.bill")
AUDIT = Capability("operator.audit.read")
SCOPES = sorted(OPERATOR_SCOPES)
#: Capability names to probe: every granted name, a child of each prefix, and strangers.
NAMES = sorted(
    {
        g.pattern.removesuffix(".*") + (".x" if g.pattern.endswith(".*") else "")
        for grants in OPERATOR_SCOPES.values()
        for g in grants
    }
    | {"query.detail.voice", "handle.roaming", "operator.other", "pay", "points.redeem"}
)


def _granted_by_rule(scopes: set[str], name: str) -> bool:
    """The table read by hand: a pattern ``a.*`` covers names under ``a.``, others exactly."""
    for scope in scopes:
        for grant in OPERATOR_SCOPES[scope]:
            pattern = grant.pattern
            if pattern.endswith(".*") and name.startswith(pattern[:-1]):
                return True
            if pattern == name:
                return True
    return False


@given(st.sets(st.sampled_from(SCOPES)), st.sampled_from(NAMES))
def test_f_auth_6_an_operator_is_granted_a_capability_iff_a_scope_grants_it(scopes, name):
    principal = OperatorPrincipal("op-1", tuple(sorted(scopes)))
    assert principal.grants(Capability(name)) == _granted_by_rule(scopes, name)


@attrs.frozen
class _Session:
    kind: CredentialKind
    customer_id: str = "c1"


@given(
    st.sampled_from([CredentialKind.SERVICE_PASSWORD, CredentialKind.THIRD_PARTY]),
    st.sampled_from(NAMES),
)
def test_f_auth_6_no_subscriber_session_gets_an_operator_capability(kind, name):
    """Even a row granting everything (``*``) never reaches an ``operator.*`` capability."""
    everything = PolicyTable({kind: (Grant("*"),)})
    session = _Session(kind)
    if name.startswith("operator."):
        with pytest.raises(Refused):
            authorize(session, Capability(name), session, policy=everything)
    else:
        authorize(session, Capability(name), session, policy=everything)


@pytest.fixture
def world():
    return AccessWorld()


def _token(world, scopes=("tmf.read", "audit.read"), scope=None):
    new = world.service.add_client("billing system", list(scopes))
    return new, world.service.issue_client_token(new.client.id, new.secret, scope)


def test_f_auth_6_the_secret_is_hashed_and_shown_once(world):
    new = world.service.add_client("CRM", ["tmf.read"])
    assert new.secret not in repr(new)
    stored = world.service.clients().items[0]
    assert stored.secret_hash != new.secret
    assert new.secret not in stored.secret_hash
    assert world.hasher.verify(stored.secret_hash, new.secret)


def test_f_auth_6_scopes_default_to_all_allowed_and_may_narrow(world):
    new, issued = _token(world)
    assert issued.scope == "audit.read tmf.read"
    assert issued.token_type == "Bearer"  # noqa: S105 - RFC 6750's type
    assert issued.expires_in == 3600
    narrow = world.service.issue_client_token(new.client.id, new.secret, "tmf.read")
    assert narrow.scope == "tmf.read"
    with pytest.raises(InvalidInput) as wider:
        world.service.issue_client_token(new.client.id, new.secret, "tmf.read billing.run")
    assert wider.value.code == "operator.invalid_scope"
    with pytest.raises(InvalidInput):
        world.service.add_client("CRM", ["tmf.read", "root"])


def test_f_auth_6_unknown_wrong_and_disabled_are_the_same_invalid_client(world):
    new = world.service.add_client("CRM", ["tmf.read"])
    answers = []
    for client_id, secret in (("op-unknown", new.secret), (new.client.id, "wrong")):
        with pytest.raises(Refused) as refused:
            world.service.issue_client_token(client_id, secret)
        answers.append((refused.value.code, refused.value.message, refused.value.data))
    world.service.disable_client(new.client.id)
    with pytest.raises(Refused) as refused:
        world.service.issue_client_token(new.client.id, new.secret)
    answers.append((refused.value.code, refused.value.message, refused.value.data))
    assert len(set(map(repr, answers))) == 1
    assert answers[0][0] == "operator.invalid_client"


def test_f_auth_6_failures_lock_the_client_id_f_auth_7(world):
    new = world.service.add_client("CRM", ["tmf.read"])
    for _ in range(world.settings.lockout.lock_after):
        with pytest.raises(Refused):
            world.service.issue_client_token(new.client.id, "wrong")
    with pytest.raises(Refused) as locked:
        world.service.issue_client_token(new.client.id, new.secret)
    assert locked.value.code == "operator.locked"
    world.clock.advance(world.settings.lockout.lock_for)
    assert world.service.issue_client_token(new.client.id, new.secret).scope == "tmf.read"


def test_f_auth_6_an_operator_reads_any_number_and_names_its_subscriber(world):
    mine, other = world.enrolled(MOBILE), world.add_subscriber(OTHER)
    _, issued = _token(world)
    token = issued.access_token
    granted = world.service.authorize(token, BILL, MobileNumber.parse(OTHER))
    assert granted.subscriber == other
    assert granted.is_operator
    assert world.service.authorize(token, BILL, MobileNumber.parse(MOBILE)).subscriber == mine
    alone = world.service.authorize(token, AUDIT)
    with pytest.raises(Refused) as no_subscriber:
        _ = alone.subscriber
    assert no_subscriber.value.code == "operator.no_subscriber"
    with pytest.raises(NotFound) as unknown:
        world.service.authorize(token, BILL, MobileNumber.parse("18600000000"))
    assert unknown.value.code == "access.unknown_number"


def test_f_auth_6_without_the_scope_the_capability_is_refused(world):
    world.enrolled(MOBILE)
    _, issued = _token(world, scopes=("audit.read",))
    with pytest.raises(Refused) as refused:
        world.service.authorize(issued.access_token, BILL, MobileNumber.parse(MOBILE))
    assert refused.value.code == "operator.scope_missing"
    assert refused.value.data["scopes"] == "tmf.read"


def test_f_auth_6_a_subscriber_still_sees_only_its_own(world):
    world.enrolled(MOBILE)
    world.add_subscriber(OTHER)
    session = world.service.login_with_password(LoginType.MOBILE, MOBILE, "284615", client="ip")
    with pytest.raises(NotFound) as other:
        world.service.authorize(session.token, BILL, MobileNumber.parse(OTHER))
    assert other.value.code == "access.unknown_number"
    assert not world.service.authorize(session.token, BILL).is_operator
    with pytest.raises(Refused):
        world.service.authorize(session.token, AUDIT)
    with pytest.raises(Refused):
        world.service.carrier_numbers(session.token)


def test_f_auth_6_tokens_expire_and_rotation_or_disabling_revokes_them(world):
    world.enrolled(MOBILE)
    number = MobileNumber.parse(MOBILE)
    new, issued = _token(world)
    world.clock.advance(dt.timedelta(minutes=59))
    assert world.service.authorize(issued.access_token, BILL, number).is_operator
    world.clock.advance(dt.timedelta(minutes=1))
    with pytest.raises(Refused) as expired:
        world.service.authorize(issued.access_token, BILL, number)
    assert expired.value.data["reason"] == "expired"
    fresh = world.service.issue_client_token(new.client.id, new.secret)
    world.clock.advance(dt.timedelta(seconds=1))
    rotated = world.service.rotate_secret(new.client.id)
    with pytest.raises(Refused) as revoked:
        world.service.authorize(fresh.access_token, BILL, number)
    assert revoked.value.data["reason"] == "rotated"
    with pytest.raises(Refused):
        world.service.issue_client_token(new.client.id, new.secret)
    newest = world.service.issue_client_token(new.client.id, rotated.secret)
    world.service.disable_client(new.client.id)
    with pytest.raises(Refused) as disabled:
        world.service.authorize(newest.access_token, BILL, number)
    assert disabled.value.data["reason"] == "disabled"


def test_f_auth_6_every_operator_change_is_audited_without_secrets(world):
    new, issued = _token(world)
    rotated = world.service.rotate_secret(new.client.id)
    world.service.disable_client(new.client.id)
    world.service.disable_client(new.client.id)  # no change: no entry
    entries = world.service.audit(client_id=new.client.id).items
    actions = sorted(entry.action for entry in entries)
    assert actions == ["client.added", "client.disabled", "client.secret_rotated", "token.issued"]
    text = repr(entries)
    for secret in (new.secret, rotated.secret, issued.access_token):
        assert secret not in text
    assert world.service.audit(client_id="op-other").items == ()
    later = world.clock.now() + dt.timedelta(seconds=1)
    assert world.service.audit(since=later).total == 0


def test_f_auth_6_an_operator_walks_the_carrier_by_account(world):
    first, second = world.add_subscriber(MOBILE), world.add_subscriber(OTHER)
    with world.storage.transaction() as tx:
        for subscriber in (first, second):
            tx.accounts.add(
                Account(AccountId(subscriber.account_id), subscriber.customer_id, Money(0))
            )
    _, issued = _token(world)
    page = world.service.carrier_numbers(issued.access_token, limit=1)
    assert page.subscribers == (first,)
    rest = world.service.carrier_numbers(issued.access_token, page.next_after, limit=1)
    assert rest.subscribers == (second,)
    assert isinstance(rest.subscribers[0], Subscriber)


def _allowed(ask) -> bool:
    try:
        ask()
    except (Refused, NotFound):
        return False
    return True


@pytest.mark.parametrize("scopes", [("tmf.read",), ("audit.read", "tmf.write"), tuple(SCOPES)])
def test_f_auth_6_permits_answers_as_authorize_would_for_an_operator(world, scopes):
    """A second capability read off a grant (no storage read) is what a second check says."""
    world.enrolled(MOBILE)
    _, issued = _token(world, scopes=scopes)
    number = MobileNumber.parse(MOBILE)
    granted = world.service.authorize(issued.access_token, BILL if "tmf.read" in scopes else AUDIT)
    asked = world.service.authorize
    for name in NAMES:
        capability = Capability(name)
        expected = _allowed(lambda c=capability: asked(issued.access_token, c, number))
        assert world.service.permits(granted, capability) is expected, name
        assert expected is _granted_by_rule(set(scopes), name), name


@pytest.mark.parametrize("random_password", [False, True])
def test_f_auth_5_permits_answers_as_authorize_would_for_a_session(world, random_password):
    world.enrolled(MOBILE)
    if random_password:
        world.service.request_random_password(MOBILE)
        token = world.service.login_with_random_password(
            MOBILE, world.code_for(MOBILE), client="ip"
        ).token
    else:
        token = world.service.login_with_password(
            LoginType.MOBILE, MOBILE, "284615", client="ip"
        ).token
    granted = world.service.authorize(token, BILL)
    for name in ("query.usage", "query.detail.voice", "handle.roaming", "pay", "query.bill"):
        capability = Capability(name)
        expected = _allowed(lambda c=capability: world.service.authorize(token, c))
        assert world.service.permits(granted, capability) is expected, name
    assert world.service.permits(object(), BILL) is False  # a grant it did not make
