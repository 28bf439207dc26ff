"""Domain events: registered names, validation, and the converter at the edges."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.shared import (
    SHANGHAI,
    DomainEvent,
    domain_event,
    event_class,
    event_types,
    new_id,
)
from unicom_core.domain.subscribers import (
    AccountCredited,
    CustomerRealNameChanged,
    ServiceKind,
    SubscriberCancelled,
    SubscriberStatus,
    SubscriberSuspended,
)
from unicom_core.errors import InvalidInput, NotFound
from unicom_core.serialization import structure, unstructure
from unicom_core.testing.strategies.identity import resident_ids
from unicom_core.testing.strategies.subscribers import (
    accounts,
    customers,
    domain_events,
    subscribers,
)

AT = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)


# ------------------------------------------------------------------ events and serialization


@given(event=domain_events())
def test_every_event_survives_the_converter(event):
    data = unstructure(event)
    assert structure(data, event_class(event.event_type)) == event


@given(aggregate=st.one_of(customers(), subscribers(), accounts()))
def test_every_aggregate_survives_the_converter(aggregate):
    assert structure(unstructure(aggregate), type(aggregate)) == aggregate


def test_events_are_registered_under_stable_names():
    names = event_types()
    assert names["subscriber.suspended"] is SubscriberSuspended
    assert names["account.credited"] is AccountCredited
    assert names["customer.real_name_changed"] is CustomerRealNameChanged
    with pytest.raises(NotFound) as raised:
        event_class("subscriber.teleported")
    assert raised.value.code == "event.unknown_type"


def test_an_event_name_is_taken_once():
    @attrs.frozen(kw_only=True)
    class Impostor(DomainEvent):
        pass

    with pytest.raises(ValueError, match="taken"):
        domain_event("subscriber.suspended")(Impostor)


def test_an_event_needs_an_aware_time_and_an_aggregate():
    with pytest.raises(InvalidInput) as raised:
        SubscriberCancelled(
            aggregate_id="s1",
            occurred_at=dt.datetime(2016, 5, 17),  # noqa: DTZ001
            previous=SubscriberStatus.ACTIVE,
        )
    assert raised.value.code == "event.occurred_at"
    with pytest.raises(InvalidInput) as raised:
        SubscriberCancelled(aggregate_id=" ", occurred_at=AT, previous=SubscriberStatus.ACTIVE)
    assert raised.value.code == "event.field"


def test_new_ids_are_uuid4_hex():
    first, second = new_id(), new_id()
    assert first != second
    assert len(first) == 32
    assert int(first, 16) >= 0


@given(resident_id=resident_ids(), data=st.data())
def test_strategies_tie_aggregates_to_given_values(resident_id, data):
    customer = data.draw(customers(resident_id=resident_id))
    subscriber = data.draw(subscribers(customer_id=customer.id, kind=ServiceKind.BROADBAND))
    assert customer.resident_id == resident_id
    assert customer.version == subscriber.version == 0
    assert (subscriber.customer_id, subscriber.number.kind) == (customer.id, ServiceKind.BROADBAND)
