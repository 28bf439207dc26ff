"""The areas of the hall on the web: each module registers its own endpoints and pages.

An :class:`Area` bundles the JSON endpoints of one area of the hall (mounted under
``/api/v1``), its pages (at the root), any TM Forum routers (at their spec's base paths) and
its menu links. :data:`AREAS` lists them; :func:`unicom_web.create_app` mounts every one (a
:class:`~unicom_core.hall.BusinessHall` from :func:`unicom_core.bootstrap.bootstrap` always
has every area). A new area of the hall adds one module here and one line to :data:`AREAS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["AREAS", "NAV_GROUPS", "Area", "NavLink"]

NAV_GROUPS = ("query", "pay", "handling", "promotions", "shop", "mine")
"""The menu's groups, in order, as the hall has them: 查询, 交费充值, 业务办理, 优惠活动,
网上商城 and 我的; a group's label is the catalogue key ``nav.group.<name>``."""


@attrs.frozen(slots=True)
class NavLink:
    """A menu entry: its label's catalogue key, its path, whether it needs a login, its group.

    The group is one of :data:`NAV_GROUPS` (``mine`` unless told); another is a ValueError.
    """

    label: str
    path: str
    needs_login: bool = False
    group: str = attrs.field(default="mine", validator=attrs.validators.in_(NAV_GROUPS))


@attrs.frozen(slots=True, kw_only=True)
class Area:
    """One area of the hall on the web.

    Attributes:
        name: the area's name (``access``, ``catalog``, ...), also its OpenAPI tag.
        api: route handlers mounted under ``/api/v1``.
        pages: route handlers of the server-rendered pages, mounted at the root.
        routers: factories of routers mounted as they are (the TM Forum base paths); a
            factory, since a router belongs to one app.
        nav: the area's menu links, in order.
    """

    name: str
    api: tuple[Any, ...] = ()
    pages: tuple[Any, ...] = ()
    routers: tuple[Callable[[], Any], ...] = ()
    nav: tuple[NavLink, ...] = ()


def _areas() -> tuple[Area, ...]:
    from unicom_web.areas import (  # noqa: PLC0415 - the areas import this module
        access,
        billing,
        catalog,
        handling,
        home,
        metrics,
        numbers,
        oauth,
        operator_console,
        operator_promotions,
        payments,
        points,
        profile,
        promotions,
        services,
        shop,
        support,
        tmf620,
        tmf635,
        tmf654,
        tmf676,
        tmf678,
    )

    return (
        home.AREA,
        profile.AREA,
        billing.AREA,
        catalog.AREA,
        numbers.AREA,
        shop.AREA,
        payments.AREA,
        handling.AREA,
        services.AREA,
        points.AREA,
        promotions.AREA,
        support.AREA,
        access.AREA,
        oauth.AREA,
        tmf620.AREA,
        tmf678.AREA,
        tmf635.AREA,
        tmf654.AREA,
        tmf676.AREA,
        metrics.AREA,
        operator_console.AREA,
        operator_promotions.AREA,
    )


AREAS: tuple[Area, ...] = _areas()
"""Every area the web adapter knows, in menu order."""
