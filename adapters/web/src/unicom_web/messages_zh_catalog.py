"""The Chinese sentences of the catalogue's and the promotions' error codes, for ``ZH_MESSAGES``.

Offers, plans, 4G bundles, prices and the operators' catalogue drafts (F-BUN-1..4,
F-SHOP-4), and campaigns (F-PRO-1..3); the one table the web adapter reads is
:data:`unicom_web.messages_zh.ZH_MESSAGES`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["CATALOG_ZH_MESSAGES"]

CATALOG_ZH_MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "bundle.channel": "该组合套餐不在此渠道销售",
        "bundle.combo_mismatch": "不能将组合套餐改为另一种组合套餐",
        "bundle.compare": "请至少选择一个组合套餐进行比较",
        "bundle.data_pack_required": "该组合套餐须选择一个流量包",
        "bundle.duplicate_kind": "组合套餐中同一类套餐包只能选一个（{kind}）",
        "bundle.no_such_pack": "该组合套餐没有这类套餐包（{kind}）",
        "bundle.packs": "组合套餐由套餐包组成",
        "bundle.sms_pack_required": "该组合套餐须选择一个短信包",
        "bundle.unknown_tier": "{pack_code} 不是该套餐可选的档位",
        "bundle.value_added_pack_required": "该组合套餐须选择一个增值业务包",
        "bundle.voice_pack_required": "该组合套餐须选择一个语音包",
        "catalog.allowance": "{field} 应为不小于0的整数",
        "catalog.allowances": "资费字段 {field} 类型不正确",
        "catalog.change_kind": "资费字段 {field} 类型不正确",
        "catalog.change_rules": "套餐变更规则格式不正确",
        "catalog.change_timing": "资费字段 {field} 类型不正确",
        "catalog.channel": "该产品不在此渠道销售",
        "catalog.channels": "产品至少要在一个渠道销售",
        "catalog.code": "{field} 须为1至64位小写字母、数字或“.”“_”“-”，以字母或数字开头",
        "catalog.data": "{source}：{path} 不是有效的产品目录数据",
        "catalog.description": "资费字段 {field} 类型不正确",
        "catalog.draft_kind": "草稿中的产品 {product_code} 不能改变产品类型",
        "catalog.draft_pending": "产品目录草稿（版本 {revision}）尚未发布，请先发布或放弃该草稿",
        "catalog.duplicate_code": "{path}：{field} 重复",
        "catalog.enum": "取值不在允许的范围内",
        "catalog.generation": "资费字段 {field} 类型不正确",
        "catalog.id": "不能用另一个产品目录覆盖当前目录",
        "catalog.list": "请写成列表，例如 [...]",
        "catalog.money": "金额请写成字符串，例如“8元”",
        "catalog.name": "{field} 不能为空且不能过长",
        "catalog.no_draft": "没有待发布的产品目录草稿",
        "catalog.not_installed": "尚未安装产品目录",
        "catalog.not_on_sale": "{product_code} 当前不在销售期内",
        "catalog.overage": "超出流量须为不小于0的整数（MB）",
        "catalog.pack_allowance": "套餐包须包含其对应类型的用量",
        "catalog.pack_kind": "资费字段 {field} 类型不正确",
        "catalog.payment_modes": "{field} 至少要列出一项",
        "catalog.price": "{field} 须为不小于0的金额",
        "catalog.price_rule": "价格规则的折扣率格式不正确",
        "catalog.product_kind": "资费字段 {field} 类型不正确",
        "catalog.rate": "折扣率请写成百分数，例如“98.5%”",
        "catalog.required_kinds": "{field} 至少要列出一项",
        "catalog.revision": "目录版本号须为不小于1的整数",
        "catalog.section": "{path} 应为产品目录条目的列表",
        "catalog.stale_revision": "版本 {revision} 并不比已发布的版本 {published} 新",
        "catalog.table": "请写成表，例如 {{...}}",
        "catalog.tiers": "组合套餐至少要有一个档位",
        "catalog.unknown_field": "{path}：{field} 不是有效的产品目录数据",
        "catalog.unknown_product": "产品目录中没有该产品",
        "catalog.unknown_tier": "{path}：{field} 不是有效的档位",
        "catalog.unreadable": "无法读取 {source}",
        "catalog.window": "请写成TOML日期或日期时间",
        "offering.invalid": "产品销售品字段 {field} 不正确",
        "offering.price": "价格字段 {field} 不正确",
        "offering.read_only": "{field} 由系统维护，不能修改",
        "promotion.already_joined": "该号码已参加活动 {code}",
        "promotion.campaign": "活动的 {field} 不正确",
        "promotion.campaign_exists": "活动 {code} 已存在",
        "promotion.issuer_unavailable": "权益 {entitlement} 暂未发放成功，稍后将自动重试",
        "promotion.not_cancellable": "该活动参与已不能取消（{reason}）",
        "promotion.not_eligible": "该号码不符合活动条件：{rule}",
        "promotion.not_joined": "该号码未参加活动 {code}",
        "promotion.participation": "活动参与记录的 {field} 不正确",
        "promotion.request_id": "请求编号须为1至64位字母、数字或“_.:-”",
        "promotion.settings": "活动设置的 {field} 不正确",
        "promotion.sold_out": "活动 {code} 名额已满",
        "promotion.toml": "活动文件在 {field} 处有误",
        "promotion.transition": "活动 {code} 当前为 {state}，不能{action}",
        "promotion.unknown_campaign": "没有活动 {code}",
    }
)
"""Code → Chinese sentence."""
