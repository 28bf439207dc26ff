"""A production hall refuses memory doubles and default secrets, naming each (F-AUTH-7).

The ports a hall needs to serve subscribers for real (numbers, couriers, entitlements and
campaign metrics included) must be given as real adapters; the initial passwords every area
stores are peppered as the access area's are.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from tests.unit.test_access_bounds import Adapter, real_ports

from unicom_core import bootstrap
from unicom_core.domain.access import Pepper
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import Refused
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.entitlements import MemoryEntitlementIssuer
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.memory.logistics import MemoryLogistics
from unicom_core.memory.metrics_storage import MemoryMetricsStore
from unicom_core.memory.number_pool import MemoryNumberPool
from unicom_core.memory.webhooks import MemoryWebhookSender
from unicom_core.safety import REQUIRED_PORTS, is_double
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.access import PEPPER_PREFIX, AccessSettings, peppered

AT = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
PEPPER = Pepper("p1", b"a-production-pepper-32-bytes....")


@pytest.mark.parametrize(
    ("port", "double"),
    [
        ("number_pool", MemoryNumberPool()),
        ("logistics", MemoryLogistics()),
        ("entitlement_issuer", MemoryEntitlementIssuer()),
        ("metrics_store", MemoryMetricsStore()),
        ("webhooks", MemoryWebhookSender()),
    ],
)
def test_production_names_a_memory_double_of_the_newer_ports(port, double):
    with pytest.raises(Refused) as caught:
        bootstrap(production=True, **{**real_ports(), port: double})
    assert caught.value.code == "bootstrap.unsafe_for_production"
    assert caught.value.data["missing"] == [port]


@pytest.mark.parametrize("port", ["number_pool", "logistics", "entitlement_issuer"])
def test_production_refuses_a_required_port_left_out(port):
    ports = real_ports()
    del ports[port]
    with pytest.raises(Refused) as caught:
        bootstrap(production=True, **ports)
    assert caught.value.data["missing"] == [port]


def test_every_required_port_is_given_by_the_real_ports_and_each_is_no_double():
    ports = real_ports()
    assert set(REQUIRED_PORTS) <= set(ports)
    assert not any(is_double(ports[name]) for name in REQUIRED_PORTS)
    assert is_double(MemoryPasswordHasher())
    assert not is_double(Adapter(MemoryPasswordHasher()))


def test_the_handlers_store_initial_passwords_peppered_as_the_access_area_does():
    """A WLAN password reset (F-BIZ-6) stores its hash with the hall's pepper."""
    world = BillingWorld(access_settings=AccessSettings(password_pepper=PEPPER))
    subscriber = world.add_number("18612340052")
    token = world.login(subscriber)
    world.hall.handling.handle(token, "wlan", {"action": "reset"}, request_id="req-pepper-1")
    found = re.search(r"重置为([A-Za-z0-9]+)，", world.messages.sent[-1].text)
    assert found is not None
    with world.storage.transaction() as tx:
        digest = tx.service_states.get(subscriber.id).wlan_password_digest
    assert digest is not None
    assert digest.startswith(PEPPER_PREFIX)
    hasher = peppered(MemoryPasswordHasher(), AccessSettings(password_pepper=PEPPER))
    assert hasher.verify(digest, found.group(1))
    assert not MemoryPasswordHasher().verify(digest, found.group(1))


def test_production_with_every_real_port_starts():
    hall = bootstrap(production=True, clock=SettableClock(AT), **real_ports())
    assert hall.promotions is not None
