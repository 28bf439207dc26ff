"""The labels of the business-handling pages (業務辦理, 辦理記錄): (Chinese, English).

Kept apart from :mod:`unicom_web.i18n`, which merges them into its catalogue. A kind's
title comes from its handler (Chinese); ``handling.kind.<kind>`` gives the English name the
English pages show instead, when there is one.
"""

from __future__ import annotations

__all__ = ["FIELD_LABELS", "HANDLING_LABELS", "SERVICES_LABELS"]

HANDLING_LABELS: dict[str, tuple[str, str]] = {
    "nav.handling": ("业务办理", "Services"),
    "nav.handling_records": ("办理记录", "Service records"),
    "bundle.handle": ("办理", "Apply to my number"),
    "bundle.handle_hint": (
        "登录后按所选套餐包为本机办理变更。",
        "Log in to change your number's bundle to this choice.",
    ),
    "handling.title": ("业务办理", "Services"),
    "handling.none": ("暂无可办理的业务。", "No services can be handled here."),
    "handling.group.plan": ("套餐与流量", "Plans and data"),
    "handling.group.services": ("通话与网络", "Calls and network"),
    "handling.group.account": ("账户与实名", "Account and real name"),
    "handling.group.points": ("积分", "Points"),
    "handling.group.other": ("其他业务", "Other services"),
    "handling.kind.bundle": ("4G组合套餐变更", "4G bundle change"),
    "handling.kind.data_pack": ("流量包订购", "Data pack order"),
    "handling.kind.plan_change": ("3G套餐变更", "3G plan change"),
    "handling.kind.primary_number": ("4G主副卡主卡变更", "Shared plan: change the primary"),
    "handling.kind.upgrade_4g": ("升级4G套餐", "Upgrade to a 4G plan"),
    "handling.kind.credit_limit": ("信用额度调整", "Credit limit"),
    "handling.kind.points_redeem": ("积分兑换", "Redeem points"),
    "handling.kind.realname": ("实名制补登记", "Real-name re-registration"),
    "handling.kind.call_forwarding": ("呼叫转移", "Call forwarding"),
    "handling.kind.network_age_upgrade": ("网龄升级计划", "Network-age upgrade plan"),
    "handling.kind.optional_packs": ("可选包订购与退订", "Optional packs"),
    "handling.kind.roaming": ("国际及港澳台漫游、国内长途", "Roaming and long distance"),
    "handling.kind.switch_4g": ("开通4G", "4G data on or off"),
    "handling.kind.wlan": ("WLAN业务", "WLAN"),
    "handling.row.流量包": ("流量包", "Data pack"),
    "handling.row.语音包": ("语音包", "Voice pack"),
    "handling.row.短彩信包": ("短彩信包", "SMS pack"),
    "handling.row.增值业务包": ("增值业务包", "Value-added pack"),
    "handling.row.月费": ("月费", "Monthly fee"),
    "handling.current": ("当前", "current"),
    "handling.secret_again": ("请再次输入以确认", "type it again to confirm"),
    "handling.optional": ("选填", "optional"),
    "handling.choose": ("请选择", "Choose"),
    "handling.next": ("下一步", "Next"),
    "handling.confirm": ("确认办理", "Confirm"),
    "handling.effect": ("生效方式", "Takes effect"),
    "handling.effect.now": ("立即生效", "At once"),
    "handling.effect.next_cycle": ("次月1日生效", "On the 1st of next month"),
    "handling.effective_from": ("生效时间", "Effective from"),
    "handling.fee": ("费用", "Fee"),
    "handling.before": ("办理前", "Before"),
    "handling.after": ("办理后", "After"),
    "handling.terms": ("业务条款", "Terms"),
    "handling.agree": ("我已阅读并同意", "I have read and agree"),
    "handling.agree_required": (
        "请先阅读并勾选“我已阅读并同意”。",
        "Please read the terms and tick “I have read and agree”.",
    ),
    "handling.submit": ("确认办理", "Confirm"),
    "handling.back": ("返回修改", "Back"),
    "handling.records": ("办理记录", "Service records"),
    "handling.records.none": ("暂无办理记录。", "No records yet."),
    "handling.records.kind": ("业务", "Service"),
    "handling.records.all": ("全部", "All"),
    "handling.records.filter": ("筛选", "Filter"),
    "handling.record": ("业务受理详情", "Service record"),
    "handling.record.id": ("受理单号", "Record no."),
    "handling.record.number": ("号码", "Number"),
    "handling.record.requested_at": ("受理时间", "Requested"),
    "handling.record.status": ("状态", "Status"),
    "handling.record.closed_at": ("办结时间", "Closed"),
    "handling.record.form": ("电子受理单", "Acceptance form"),
    "handling.record.form_html": ("下载受理单（HTML）", "Download the form (HTML)"),
    "handling.record.form_pdf": ("下载受理单（PDF）", "Download the form (PDF)"),
    "handling.record.cancel": ("撤销办理", "Cancel this change"),
    "handling.record.cancel_hint": (
        "该变更将于次月1日生效，生效前可撤销。",
        "This change takes effect on the 1st of next month; until then it can be cancelled.",
    ),
    "handling.status.done": ("已生效", "Done"),
    "handling.status.pending": ("待生效", "Pending"),
    "handling.status.applied": ("已生效", "Applied"),
    "handling.status.cancelled": ("已撤销", "Cancelled"),
}
"""Each label: its key, then the Chinese and the English text."""

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "handling.field.packs": ("套餐包", "Packs"),
    "handling.field.pack": ("流量包", "Pack"),
    "handling.field.plan": ("套餐", "Plan"),
    "handling.field.new_primary": ("新主卡号码", "New primary number"),
    "handling.field.limit": ("新信用额度（元）", "New credit limit (yuan)"),
    "handling.field.item": ("兑换礼品", "Item"),
    "handling.field.condition": ("转移条件", "Condition"),
    "handling.field.action": ("操作", "Action"),
    "handling.field.target": ("转移号码", "Forward to"),
    "handling.field.delay": ("无应答等待（秒）", "No-reply delay (seconds)"),
    "handling.field.service": ("业务", "Service"),
    "handling.field.switch": ("开通或关闭", "On or off"),
    "handling.field.password": ("新密码", "New password"),
    "handling.choice.开通": ("开通", "On"),
    "handling.choice.关闭": ("关闭", "Off"),
    "handling.choice.设置": ("设置", "Set"),
    "handling.choice.取消": ("取消", "Cancel"),
    "handling.choice.订购": ("订购", "Add"),
    "handling.choice.退订": ("退订", "Remove"),
    "handling.choice.无条件呼叫转移": ("无条件呼叫转移", "Unconditional"),
    "handling.choice.遇忙呼叫转移": ("遇忙呼叫转移", "When busy"),
    "handling.choice.无应答呼叫转移": ("无应答呼叫转移", "When not answered"),
    "handling.choice.不可及呼叫转移": ("不可及呼叫转移", "When not reachable"),
    "handling.choice.国际漫游": ("国际漫游", "International roaming"),
    "handling.choice.港澳台漫游": ("港澳台漫游", "Hong Kong, Macau, Taiwan roaming"),
    "handling.choice.国内长途": ("国内长途", "Domestic long distance"),
    "handling.choice.开通WLAN": ("开通WLAN", "WLAN on"),
    "handling.choice.关闭WLAN": ("关闭WLAN", "WLAN off"),
    "handling.choice.修改密码": ("修改密码", "Change the password"),
    "handling.choice.重置密码": ("重置密码", "Reset the password (sent by SMS)"),
}
"""The English names of the handling forms' field labels and choices (the Chinese: as is).

A field's label: ``handling.field.<name>``; a choice: ``handling.choice.<its Chinese label>``.
The form page shows the handler's Chinese text, and on an English page these when known.
"""

SERVICES_LABELS: dict[str, tuple[str, str]] = {
    "nav.services": ("我的业务", "My services"),
    "services.title": ("我的业务", "My services"),
    "services.change": ("办理变更", "Change"),
    "services.not_set": ("未设置", "Not set"),
    "services.on": ("已开通", "On"),
    "services.off": ("未开通", "Off"),
    "services.forwarding.unconditional": ("无条件呼叫转移", "Unconditional"),
    "services.forwarding.busy": ("遇忙呼叫转移", "When busy"),
    "services.forwarding.no_reply": ("无应答呼叫转移", "When not answered"),
    "services.forwarding.not_reachable": ("不可及呼叫转移", "When not reachable"),
    "services.forwarded_to": ("转至 {target}", "to {target}"),
    "services.delay": ("（{seconds}秒无应答）", "(after {seconds} s)"),
    "services.roaming": ("漫游与长途", "Roaming and long distance"),
    "services.roaming.international": ("国际漫游", "International roaming"),
    "services.roaming.hk_macau_taiwan": ("港澳台漫游", "Hong Kong, Macau, Taiwan roaming"),
    "services.roaming.long_distance": ("国内长途", "Domestic long distance"),
    "services.wlan_password": ("WLAN密码", "WLAN password"),
    "services.password_set_at": ("已设置（{at}）", "Set on {at}"),
    "services.data_4g": ("4G上网", "4G data"),
    "services.plans_refused": (
        "随机密码登录不能查询升级状态、信用额度和共享套餐，请使用服务密码登录。",
        (
            "With a random password the upgrade status, credit limit and shared plan are not "
            "shown: log in with your service password."
        ),
    ),
    "services.upgrade": ("4G升级", "4G upgrade"),
    "services.upgrade.state": ("状态", "Status"),
    "services.upgrade.not_upgraded": ("未升级", "Not upgraded"),
    "services.upgrade.pending": ("待生效（次月1日升级）", "Pending (from the 1st of next month)"),
    "services.upgrade.upgraded": ("已升级4G", "Upgraded to 4G"),
    "services.payment_opens": ("缴费开放时间", "Payments open"),
    "services.query_opens": ("话费和用量查询开放时间", "Charge and usage queries open"),
    "services.credit": ("信用额度", "Credit limit"),
    "services.credit.current": ("当前信用额度", "Current limit"),
    "services.credit.allowed": ("可调整上限", "Highest allowed"),
    "services.credit.why": (
        "按网龄 {years} 年 {months} 个月、近 {window} 个月逾期缴费 {late} 次计算。",
        (
            "From a network age of {years} years {months} months and {late} late payments "
            "in the last {window} months."
        ),
    ),
    "services.shared": ("4G共享套餐", "4G shared plan"),
    "services.shared.primary": ("主卡", "Primary"),
    "services.shared.members": ("副卡", "Secondary cards"),
    "services.shared.none": (
        "本号码不是共享套餐的主卡。",
        "This number is not the primary of a shared plan.",
    ),
}
"""The labels of the ``/services`` page (我的业务)."""
