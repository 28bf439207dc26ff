"""The Chinese sentences of the operator codes (F-AUTH-6), merged into ``ZH_MESSAGES``.

Operator clients, their tokens and the audit log; the one table the web adapter reads is
:data:`unicom_web.messages_zh.ZH_MESSAGES`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["OPERATOR_ZH_MESSAGES"]

OPERATOR_ZH_MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "operator.actor": "运营操作须注明操作者：运营方客户端编号（op-...）或 cli:<名称>",
        "operator.audit_query": "审计查询条件 {field} 无效",
        "operator.field": "运营方记录的 {field} 无效",
        "operator.invalid_client": "客户端认证失败（客户端不存在、密钥错误或已停用）",
        "operator.invalid_scope": "申请的权限范围未知或超出该客户端的权限",
        "operator.locked": "客户端认证失败次数过多，请稍后再试",
        "operator.no_subscriber": "运营方没有自己的号码，请指明要操作的号码",
        "operator.scope_missing": "运营方令牌无权使用 {capability}，需要权限范围：{scopes}",
        "operator.token_invalid": "运营方访问令牌不存在、已过期或已被撤销",
        "operator.unknown_client": "没有该运营方客户端",
    }
)
