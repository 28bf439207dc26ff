"""The page language and its words: gettext catalogues read through Babel.

The words live in :mod:`unicom_web.catalogues` (``locale/<locale>/LC_MESSAGES/messages.po``),
keyed by stable message keys; :data:`LANGUAGES` are the catalogues present, the default
(Simplified Chinese, ``zh``) first. The language of a page comes from ``?lang=`` (remembered
in a cookie), then that cookie, then the ``Accept-Language`` header, then
:attr:`WebSettings.language`.

A refusal is shown (:func:`friendly`) with the catalogue's hand-written sentence of its code
(``friendly.<code>``) if it has one, else with the code's sentence (``error.<code>``, its
``{fields}`` filled from the problem's data: amounts, instants and lists in the page's
language), else, on an English page, with the error's own message, and on another page with
the catalogue's ``error.fallback``: a page never mixes two languages.
"""

from __future__ import annotations

import string
from datetime import datetime
from typing import TYPE_CHECKING, Any

from unicom_web.catalogues import Catalogues
from unicom_web.formatting import Formats

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from litestar import Request

    from unicom_web.problems import Problem
    from unicom_web.settings import WebSettings

__all__ = [
    "CATALOGUES",
    "LANGUAGES",
    "LANGUAGE_COOKIE",
    "catalogues_in_use",
    "code_message",
    "formats",
    "friendly",
    "language_of",
    "translator",
    "when",
]

CATALOGUES = Catalogues()
"""The catalogues the pages use: the shipped ones (a test may put others in their place)."""
LANGUAGES = CATALOGUES.tags
"""The shipped page languages, the default first: ``("zh", "en")``."""
LANGUAGE_COOKIE = "unicom_lang"
_SOURCE_LANGUAGE = "en"
"""The language of the errors' own messages (the API's problem details), a Babel language."""


def catalogues_in_use(catalogues: Catalogues | None = None) -> Catalogues:
    """``catalogues`` if given, else :data:`CATALOGUES` (read when called)."""
    return catalogues if catalogues is not None else CATALOGUES


def language_of(
    request: Request[Any, Any, Any], settings: WebSettings, catalogues: Catalogues | None = None
) -> str:
    """The page language of ``request``: query, cookie, Accept-Language, default."""
    catalogues = catalogues_in_use(catalogues)
    for chosen in (request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if chosen in catalogues.tags:
            return str(chosen)
    accepted = catalogues.negotiate(request.headers.get("accept-language", ""))
    return accepted or settings.language


def translator(language: str, catalogues: Catalogues | None = None) -> Callable[..., str]:
    """``t(key, **values)``: the text of ``key`` in ``language`` (the key if unknown)."""
    gettext = catalogues_in_use(catalogues).translations(language).gettext

    def t(key: str, **values: object) -> str:
        text = gettext(key)
        return text.format(**values) if values else text

    return t


def formats(language: str, catalogues: Catalogues | None = None) -> Formats:
    """The Babel formatting of ``language``: its locale and its date-time pattern."""
    catalogues = catalogues_in_use(catalogues)
    pattern = catalogues.translations(language).gettext("format.datetime")
    locale = catalogues.language(language).locale
    return Formats(locale) if pattern == "format.datetime" else Formats(locale, pattern)


def when(value: object, language: str = LANGUAGES[0]) -> str:
    """An instant as Beijing wall time ``2026-11-26 08:00``; other values as text."""
    return formats(language).when(value)


def code_message(
    code: str, data: Mapping[str, object], language: str, catalogues: Catalogues | None = None
) -> str | None:
    """The sentence ``error.<code>`` of ``language`` filled from the problem's JSON ``data``.

    None when the catalogue has no sentence for the code or the data lacks a field it names
    (a raise site of another version): the caller falls back.
    """
    t = translator(language, catalogues)
    key = f"error.{code}"
    template = t(key)
    if template == key:
        return None
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    if not names <= data.keys():
        return None
    shown = _Shown(t, formats(language, catalogues))
    return template.format_map({name: shown(data[name]) for name in names})


class _Shown:
    """A JSON value as a sentence shows it: ``12.34元``, ``2026-11-26 08:00``, ``a、b``."""

    def __init__(self, t: Callable[..., str], style: Formats) -> None:
        self.t, self.style = t, style

    def __call__(self, value: object) -> object:
        if isinstance(value, list):
            return self.t("error.list_separator").join(str(self(item)) for item in value)
        if isinstance(value, dict) and isinstance(value.get("fen"), int):
            return self.t("error.money", yuan=self.style.decimal_yuan(value["fen"]))
        if isinstance(value, str) and "T" in value:
            try:
                instant = datetime.fromisoformat(value)
            except ValueError:
                return value
            return self.style.when(instant) if instant.tzinfo is not None else value
        return value


def friendly(problem: Problem, language: str, catalogues: Catalogues | None = None) -> str:
    """A sentence for a person, in ``language``, with the retry time if any."""
    t = translator(language, catalogues)
    key = f"friendly.{problem.code}"
    text = t(key)
    if text == key:
        spoken = catalogues_in_use(catalogues).language(language).locale.language
        text = code_message(problem.code, problem.data, language, catalogues) or (
            problem.detail if spoken == _SOURCE_LANGUAGE else t("error.fallback")
        )
    retry_at = problem.data.get("retry_at")
    if retry_at is not None:
        shown = formats(language, catalogues).when(retry_at)
        text += " " + t("error.retry_at", when=shown)
    return text
