"""The labels of the shop's pages (網上商城, F-SHOP-1..3, F-NUM-3): (Chinese, English).

Kept apart from :mod:`unicom_web.i18n`, which merges them into its catalogue.
"""

from __future__ import annotations

__all__ = ["SHOP_LABELS"]

SHOP_LABELS: dict[str, tuple[str, str]] = {
    "nav.shop": ("网上商城", "Shop"),
    "nav.orders": ("我的订单", "My orders"),
    "payment.purpose.shop_order": ("商城订单", "Shop order"),
    "shop.title": ("网上商城", "Online shop"),
    "shop.goods": (
        "手机、上网卡、配件与充值卡",
        "Phones, data cards, accessories and recharge cards",
    ),
    "shop.product": ("商品", "Product"),
    "shop.kind.phone": ("手机", "Phone"),
    "shop.kind.data_card": ("上网卡", "Data card"),
    "shop.kind.accessory": ("配件", "Accessory"),
    "shop.kind.number": ("号卡", "Number with a plan"),
    "shop.kind.recharge_card": ("充值卡", "Recharge card"),
    "shop.electronic": (
        "充值卡为电子卡，付款即交付，无需配送。",
        "Electronic cards: paid means delivered, nothing ships.",
    ),
    "shop.show_secrets": ("查看卡密", "Show the card secrets"),
    "shop.secrets_hint": (
        "每次查看都会生成新卡密，之前显示的卡密随即作废；已充值的卡不再显示。",
        (
            "Each showing mints new secrets and voids the ones shown before; a redeemed "
            "card is not shown again."
        ),
    ),
    "shop.price": ("价格", "Price"),
    "shop.stock": ("库存", "In stock"),
    "shop.out_of_stock": ("缺货", "Out of stock"),
    "shop.quantity": ("数量", "Quantity"),
    "shop.add": ("加入购物车", "Add to cart"),
    "shop.plans": ("套餐（选号入网）", "Plans (with a new number)"),
    "shop.plans_hint": (
        "套餐随号码一起购买：先在选号页预占号码，再选择套餐。",
        "A plan comes with a number: reserve one on the number page, then choose its plan.",
    ),
    "shop.choose_number": ("去选号", "Choose a number"),
    "shop.cards": ("充值卡", "Recharge cards"),
    "shop.cards_hint": (
        "充值卡可加入购物车随订单购买，付款后即在订单页查看卡密，无需配送。",
        (
            "Recharge cards go in the cart with the order; once paid their secrets show on "
            "the order page, nothing is shipped."
        ),
    ),
    "shop.buy_cards": ("购买充值卡", "Buy recharge cards"),
    "shop.cart": ("购物车", "Cart"),
    "shop.cart_empty": ("购物车是空的。", "The cart is empty."),
    "shop.remove": ("移除", "Remove"),
    "shop.checkout": ("去结算", "Check out"),
    "shop.continue": ("继续购物", "Continue shopping"),
    "shop.line": ("商品或号码", "Product or number"),
    "shop.unit_price": ("单价", "Unit price"),
    "shop.amount": ("小计", "Amount"),
    "shop.total": ("合计", "Total"),
    "shop.plan": ("套餐", "Plan"),
    "shop.prestore_line": ("号码{number}（预存话费）", "Number {number} (pre-stored fee)"),
    "shop.address": ("收货信息", "Delivery"),
    "shop.recipient": ("收货人", "Recipient"),
    "shop.phone": ("联系电话", "Phone"),
    "shop.street": ("收货地址", "Address"),
    "shop.holder": ("机主信息（实名登记）", "Holder (real-name registration)"),
    "shop.holder_hint": (
        "购买号卡须登记机主姓名和二代身份证号码；号卡由快递员当面交给机主本人，凭身份证签收后开通。",
        (
            "A phone card is registered to its holder's name and second-generation resident "
            "ID; the courier hands it to the holder in person, who signs with the ID, and only "
            "then is the number activated."
        ),
    ),
    "shop.holder_name": ("机主姓名", "Holder's name"),
    "shop.resident_id": ("二代身份证号码", "Resident ID number"),
    "shop.place": ("提交订单并支付", "Place the order and pay"),
    "shop.buy_with_plan": ("选套餐购买", "Buy with a plan"),
    "shop.orders": ("我的订单", "My orders"),
    "shop.no_orders": ("暂无订单", "No orders yet"),
    "shop.order": ("订单", "Order"),
    "shop.order_id": ("订单号", "Order number"),
    "shop.placed_at": ("下单时间", "Placed at"),
    "shop.status": ("订单状态", "Status"),
    "shop.status.placed": ("待支付", "Awaiting payment"),
    "shop.status.paid": ("已支付，待发货", "Paid, to be shipped"),
    "shop.status.shipped": ("已发货", "Shipped"),
    "shop.status.delivered": ("已签收", "Delivered"),
    "shop.status.cancelled": ("已取消", "Cancelled"),
    "shop.status.refunded": ("已退款", "Refunded"),
    "shop.history": ("订单进度", "History"),
    "shop.at": ("时间", "Time"),
    "shop.payment": ("支付", "Payment"),
    "shop.no_payment": ("尚未支付", "Not paid yet"),
    "shop.pay": ("去支付", "Pay"),
    "shop.cancel": ("取消订单", "Cancel the order"),
    "shop.logistics": ("物流信息", "Shipment tracking"),
    "shop.tracking_id": ("运单号", "Tracking number"),
    "shop.not_shipped": ("尚未发货", "Not shipped yet"),
    "shop.activated": ("已开通", "Active"),
    "shop.shipment.booked": ("已揽件", "Booked"),
    "shop.shipment.in_transit": ("运输中", "In transit"),
    "shop.shipment.out_for_delivery": ("派送中", "Out for delivery"),
    "shop.shipment.delivered": ("已签收", "Delivered"),
    "shop.shipment.returned": ("已退回", "Returned"),
    "shop.more": ("更早的订单", "Older orders"),
}
