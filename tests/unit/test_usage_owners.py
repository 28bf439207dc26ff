"""Which subscriber holds each number of a usage batch: looked up once per number (F-QRY-2)."""

from __future__ import annotations

from unicom_core.domain.billing import RejectReason, UsageKind
from unicom_core.testing.worlds.billing import BillingWorld


def test_a_batch_looks_each_number_up_once_and_remembers_only_the_known(monkeypatch) -> None:
    world = BillingWorld()
    held = world.add_number("18600000001")
    world.add_number("18600000002")
    with world.storage.transaction() as tx:
        repository = type(tx.subscribers)
    asked: list[str] = []
    find_by_number = repository.find_by_number

    def counted(self, number):
        asked.append(str(number))
        return find_by_number(self, number)

    monkeypatch.setattr(repository, "find_by_number", counted)
    numbers = ["18600000001", "18600000002", "18600000001", "18699999999", "18699999999"]

    def batch(name: str) -> list:
        return [
            world.usage(f"{name}{i}", number, UsageKind.SMS, 1) for i, number in enumerate(numbers)
        ]

    first = world.ingest("first", *batch("a"))
    assert first.accepted == 3
    assert [r.reason for r in first.rejected] == [RejectReason.UNKNOWN_NUMBER] * 2
    assert sorted(set(asked)) == ["18600000001", "18600000002", "18699999999"]
    assert asked.count("18600000001") == asked.count("18600000002") == 1  # once per batch
    unknown = asked.count("18699999999")
    asked.clear()
    second = world.ingest("second", *batch("b"))
    assert second.accepted == 3
    assert asked == ["18699999999"] * unknown  # the known are remembered, the unknown asked again
    asked.clear()
    world.ingest("third", world.usage("c0", "18699999999", UsageKind.SMS, 1))
    assert len(asked) == unknown  # one record or two of a number: one look-up a batch
    assert held.number.value == "18600000001"
