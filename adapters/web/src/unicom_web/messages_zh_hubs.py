"""The Chinese sentences of the TMF event hubs' error codes, merged into ``ZH_MESSAGES``.

Listeners, their callbacks and queries, deliveries; the one table the web adapter reads is
:data:`unicom_web.messages_zh.ZH_MESSAGES`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["HUBS_ZH_MESSAGES"]

HUBS_ZH_MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "hubs.api": "该接口不提供事件订阅",
        "hubs.callback": "回调地址须为 https 的完整网址，且不能指向内网地址",
        "hubs.delivery": "事件投递记录的字段超出范围",
        "hubs.full": "事件订阅数量已达上限",
        "hubs.no_sender": "未配置事件推送服务，事件将在配置后重新投递",
        "hubs.query": "订阅条件格式有误，应为 eventType=... 及以 & 连接的属性条件",
        "hubs.settings": "事件订阅的设置超出范围",
        "hubs.unknown": "该事件订阅不存在",
        "hubs.unreachable": "无法连接订阅方的回调地址，稍后将重试",
    }
)
