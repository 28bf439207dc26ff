"""A small message catalogue: the pages in Chinese, with English available.

The language comes from ``?lang=`` (remembered in a cookie), then that cookie, then the
``Accept-Language`` header, then :attr:`WebSettings.language`. Refusals are shown with the
friendly sentence of their code when the catalogue has one, else (in Chinese) with the
declared code's sentence of :mod:`unicom_web.error_messages`, else with the error's message.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from unicom_core.domain.shared import to_shanghai
from unicom_web.error_messages import zh_message
from unicom_web.friendly_messages import FRIENDLY
from unicom_web.labels_handling import FIELD_LABELS, HANDLING_LABELS, SERVICES_LABELS
from unicom_web.labels_journeys import JOURNEY_LABELS
from unicom_web.labels_layout import LAYOUT_LABELS
from unicom_web.labels_numbers import NUMBER_LABELS
from unicom_web.labels_promotions import PROMOTION_LABELS
from unicom_web.labels_shop import SHOP_LABELS

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from litestar import Request

    from unicom_web.problems import Problem
    from unicom_web.settings import WebSettings

__all__ = ["LANGUAGES", "MESSAGES", "friendly", "language_of", "translator"]

LANGUAGES = ("zh", "en")
LANGUAGE_COOKIE = "unicom_lang"

# Each label: its key, then the Chinese and the English text.
_PAIRS: dict[str, tuple[str, str]] = {
    "site.title": ("中国联通网上营业厅", "China Unicom Online Business Hall"),
    "nav.home": ("首页", "Home"),
    "nav.bills": ("账单查询", "Bills"),
    "nav.usage": ("余量与详单", "Usage"),
    "nav.plans": ("套餐与资费", "Plans and offers"),
    "nav.bundle": ("4G组合套餐", "4G bundle builder"),
    "nav.security": ("账户安全", "Account security"),
    "nav.password": ("修改密码", "Change password"),
    "nav.login": ("登录", "Log in"),
    "nav.logout": ("退出", "Log out"),
    "login.title": ("用户登录", "Log in"),
    "login.type": ("登录类型", "Login type"),
    "login.type.mobile": ("手机号码", "Mobile number"),
    "login.type.email": ("电子邮箱", "E-mail"),
    "login.type.fixed_line": ("固定电话（不含区号）", "Fixed line (no area code)"),
    "login.type.broadband": ("宽带账号", "Broadband account"),
    "login.user_name": ("用户名", "User name"),
    "login.method": ("登录方式", "Password type"),
    "login.method.password": ("服务密码", "Service password"),
    "login.method.random": ("随机密码", "Random password"),
    "login.password": ("服务密码", "Service password"),
    "login.random_password": ("随机密码", "Random password"),
    "login.get_code": ("获取随机密码", "Send me a random password"),
    "login.code_sent": (
        "随机密码已发送到您的手机，{minutes}分钟内有效。",
        "A random password was sent to your phone; it works for {minutes} minutes.",
    ),
    "login.captcha": ("验证码", "Captcha"),
    "login.captcha_hint": ("请输入图中字符", "Type the characters shown"),
    "login.submit": ("登录", "Log in"),
    "password.title": ("修改服务密码", "Change the service password"),
    "password.old": ("原服务密码", "Current password"),
    "password.new": ("新服务密码（6位数字）", "New password (6 digits)"),
    "password.submit": ("确认修改", "Change it"),
    "password.changed": ("密码已修改，请用新密码登录。", "Password changed: log in with it."),
    "password.initial": (
        "初始服务密码不能登录，请先修改密码。",
        "The initial service password cannot log in: change it first.",
    ),
    "home.title": ("我的联通", "My account"),
    "home.number": ("号码", "Number"),
    "home.balance": ("账户余额", "Balance"),
    "home.credit_limit": ("信用额度", "Credit limit"),
    "home.available": ("可用额度", "Available"),
    "home.plan": ("当前套餐", "Current plan"),
    "home.owed": ("欠费", "Owed"),
    "home.arrears": ("已欠费{days}天", "{days} days in arrears"),
    "home.allowances": ("套餐内容", "Included"),
    "home.payment_mode": ("付费方式", "Payment"),
    "home.joined_on": ("入网时间", "Joined"),
    "home.session": ("登录方式", "Logged in with"),
    "home.limited": (
        "您使用随机密码登录，部分业务需用服务密码登录后办理。",
        "You logged in with a random password: some services need the service password.",
    ),
    "plans.title": ("套餐与资费", "Plans and offers"),
    "plans.kind.plan": ("套餐", "Plan"),
    "plans.kind.combo_plan": ("组合套餐", "Combination plan"),
    "plans.kind.pack": ("叠加包", "Pack"),
    "plans.kind.goods": ("商品", "Goods"),
    "plans.price": ("价格", "Price"),
    "plans.from": ("起", "from"),
    "plans.per_month": ("/月", "/month"),
    "plans.build": ("自由组合", "Build your bundle"),
    "bundle.title": ("4G全国组合套餐", "4G national combination plan"),
    "bundle.kind.data": ("流量包（必选）", "Data pack (required)"),
    "bundle.kind.voice": ("语音包", "Voice pack"),
    "bundle.kind.sms": ("短彩信包", "SMS pack"),
    "bundle.kind.value_added": ("增值业务包", "Value-added pack"),
    "bundle.none": ("不选", "None"),
    "bundle.price": ("月费合计", "Monthly total"),
    "bundle.list_price": ("标准资费", "List price"),
    "bundle.calculate": ("计算价格", "Show the price"),
    "security.title": ("账户安全", "Account security"),
    "security.email": ("登录邮箱", "Login e-mail"),
    "security.email_hint": (
        "设置后可用该邮箱登录本号码。",
        "Once set, this e-mail address logs in to your number.",
    ),
    "security.save": ("保存", "Save"),
    "security.saved": ("已保存。", "Saved."),
    "bills.title": ("账单查询", "Bills"),
    "bills.chart": ("本号码近六个月话费", "This number's charges, last six months"),
    "bills.current": ("本月话费（截至目前）", "This month so far"),
    "bills.issued": (
        "账户月账单（含账户下所有号码）",
        "The account's monthly bills (all its numbers)",
    ),
    "bills.cycle": ("账期", "Month"),
    "bills.total": ("金额", "Amount"),
    "bills.due": ("缴费期限", "Due"),
    "bills.settled": ("已结清", "Settled"),
    "bills.unsettled": ("未结清", "Unpaid"),
    "bills.none": ("暂无账单", "No bills yet"),
    "bills.line.plan_fee": ("套餐费", "Plan fee"),
    "bills.line.pack_fee": ("包月费", "Pack fee"),
    "bills.line.usage": ("超出使用费", "Usage"),
    "bills.line.adjustment": ("调整", "Adjustment"),
    "usage.title": ("余量与详单", "Usage"),
    "usage.chart": ("本号码近六个月超出套餐使用费", "This number's usage charges, last six months"),
    "usage.left": ("本月剩余", "Left this month"),
    "usage.none": ("本月没有包含的额度", "No allowances this month"),
    "usage.details": ("详单查询", "Detailed records"),
    "usage.unit.voice_minutes": ("分钟", "min"),
    "usage.unit.messages": ("条", "messages"),
    "usage.unit.data_kb": ("MB", "MB"),
    "details.title": ("详单查询", "Detailed records"),
    "details.kind.voice": ("通话", "Voice"),
    "details.kind.sms": ("短彩信", "SMS/MMS"),
    "details.kind.vas": ("增值业务", "Value-added"),
    "details.kind.data": ("上网流量", "Data"),
    "details.kind.wlan": ("WLAN", "WLAN"),
    "details.kind.internet": ("手机上网记录", "Mobile internet"),
    "details.when": ("时间", "When"),
    "details.quantity": ("用量", "Quantity"),
    "details.detail": ("对方/业务", "Peer / service"),
    "details.fee": ("费用", "Fee"),
    "details.none": ("没有记录", "No records"),
    "details.show": ("查询", "Show"),
    "error.title": ("出错了", "Something went wrong"),
    "error.retry_at": ("请于{when}后再试。", "Try again after {when}."),
    "error.correlation": ("请向客服提供编号：{id}", "Quote this reference to support: {id}"),
    "credential.service_password": ("服务密码", "service password"),
    "credential.random_password": ("随机密码", "random password"),
    "credential.third_party": ("第三方账号", "third-party account"),
    "payment.prepaid": ("预付费", "prepaid"),
    "payment.postpaid": ("后付费", "postpaid"),
    "nav.top_up": ("话费充值", "Top up"),
    "nav.bill_payment": ("交费", "Pay bills"),
    "nav.payments": ("交费记录", "Payments"),
    "nav.cards": ("充值卡", "Recharge cards"),
    "nav.mandates": ("银行卡代扣", "Auto-debit"),
    "nav.invoices": ("电子发票", "E-invoices"),
    "pay.number": ("充值号码", "Number"),
    "pay.number_kind": ("号码类型", "Number type"),
    "pay.denomination": ("充值面额", "Amount"),
    "pay.face_value": ("面值", "Face value"),
    "pay.price": ("实付", "You pay"),
    "pay.submit": ("去支付", "Pay now"),
    "pay.amount": ("交费金额（元，不填则交清欠费）", "Amount in yuan (empty: all that is owed)"),
    "pay.owed": ("当前欠费", "Owed now"),
    "pay.balance": ("账户余额", "Balance"),
    "pay.late_warning": (
        "现在是出账期，本次交费可能在{when}后才能到账。",
        "The bill is being generated: this payment may post only after {when}.",
    ),
    "payment.title": ("支付结果", "Payment"),
    "payment.status": ("状态", "Status"),
    "payment.status.succeeded": ("支付成功", "Paid"),
    "payment.status.failed": ("支付失败", "Failed"),
    "payment.status.refunded": ("已退款", "Refunded"),
    "payment.purpose.top_up": ("话费充值", "Top-up"),
    "payment.purpose.bill": ("交费", "Bill payment"),
    "payment.purpose.card_order": ("充值卡", "Recharge cards"),
    "payment.purpose.auto_debit": ("银行代扣", "Auto-debit"),
    "payment.subject": ("商品", "Item"),
    "payment.amount": ("金额", "Amount"),
    "payment.credit": ("到账", "Credited"),
    "payment.when": ("时间", "When"),
    "payment.id": ("流水号", "Payment no."),
    "payment.go_pay": ("前往收银台完成支付", "Finish paying at the cashier"),
    "payment.refresh": ("刷新状态", "Refresh"),
    "payment.invoice": ("开具电子发票", "Get the e-invoice"),
    "payment.reveal": ("查看卡密", "Show the card secrets"),
    "payments.title": ("交费记录", "Payment records"),
    "payments.none": ("暂无交费记录", "No payments yet"),
    "payments.next": ("下一页", "Next page"),
    "payments.previous": ("上一页", "Previous page"),
    "topup.title": ("话费充值", "Top up"),
    "bill.title": ("交费", "Pay bills"),
    "bill.kind.mobile": ("手机", "Mobile"),
    "bill.kind.fixed_line": ("固定电话", "Fixed line"),
    "bill.kind.broadband": ("宽带", "Broadband"),
    "bill.check": ("查询欠费", "Show what is owed"),
    "cards.title": ("充值卡", "Recharge cards"),
    "cards.buy": ("购买充值卡", "Buy recharge cards"),
    "cards.quantity": ("数量（1-20张）", "Quantity (1-20)"),
    "cards.redeem": ("充值卡充值", "Redeem a card"),
    "cards.secret": ("充值卡密码", "Card secret"),
    "cards.redeem_number": ("充值号码（不填为本机）", "Number (empty: this one)"),
    "cards.redeem_submit": ("充值", "Redeem"),
    "cards.redeemed": ("充值成功，账户余额{balance}。", "Redeemed: the balance is {balance}."),
    "cards.revealed": ("您的充值卡（请妥善保管卡密）", "Your cards (keep the secrets safe)"),
    "cards.serial": ("卡号", "Serial"),
    "cards.expires": ("有效期至", "Valid until"),
    "mandates.title": ("银行卡代扣", "Bank-card auto-debit"),
    "mandates.bank": ("银行", "Bank"),
    "mandates.card": ("银行卡号", "Card number"),
    "mandates.sign": ("签约", "Sign"),
    "mandates.cancel": ("解约", "Cancel"),
    "mandates.signed_at": ("签约时间", "Signed"),
    "mandates.status.active": ("有效", "Active"),
    "mandates.status.cancelled": ("已解约", "Cancelled"),
    "mandates.none": ("尚未签约", "No mandates"),
    "invoices.title": ("电子发票", "E-invoices"),
    "invoices.number": ("发票号码", "Invoice no."),
    "invoices.code": ("发票代码", "Invoice code"),
    "invoices.download": ("下载", "Download"),
    "invoices.download_pdf": ("下载 PDF", "Download PDF"),
    "invoices.none": ("暂无发票", "No invoices yet"),
    "invoices.issue": ("开具发票", "Issue an invoice"),
    "invoices.item": ("已支付项目", "Paid item"),
    "invoices.title_field": ("发票抬头", "Invoice title"),
    "invoices.tax_id": ("纳税人识别号（选填）", "Taxpayer ID (optional)"),
    "invoices.red": ("红字发票", "Red-letter"),
    "nav.profile": ("基本信息", "Basic information"),
    "profile.title": ("基本信息", "Basic information"),
    "profile.status": ("用户状态", "Status"),
    "profile.status.active": ("正常", "Active"),
    "profile.status.suspended_arrears": ("欠费停机", "Suspended (arrears)"),
    "profile.status.suspended_request": ("申请停机", "Suspended (on request)"),
    "profile.status.cancelled": ("已销户", "Cancelled"),
    "profile.puk": ("PUK码", "PUK code"),
    "profile.puk_hidden": (
        "随机密码登录时PUK码不完整显示，请使用服务密码登录查看。",
        "The PUK code is hidden from a random-password login: log in with the service password.",
    ),
    "profile.network_age": ("网龄", "Network age"),
    "profile.age": ("{years}年{months}个月", "{years} years {months} months"),
    "profile.holder": ("机主信息", "Holder"),
    "profile.name": ("客户名称", "Name"),
    "profile.resident_id": ("证件号码", "Resident ID"),
    "profile.real_name": ("实名状态", "Real-name status"),
    "profile.real_name.unverified": ("未登记", "Not registered"),
    "profile.real_name.pending": ("审核中", "Under review"),
    "profile.real_name.verified": ("已实名", "Registered"),
    "profile.real_name.rejected": ("审核未通过", "Rejected"),
    "nav.support": ("在线客服", "Customer service"),
    "support.title": ("在线客服", "Customer service"),
    "support.welcome": (
        "您好，我是智能客服，请输入您的问题；需要人工服务请点“转人工”。",
        "Hello, I am the service robot: ask your question, or choose a human agent.",
    ),
    "support.question": ("您的问题", "Your question"),
    "support.send": ("发送", "Send"),
    "support.human": ("转人工", "Talk to a human"),
    "support.close": ("结束会话", "End the chat"),
    "support.author.subscriber": ("我", "Me"),
    "support.author.bot": ("智能客服", "Robot"),
    "support.author.agent": ("客服代表", "Agent"),
    "support.source": ("来源：{title}（匹配度{percent}%）", "Source: {title} ({percent}% match)"),
    "support.position": ("已为您排队，当前第{position}位", "You are number {position} in line"),
    "support.with_agent": ("客服代表 {agent} 正在为您服务", "Agent {agent} is with you"),
    "support.closed": ("会话已结束", "The chat has ended"),
    "support.agent.title": ("客服工作台", "Agent console"),
    "support.agent.id": ("工号", "Agent id"),
    "support.agent.key": ("密钥", "Key"),
    "support.agent.login": ("登录工作台", "Open the console"),
    "support.agent.logout": ("退出工作台", "Leave the console"),
    "support.agent.queue": ("排队中的会话", "Waiting"),
    "support.agent.mine": ("我接待的会话", "My conversations"),
    "support.agent.none": ("暂无", "None"),
    "support.agent.take": ("接入", "Take"),
    "support.agent.open": ("查看", "Open"),
    "support.agent.reply": ("回复", "Reply"),
    "support.agent.refresh": ("刷新", "Refresh"),
    "support.agent.queued_at": ("排队时间", "Queued at"),
    "support.agent.last": ("最新消息", "Last message"),
    "nav.points": ("积分", "Points"),
    "points.title": ("积分查询与兑换", "Points and rewards"),
    "points.balance": ("可用积分", "Points available"),
    "points.expiring": ("{points}积分将于{at}到期", "{points} points expire at {at}"),
    "points.catalogue": ("积分兑换", "Redeem points"),
    "points.item": ("礼品", "Reward"),
    "points.cost": ("所需积分", "Points"),
    "points.redeem": ("兑换", "Redeem"),
    "points.history": ("积分明细", "Points history"),
    "points.at": ("时间", "Time"),
    "points.what": ("类型", "What"),
    "points.points": ("积分", "Points"),
    "points.after": ("余额", "Balance"),
    "points.kind.earned": ("缴费获得", "Earned (bill paid)"),
    "points.kind.spent": ("兑换使用", "Redeemed"),
    "points.kind.expired": ("到期清零", "Expired"),
    "points.more": ("更早的记录", "Older entries"),
    "points.none": ("暂无积分记录", "No points yet"),
    "lang.switch": ("English", "中文"),
}


def _table(pairs: Mapping[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    return {lang: {key: pair[i] for key, pair in pairs.items()} for i, lang in enumerate(LANGUAGES)}


MESSAGES = _table(
    {
        **_PAIRS,
        **NUMBER_LABELS,
        **SHOP_LABELS,
        **HANDLING_LABELS,
        **FIELD_LABELS,
        **SERVICES_LABELS,
        **PROMOTION_LABELS,
        **LAYOUT_LABELS,
        **JOURNEY_LABELS,
    }
)
"""Every label by language and key."""
_FRIENDLY_MESSAGES = _table(FRIENDLY)


def language_of(request: Request[Any, Any, Any], settings: WebSettings) -> str:
    """The page language of ``request``: query, cookie, Accept-Language, default."""
    for chosen in (request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if chosen in LANGUAGES:
            return str(chosen)
    accepted = request.headers.get("accept-language", "").lower()
    if accepted.startswith("en"):
        return "en"
    if accepted.startswith("zh"):
        return "zh"
    return settings.language


def translator(language: str) -> Callable[..., str]:
    """``t(key, **values)``: the label of ``key`` in ``language`` (the key if unknown)."""
    table = MESSAGES.get(language, MESSAGES["zh"])

    def t(key: str, **values: object) -> str:
        text = table.get(key, key)
        return text.format(**values) if values else text

    return t


def when(value: object) -> str:
    """An instant as Beijing wall time ``2026-11-26 08:00``; other values as text."""
    if isinstance(value, datetime):
        return to_shanghai(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str):
        try:
            return when(datetime.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def friendly(problem: Problem, language: str) -> str:
    """A sentence for a person: the catalogue's for the code, with the retry time if any."""
    table = _FRIENDLY_MESSAGES.get(language, _FRIENDLY_MESSAGES["zh"])
    declared = zh_message(problem.code, problem.data) if table is _FRIENDLY_MESSAGES["zh"] else None
    text = table.get(problem.code) or declared or problem.detail
    retry_at = problem.data.get("retry_at")
    if retry_at is not None:
        text += " " + translator(language)("error.retry_at", when=when(retry_at))
    return text
