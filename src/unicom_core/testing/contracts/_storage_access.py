"""Storage contract, part 5: the access records (F-AUTH-1..7).

Credentials, one-time codes, failure counters, sessions and QQ/Weibo bindings: each reads
back equal under the same optimistic versions as every other aggregate, rolls back with its
transaction, and keeps its unique key (a login e-mail for one number, a provider identity
for one number) while unset keys never clash. Codes, counters and sessions are walked by id
and removed at the version read (the purge, F-AUTH-7).
"""

# A contract suite is tests shipped as a library, so the test-file rules apply here too:
# S101 (it asserts), PLR2004 (expected versions are written out), PT012 (a Conflict may come
# from the commit at the end of a ``with`` block, so the whole block is under pytest.raises).
# ruff: noqa: S101, PLR2004, PT012

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.access import (
    AttemptScope,
    CodePolicy,
    CodePurpose,
    CredentialKind,
    LoginAttempts,
    LoginCredential,
    OneTimeCode,
    Session,
    SessionPolicy,
    ThirdParty,
    ThirdPartyBinding,
)
from unicom_core.domain.shared import EmailAddress
from unicom_core.errors import Conflict, InvalidInput, NotFound
from unicom_core.testing.contracts._storage_base import (
    AT,
    FEW,
    SOME,
    InjectedFailure,
    StorageContractBase,
    inject_failure,
)
from unicom_core.testing.strategies.access import (
    login_attempts,
    login_credentials,
    sessions,
    third_party_bindings,
)

if TYPE_CHECKING:
    from unicom_core.ports.shared import Repository
    from unicom_core.ports.storage import UnitOfWork

__all__ = ["AccessContract"]

Record = LoginCredential | OneTimeCode | LoginAttempts | Session | ThirdPartyBinding


def access_repository(tx: UnitOfWork, record: Record) -> Repository[Any, Any]:
    """The repository of the unit of work that stores ``record``'s kind."""
    if isinstance(record, LoginCredential):
        return tx.credentials
    if isinstance(record, OneTimeCode):
        return tx.one_time_codes
    if isinstance(record, LoginAttempts):
        return tx.login_attempts
    if isinstance(record, Session):
        return tx.sessions
    return tx.third_party_bindings


def _issued_code() -> OneTimeCode:
    record = OneTimeCode.new(CodePurpose.LOGIN, "mobile:18612345678")
    record.issue("$hash$of-a-code", AT, CodePolicy())
    return record


def _bound(
    subscriber_id: str, subject: str, provider: ThirdParty = ThirdParty.QQ
) -> ThirdPartyBinding:
    binding = ThirdPartyBinding.new(provider, subscriber_id)
    binding.bind(subject, at=AT)
    return binding


class AccessContract(StorageContractBase):
    """The access repositories: round trips, versions, unique keys, rollback (F-AUTH)."""

    @SOME
    @given(
        record=st.one_of(
            login_credentials(),
            login_attempts(),
            sessions(),
            third_party_bindings(),
            st.builds(_issued_code),
        )
    )
    def test_access_record_round_trip(self, record: Record) -> None:
        """Every access record reads back equal, by id, as version 1."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                access_repository(tx, record).add(record)
            assert record.version == 1
            with storage.transaction() as tx:
                assert access_repository(tx, record).get(record.id) == record
                assert access_repository(tx, record).find(record.id) == record

    def test_missing_access_records(self) -> None:
        """Unknown ids are None from find and NotFound from get."""
        with self.opened() as storage, storage.transaction() as tx:
            for repository in (tx.credentials, tx.one_time_codes, tx.sessions):
                assert repository.find("nowhere") is None
                with pytest.raises(NotFound) as raised:
                    repository.get("nowhere")
                assert raised.value.code == "storage.not_found"

    def test_a_credential_changes_under_versions(self) -> None:
        """A password change saves as version 2; a stale copy conflicts."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.credentials.add(LoginCredential("s1", "$old", AT))
            with storage.transaction() as tx:
                stale = tx.credentials.get("s1")
            with storage.transaction() as tx:
                current = tx.credentials.get("s1")
                current.change_password("$new", at=AT)
                tx.credentials.save(current)
            assert current.version == 2
            stale.change_password("$other", at=AT)
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                tx.credentials.save(stale)
            assert raised.value.code == "storage.version_conflict"
            with storage.transaction() as tx:
                stored = tx.credentials.get("s1")
            assert (stored.password_hash, stored.epoch, stored.initial) == ("$new", 1, False)

    def test_one_login_email_per_number(self) -> None:
        """A login e-mail is unique; credentials without one never clash (F-AUTH-1)."""
        email = EmailAddress("zhang@example.com")
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.credentials.add(LoginCredential("s1", "$h", AT, email=email))
                tx.credentials.add(LoginCredential("s2", "$h", AT))
                tx.credentials.add(LoginCredential("s3", "$h", AT))
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                tx.credentials.add(LoginCredential("s4", "$h", AT, email=email))
            assert raised.value.code == "storage.duplicate_email"
            with pytest.raises(Conflict) as moved, storage.transaction() as tx:
                other = tx.credentials.get("s2")
                other.set_email(email, at=AT)
                tx.credentials.save(other)
            assert moved.value.code == "storage.duplicate_email"
            with storage.transaction() as tx:
                found = tx.credentials.find_by_email(email)
                assert found is not None
                assert found.id == "s1"
                assert tx.credentials.find_by_email(EmailAddress("li@example.com")) is None

    def test_an_email_moves_between_numbers_in_one_transaction(self) -> None:
        """Removing the address from one number and giving it to another commits (F-AUTH-1)."""
        email = EmailAddress("zhang@example.com")
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.credentials.add(LoginCredential("s1", "$h", AT, email=email))
                tx.credentials.add(LoginCredential("s2", "$h", AT))
            with storage.transaction() as tx:
                first, second = tx.credentials.get("s1"), tx.credentials.get("s2")
                first.set_email(None, at=AT)
                tx.credentials.save(first)
                second.set_email(email, at=AT)
                tx.credentials.save(second)
            with storage.transaction() as tx:
                found = tx.credentials.find_by_email(email)
            assert found is not None
            assert found.id == "s2"

    def test_one_number_per_third_party_identity(self) -> None:
        """A bound QQ identity is unique; unbound records never clash (F-AUTH-3)."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.third_party_bindings.add(_bound("s1", "openid-1"))
                tx.third_party_bindings.add(ThirdPartyBinding.new(ThirdParty.QQ, "s2"))
                tx.third_party_bindings.add(ThirdPartyBinding.new(ThirdParty.QQ, "s3"))
                tx.third_party_bindings.add(_bound("s2", "openid-1", ThirdParty.WEIBO))
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                tx.third_party_bindings.add(_bound("s4", "openid-1"))
            assert raised.value.code == "storage.duplicate_subject"
            with storage.transaction() as tx:
                found = tx.third_party_bindings.find_by_subject(ThirdParty.QQ, "openid-1")
                assert found is not None
                assert found.subscriber_id == "s1"
                weibo = tx.third_party_bindings.find_by_subject(ThirdParty.WEIBO, "openid-1")
                assert weibo is not None
                assert weibo.subscriber_id == "s2"

    def test_an_unbound_identity_binds_elsewhere(self) -> None:
        """After unbinding, the identity is free for another number (F-AUTH-3)."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.third_party_bindings.add(_bound("s1", "openid-1"))
            with storage.transaction() as tx:
                first = tx.third_party_bindings.get("qq:s1")
                first.unbind(at=AT)
                tx.third_party_bindings.save(first)
                tx.third_party_bindings.add(_bound("s2", "openid-1"))
            with storage.transaction() as tx:
                found = tx.third_party_bindings.find_by_subject(ThirdParty.QQ, "openid-1")
            assert found is not None
            assert found.subscriber_id == "s2"

    @FEW
    @given(record=st.one_of(login_credentials(), sessions(), login_attempts()))
    def test_access_records_roll_back(self, record: Record) -> None:
        """A failed transaction stores none of its access records."""
        with self.opened() as storage:
            with pytest.raises(InjectedFailure), storage.transaction() as tx:
                access_repository(tx, record).add(record)
                inject_failure()
            with storage.transaction() as tx:
                assert access_repository(tx, record).find(record.id) is None

    def test_a_session_is_used_and_ended(self) -> None:
        """A session's use and its end read back (F-AUTH-7)."""
        session, _ = Session.open(
            "token",
            subscriber_id="s1",
            customer_id="c1",
            kind=CredentialKind.RANDOM_PASSWORD,
            epoch=0,
            at=AT,
        )
        later = AT + dt.timedelta(minutes=10)
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.sessions.add(session)
            with storage.transaction() as tx:
                stored = tx.sessions.get(session.id)
                stored.touch(later, SessionPolicy())
                stored.end(later)
                tx.sessions.save(stored)
            with storage.transaction() as tx:
                again = tx.sessions.get(session.id)
            assert (again.last_seen_at, again.ended_at, again.version) == (later, later, 2)

    def test_purgeable_records_are_walked_by_id(self) -> None:
        """``list_after`` walks codes, counters and sessions by id in bounded steps (F-AUTH-7)."""
        counters = [LoginAttempts.new(AttemptScope.CLIENT, f"client-{n}") for n in range(5)]
        with self.opened() as storage:
            with storage.transaction() as tx:
                for record in counters:
                    tx.login_attempts.add(record)
            ids = sorted(record.id for record in counters)
            with storage.transaction() as tx:
                first = tx.login_attempts.list_after(None, 2)
                rest = tx.login_attempts.list_after(first[-1].id, 500)
                assert tx.sessions.list_after(None, 500) == ()
                assert tx.one_time_codes.list_after(None, 500) == ()
            assert [r.id for r in (*first, *rest)] == ids
            assert len(first) == 2
            assert all(record.version == 1 for record in rest)
            with pytest.raises(InvalidInput) as raised, storage.transaction() as tx:
                tx.login_attempts.list_after(None, 0)
            assert raised.value.code == "page.limit"

    def test_a_purgeable_record_is_removed_at_its_version(self) -> None:
        """``remove`` deletes the version read; a stale or missing one is refused (F-AUTH-7)."""
        code = _issued_code()
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.one_time_codes.add(code)
            with storage.transaction() as tx:
                stale = tx.one_time_codes.get(code.id)
            with storage.transaction() as tx:
                current = tx.one_time_codes.get(code.id)
                current.consume()
                tx.one_time_codes.save(current)
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                tx.one_time_codes.remove(stale)
            assert raised.value.code == "storage.version_conflict"
            with storage.transaction() as tx:
                tx.one_time_codes.remove(tx.one_time_codes.get(code.id))
                assert tx.one_time_codes.find(code.id) is None
                assert tx.one_time_codes.list_after(None, 500) == ()
            with storage.transaction() as tx:
                assert tx.one_time_codes.find(code.id) is None
            with pytest.raises(NotFound), storage.transaction() as tx:
                tx.one_time_codes.remove(current)

    def test_a_removal_rolls_back_and_an_id_is_reused(self) -> None:
        """A failed transaction keeps the record; a removed id can be added again (F-AUTH-7)."""
        session, _ = Session.open(
            "token",
            subscriber_id="s1",
            customer_id="c1",
            kind=CredentialKind.SERVICE_PASSWORD,
            epoch=0,
            at=AT,
        )
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.sessions.add(session)
            with pytest.raises(InjectedFailure), storage.transaction() as tx:
                tx.sessions.remove(tx.sessions.get(session.id))
                inject_failure()
            with storage.transaction() as tx:
                tx.sessions.remove(tx.sessions.get(session.id))
                again, _ = Session.open(
                    "token",
                    subscriber_id="s1",
                    customer_id="c1",
                    kind=CredentialKind.SERVICE_PASSWORD,
                    epoch=1,
                    at=AT,
                )
                tx.sessions.add(again)
            with storage.transaction() as tx:
                stored = tx.sessions.get(session.id)
            assert (stored.epoch, stored.version) == (1, 1)
