"""Racing callers: run one piece of work from several threads released at the same instant.

The concurrency tests of the hall (racing bill payments, handlings of one number, the last
slot of a resident ID, one premium number) all start their racers at one barrier and sort
what came back into results and typed errors; :func:`race` is that harness, once.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, TypeVar

from unicom_core.errors import UnicomError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["race"]

_T = TypeVar("_T")


def race(
    work: Callable[[int], _T],
    racers: int,
    *,
    catch: tuple[type[UnicomError], ...] = (UnicomError,),
    timeout: float = 60.0,
) -> tuple[list[_T], list[UnicomError]]:
    """Run ``work(n)`` for ``n`` in ``range(racers)`` at once, each in its own thread.

    Every racer waits at one barrier, so they start together. An error of ``catch`` is
    collected; anything else fails the racer's thread (pytest reports it). Returns the
    results and the caught errors, in the order the racers finished.
    """
    start = threading.Barrier(racers)
    results: list[_T] = []
    errors: list[UnicomError] = []
    lock = threading.Lock()

    def run(n: int) -> None:
        start.wait(timeout)
        try:
            result = work(n)
        except catch as error:
            with lock:
                errors.append(error)
        else:
            with lock:
                results.append(result)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results, errors
