"""The domain: pure values, aggregates, rules and events, one package per area of the hall.

The areas stand in an order, each importing only the areas below it and only through
their package's public names: ``shared`` (money, numbers, resident ids, the calendar,
events) at the bottom, then ``subscribers``, ``catalog``, ``access``, ``billing`` and
``payments``. Nothing here does I/O or reads a clock.
"""

from __future__ import annotations
