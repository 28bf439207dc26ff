"""The hall's menu, in the hall's groups: 查询, 交费充值, 业务办理, 优惠活动, 网上商城, 我的.

:func:`menu` turns the links the areas registered (:class:`unicom_web.areas.NavLink`) into
the groups one page shows: in the order of :data:`unicom_web.areas.NAV_GROUPS`, each with
the links this visitor may follow (a link that needs a login is left out when logged out),
an empty group left out, and the group of the current page marked. The base template
renders each group as a ``<details>`` disclosure, inside a menu that a phone collapses
behind a button (``static/menu.js``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_web.areas import NAV_GROUPS, NavLink

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["MenuGroup", "menu"]


@attrs.frozen(slots=True)
class MenuGroup:
    """One group of the menu.

    Attributes:
        name: one of :data:`unicom_web.areas.NAV_GROUPS`.
        label: its label's catalogue key, ``nav.group.<name>``.
        links: the links the visitor may follow, in the areas' order.
        current: whether the current page is one of them.
    """

    name: str
    label: str
    links: tuple[NavLink, ...]
    current: bool


def menu(links: Iterable[NavLink], *, logged_in: bool, path: str) -> tuple[MenuGroup, ...]:
    """The non-empty groups of ``links`` a visitor sees on the page at ``path``."""
    shown = [link for link in links if logged_in or not link.needs_login]
    groups = []
    for name in NAV_GROUPS:
        members = tuple(link for link in shown if link.group == name)
        if members:
            current = any(link.path == path for link in members)
            groups.append(MenuGroup(name, f"nav.group.{name}", members, current))
    return tuple(groups)
