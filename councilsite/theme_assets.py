"""Assemble the one stylesheet every page loads from the theme's component folders."""
from __future__ import annotations

import re
from pathlib import Path

# Base styles first, print styles last; the components in between in name order.
FIRST, LAST = "base", "print"


def stylesheet(components_dirs: list[Path], palette_css: str) -> str:
    """`components_dirs` in lookup order: a council's own component styles replace ours by name."""
    chosen: dict[str, Path] = {}
    for components_dir in components_dirs:
        if components_dir.is_dir():
            for p in components_dir.iterdir():
                if (p / "style.css").is_file():
                    chosen.setdefault(p.name, p)
    folders = sorted(chosen.values(), key=lambda p: (p.name != FIRST, p.name == LAST, p.name))
    parts = [palette_css] + [_minify((p / "style.css").read_text(encoding="utf-8")) for p in folders]
    return "\n".join(parts) + "\n"


def _minify(css: str) -> str:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", css)
    return css.replace(";}", "}").strip()
