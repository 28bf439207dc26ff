"""The Chinese sentences of the campaign metrics' error codes, merged into ``ZH_MESSAGES``.

Counting and the report per day (F-PRO-5); the one table the web adapter reads is
:data:`unicom_web.messages_zh.ZH_MESSAGES`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["METRICS_ZH_MESSAGES"]

METRICS_ZH_MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "metrics.campaign": "活动代码须为1至64位字母、数字、下划线或连字符，且以字母或数字开头",
        "metrics.count": "活动计数的 {field} 不正确",
        "metrics.range": "统计区间须从开始日期到不早于它的结束日期；{field} 不正确",
        "metrics.range_too_long": "统计区间最多{maximum}天",
        "metrics.settings": "活动数据设置的 {field} 不正确",
    }
)
"""The Chinese template of each metrics error code, by its dotted code."""
