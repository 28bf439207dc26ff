"""Bar charts as server-rendered SVG: no script, no external resource.

The bills and usage pages show the last six months this way. The SVG carries a ``<title>``
per bar (the exact figure, for screen readers and hovering) and scales with the page.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Bar", "bar_chart"]

_WIDTH, _HEIGHT, _TOP, _BOTTOM = 320, 180, 22, 24


@attrs.frozen(slots=True)
class Bar:
    """One bar: its label under it, its value (None: not known, drawn as a gap) and caption."""

    label: str
    value: int | None
    caption: str = ""


def bar_chart(bars: Sequence[Bar], *, title: str) -> str:
    """An SVG bar chart of ``bars`` (values >= 0), scaled to the largest; safe to embed."""
    known = [bar.value for bar in bars if bar.value is not None]
    peak = max([*known, 1])
    slot = _WIDTH / max(len(bars), 1)
    plot = _HEIGHT - _TOP - _BOTTOM
    parts = [
        (
            f'<svg class="chart" viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" '
            f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        ),
        f"<title>{escape(title)}</title>",
        (
            f'<line x1="0" y1="{_HEIGHT - _BOTTOM}" x2="{_WIDTH}" y2="{_HEIGHT - _BOTTOM}" '
            'stroke="#ccc"/>'
        ),
    ]
    for index, bar in enumerate(bars):
        x = index * slot + slot * 0.2
        centre = index * slot + slot / 2
        parts.append(
            f'<text x="{centre:.1f}" y="{_HEIGHT - 8}" text-anchor="middle" font-size="11" '
            f'fill="#666">{escape(bar.label)}</text>'
        )
        if bar.value is None:
            parts.append(
                f'<text x="{centre:.1f}" y="{_HEIGHT - _BOTTOM - 4}" text-anchor="middle" '
                'font-size="11" fill="#999">—</text>'
            )
            continue
        height = max(bar.value / peak * plot, 1 if bar.value else 0)
        top = _HEIGHT - _BOTTOM - height
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{top:.1f}" width="{slot * 0.6:.1f}" '
            f'height="{height:.1f}" fill="#c4161c" rx="2"><title>{escape(bar.caption)}</title>'
            "</rect>"
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{top - 4:.1f}" text-anchor="middle" font-size="10" '
            f'fill="#222">{escape(bar.caption)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
