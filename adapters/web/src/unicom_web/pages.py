"""Rendering the pages: Jinja2 templates with the labels, the language and the menu.

Every page gets ``t`` (the catalogue of the page's language, :mod:`unicom_web.i18n`),
``lang``, ``html_lang`` (its BCP 47 tag for the ``lang`` attribute: ``zh-Hans``, ``en``),
``switches`` (one link per other language: this page, its query kept, ``lang`` replaced; each
named in its own language), ``money``, ``when`` and ``number`` (Babel formatting in the
page's language, :mod:`unicom_web.formatting`), ``nav`` (the links the areas registered),
``menu`` (those links grouped for this visitor, :func:`unicom_web.menu.menu`), ``logged_in``,
``named``, ``line_text`` and ``subject_text`` (offering names, bill lines and payment subjects
in the page's language, :mod:`unicom_web.offerings`) and ``csrf_input`` (Litestar adds it:
the hidden field every form posts back). A page whose query already answered the offering
names (``hall.billing.history``) passes them as ``offering_names``: no read of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote, urlencode

import attrs
from litestar.response import Template

from unicom_web.i18n import (
    LANGUAGE_COOKIE,
    LANGUAGES,
    catalogues_in_use,
    formats,
    friendly,
    language_of,
    translator,
)
from unicom_web.menu import menu
from unicom_web.offerings import Names, PageWords

if TYPE_CHECKING:
    from litestar import Request

    from unicom_web.settings import WebSettings

__all__ = ["LanguageSwitch", "language_switches", "money_text", "render"]

_YEAR = 365 * 24 * 3600
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
"""What a path keeps unquoted in a language link (RFC 3986 pchar; a backslash is quoted)."""


@attrs.frozen(slots=True)
class LanguageSwitch:
    """A link to this page in another language: its ``href``, tag, HTML tag and name."""

    href: str
    lang: str
    html_lang: str
    name: str


def language_switches(path: str, query: str, current: str) -> list[LanguageSwitch]:
    """A link per language but ``current``: ``path`` with ``query`` kept, ``lang`` replaced.

    The link stays on this site: the path is quoted and starts with exactly one ``/``
    (``//evil.example/x`` would be another host's address).
    """
    kept = [(name, value) for name, value in parse_qsl(query, keep_blank_values=True)]
    kept = [(name, value) for name, value in kept if name != "lang"]
    here = "/" + quote(path, safe=_PATH_SAFE).lstrip("/")
    return [
        LanguageSwitch(
            f"{here}?{urlencode([*kept, ('lang', language.tag)])}",
            language.tag,
            language.html_lang,
            translator(language.tag)("lang.name"),
        )
        for language in catalogues_in_use().languages
        if language.tag != current
    ]


def money_text(value: object, language: str = LANGUAGES[0]) -> str:
    """``¥12.34`` for a Money, and for ``{"fen": 1234}`` data alike, in ``language``."""
    return formats(language).money(value)


def render(
    request: Request[Any, Any, Any],
    template: str,
    *,
    status_code: int = 200,
    offering_names: Names | None = None,
    **context: Any,  # noqa: ANN401 - template values of any kind
) -> Template:
    """The page ``template`` for ``request``, with the common context added."""
    settings: WebSettings = request.app.state["web_settings"]
    lang = language_of(request, settings)
    t = translator(lang)
    style = formats(lang)
    problem = context.get("problem")
    html_lang = catalogues_in_use().language(lang).html_lang
    words = PageWords(
        request.app.state["hall"],
        (lang, html_lang),
        t,
        style,
        default=lang == LANGUAGES[0],
        names=offering_names,
    )
    logged_in = bool(request.cookies.get(settings.session_cookie))
    full = {
        "t": t,
        "lang": lang,
        "html_lang": html_lang,
        "switches": language_switches(request.url.path, request.url.query, lang),
        "nav": request.app.state["nav"],
        "menu": menu(request.app.state["nav"], logged_in=logged_in, path=request.url.path),
        "path": request.url.path,
        "logged_in": logged_in,
        "money": style.money,
        "when": style.when,
        "number": style.number,
        "named": words.named,
        "name_of": words.name_of,
        "line_text": words.line_text,
        "subject_text": words.subject_text,
        "message": friendly(problem, lang) if problem is not None else None,
        **context,
    }
    response = Template(template, context=full, status_code=status_code)
    if request.query_params.get("lang") in catalogues_in_use().tags:
        response.set_cookie(LANGUAGE_COOKIE, lang, max_age=_YEAR, httponly=True, samesite="lax")
    return response
