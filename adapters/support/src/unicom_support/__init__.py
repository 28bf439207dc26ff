"""The customer-service robot of the business hall (F-BIZ-8).

:class:`Bm25SupportBot` implements :class:`unicom_core.ports.handling.SupportBot`: jieba
segmentation and BM25 ranking over the carrier's FAQ (shipped as ``faq.toml``) and the
catalogue's products; pass it to ``bootstrap(support_bot=...)``.
"""

from __future__ import annotations

from unicom_support.bot import Bm25SupportBot, Entry, default_faq, tokenize

__all__ = ["Bm25SupportBot", "Entry", "default_faq", "tokenize"]
