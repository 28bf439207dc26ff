# ruff: noqa: INP001 - a hatchling build hook, loaded by its path, not a package module
"""The wheel's build hook: every page catalogue ``.po`` compiled into its ``.mo`` (Babel).

``src/unicom_web/locale/<locale>/LC_MESSAGES/messages.po`` is compiled into the wheel as
``unicom_web/locale/<locale>/LC_MESSAGES/messages.mo``, so an installed hall reads compiled
catalogues. A fuzzy entry is left out (it is a guess, not a translation); a catalogue Babel
cannot read fails the build.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import (  # type: ignore[import-not-found]
    BuildHookInterface,  # only installed in the build environment
)

_LOCALE = Path("src/unicom_web/locale")


class CatalogueBuildHook(BuildHookInterface):  # type: ignore[misc]
    """Adds ``messages.mo`` next to every ``messages.po`` in the wheel."""

    PLUGIN_NAME = "catalogues"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:  # noqa: ARG002
        """Compile each catalogue into the build directory and force it into the wheel."""
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        out = Path(self.directory) / ".catalogues"
        for po in sorted((root / _LOCALE).glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as source:
                catalog = read_po(source, abort_invalid=True)
            compiled = io.BytesIO()
            write_mo(compiled, catalog, use_fuzzy=False)
            relative = po.relative_to(root / "src").with_suffix(".mo")
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(compiled.getvalue())
            build_data["force_include"][str(target)] = str(relative)
