"""The Chinese message of every declared error code, for the pages.

:data:`ZH_MESSAGES` (in :mod:`unicom_web.messages_zh`) holds one sentence per code of
:data:`unicom_core.errors.ERROR_CODES`: the core's areas, this adapter's :mod:`unicom_web.codes`
and the SQL and payment adapters' codes, with the same ``{fields}`` as the code's English
template. :func:`unicom_web.i18n.friendly` shows it, formatted from the problem's data, when no
hand-written sentence of its catalogue says more; the API's problem details stay in English.
A test holds every declared code to an entry whose fields the code always gives.
"""

from __future__ import annotations

import string
from datetime import datetime
from typing import TYPE_CHECKING

from unicom_core.domain.shared import to_shanghai
from unicom_web.messages_zh import ZH_MESSAGES

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["ZH_MESSAGES", "zh_message"]


def zh_message(code: str, data: Mapping[str, object]) -> str | None:
    """The Chinese sentence of ``code`` with the problem's JSON ``data``, or None.

    None when the code has no entry or its data lacks a field the entry names (a raise site
    of another version): the caller then falls back to the error's own message.
    """
    template = ZH_MESSAGES.get(code)
    if template is None:
        return None
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    if not names <= data.keys():
        return None
    return template.format_map({name: _shown(data[name]) for name in names})


def _shown(value: object) -> str:
    """A JSON value as a hall shows it: 12.34元, 2026-11-26 08:00 (Beijing), a、b."""
    if isinstance(value, list):
        return "、".join(_shown(item) for item in value)
    if isinstance(value, dict) and isinstance(value.get("fen"), int):
        fen = value["fen"]
        sign = "-" if fen < 0 else ""
        return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}元"
    if isinstance(value, str) and "T" in value:
        try:
            instant = datetime.fromisoformat(value)
        except ValueError:
            return value
        if instant.tzinfo is not None:
            return to_shanghai(instant).strftime("%Y-%m-%d %H:%M")
    return str(value)
