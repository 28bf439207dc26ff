"""The labels of the promotions pages (優惠活動, 沃之樹, the draw; F-PRO-1..4): (Chinese, English).

Kept apart from :mod:`unicom_web.i18n`, which merges them into its catalogue. A rule's
verdict is shown with ``promo.rule.<rule>`` (its name) and ``promo.rule.<rule>.yes`` /
``.no`` (the reason in words); a benefit with ``promo.benefit.<kind>``.
"""

from __future__ import annotations

__all__ = ["PROMOTION_LABELS"]

PROMOTION_LABELS: dict[str, tuple[str, str]] = {
    "nav.promotions": ("优惠活动", "Promotions"),
    "nav.growth": ("沃之树", "Wo Tree"),
    "promo.title": ("优惠活动", "Promotions"),
    "promo.none": ("当前没有进行中的活动。", "No campaign is running now."),
    "promo.window": ("活动时间", "Runs"),
    "promo.window_span": ("{starts} 至 {ends}", "{starts} to {ends}"),
    "promo.channels": ("参与渠道", "Channels"),
    "promo.benefits": ("活动优惠", "Benefits"),
    "promo.quota_left": ("剩余名额：{left}", "Places left: {left}"),
    "promo.joining_fee": ("参与费用", "Joining fee"),
    "promo.eligibility": ("参与条件（参加前检查）", "Eligibility (checked before you join)"),
    "promo.met": ("符合", "Met"),
    "promo.not_met": ("不符合", "Not met"),
    "promo.eligible": ("您符合全部条件，可以参加。", "You meet every rule: you may join."),
    "promo.not_eligible": (
        "您暂不符合参加条件，原因见上。",
        "You cannot join yet: the reasons are shown above.",
    ),
    "promo.details": ("活动详情", "Details"),
    "promo.join": ("立即参加", "Join"),
    "promo.cancel": ("取消参加", "Cancel my participation"),
    "promo.cancel_hint": (
        "当月未出账且权益未发放前可取消，取消后优惠一并撤回。",
        (
            "You may cancel in the month you joined, before any entitlement is issued; "
            "the benefits are withdrawn."
        ),
    ),
    "promo.participation": ("我的参与", "My participation"),
    "promo.joined_at": ("参加时间", "Joined"),
    "promo.ended_at": ("结束时间", "Ended"),
    "promo.state": ("状态", "State"),
    "promo.state.active": ("已生效", "Active"),
    "promo.state.awaiting_payment": ("待支付", "Awaiting payment"),
    "promo.state.cancelled": ("已取消", "Cancelled"),
    "promo.state.failed": ("未支付成功", "Payment failed"),
    "promo.go_pay": ("查看支付", "See the payment"),
    "promo.granted": ("已获得的优惠", "Benefits granted"),
    "promo.entitlements": ("第三方权益", "Third-party entitlements"),
    "promo.entitlement.pending": ("发放中", "Being issued"),
    "promo.entitlement.issued": ("已发放", "Issued"),
    "promo.back": ("返回优惠活动", "Back to the promotions"),
    "promo.any_plan": ("所有套餐", "any plan"),
    "promo.campaign_end": ("活动结束", "the end of the campaign"),
    "promo.free": ("免费", "100% off"),
    "promo.benefit.plan_discount": (
        "{plans}月费{off}，至{until}",
        "{off} the monthly fee of {plans} until {until}",
    ),
    "promo.benefit.top_up_discount": (
        "通过{channel}充值{off}，至{until}",
        "{off} top-ups in the {channel} until {until}",
    ),
    "promo.benefit.pack_trial": (
        "{pack}免费使用至{until}",
        "the {pack} pack free until {until}",
    ),
    "promo.benefit.entitlement": ("{description}", "{description}"),
    "promo.off": ("{tenths}折", "{percent} off"),
    "promo.channel.online_hall": ("网上营业厅", "online hall"),
    "promo.channel.mobile_hall": ("手机营业厅", "mobile app"),
    "promo.channel.physical_store": ("实体营业厅", "store"),
    "promo.channel.hotline": ("客服热线", "hotline"),
    "promo.channel.sms_hall": ("短信营业厅", "SMS hall"),
    "promo.rule.window": ("活动时间", "Campaign window"),
    "promo.rule.window.yes": ("活动正在进行", "The campaign is running"),
    "promo.rule.window.no": ("不在活动时间内", "The campaign is not running now"),
    "promo.rule.channel": ("参与渠道", "Channel"),
    "promo.rule.channel.yes": ("可通过本渠道参加", "You may join here"),
    "promo.rule.channel.no": (
        "本活动不能通过本渠道参加",
        "This campaign cannot be joined here",
    ),
    "promo.rule.not_joined": ("是否已参加", "Not joined yet"),
    "promo.rule.not_joined.yes": ("尚未参加", "You have not joined it"),
    "promo.rule.not_joined.no": ("您已参加本活动", "You have joined it already"),
    "promo.rule.existing_user": ("老用户", "Existing users"),
    "promo.rule.existing_user.yes": ("符合入网时间要求", "You joined the network in time"),
    "promo.rule.existing_user.no": (
        "仅限活动开始前入网的老用户",
        "Only numbers that joined the network before the campaign started",
    ),
    "promo.rule.network_age": ("网龄", "Network age"),
    "promo.rule.network_age.yes": ("网龄满足要求", "Your network age is enough"),
    "promo.rule.network_age.no": ("网龄不足", "Your network age is too short"),
    "promo.rule.generation": ("网络制式", "Network"),
    "promo.rule.generation.yes": ("网络制式符合", "Your network qualifies"),
    "promo.rule.generation.no": (
        "您的网络制式不在活动范围内",
        "Your network is not one the campaign takes",
    ),
    "promo.rule.plan": ("套餐", "Plan"),
    "promo.rule.plan.yes": ("您的套餐可享受优惠", "Your plan takes the discount"),
    "promo.rule.plan.no": (
        "您的套餐不在优惠范围内",
        "Your plan is not one the discount covers",
    ),
    "promo.rule.arrears": ("欠费", "Arrears"),
    "promo.rule.arrears.yes": ("账户无逾期欠费", "No overdue bill"),
    "promo.rule.arrears.no": ("账户有逾期未缴的账单", "The account owes an overdue bill"),
    "growth.title": ("沃之树", "Wo Tree"),
    "growth.window": ("活动时间", "Runs"),
    "growth.not_running": ("活动当前不在进行中，不能领取奖励。", "The game is not running now."),
    "growth.points": ("培养值", "Growth points"),
    "growth.stage": ("当前阶段", "Stage"),
    "growth.stage_column": ("阶段", "Stage"),
    "growth.next": (
        "距下一阶段（{threshold}）还差{missing}",
        "{missing} to the next stage ({threshold})",
    ),
    "growth.top": ("已达到最高阶段", "The last stage is reached"),
    "growth.rewards": ("阶段奖励", "Rewards"),
    "growth.reward": ("奖励", "Reward"),
    "growth.threshold": ("所需培养值", "Points needed"),
    "growth.state": ("状态", "State"),
    "growth.state.locked": ("未解锁", "Locked"),
    "growth.state.claimable": ("可领取", "Claimable"),
    "growth.state.claimed": ("已领取", "Claimed"),
    "growth.claim": ("领取", "Claim"),
    "growth.coupons": ("我的优惠券", "My coupons"),
    "growth.no_coupons": ("暂无优惠券", "No coupons yet"),
    "growth.pack_until": ("{pack}，有效至{until}", "{pack}, until {until}"),
    "growth.entry": ("抽奖编号{entry}", "Draw entry {entry}"),
    "growth.draw": ("查看抽奖", "See the draw"),
    "growth.history": ("培养值明细", "Points history"),
    "growth.at": ("时间", "When"),
    "growth.source": ("来源", "Source"),
    "growth.source.top_up": ("充值", "Top-up"),
    "growth.source.pack": ("流量包订购", "Data pack order"),
    "growth.detail": ("说明", "Detail"),
    "growth.none": (
        "暂无培养值记录，充值或订购流量包即可获得。",
        "No points yet: top up or order a data pack.",
    ),
    "growth.more": ("更早的记录", "Older entries"),
    "growth.how": (
        "每充值1元得{per_yuan}培养值，每订购一个流量包得{pack}培养值。",
        "{per_yuan} point per yuan topped up, {pack} points per data pack ordered.",
    ),
    "draw.title": ("抽奖：{prize}", "Draw: {prize}"),
    "draw.prizes": ("奖品数量", "Prizes"),
    "draw.state": ("状态", "State"),
    "draw.state.open": ("报名中", "Entries open"),
    "draw.state.closed": ("报名已截止，等待开奖", "Entries closed, awaiting the draw"),
    "draw.state.drawn": ("已开奖", "Drawn"),
    "draw.commitment": ("种子承诺值 sha256(seed)", "Seed commitment sha256(seed)"),
    "draw.no_commitment": ("尚未公布", "Not published yet"),
    "draw.committed_at": ("公布时间", "Published"),
    "draw.closed_at": ("截止时间", "Entries closed"),
    "draw.entries": ("参与人数：{count}", "Entries: {count}"),
    "draw.entry_id": ("编号", "Entry"),
    "draw.number": ("号码", "Number"),
    "draw.digest": ("报名名单摘要", "Entry list digest"),
    "draw.seed": ("开奖种子", "Seed"),
    "draw.winners": ("中奖名单", "Winners"),
    "draw.rank": ("名次", "Rank"),
    "draw.no_entries": ("暂无报名", "No entries yet"),
    "draw.verify": ("自行验证", "Verify it yourself"),
    "draw.verify.commit": (
        (
            "报名截止前，我们公布了种子的 SHA-256 值（承诺值）。开奖后公布种子：计算"
            " sha256(种子的ASCII字节) 的十六进制值，应与承诺值相同，说明种子没有在报名后更换。"
        ),
        (
            "Before the entries closed we published the SHA-256 of the seed (the commitment). "
            "Now the seed is public: the hex SHA-256 of its ASCII bytes must equal the "
            "commitment, so the seed was not changed after the entries were known."
        ),
    ),
    "draw.verify.list": (
        "报名名单摘要是全部报名编号按顺序以换行连接（UTF-8）后的 SHA-256 值。",
        (
            "The entry list digest is the SHA-256 of every entry id, sorted, joined by newlines "
            "(UTF-8)."
        ),
    ),
    "draw.verify.score": (
        (
            "每个报名编号的分数为 HMAC-SHA256（密钥为种子的ASCII字节，消息为编号的UTF-8字节）"
            "的十六进制值；按（分数，编号）从小到大排序，前{count}名中奖，第一名为一等奖。"
        ),
        (
            "Each entry id scores the hex HMAC-SHA256 keyed with the seed's ASCII bytes over the "
            "id's UTF-8 bytes; sort by (score, entry id), lowest first: the first {count} win, "
            "the first one the first prize."
        ),
    ),
    "draw.verify.python": (
        "用 Python 标准库即可复算：",
        "Python's standard library re-runs it:",
    ),
}
