"""Storage contract, service states: a number's forwarding, roaming, WLAN, 4G (F-BIZ-1, -5, -6).

Any service state reads back equal (forwardings with their no-reply delay, the roaming
switched on, the WLAN password's digest and its instant, the 4G switch) under the same
optimistic versions as every other aggregate; a rolled-back change leaves it as it was.
"""

# A contract suite is tests shipped as a library: S101 (it asserts), PT012 (a Conflict may
# come from the commit at the end of a block), PLR2004 (expected values are written out).
# ruff: noqa: S101, PLR2004, PT012

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.handling import (
    MAX_DELAY,
    MIN_DELAY,
    Forwarding,
    ForwardingCondition,
    RoamingService,
    ServiceState,
)
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import Conflict
from unicom_core.testing.contracts._storage_base import (
    AT,
    SOME,
    InjectedFailure,
    StorageContractBase,
    inject_failure,
)

__all__ = ["ServiceStateContract", "service_states"]

_TARGETS = st.one_of(
    st.from_regex(r"186[0-9]{8}", fullmatch=True),
    st.from_regex(r"[2-9][0-9]{6,7}", fullmatch=True),
)


@st.composite
def _forwardings(draw: st.DrawFn) -> tuple[Forwarding, ...]:
    conditions = draw(st.sets(st.sampled_from(ForwardingCondition)))
    rules = []
    for condition in conditions:
        delay = None
        if condition is ForwardingCondition.NO_REPLY:
            delay = draw(st.integers(MIN_DELAY, MAX_DELAY))
        rules.append(Forwarding(condition, draw(_TARGETS), delay))
    return tuple(rules)


@st.composite
def service_states(draw: st.DrawFn) -> ServiceState:
    """Any service state of a subscriber ``s-<n>`` (F-BIZ-1, F-BIZ-5, F-BIZ-6)."""
    set_at = draw(
        st.none()
        | st.datetimes(
            dt.datetime(2010, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive
            dt.datetime(2030, 1, 1),  # noqa: DTZ001
            timezones=st.just(SHANGHAI),
        )
    )
    return ServiceState(
        f"s-{draw(st.integers(1, 999))}",
        forwardings=draw(_forwardings()),
        roaming=draw(st.sets(st.sampled_from(RoamingService))),
        wlan_on=draw(st.booleans()),
        wlan_password_digest=None if set_at is None else draw(st.text("abc$=0123", min_size=8)),
        wlan_password_set_at=set_at,
        data_4g=draw(st.booleans()),
    )


class ServiceStateContract(StorageContractBase):
    """``tx.service_states``: a number's switchable services by subscriber id."""

    @SOME
    @given(service_states())
    def test_any_service_state_reads_back_equal(self, state: ServiceState) -> None:
        """Every field survives the store, the digest and the instant included."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.service_states.add(state)
            assert state.version == 1
            with storage.read() as tx:
                stored = tx.service_states.get(state.id)
                assert tx.service_states.find("nobody") is None
            assert stored == state
            assert stored.wlan_password_digest == state.wlan_password_digest

    def test_a_stale_state_is_a_version_conflict_and_a_rollback_keeps_it(self) -> None:
        """A stale copy conflicts; a change rolled back leaves the stored state as it was."""
        state = ServiceState.new("s-1")
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.service_states.add(state)
            with storage.transaction() as tx:
                fresh = tx.service_states.get("s-1")
                fresh.switch_data_4g(on=True, at=AT)
                tx.service_states.save(fresh)
            with pytest.raises(Conflict), storage.transaction() as tx:
                state.switch_wlan(on=True, at=AT)
                tx.service_states.save(state)  # version 1 is stale
            with pytest.raises(InjectedFailure), storage.transaction() as tx:
                again = tx.service_states.get("s-1")
                again.switch_roaming(RoamingService.INTERNATIONAL, on=True, at=AT)
                tx.service_states.save(again)
                inject_failure()
            with storage.read() as tx:
                stored = tx.service_states.get("s-1")
            assert stored.data_4g is True
            assert stored.roaming == ()
            assert stored.wlan_on is False
            assert stored.version == 2
