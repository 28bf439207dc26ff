"""The Chinese sentences of the growth game's and draw's error codes, merged into ``ZH_MESSAGES``.

沃之树 and its prize draw (F-PRO-4); the one table the web adapter reads is
:data:`unicom_web.messages_zh.ZH_MESSAGES`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["GROWTH_ZH_MESSAGES"]

GROWTH_ZH_MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "draw.commitment_mismatch": "公布的种子与抽奖 {code} 事先公布的承诺值不符",
        "draw.data": "抽奖的 {field} 不正确",
        "draw.exists": "抽奖 {code} 已存在",
        "draw.not_committed": "抽奖 {code} 尚未公布种子承诺值，不能截止报名",
        "draw.state": "抽奖 {code} 当前状态为 {state}，不能进行此操作",
        "draw.unknown": "没有抽奖 {code}",
        "growth.account": "培养值账户的 {field} 不正确",
        "growth.already_claimed": "奖励 {reward_code} 已经领取过了",
        "growth.not_running": "活动 {game} 当前不在活动时间内",
        "growth.request_id": "请求编号须为1至64位字母、数字或 _.:- 符号",
        "growth.request_reused": "请求编号 {request_id} 已用于领取其他奖励",
        "growth.rules": "沃之树活动规则的 {field} 不正确",
        "growth.stage_not_reached": "领取 {reward_code} 需要 {threshold} 培养值，当前为 {points}",
        "growth.unknown_reward": "没有奖励 {reward_code}",
    }
)
"""The Chinese template of each growth-game error code, by its dotted code."""
