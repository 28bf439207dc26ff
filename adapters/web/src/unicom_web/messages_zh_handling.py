"""The Chinese sentences of the handling area's error codes, merged into ``ZH_MESSAGES``.

Business handling, points, real-name re-registration and customer service; the one table the
web adapter reads is :data:`unicom_web.messages_zh.ZH_MESSAGES`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["HANDLING_ZH_MESSAGES"]

HANDLING_ZH_MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "handling.already_4g": "您的号码已是4G，无需升级",
        "handling.arrears": "您的账户已欠费（{balance}），请先缴清欠费再办理",
        "handling.credit_limit_exceeds": "按您的网龄和缴费记录，信用额度最高可调整为 {allowed}",
        "handling.credit_rules": "信用额度规则的 {field} 配置不正确",
        "handling.forwarding_chain": "转移号码的呼叫转移链过长（超过{maximum}个号码），无法设置",
        "handling.forwarding_delay": "无应答等待须为{minimum}-{maximum}秒，其他条件无需填写",
        "handling.forwarding_loop": "转移到该号码后来电会被转回本号码，形成循环，无法设置",
        "handling.forwarding_self": "不能将来电转移到本号码",
        "handling.forwarding_target": "请输入正确的手机号码或固定电话号码（不含区号）",
        "handling.kind": "暂不支持该业务",
        "handling.network_age": "该套餐要求网龄满{required_months}个月，您的网龄为{months}个月",
        "handling.no_bundle": "您的套餐不是组合套餐，无法变更套餐包",
        "handling.no_change": "所选内容与当前相同，无需办理",
        "handling.not_4g": "只有4G号码才能开通4G上网",
        "handling.not_active": "号码当前状态不能办理该业务",
        "handling.not_member": "{number} 不是本共享套餐的副卡",
        "handling.not_pending": "该业务已生效或已撤销，不能撤销",
        "handling.not_primary": "只有4G共享套餐的主卡可以办理主卡变更",
        "handling.pack_not_offered": "您的号码不能订购该流量包",
        "handling.parameter": "请正确填写 {field}",
        "handling.pending_exists": "您已有一笔同类业务待次月生效，请先撤销后再办理",
        "handling.plan_not_offered": "您的号码不能变更为该套餐",
        "handling.record": "业务记录字段 {field} 格式不正确",
        "handling.request_id": "请求编号格式不正确，请刷新页面后重试",
        "handling.request_reused": "该请求编号已用于另一笔业务，请刷新页面后重试",
        "handling.roaming_credit": "开通该业务需信用额度不低于{required}",
        "handling.roaming_deposit": "开通该业务需账户可用余额不低于{required}",
        "handling.service_kind": "该号码不能办理此业务",
        "handling.service_state": "号码业务状态字段 {field} 格式不正确",
        "handling.shared_plan": "共享套餐的 {field} 格式不正确",
        "handling.shared_primary": "该号码已是另一共享套餐的主卡",
        "handling.unknown_record": "没有找到该业务记录",
        "handling.wlan_password": "WLAN密码须为8-16位字母和数字，且至少包含一个字母和一个数字",
        "identity.answer": "身份核验的答复 {field} 不正确",
        "identity.unavailable": "身份核验服务暂时无法使用，请稍后再试",
        "points.account": "积分账户字段 {field} 格式不正确",
        "points.amount": "积分须为1至{maximum}之间的整数",
        "points.catalogue": "积分兑换目录字段 {field} 格式不正确",
        "points.insufficient": "可用积分不足：需要{points}积分，当前可用{balance}积分",
        "points.rules": "积分规则字段 {field} 设置不正确",
        "points.unknown_item": "没有找到积分兑换礼品 {code}",
        "realname.cap_reached": "同一身份证件最多登记 {limit} 个号码，已达上限",
        "realname.complete": "您的实名资料已完整，无需补登记",
        "realname.deceased": "该证件无法登记，原资料未变更（今日还可试 {attempts_left} 次）",
        "realname.id_in_use": "该身份证件已在其他客户名下登记，请携带身份证到营业厅办理",
        "realname.mismatch": "姓名与证件号码不一致，原资料未变更（今日还可试 {attempts_left} 次）",
        "realname.shared_account": "该号码的账户还为其他号码付费，请到营业厅办理",
        "realname.too_many_attempts": "今日核验失败次数过多，请于 {retry_at} 后再试",
        "realname.unavailable": "身份核验暂时无法进行，资料未变更，请稍后再试",
        "support.agent": "客服工号格式不正确",
        "support.agent_key": "客服工号或密钥不正确",
        "support.bot_answer": "智能客服的回答字段 {field} 格式不正确",
        "support.closed": "本次会话已结束，请重新发起咨询",
        "support.conversation": "会话字段 {field} 格式不正确",
        "support.not_assigned": "该会话不由您接待",
        "support.not_waiting": "该会话已不在排队中",
        "support.not_with_bot": "会话已转人工，智能客服不再回答",
        "support.open_exists": "您已有一个进行中的会话",
        "support.settings": "客服设置字段 {field} 不正确",
        "support.text": "消息内容须为1到{maximum}个字",
        "support.transcript_full": "本次会话消息已达{maximum}条上限，请重新发起咨询",
        "support.unknown_conversation": "没有找到该会话",
    }
)
"""The Chinese template of each handling-area error code, by its dotted code."""
