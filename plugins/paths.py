"""How to name an editor's file in a message: relative to the folder holding mkdocs.yml."""
from __future__ import annotations

from pathlib import Path


def shown_docs_dir(config) -> str:
    docs = Path(config.docs_dir).resolve()
    root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    return (docs.relative_to(root) if docs.is_relative_to(root) else docs).as_posix()
