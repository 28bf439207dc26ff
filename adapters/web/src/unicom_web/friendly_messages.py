"""The friendly sentences a page shows for a refusal, by error code: (Chinese, English).

A page shows these first; a code without one falls back to the declared code's Chinese
sentence (:mod:`unicom_web.error_messages`) or to the error's own message
(:func:`unicom_web.i18n.friendly`).
"""

from __future__ import annotations

__all__ = ["FRIENDLY"]

FRIENDLY: dict[str, tuple[str, str]] = {
    "access.bad_credentials": (
        "用户名或密码错误。",
        "The user name or the password is wrong.",
    ),
    "access.locked": (
        "错误次数过多，该用户名已被暂时锁定。",
        "Too many failed attempts: this user name is locked for a while.",
    ),
    "access.captcha_required": ("请输入验证码。", "Please solve the captcha."),
    "access.captcha_wrong": ("验证码错误，请重新输入。", "The captcha was wrong; try again."),
    "access.initial_password": (
        "初始服务密码不能登录，请先修改密码。",
        "The initial service password cannot log in: change it first.",
    ),
    "access.not_logged_in": ("请先登录。", "Please log in first."),
    "access.session_expired": ("登录已过期，请重新登录。", "Your session expired; log in again."),
    "access.capability_missing": (
        "随机密码登录不能查询详单或办理业务，请使用服务密码登录。",
        (
            "A random-password login cannot see detailed records nor handle business: "
            "log in with the service password."
        ),
    ),
    "access.unknown_number": ("没有找到该号码。", "There is no such number."),
    "access.email_taken": (
        "该邮箱已被其他号码使用。",
        "Another number already logs in with this e-mail.",
    ),
    "code.resend_too_soon": (
        "随机密码发送过于频繁。",
        "A random password was sent a moment ago.",
    ),
    "code.daily_limit": (
        "今日随机密码发送次数已达上限。",
        "No more random passwords today.",
    ),
    "code.format": ("随机密码为6位数字。", "A random password is 6 digits."),
    "password.format": ("服务密码为6位数字。", "A service password is 6 digits."),
    "password.weak": (
        "新密码过于简单，请换一个。",
        "The new password is too easy to guess; choose another.",
    ),
    "password.unchanged": ("新密码不能与原密码相同。", "The new password is the old one."),
    "mobile.format": ("请输入11位手机号码。", "Enter an 11-digit mobile number."),
    "billing.query_blackout": (
        "每月1日至2日为出账期，暂不能查询本月和上月话费。",
        (
            "Days 1-2 of the month are the bill run: this and last month's charges cannot be "
            "queried now."
        ),
    ),
    "billing.upgrade_query_pending": (
        "升级4G当月，需等到4日8:00后才能查询话费和用量。",
        "In the month your 4G plan starts, charges and usage show from 08:00 on the 4th.",
    ),
    "billing.detail_window": (
        "只能查询近六个月（含当月）的详单，手机上网记录为近两个月。",
        "Detailed records go six months back (mobile internet: two), this month included.",
    ),
    "billing.future_cycle": ("该月份尚未开始。", "That month has not begun."),
    "mobile.segment": ("该号段不是有效的手机号段。", "That is not a mobile number segment."),
    "billing.upgrade_payment_pending": (
        "升级4G当月2日8:00前暂不能交费。",
        "In the month your 4G plan starts, payments open at 08:00 on the 2nd.",
    ),
    "payment.not_top_up_number": (
        "只能为手机和上网卡号码充值，固话和宽带请交费。",
        "Only mobile and data-card numbers are topped up: pay a bill instead.",
    ),
    "payment.nothing_owed": ("当前没有欠费。", "Nothing is owed now."),
    "payment.key": ("请重新打开页面后再提交。", "Please reload the page and try again."),
    "recharge_card.wrong_secret": ("充值卡密码错误。", "That card secret is wrong."),
    "recharge_card.already_redeemed": ("该充值卡已使用。", "That card was redeemed already."),
    "recharge_card.expired": ("该充值卡已过期。", "That card has expired."),
    "recharge_card.too_many_attempts": (
        "今日充值卡密码错误次数过多。",
        "Too many wrong card secrets today.",
    ),
    "recharge_card.out_of_stock": ("充值卡库存不足。", "Not enough cards in stock."),
    "recharge_card.not_paid": ("订单尚未支付。", "The order is not paid yet."),
    "invoice.not_billable": ("该笔交易尚未支付成功，不能开票。", "Only a paid item is invoiced."),
    "mandate.card": ("请输入正确的银行卡号。", "Enter a valid bank card number."),
    "mandate.duplicate": (
        "该银行卡已为此号码签约代扣，无需重复签约。",
        "This card already pays this number's bills: no second mandate is needed.",
    ),
    "payment.other_carrier": (
        "不是联通号码，请通过该号码所属运营商充值交费。",
        "Not a China Unicom number: top it up with its own carrier.",
    ),
    "payment.unknown_number": (
        "没有找到该联通号码，请核对后重新输入。",
        "No China Unicom subscriber has this number: check it and try again.",
    ),
    "payment.others_daily_limit": (
        "今日为他人号码查询或充值交费的次数已达上限。",
        "You reached today's limit of payments for other numbers.",
    ),
}
