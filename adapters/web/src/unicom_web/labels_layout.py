"""The labels of the page layout (the menu's groups, the skip link, the menu button).

Kept apart from :mod:`unicom_web.i18n`, which merges them into its catalogue.
"""

from __future__ import annotations

__all__ = ["LAYOUT_LABELS"]

LAYOUT_LABELS: dict[str, tuple[str, str]] = {
    "nav.group.query": ("查询", "Queries"),
    "nav.group.pay": ("交费充值", "Pay and top up"),
    "nav.group.handling": ("业务办理", "Plans and services"),
    "nav.group.promotions": ("优惠活动", "Promotions"),
    "nav.group.shop": ("网上商城", "Shop"),
    "nav.group.mine": ("我的", "My account"),
    "layout.menu": ("菜单", "Menu"),
    "layout.main_menu": ("主菜单", "Main menu"),
    "layout.skip": ("跳到正文", "Skip to the content"),
}
