"""The page catalogues: one gettext catalogue per language, under ``unicom_web/locale``.

``locale/<locale>/LC_MESSAGES/messages.po`` maps each stable key (``home.title``,
``error.payment.other_carrier``) to its text in that language; ``locale/messages.pot`` lists
every key (``make i18n-extract``). The languages are the catalogues present: adding
``locale/zh_Hant/LC_MESSAGES/messages.po`` adds Traditional Chinese
(docs/how-to/translate-the-hall.md). The default catalogue, ``zh_Hans`` (Simplified Chinese),
comes first and answers for any key another catalogue leaves out.

A language is named by a short tag in ``?lang=`` and in the language cookie: the locale's
BCP 47 tag, without the script when it is the language's usual one (``zh_Hans`` is ``zh``,
``zh_Hant`` is ``zh-Hant``, ``en`` is ``en``). Each catalogue is read from its compiled
``messages.mo`` (the wheel's build hook and ``make i18n-compile`` write it); a missing ``.mo``,
or one older than its ``.po``, is compiled in memory from the ``.po``, so a fresh checkout works.
Fuzzy entries are never used.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

if TYPE_CHECKING:
    import gettext
    from collections.abc import Iterator

__all__ = ["DEFAULT_LOCALE", "DOMAIN", "LOCALE_DIR", "Catalogues", "Language"]

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
"""The catalogues shipped with the hall."""
DOMAIN = "messages"
DEFAULT_LOCALE = "zh_Hans"
"""The default catalogue: pages in Simplified Chinese unless a visitor asks otherwise."""
_MAX_PREFERENCES = 16


@attrs.frozen(slots=True)
class Language:
    """One catalogue: its short ``tag``, its folder's locale and its HTML ``lang`` value."""

    tag: str
    folder: str
    locale: Locale = attrs.field(eq=False)
    html_lang: str


def _script(locale: Locale) -> str | None:
    """The script of ``locale``, or the one its language (and territory) usually has."""
    if locale.script:
        return str(locale.script)
    likely = get_global("likely_subtags")
    for key in (f"{locale.language}_{locale.territory}", str(locale.language)):
        if key in likely:
            return Locale.parse(str(likely[key])).script
    return None


def _language(folder: str) -> Language:
    locale = Locale.parse(folder)
    parts = [str(locale.language)]
    usual = _script(Locale(str(locale.language)))
    if locale.script and locale.script != usual:
        parts.append(str(locale.script))
    if locale.territory:
        parts.append(str(locale.territory))
    html = [str(locale.language), *([locale.script] if locale.script else [])]
    html += [locale.territory] if locale.territory else []
    return Language("-".join(parts), folder, locale, "-".join(str(part) for part in html))


def _preferences(header: str) -> Iterator[str]:
    """The tags of an ``Accept-Language`` header, most wanted first (q=0 left out)."""
    ranked: list[tuple[float, int, str]] = []
    for index, item in enumerate(header.split(",")[:_MAX_PREFERENCES]):
        tag, _, parameters = item.strip().partition(";")
        quality = 1.0
        name, _, value = parameters.strip().partition("=")
        if name.strip() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
        if tag and tag != "*" and quality > 0:
            ranked.append((-quality, index, tag.strip()))
    for _, _, tag in sorted(ranked):
        yield tag


class Catalogues:
    """The catalogues of one locale directory (the shipped one unless told otherwise)."""

    def __init__(self, directory: Path = LOCALE_DIR, default: str = DEFAULT_LOCALE) -> None:
        self.directory = directory
        folders = sorted(
            path.parent.parent.name
            for path in directory.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
            if path.parent.parent.name != default
        )
        self.languages = tuple(_language(folder) for folder in (default, *folders))
        self.tags = tuple(language.tag for language in self.languages)
        self._by_tag = {language.tag: language for language in self.languages}

    def language(self, tag: str) -> Language:
        """The language of ``tag`` (the default one for an unknown tag)."""
        return self._by_tag.get(tag, self.languages[0])

    def negotiate(self, header: str) -> str | None:
        """The tag of the catalogue an ``Accept-Language`` header asks for, or None.

        A catalogue of the same language and script wins (``zh-TW`` is Traditional Chinese:
        ``zh_Hant`` when present), then one of the same language (``zh_Hans`` otherwise).
        """
        for wanted in _preferences(header):
            try:
                locale = Locale.parse(wanted, sep="-")
            except (ValueError, TypeError, UnknownLocaleError):
                continue
            same = [lang for lang in self.languages if lang.locale.language == locale.language]
            script = _script(locale)
            for language in same:
                if _script(language.locale) == script:
                    return language.tag
            if same:
                return same[0].tag
        return None

    def translations(self, tag: str) -> gettext.NullTranslations:
        """The gettext catalogue of ``tag``, falling back to the default one."""
        return self._translations(self.language(tag).folder)

    @functools.cache  # noqa: B019 - one Catalogues per directory, kept for the process
    def _translations(self, folder: str) -> gettext.NullTranslations:
        loaded = Translations(_compiled(self.directory / folder / "LC_MESSAGES"), domain=DOMAIN)
        if folder != self.languages[0].folder:
            loaded.add_fallback(self._translations(self.languages[0].folder))
        return loaded


def _compiled(folder: Path) -> io.BytesIO:
    """The ``.mo`` bytes of ``folder``: the compiled file if current, else compiled now."""
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return io.BytesIO(mo.read_bytes())
    with po.open("rb") as source:
        catalog = read_po(source)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return compiled
