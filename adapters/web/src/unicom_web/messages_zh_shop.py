"""The Chinese sentences of the shop area's error codes, merged into ``ZH_MESSAGES``.

Orders, stock, real-name purchase and signed delivery (F-SHOP-1..3); the one table the web
adapter reads is :data:`unicom_web.messages_zh.ZH_MESSAGES`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["SHOP_ZH_MESSAGES"]

SHOP_ZH_MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "shop.cards_sold": "订单中的充值卡已售出并已显示卡密，该订单不能取消",
        "shop.delivery_refused": "号卡须由机主本人凭身份证签收，无法交付",
        "shop.holder_required": "购买号卡须填写机主姓名和二代身份证号码",
        "shop.identity_mismatch": "姓名与身份证号码不符，今日还可尝试{attempts_left}次",
        "shop.identity_unavailable": "身份核验服务暂不可用，订单未提交，请稍后再试",
        "shop.lines": "每个订单可包含1至{maximum}项商品或号码",
        "shop.not_for_sale": "该商品不在网上商城销售",
        "shop.number_ordered": "号码{number}已在其他订单中",
        "shop.order": "订单的 {field} 填写不正确",
        "shop.out_of_stock": "商品库存不足",
        "shop.payment_open": "该订单正在支付中，请等待支付结果",
        "shop.request_reused": "请刷新页面后重新提交订单",
        "shop.reservation_required": "请先预占号码{number}再下单",
        "shop.settings": "商城设置 {field} 不正确",
        "shop.too_many_attempts": "今日身份核验失败次数过多，请于{retry_at}后再试",
        "shop.transition": "订单当前状态不能进行该操作",
        "shop.unknown_order": "没有找到该订单",
        "shop.unknown_tracking": "没有找到该运单号对应的订单",
    }
)
