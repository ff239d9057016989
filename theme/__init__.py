"""The councilsite theme: page templates, components (template, styles, script) and receiver pages.

It ships inside the package as `councilsite.theme`, so a council's mkdocs.yml names no folder of
ours: the council/brand plugin puts this folder in front of mkdocs-material's own templates, and
behind the council's `custom_dir`, which can still override any file here.
"""
from pathlib import Path

DIR = Path(__file__).resolve().parent
