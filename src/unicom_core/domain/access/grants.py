"""A grant of a policy row: a capability name, a prefix pattern or everything (F-AUTH-6).

The one home of :class:`Grant`; :mod:`~unicom_core.domain.access.permissions` builds the
policy table and the operator scopes from grants.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access.codes import PERMISSIONS_GRANT

if TYPE_CHECKING:
    from attrs import Attribute

    from unicom_core.domain.access.permissions import Capability

__all__ = ["Grant"]

_PATTERN = re.compile(r"\*|[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*(?:\.\*)?")


def _check_pattern(_instance: object, _attribute: Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _PATTERN.fullmatch(value):
        raise PERMISSIONS_GRANT.error(
            f"a grant is a capability name, a prefix such as handle.* or *, not {value!r}",
            field="grant",
        )


@attrs.frozen(slots=True)
class Grant:
    """One entry of a policy row: ``query.bill``, ``handle.*`` (a prefix) or ``*`` (F-AUTH-6)."""

    pattern: str = attrs.field(validator=_check_pattern)

    @property
    def prefix(self) -> str | None:
        """The prefix a pattern grant matches (``"handle."``, ``""`` for ``*``), else None."""
        if self.pattern == "*":
            return ""
        return self.pattern[:-1] if self.pattern.endswith(".*") else None

    def matches(self, capability: Capability) -> bool:
        """Whether this grant covers ``capability``."""
        prefix = self.prefix
        if prefix is None:
            return capability.name == self.pattern
        return capability.name.startswith(prefix)

    def overlaps(self, other: Grant) -> bool:
        """Whether some capability name is covered by both grants."""
        mine, theirs = self.prefix, other.prefix
        if mine is None and theirs is None:
            return self.pattern == other.pattern
        if mine is None:
            return theirs is not None and self.pattern.startswith(theirs)
        if theirs is None:
            return other.pattern.startswith(mine)
        return mine.startswith(theirs) or theirs.startswith(mine)

    def __str__(self) -> str:
        return self.pattern
