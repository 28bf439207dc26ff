"""Call forwarding never loops (F-BIZ-1): properties through ``hall.handling``.

For any sequence of forwardings set and cancelled among a few of the carrier's numbers (and
numbers of other carriers), the forwardings stored form no cycle, and a refused handling
changes nothing: the rule of :func:`unicom_core.domain.handling.check_no_loop` is a law of
the stored graph, not only of one request.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unicom_core.domain.handling import (
    MAX_WALK,
    ForwardingCondition,
    check_no_loop,
)
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import InvalidInput, Refused
from unicom_core.testing.worlds.billing import BillingWorld

MAY_17 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
NUMBERS = tuple(f"1861234{i:04d}" for i in range(5))
OTHERS = ("13912345678", "88886666")
_IDS = itertools.count(1)

requests = st.lists(
    st.tuples(
        st.integers(0, len(NUMBERS) - 1),
        st.sampled_from([c.value for c in ForwardingCondition]),
        st.sampled_from((*NUMBERS, *OTHERS)),
        st.booleans(),  # cancel instead of set
    ),
    min_size=1,
    max_size=14,
)


def _edges(world: BillingWorld, subscribers) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    with world.storage.transaction() as tx:
        for subscriber in subscribers:
            state = tx.service_states.find(subscriber.id)
            graph[subscriber.number.value] = set() if state is None else set(state.targets)
    return graph


def _has_cycle(graph: dict[str, set[str]]) -> bool:
    done: set[str] = set()

    def visit(node: str, path: set[str]) -> bool:
        if node in path:
            return True
        if node in done:
            return False
        path.add(node)
        found = any(visit(n, path) for n in graph.get(node, ()))
        path.discard(node)
        done.add(node)
        return found

    return any(visit(node, set()) for node in graph)


@settings(deadline=None, max_examples=30)
@given(requests)
def test_stored_forwardings_never_form_a_cycle_and_refusals_change_nothing(ops):
    """F-BIZ-1: whatever is asked, the stored graph stays acyclic; a refusal writes nothing."""
    world = BillingWorld(start=MAY_17)
    subscribers = [world.add_number(number) for number in NUMBERS]
    tokens = [world.login(s) for s in subscribers]
    for index, condition, target, cancel in ops:
        params = {"condition": condition, "action": "cancel" if cancel else "set"}
        if not cancel:
            params["target"] = target
            if condition == "no_reply":
                params["delay"] = "20"
        before = _edges(world, subscribers)
        code = None
        try:
            world.hall.handling.handle(
                tokens[index], "call_forwarding", params, request_id=f"req-loop-{next(_IDS):08d}"
            )
        except (Refused, InvalidInput) as refused:
            code = refused.code
        if code is not None:
            assert code in {
                "handling.forwarding_loop",
                "handling.forwarding_self",
                "handling.no_change",
            }
            assert _edges(world, subscribers) == before
        assert not _has_cycle(_edges(world, subscribers))


@given(st.dictionaries(st.sampled_from(NUMBERS), st.sets(st.sampled_from(NUMBERS))))
def test_the_walk_refuses_exactly_the_forwardings_that_close_a_cycle(graph):
    """F-BIZ-1: own -> target is refused iff own is reachable from target in the graph."""
    own, target = NUMBERS[0], NUMBERS[1]

    def reachable(start: str) -> set[str]:
        seen, stack = set(), [start]
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(graph.get(node, ()))
        return seen

    if own in reachable(target):
        with pytest.raises(Refused, match="forwarded back"):
            check_no_loop(own, target, lambda n: graph.get(n, ()))
    else:
        check_no_loop(own, target, lambda n: graph.get(n, ()))


def test_a_chain_longer_than_the_walk_is_refused():
    chain = [f"1861234{i:04d}" for i in range(MAX_WALK + 2)]
    graph = {a: (b,) for a, b in itertools.pairwise(chain)}
    with pytest.raises(Refused, match=f"more than {MAX_WALK} numbers"):
        check_no_loop("18699990000", chain[0], lambda n: graph.get(n, ()))
