"""Where the CJK font of a PDF comes from: a path given, or the standard places (F-QRY-6).

A PDF carries its font (a subset of it): a reader without Chinese fonts prints the
acceptance form all the same. The font is Noto Sans CJK, Regular, from Debian's
``fonts-noto-cjk`` (``/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc``), or the
same file where other systems put it. In that collection the simplified-Chinese face is
number 2 (:data:`SIMPLIFIED_CHINESE_FACE`).
"""

from __future__ import annotations

from pathlib import Path

import attrs

from unicom_documents.codes import DOCUMENT_FONT_MISSING

__all__ = ["SIMPLIFIED_CHINESE_FACE", "STANDARD_FONT_PATHS", "CjkFont", "find_font"]

SIMPLIFIED_CHINESE_FACE = 2
"""The face of Noto Sans CJK SC in ``NotoSansCJK-Regular.ttc`` (JP, KR, SC, TC, HK, ...)."""

STANDARD_FONT_PATHS: tuple[Path, ...] = (
    # Debian and Ubuntu, package fonts-noto-cjk.
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    # The places other distributions give the same file (Fedora, Arch, Alpine).
    Path("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto/NotoSansCJK-Regular.ttc"),
    # A copy an administrator put there.
    Path("/usr/local/share/fonts/NotoSansCJK-Regular.ttc"),
)
"""Where :func:`find_font` looks when no path is given, in this order."""

_MAGIC = (b"ttcf", b"OTTO", b"\x00\x01\x00\x00", b"true")
"""The first bytes of a font collection, a CFF OpenType font and a TrueType font."""


@attrs.frozen(slots=True)
class CjkFont:
    """A font file and, for a collection (``.ttc``), the number of the face to use."""

    path: Path
    face: int = SIMPLIFIED_CHINESE_FACE


def find_font(
    font_path: Path | str | None = None,
    *,
    face: int = SIMPLIFIED_CHINESE_FACE,
    candidates: tuple[Path, ...] = STANDARD_FONT_PATHS,
) -> CjkFont:
    """The font to embed: ``font_path`` if given, else the first standard place that has it.

    Raises:
        AdapterError: ``document.font_missing`` when ``font_path`` is not a readable font
            file, or none of ``candidates`` is (install ``fonts-noto-cjk``).
    """
    paths = (Path(font_path),) if font_path is not None else candidates
    for path in paths:
        if _is_font(path):
            return CjkFont(path, face if path.suffix.lower() in {".ttc", ".otc"} else 0)
    raise DOCUMENT_FONT_MISSING.error()


def _is_font(path: Path) -> bool:
    """Whether ``path`` is a readable file that starts as a font file does."""
    try:
        with path.open("rb") as file:
            return file.read(4) in _MAGIC
    except OSError:
        return False
