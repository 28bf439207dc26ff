"""``Bm25SupportBot``: jieba and BM25 over the carrier's FAQ and catalogue, in Chinese (F-BIZ-8).

The expected sources are the FAQ entries written for these questions (``faq.toml``), and the
catalogue's own products; the confidence rule is the module's: the idf-weighted share of the
question's words found in the chosen entry.
"""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from unicom_support import Bm25SupportBot, Entry, default_faq, tokenize

from unicom_core.catalog_data import default_catalog

THRESHOLD = 0.35  # SupportSettings' default


@pytest.fixture(scope="module")
def bot() -> Bm25SupportBot:
    return Bm25SupportBot(default_catalog().products())


@pytest.mark.parametrize(
    ("question", "source"),
    [
        ("怎么设置呼叫转移", "faq.call_forwarding"),
        ("话费余额怎么查", "faq.bill_query"),
        ("出国前怎么开通国际漫游", "faq.international_roaming"),
        ("服务密码忘了怎么办", "faq.service_password"),
        ("交费后怎么开电子发票", "faq.invoice"),
        ("3G号码怎么升级4G", "faq.upgrade_4g"),
        ("积分能兑换什么", "faq.points"),
        ("实名登记要带什么证件", "faq.real_name"),
        ("流量不够用怎么办", "faq.data_pack"),
        ("充值卡怎么充值", "faq.recharge_card"),
        ("彩铃怎么退订", "faq.value_added"),
        ("手机丢了怎么挂失", "faq.lost_phone"),
        ("SIM卡锁了PUK码在哪查", "faq.puk"),
        ("1GB流量包", "product.data-1gb"),
    ],
)
def test_f_biz_8_a_chinese_question_finds_its_entry_confidently(bot, question, source):
    answer = bot.answer(question)
    assert answer is not None
    assert answer.source_id == source
    assert answer.confidence >= THRESHOLD
    assert 0 <= answer.confidence <= 1


def test_f_biz_8_every_question_word_in_the_entry_is_full_confidence(bot):
    answer = bot.answer("怎么设置呼叫转移")  # 设置, 呼叫, 转移, 呼叫转移: all in the entry
    assert answer is not None
    assert answer.confidence == 1.0
    assert answer.source_title == "呼叫转移"
    assert "**21*" in answer.text


@pytest.mark.parametrize("question", ["今天天气怎么样", "？？？", "   ", "的了吗"])
def test_f_biz_8_an_unrelated_question_gets_no_answer(bot, question):
    assert bot.answer(question) is None


def test_f_biz_8_words_the_entry_lacks_lower_the_confidence(bot):
    # 转移 is in the entry; 恐龙, 化石, 火山, 冰川 are in no entry: each weighs the most, so
    # the share is the idf of 转移 over that plus four maxima: well below the threshold.
    answer = bot.answer("恐龙化石火山冰川的转移")
    assert answer is not None
    assert answer.source_id == "faq.call_forwarding"
    assert answer.confidence < THRESHOLD
    partly = bot.answer("呼叫转移和恐龙化石")
    assert partly is not None
    assert answer.confidence < partly.confidence < 1.0


def test_f_biz_8_a_product_answer_names_its_fee_and_channels(bot):
    answer = bot.answer("8元100MB流量包")
    assert answer is not None
    assert answer.source_id == "product.data-100mb"
    assert "¥8.00" in answer.text
    assert "网上营业厅" in answer.text


@pytest.mark.parametrize(
    ("question", "human"), [("转人工", True), ("人工客服", True), ("查话费", False)]
)
def test_f_biz_8_a_request_for_a_human_is_an_intent(bot, question, human):
    assert bot.wants_human(question) is human


def test_the_shipped_faq_has_thirty_entries_with_unique_ids():
    data = tomllib.loads(
        resources.files("unicom_support").joinpath("faq.toml").read_text(encoding="utf-8")
    )
    ids = [entry["id"] for entry in data["entry"]]
    assert len(ids) >= 30
    assert len(set(ids)) == len(ids)
    assert {e.id for e in default_faq()} == {f"faq.{i}" for i in ids}


def test_a_bot_of_its_own_entries_answers_from_them():
    entries = [
        Entry("faq.wifi", "无线网络", "无线网络 WLAN 热点 密码", "连接 ChinaUnicom 热点。"),
        Entry("faq.hotline", "客服热线", "客服热线 10010 电话", "请拨打10010。"),
    ]
    bot = Bm25SupportBot(faq=entries)
    answer = bot.answer("WLAN热点密码")
    assert answer is not None
    assert answer.source_id == "faq.wifi"


def test_a_bot_without_any_entry_is_refused():
    with pytest.raises(ValueError, match="at least one"):
        Bm25SupportBot(faq=[])


def test_segmentation_drops_stop_words_and_punctuation():
    assert tokenize("请问，怎么设置呼叫转移？") == ["设置", "呼叫", "转移", "呼叫转移"]
