"""Rendering the pages: Jinja2 templates with the labels, the language and the menu.

Every page gets ``t`` (the label catalogue in the page's language), ``lang``, ``other_lang``
(for the switch), ``html_lang`` and ``other_html_lang`` (their BCP 47 tags for the ``lang``
attributes: ``zh-Hans``, ``en``), ``nav`` (the links the areas registered), ``menu`` (those
links grouped for this visitor, :func:`unicom_web.menu.menu`), ``logged_in`` and
``csrf_input`` (Litestar adds it: the hidden field every form posts back).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from litestar.response import Template

from unicom_web.i18n import LANGUAGE_COOKIE, LANGUAGES, friendly, language_of, translator, when
from unicom_web.menu import menu

if TYPE_CHECKING:
    from litestar import Request

    from unicom_web.settings import WebSettings

__all__ = ["HTML_LANG", "money_text", "render"]

_YEAR = 365 * 24 * 3600
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
"""The ``lang`` attribute of a page in each language (WCAG 3.1.1, 3.1.2)."""


def money_text(value: object) -> str:
    """``¥12.34`` for a Money (its ``str``), and for ``{"fen": 1234}`` data alike."""
    if isinstance(value, dict) and isinstance(value.get("fen"), int):
        fen = value["fen"]
        sign = "-" if fen < 0 else ""
        return f"{sign}¥{abs(fen) // 100}.{abs(fen) % 100:02d}"
    return str(value)


def render(
    request: Request[Any, Any, Any],
    template: str,
    *,
    status_code: int = 200,
    **context: Any,  # noqa: ANN401 - template values of any kind
) -> Template:
    """The page ``template`` for ``request``, with the common context added."""
    settings: WebSettings = request.app.state["web_settings"]
    lang = language_of(request, settings)
    t = translator(lang)
    problem = context.get("problem")
    other_lang = next(other for other in LANGUAGES if other != lang)
    logged_in = bool(request.cookies.get(settings.session_cookie))
    full = {
        "t": t,
        "lang": lang,
        "other_lang": other_lang,
        "html_lang": HTML_LANG[lang],
        "other_html_lang": HTML_LANG[other_lang],
        "nav": request.app.state["nav"],
        "menu": menu(request.app.state["nav"], logged_in=logged_in, path=request.url.path),
        "path": request.url.path,
        "logged_in": logged_in,
        "money": money_text,
        "when": when,
        "message": friendly(problem, lang) if problem is not None else None,
        **context,
    }
    response = Template(template, context=full, status_code=status_code)
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, lang, max_age=_YEAR, httponly=True, samesite="lax")
    return response
