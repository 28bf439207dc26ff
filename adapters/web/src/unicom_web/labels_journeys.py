"""The labels of the subscriber's journeys: home, login and reset, paying, details (zh, en).

The home page's packs, monthly fee, allowances and quick actions (F-QRY-1, F-QRY-2), the
login tabs and the password reset (F-AUTH-2, F-AUTH-7), paying for another number and the
stages of a payment (F-PAY-1, F-PAY-3), the units and fees of detail records (F-QRY-3).
Kept apart from :mod:`unicom_web.i18n`, which merges them into its catalogue.
"""

from __future__ import annotations

__all__ = ["JOURNEY_LABELS"]

JOURNEY_LABELS: dict[str, tuple[str, str]] = {
    # home, F-QRY-1, F-QRY-2
    "home.quick": ("常用功能", "Quick actions"),
    "home.tile.bills": ("查话费", "Charges"),
    "home.tile.top_up": ("充值", "Top up"),
    "home.tile.details": ("查详单", "Call details"),
    "home.tile.handling": ("办业务", "Services"),
    "home.account": ("账户信息", "Account"),
    "home.packs": ("已订购", "Packs held"),
    "home.monthly_fee": ("月费合计", "Monthly fee"),
    "home.left": ("本月剩余", "Left this month"),
    "home.left_of": (
        "剩余 {left} {unit} / 共 {included} {unit}",
        "{left} {unit} left of {included}",
    ),
    "home.measure.data_kb": ("流量", "Data"),
    "home.measure.voice_minutes": ("语音", "Voice"),
    "home.measure.messages": ("短信", "Messages"),
    # login and reset, F-AUTH-2, F-AUTH-7
    "login.tabs": ("登录方式", "How to log in"),
    "login.tab.password": ("服务密码登录", "Service password"),
    "login.tab.random": ("随机密码登录", "Random password"),
    "login.random_note": (
        "随机密码登录可查询话费、余额、积分和个人信息，可充值交费；查询详单或办理业务请使用服务密码登录。",
        (
            "With a random password you may see charges, balance, points and profile, and pay "
            "or top up; detailed records and services need the service password."
        ),
    ),
    "login.send_code": ("获取随机密码", "Send code"),
    "login.forgot": ("忘记密码？", "Forgot the password?"),
    "login.change": ("修改服务密码", "Change the service password"),
    "login.changed": ("服务密码已修改，请用新密码登录。", "Password changed: log in with it."),
    "login.reset_done": (
        "服务密码已重置，请用新密码登录。",
        "Your service password was reset: log in with the new one.",
    ),
    "reset.title": ("重置服务密码", "Reset the service password"),
    "reset.intro": (
        "我们将向您的手机发送随机密码，凭随机密码设置新的服务密码。",
        "We send a random password to your phone; with it you set a new service password.",
    ),
    "reset.number": ("手机号码", "Mobile number"),
    "reset.get_code": ("获取随机密码", "Send code"),
    "reset.code": ("短信随机密码", "Random password (SMS)"),
    "reset.new": ("新服务密码（6位数字）", "New password (6 digits)"),
    "reset.submit": ("重置密码", "Reset the password"),
    # paying, F-PAY-1, F-PAY-3
    "pay.for_other": (
        "可为任意联通手机号码充值交费，提交后请核对号码和机主姓名。",
        "You may top up or pay for any China Unicom mobile number; you confirm it next.",
    ),
    "others.title": ("确认号码", "Confirm the number"),
    "others.number": ("号码", "Number"),
    "others.holder": ("机主", "Holder"),
    "others.note": (
        "请核对号码和机主姓名，款项将充入该号码的账户。",
        "Check the number and the holder's name: the money goes to that number's account.",
    ),
    "others.amount": ("交费金额（元）", "Amount (yuan)"),
    "others.confirm": ("确认并支付", "Confirm and pay"),
    "others.back": ("修改号码", "Change the number"),
    "payment.status.created": ("待支付", "Awaiting payment"),
    "payment.status.pending": ("待支付", "Awaiting payment"),
    "payment.stage.pending": ("待支付", "Awaiting payment"),
    "payment.stage.succeeded": ("支付成功", "Paid"),
    "payment.stage.failed": ("支付失败", "Payment failed"),
    "payment.stage.cancelled": ("已取消", "Cancelled"),
    "payment.stage.expired": ("已超时关闭", "Expired"),
    "payment.stage.refunded": ("已退款", "Refunded"),
    "payment.next.pending": (
        "您还没有完成支付。请前往收银台完成支付，或取消本次支付；{when}前未支付将自动关闭。",
        "You have not paid yet. Finish paying at the cashier, or cancel; it closes at {when}.",
    ),
    "payment.next.succeeded": (
        "款项已到账，可开具电子发票，或返回首页查看余额。",
        "The money has arrived: get the e-invoice, or see the balance on the home page.",
    ),
    "payment.next.failed": (
        "支付未成功，没有扣款。您可以重新发起支付。",
        "The payment did not go through and nothing was charged. You may try again.",
    ),
    "payment.next.cancelled": (
        "您已取消本次支付，没有扣款。如需充值交费请重新发起。",
        "You cancelled this payment and nothing was charged. Start a new one if you wish.",
    ),
    "payment.next.expired": (
        "支付已超时关闭，没有扣款。如需充值交费请重新发起。",
        "The time to pay ran out and nothing was charged. Start a new one if you wish.",
    ),
    "payment.next.refunded": (
        "款项已原路退回。",
        "The money went back to where it came from.",
    ),
    "payment.credit_due": ("应到账", "To be credited"),
    "payment.credited": ("已到账", "Credited"),
    "payment.cancel": ("取消支付", "Cancel the payment"),
    "payment.again": ("重新发起", "Start a new payment"),
    # detail records, F-QRY-3
    "details.total": ("本页合计", "This page"),
    "details.unit.messages": ("条", "messages"),
    "details.unit.uses": ("次", "uses"),
    "bills.lines": ("账单明细", "Lines"),
    "bill.month.title": ("{cycle} 账单明细", "Bill of {cycle}"),
    "bill.month.final": ("已出账", "Issued"),
    "bill.month.so_far": ("截至目前（未出账）", "So far (not issued yet)"),
    "bill.month.details": ("该月详单", "Detailed records of the month"),
}
