"""The labels of the number pool page (號碼隨心搜, F-NUM-1..3): (Chinese, English).

Kept apart from :mod:`unicom_web.i18n`, which merges them into its catalogue.
"""

from __future__ import annotations

__all__ = ["NUMBER_LABELS"]

NUMBER_LABELS: dict[str, tuple[str, str]] = {
    "nav.numbers": ("选号", "Choose a number"),
    "numbers.title": ("号码随心搜", "Find your number"),
    "numbers.mask": ("号码格式", "Mask"),
    "numbers.mask_hint": (
        "? 代表一位数字，* 代表任意位数字，如 186****8888",
        "? is one digit, * any digits, e.g. 186****8888",
    ),
    "numbers.contains": ("包含", "Contains"),
    "numbers.ends_with": ("尾号", "Ends with"),
    "numbers.starts_with": ("开头", "Starts with"),
    "numbers.without": ("不含数字", "Without the digits"),
    "numbers.segment": ("号段", "Segment"),
    "numbers.province": ("省份", "Province"),
    "numbers.city": ("城市", "City"),
    "numbers.tier": ("靓号等级", "Tier"),
    "numbers.pattern": ("号码规律", "Pattern"),
    "numbers.any": ("不限", "Any"),
    "numbers.search": ("搜索", "Search"),
    "numbers.number": ("号码", "Number"),
    "numbers.place": ("归属地", "Area"),
    "numbers.prestore": ("预存话费", "Pre-stored fee"),
    "numbers.min_monthly": ("最低月消费", "Minimum monthly spend"),
    "numbers.contract": ("协议期", "Contract"),
    "numbers.months": ("{months}个月", "{months} months"),
    "numbers.none": (
        "没有符合条件的号码，请换个条件试试。",
        "No number matches: try other filters.",
    ),
    "numbers.reserve": ("预占", "Reserve"),
    "numbers.release": ("释放", "Release"),
    "numbers.reserved": ("我预占的号码", "My reserved numbers"),
    "numbers.until": ("保留至", "Held until"),
    "numbers.left": ("剩余", "Time left"),
    "numbers.previous": ("上一页", "Previous"),
    "numbers.next": ("下一页", "Next"),
    "numbers.tiers": ("靓号等级与资费", "Tiers and their terms"),
    "numbers.login_to_reserve": (
        "登录后可预占号码，保留30分钟。",
        "Log in to reserve a number for 30 minutes.",
    ),
}
