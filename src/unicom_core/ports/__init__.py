"""The ports: what the core needs from outside, as ``typing.Protocol`` classes, by area.

Each area declares its own ports (its repositories, gateways and senders);
:mod:`unicom_core.ports.storage` composes the repositories into one unit of work.
"""

from __future__ import annotations
