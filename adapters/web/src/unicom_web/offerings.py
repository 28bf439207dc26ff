"""Offering names, bill lines and payment subjects in the page's language (F-SHOP-1, F-QRY-1).

The domain writes its texts once, in Chinese: a product's ``name``, a bill line's
``description``, a payment's ``subject``. A page in another language words them from facts:

* an offering (a plan, pack, tier, goods; a plan's details, a fee, an allowance of one)
  shows its catalogue ``names[<language>]`` when the catalogue gives one, else its ``name``.
  The names are data of the catalogue TOML (``names = { en = "..." }``), not of the
  gettext catalogues;
* a bill line with a :class:`~unicom_core.domain.billing.LineDetail` is worded by the
  catalogue key of its shape (``bills.text.fee``, ``bills.text.discount``,
  ``bills.text.usage.<kind>``); a line without one (issued before lines carried their facts,
  an adjustment) shows its ``description``;
* a payment's subject is shown as stored on a page in the hall's default language, and on
  another page by the key ``payment.subject.<purpose>`` (the product's name and the number
  or reference the stored subject names).

One :class:`PageWords` per rendered page (``named``, ``line_text`` and ``subject_text`` in
the templates); it reads the catalogue's names once, lazily, from the cached published
catalogue, unless the page's query already answered them (``names``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from unicom_core.domain.billing import LineKind
from unicom_core.errors import NotFound

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from unicom_core.domain.billing import BillLine
    from unicom_core.domain.payments import PaymentAttempt
    from unicom_core.hall import BusinessHall
    from unicom_web.formatting import Formats

__all__ = ["Names", "PageWords"]

_FEES = frozenset({LineKind.PLAN_FEE, LineKind.PACK_FEE, LineKind.DISCOUNT})
_REFERENCE = re.compile(r"[0-9A-Za-z_-]+$")

Names = dict[str, tuple[str, "Mapping[str, str]"]]


class PageWords:
    """The words of one page's offerings, bill lines and payment subjects in its language.

    ``tags`` are the page's language tags in order (``("en", "en")``: the page language and
    its BCP 47 tag); ``default`` whether the page speaks the hall's default language (the
    language the domain writes its texts in); ``names`` the offering names as
    ``hall.catalog.names()`` answers them, when the page's query read them already.
    """

    def __init__(  # noqa: PLR0913 - the page's hall, language and words
        self,
        hall: BusinessHall,
        tags: tuple[str, ...],
        t: Callable[..., str],
        style: Formats,
        *,
        default: bool,
        names: Names | None = None,
    ) -> None:
        self._hall, self._tags, self._t, self._style = hall, tags, t, style
        self._default = default
        self._index: Names | None = names

    def _names(self) -> Names:
        if self._index is None:
            try:
                self._index = self._hall.catalog.names()
            except NotFound:  # no catalogue installed: every text as the domain wrote it
                self._index = {}
        return self._index

    def _pick(self, names: Mapping[str, str], fallback: str) -> str:
        for tag in self._tags:
            found = names.get(tag)
            if found:
                return found
        return fallback

    def named(self, item: object) -> str:
        """The name of an offering (or of what names one by ``code``) in the page's language."""
        fallback = getattr(item, "name", None) or getattr(item, "source_name", None)
        fallback = fallback if isinstance(fallback, str) else str(item)
        names = getattr(item, "names", None)
        if names is not None:
            return self._pick(names, fallback)
        code = getattr(item, "code", None) or getattr(item, "source_code", None)
        return self.name_of(code, fallback) if isinstance(code, str) else fallback

    def name_of(self, code: str, fallback: str | None = None) -> str:
        """The name of the offering ``code`` in the page's language (``fallback`` if unknown)."""
        known = self._names().get(code)
        if known is None:
            return fallback if fallback is not None else code
        name, names = known
        return self._pick(names, fallback or name)

    def line_text(self, line: BillLine) -> str:
        """A bill line in the page's language; its ``description`` when it has no detail."""
        detail = line.detail
        if detail is None:
            return line.description
        if line.kind in _FEES:
            known = self._names().get(detail.subject)
            if known is None:
                return line.description
            key = "bills.text.discount" if line.kind is LineKind.DISCOUNT else "bills.text.fee"
            values: dict[str, object] = {
                "name": self._pick(known[1], known[0]),
                "description": line.description,
                "days": detail.days,
                "cycle_days": detail.cycle_days,
            }
        elif line.kind is LineKind.USAGE:
            key = f"bills.text.usage.{line.code}"
            price = detail.unit_price
            values = {
                "quantity": detail.quantity,
                "price": self._style.money(price) if price is not None else "",
                "service": detail.subject,
            }
        else:
            return line.description
        return self._t(key, **values) if self._t(key) != key else line.description

    def subject_text(self, attempt: PaymentAttempt) -> str:
        """A payment's subject: as stored in the default language, else from its facts."""
        if self._default:
            return attempt.subject
        key = f"payment.subject.{attempt.purpose.value}"
        if self._t(key) == key:
            return attempt.subject
        code = attempt.product_code
        product = self.name_of(code) if code else ""
        return self._t(key, product=product, ref=_reference(attempt.subject)).strip()


def _reference(subject: str) -> str:
    """The number or reference a stored subject names (``交费 186...`` -> ``186...``)."""
    words = subject.split()
    if len(words) > 1 and words[1].isascii():
        return words[1]
    found = _REFERENCE.search(subject)
    return found[0] if found else ""
