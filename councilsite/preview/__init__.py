"""The editors' preview: `councilsite preview` rebuilds only what a saved change affects.

engine.py keeps one mkdocs build in memory and redoes the affected steps; memo.py remembers the
plugins' per-file work; watch.py watches the files; server.py serves the preview folder, adding the
reload script, a page's warnings and error pages as it sends them; command.py ties them together.
"""
