"""A ready shop on any storage: a pool of numbers, a courier, an identity service (F-SHOP-1..3).

:class:`ShopWorld` is a :class:`~unicom_core.testing.worlds.BillingWorld` whose hall is
bootstrapped with a memory number pool (two numbers of each kind loaded by
:meth:`ShopWorld.load_numbers`), a :class:`~unicom_core.memory.MemoryLogistics` the test
drives, and a :class:`~unicom_core.memory.MemoryIdentityVerifier` that knows the holders
:meth:`ShopWorld.holder` registers. :meth:`ShopWorld.buyer` provisions a number and logs it
in with the service password (a session that may reserve numbers and order).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

import attrs

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.shared import SHANGHAI, ResidentId, check_character
from unicom_core.domain.shop import DeliveryAddress
from unicom_core.memory.identity import MemoryIdentityVerifier
from unicom_core.memory.logistics import MemoryLogistics
from unicom_core.memory.number_pool import MemoryNumberPool
from unicom_core.memory.storage import MemoryStorage
from unicom_core.ports.payments import PaymentGateway
from unicom_core.ports.storage import Storage
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.numbers import PoolEntry

if TYPE_CHECKING:
    from unicom_core.hall import BusinessHall

__all__ = ["ADDRESS", "ShopWorld"]

ADDRESS = DeliveryAddress("李四", "18612340000", "北京市西城区金融大街21号")
"""A delivery address for tests."""


@attrs.define
class ShopWorld:
    """A hall with a shop on ``storage`` (memory by default), clock at 2016-05-17 10:00."""

    storage: Storage = attrs.field(factory=MemoryStorage)
    gateway: PaymentGateway | None = None
    world: BillingWorld = attrs.field(init=False)
    pool: MemoryNumberPool = attrs.field(init=False, factory=MemoryNumberPool)
    logistics: MemoryLogistics = attrs.field(init=False, factory=MemoryLogistics)
    identity: MemoryIdentityVerifier = attrs.field(init=False, factory=MemoryIdentityVerifier)
    _ids: itertools.count[int] = attrs.field(init=False, factory=lambda: itertools.count(100))

    def __attrs_post_init__(self) -> None:
        """Bootstrap the hall with the shop's ports."""
        self.world = BillingWorld(
            start=dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI), storage=self.storage
        )
        self.world.hall = bootstrap(
            storage=self.storage,
            clock=self.world.clock,
            messages=self.world.messages,
            captcha=self.world.captcha,
            number_pool=self.pool,
            logistics=self.logistics,
            identity=self.identity,
            payment_gateway=self.gateway,
        )

    @property
    def hall(self) -> BusinessHall:
        """The hall."""
        return self.world.hall

    def load_numbers(self, *numbers: str) -> int:
        """Add ``numbers`` to the pool (Beijing), classified by the default table."""
        return self.hall.numbers.load(PoolEntry(n, "北京", "北京") for n in numbers)

    def buyer(self, number: str | None = None) -> str:
        """A logged-in buyer's session token (a new number of a new customer)."""
        n = next(self._ids)
        subscriber = self.world.add_number(number or f"1861234{n:04d}")
        return self.world.login(subscriber)

    def holder(self, name: str = "李四", n: int = 0) -> str:
        """A holder the identity service knows: their resident ID (the ``n``-th)."""
        first17 = f"440304199003071{n:02d}"
        resident_id = ResidentId(first17 + check_character(first17))
        self.identity.holder(resident_id, name)
        return resident_id.value
