"""``Bm25SupportBot``: a retrieval bot over the carrier's FAQ and catalogue in Chinese (F-BIZ-8).

The knowledge base is the FAQ shipped in this package (``faq.toml``: 话费查询, 充值, 流量包,
服务密码, 实名, 呼叫转移, 国际漫游, 发票, 积分, 4G升级 ...) plus the catalogue's products given
at construction (name, fee, allowances, channels). Each entry becomes one document of
search-mode jieba tokens (stop words dropped); a question is tokenised the same way and the
documents are ranked with Okapi BM25 (``rank_bm25.BM25Okapi``).

**Confidence** (0..1) is the share of the question that the best-ranked entry covers,
weighted by how telling each word is: the sum of the BM25 inverse document frequencies of
the question's words found in that entry, over the sum for all the question's words (a word
the knowledge base does not know weighs as much as its rarest word). "怎么设置呼叫转移"
against the 呼叫转移 entry is 1.0; a question about the weather is 0. The hall compares it
with its threshold (:class:`unicom_core.usecases.handling.SupportSettings`): below, the
conversation goes to a human.

jieba is initialised once per process, quietly (no log lines, no warnings), from the
dictionary inside the jieba package: nothing is downloaded at run time.
"""

from __future__ import annotations

import logging
import math
import threading
import tomllib
import warnings
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs

from unicom_core.domain.catalog import ComboPlan, Goods, Pack, Plan
from unicom_core.domain.handling import asks_for_human
from unicom_core.ports.handling import BotAnswer, SupportBot

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

    from unicom_core.domain.catalog import Product

__all__ = ["Bm25SupportBot", "Entry", "default_faq", "tokenize"]

_STOP = frozenset(
    {
        "怎么",
        "怎么办",
        "怎样",
        "如何",
        "什么",
        "哪里",
        "哪些",
        "多少",
        "为什么",
        "能",
        "能否",
        "可以",
        "是否",
        "是",
        "的",
        "了",
        "吗",
        "呢",
        "吧",
        "啊",
        "我",
        "我的",
        "我要",
        "我想",
        "你",
        "你们",
        "您",
        "请问",
        "请",
        "一下",
        "要",
        "想",
        "和",
        "与",
        "及",
        "或",
        "在",
        "有",
        "没有",
        "就",
        "都",
        "也",
        "还",
        "把",
        "给",
        "被",
        "让",
        "这",
        "那",
        "这个",
        "那个",
        "一个",
        "办",
        "帮",
        "帮我",
        "下",
        "上",
        "去",
        "来",
        "到",
        "后",
        "时",
        "中",
        "又",
        "再",
        "呀",
        "哦",
        "嗯",
        "好",
        "谢谢",
    }
)
"""Words that say nothing of the subject of a question."""
_WORDS = (
    "呼叫转移",
    "国际漫游",
    "服务密码",
    "随机密码",
    "流量包",
    "语音包",
    "短信包",
    "话费",
    "充值卡",
    "实名制",
    "实名登记",
    "停机保号",
    "电子发票",
    "4G升级",
    "组合套餐",
    "信用额度",
    "银行卡代扣",
    "出账期",
    "增值业务",
    "来电显示",
    "呼叫等待",
    "网龄",
    "PUK码",
)
"""Carrier terms jieba must keep whole."""
_TITLE_MAX = 80
_CHANNELS = {
    "online_hall": "网上营业厅",
    "mobile_hall": "手机营业厅",
    "physical_store": "实体营业厅",
    "hotline": "10010热线",
    "sms_hall": "短信营业厅",
}

_jieba_lock = threading.Lock()
_tokenizer: Any = None


def _jieba() -> Any:  # noqa: ANN401 - jieba is untyped
    """The process's one jieba tokenizer, initialised on first use, quietly."""
    global _tokenizer  # noqa: PLW0603 - one dictionary per process: it takes half a second
    with _jieba_lock:
        if _tokenizer is None:
            with warnings.catch_warnings():
                # jieba 0.42 compiles regexes with invalid escapes and imports pkg_resources.
                warnings.simplefilter("ignore")
                import jieba  # noqa: PLC0415 - imported once, under the filter above

                logging.getLogger("jieba").setLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                for word in _WORDS:
                    tokenizer.add_word(word)
            _tokenizer = tokenizer
        return _tokenizer


def tokenize(text: str) -> list[str]:
    """The search-mode jieba words of ``text``, lower-cased, without stop words or punctuation."""
    words = _jieba().cut_for_search(text.lower())
    return [w for w in (word.strip() for word in words) if w and w not in _STOP and _wordy(w)]


def _wordy(word: str) -> bool:
    return any(char.isalnum() for char in word)


@attrs.frozen(slots=True)
class Entry:
    """One entry of the knowledge base: its source id, title, searchable text and answer."""

    id: str
    title: str
    text: str
    answer: str


def default_faq() -> tuple[Entry, ...]:
    """The FAQ shipped in this package (``faq.toml``), ids prefixed ``faq.``."""
    data = resources.files("unicom_support").joinpath("faq.toml").read_text(encoding="utf-8")
    return _faq_entries(tomllib.loads(data))


def _faq_entries(data: dict[str, Any]) -> tuple[Entry, ...]:
    entries = []
    for item in data.get("entry", []):
        title = str(item["title"])
        keywords = " ".join(str(k) for k in item.get("keywords", []))
        text = f"{title} {title} {keywords} {item['question']} {item['answer']}"
        entries.append(Entry(f"faq.{item['id']}", title, text, str(item["answer"])))
    return tuple(entries)


def _product_entry(product: Product) -> Entry:
    channels = "、".join(_CHANNELS.get(c.value, c.value) for c in product.channels)
    if isinstance(product, Plan):
        detail = f"套餐月费{product.monthly_fee}，包含{product.allowances}"
    elif isinstance(product, Pack):
        detail = f"月费{product.fee}，包含{product.allowances}"
    elif isinstance(product, ComboPlan):
        detail = "月费为所选流量包、语音包、短信包和增值业务包之和"
    else:
        detail = f"价格{product.price}" if isinstance(product, Goods) else ""
    answer = f"{product.name}：{detail}。办理渠道：{channels}。"
    title = product.name[:_TITLE_MAX]
    return Entry(f"product.{product.code}"[:_TITLE_MAX], title, f"{title} {answer}", answer)


class Bm25SupportBot(SupportBot):
    """Answers from the FAQ and the catalogue by BM25 ranking of jieba words (F-BIZ-8).

    Args:
        products: the catalogue's products to answer about (``catalog.products()``).
        faq: the FAQ entries (default: :func:`default_faq`); ``faq_path`` reads a TOML file
            of the same shape instead.
    """

    def __init__(
        self,
        products: Iterable[Product] = (),
        *,
        faq: Sequence[Entry] | None = None,
        faq_path: Path | None = None,
    ) -> None:
        if faq_path is not None:
            faq = _faq_entries(tomllib.loads(faq_path.read_text(encoding="utf-8")))
        entries = (*(default_faq() if faq is None else faq), *map(_product_entry, products))
        if not entries:
            msg = "a support bot needs at least one FAQ entry or product"
            raise ValueError(msg)
        from rank_bm25 import BM25Okapi  # noqa: PLC0415 - numpy is heavy: load it with the bot

        self._entries = entries
        self._documents = [set(tokenize(entry.text)) for entry in entries]
        self._bm25 = BM25Okapi([tokenize(entry.text) for entry in entries])
        idf: dict[str, float] = self._bm25.idf
        self._idf = {word: max(value, 0.0) for word, value in idf.items()}
        self._unknown = max(self._idf.values(), default=1.0) or 1.0

    @property
    def entries(self) -> tuple[Entry, ...]:
        """The knowledge base, FAQ first."""
        return self._entries

    def answer(self, question: str, /) -> BotAnswer | None:
        """The best-ranked entry's answer with its confidence; None if it shares no word."""
        words = tokenize(question) if isinstance(question, str) else []
        if not words:
            return None
        scores = self._bm25.get_scores(words)
        best = max(range(len(self._entries)), key=lambda index: (scores[index], -index))
        confidence = self._coverage(words, self._documents[best])
        if confidence <= 0:
            return None
        entry = self._entries[best]
        return BotAnswer(
            text=entry.answer,
            confidence=confidence,
            source_id=entry.id,
            source_title=entry.title,
        )

    def _coverage(self, words: list[str], document: set[str]) -> float:
        """The idf-weighted share of ``words`` found in ``document`` (the module's rule)."""
        weights = {word: self._idf.get(word, self._unknown) or 0.01 for word in set(words)}
        total = math.fsum(weights.values())
        found = math.fsum(weight for word, weight in weights.items() if word in document)
        return round(min(max(found / total, 0.0), 1.0), 4) if total > 0 else 0.0

    def wants_human(self, question: str, /) -> bool:
        """Whether ``question`` asks for a human agent (人工, 转人工, 客服)."""
        return isinstance(question, str) and asks_for_human(question)
