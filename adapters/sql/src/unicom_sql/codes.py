"""The error codes of the SQL adapter only.

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import ErrorCode, InvalidInput

__all__ = [
    "CLI_CONFIG",
    "CLI_HALL_FACTORY",
    "CLI_OUTPUT",
    "RELAY_PUBLISHER",
]

CLI_CONFIG = ErrorCode(
    "cli.config",
    InvalidInput,
    "the command line's settings: {reason}",
    fields=("reason",),
)
CLI_HALL_FACTORY = ErrorCode(
    "cli.hall_factory",
    InvalidInput,
    "cannot make a business hall from {factory!r}",
    fields=("factory",),
)
CLI_OUTPUT = ErrorCode("cli.output", InvalidInput, "cannot write the file {path}", fields=("path",))

RELAY_PUBLISHER = ErrorCode(
    "relay.publisher", InvalidInput, "cannot make an event publisher from that name"
)
