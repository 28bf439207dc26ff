"""The Chinese sentences of the payments area's error codes, merged into ``ZH_MESSAGES``.

Payments and top-ups (including paying for another number, 代充/代缴), recharge cards,
e-invoices, bank-card mandates and balance adjustments (F-PAY-1..3, F-QRY-6); the one table
the web adapter reads is :data:`unicom_web.messages_zh.ZH_MESSAGES`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["PAYMENTS_ZH_MESSAGES"]

PAYMENTS_ZH_MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "auto_debit.status": "自动扣费状态字段 {field} 类型不正确",
        "balance.adjust_kind": "调账类型须为 credit（增加）或 debit（扣减）",
        "balance.adjust_reason": "调账须填写原因（1至200个可打印字符）",
        "balance.adjust_request": "调账请求字段 {field} 不正确",
        "balance.adjustment_key_reused": "该请求号已用于另一笔调账，请换一个请求号",
        "balance.adjustment_unknown": "没有找到调账记录 {id}",
        "balance.unknown_balance": "没有找到累计量 {id}",
        "balance.unknown_bucket": "没有找到余量 {id}",
        "invoice.amount": "发票字段 {field} 类型不正确",
        "invoice.key_reused": "该开票请求号已用于另一张发票",
        "invoice.kind": "蓝字发票金额为正；红字发票金额为负，用于冲销蓝字发票",
        "invoice.not_billable": "该笔交易尚未支付成功，不能开具发票",
        "invoice.not_issued": "只有已开具的蓝字发票才能冲红",
        "invoice.number": "发票号码格式不正确",
        "invoice.numbers_exhausted": "该发票代码的号码已用完",
        "invoice.region": "地区代码为4位数字",
        "invoice.renumbered": "该发票已有号码",
        "invoice.tax_id": "纳税人识别号为15至20位数字或大写字母",
        "invoice.title": "发票抬头不能为空且不能过长",
        "invoice.unknown": "没有找到该发票",
        "mandate.bank": "银行名称不能为空且不能过长",
        "mandate.card": "请输入正确的银行卡号",
        "mandate.duplicate": "该银行卡已为此号码签约代扣，无需重复签约",
        "mandate.over_limit": "扣款金额超过了该代扣协议的限额 {limit}",
        "mandate.retry_schedule": "重试间隔须为少量递增的正时长",
        "mandate.unknown": "没有找到该代扣协议",
        "payment.action": "支付字段 {field} 类型不正确",
        "payment.amount": "金额格式不正确",
        "payment.amount_mismatch": "支付平台报告的支付金额与订单 {payment_id} 不符",
        "payment.amount_not_positive": "支付金额须大于零",
        "payment.amount_too_large": "单笔支付不能超过 {limit}，请分多次支付",
        "payment.bill_payment_open": "该账户有一笔交费正在处理中，请完成或稍后再试",
        "payment.credit": "支付字段 {field} 类型不正确",
        "payment.gateway_refused": "支付宝拒绝了该请求",
        "payment.key": "请刷新页面后重新提交",
        "payment.key_reused": "该请求号已用于另一笔支付，请重新提交",
        "payment.mandate": "代扣支付须注明代扣协议",
        "payment.method": "充值须在网页或手机客户端支付",
        "payment.not_accessory_product": "该产品不是配件",
        "payment.not_combo_plan_product": "该产品不是组合套餐",
        "payment.not_data_card_product": "该产品不是上网卡",
        "payment.not_number_product": "该产品不是号码",
        "payment.not_pack_product": "该产品不是套餐包",
        "payment.not_phone_product": "该产品不是手机",
        "payment.not_plan_product": "该产品不是套餐",
        "payment.not_recharge_card_product": "该产品不是充值卡",
        "payment.not_refundable": "支付 {payment_id} 目前不能退款",
        "payment.not_succeeded": "支付 {payment_id} 尚未成功，暂不能发货",
        "payment.not_top_up_number": "只能为手机和上网卡号码充值，固话和宽带请交费",
        "payment.not_top_up_product": "该产品不是充值",
        "payment.nothing_owed": "当前没有欠费",
        "payment.notification_forged": "支付通知的签名不正确",
        "payment.notification_limit": "该地址发送的支付通知过于频繁，请下一分钟再试",
        "payment.notification_malformed": "无法读取支付通知",
        "payment.number_kind": "号码类型须为手机、固话或宽带",
        "payment.other_carrier": "不是联通号码，请通过该号码所属运营商充值交费",
        "payment.others_daily_limit": "今日为他人号码查询或充值交费的次数已达上限，请明天再试",
        "payment.outcome": "支付字段 {field} 类型不正确",
        "payment.purpose": "支付字段 {field} 类型不正确",
        "payment.record_bill": "账单 {bill_id} 不属于该账户",
        "payment.record_request": "缴费登记字段 {field} 不正确",
        "payment.return_url": "返回地址须为本站路径或本站公开域名下的地址",
        "payment.settings": "{field} 须为正的时长",
        "payment.subject": "支付字段 {field} 类型不正确",
        "payment.unknown": "没有找到该笔支付",
        "payment.unknown_number": "没有找到该联通号码，请核对后重新输入",
        "payment.unknown_trade": "没有与该交易号对应的支付",
        "payment.wrong_purpose": "该笔支付用于其他业务",
        "recharge_card.already_redeemed": "该充值卡已被使用",
        "recharge_card.batch": "批次号须为1至9999999",
        "recharge_card.batches_exhausted": "充值卡批次号已用完",
        "recharge_card.count": "每批充值卡的张数须在1张到上限之间",
        "recharge_card.expired": "该充值卡已于 {expired_at} 过期",
        "recharge_card.expiry": "充值卡批次的有效期须晚于发行时间",
        "recharge_card.face_value": "充值卡面值须为1000元以下的整元数",
        "recharge_card.inactive": "该充值卡未在售",
        "recharge_card.kind": "充值卡字段 {field} 类型不正确",
        "recharge_card.not_in_stock": "充值卡 {serial} 不在库存中",
        "recharge_card.not_ordered": "充值卡 {serial} 不属于该订单",
        "recharge_card.not_paid": "订单尚未支付",
        "recharge_card.out_of_stock": "该面值的充值卡库存不足",
        "recharge_card.quantity": "数量须为整数",
        "recharge_card.secret_format": "充值卡密码位数不正确",
        "recharge_card.status": "充值卡字段 {field} 类型不正确",
        "recharge_card.too_many_attempts": "今日充值卡密码错误次数过多，请明天再试",
        "recharge_card.wrong_secret": "充值卡密码错误",
        "topup.invalid": "充值请求不正确",
    }
)
"""Code → Chinese sentence."""
