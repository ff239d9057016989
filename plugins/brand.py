"""mkdocs adapter for the council's brand: name, logo, colours, contact details and footer links.

It also puts our theme (shipped in the package as `councilsite.theme`) in front of
mkdocs-material's templates, and swaps Material's assets for our own stylesheet: one small file,
assembled from the theme's component folders and the council's checked colours.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import material
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from councilsite import brand
from councilsite.theme import DIR as THEME_DIR
from councilsite.theme_assets import stylesheet

MATERIAL_DIR = Path(material.__file__).parent


class ColoursConfig(base.Config):
    light = c.Type(dict, default={})
    dark = c.Type(dict, default={})


class ContactConfig(base.Config):
    phone = c.Type(str)
    phone_hours = c.Optional(c.Type(str))
    email = c.Type(str)
    address = c.Type(str)
    page = c.Type(str, default="contact-us/")


class LinkConfig(base.Config):
    text = c.Type(str)
    url = c.Type(str)


class BrandConfig(base.Config):
    name = c.Type(str)
    language = c.Type(str, default="en-GB")
    logo = c.Optional(c.Type(str))  # a file in the docs folder, such as assets/logo.svg
    colours = c.SubConfig(ColoursConfig)
    contact = c.SubConfig(ContactConfig)
    navigation = c.ListOfItems(c.SubConfig(LinkConfig), default=[])
    footer_links = c.ListOfItems(c.SubConfig(LinkConfig), default=[])
    get_online = c.Type(str, default="help/get-help-getting-online/")


class BrandPlugin(BasePlugin[BrandConfig]):
    # First of all on_config: every later step (other plugins' templates, theme files) must find
    # our templates, so they are in place before anything renders or lists the theme.
    @event_priority(100)
    def on_config(self, config):
        self.theme_dirs = _use_our_theme(config)
        try:
            self.palette = brand.palette(self.config.colours["light"], self.config.colours["dark"])
        except ValueError as exc:
            raise PluginError(f"mkdocs.yml: council/brand {exc}") from None
        problems = self.palette.problems()
        if problems:
            raise PluginError("mkdocs.yml: council/brand colours are not accessible:\n  " + "\n  ".join(problems))
        return config

    def on_files(self, files: Files, config):
        # Material's own CSS, JavaScript and fonts are never loaded by our templates: don't ship them.
        # Compared as text, not as Paths: this runs for every file, and the preview runs it on each save.
        dropped = tuple(f"{d}{os.sep}" for d in [MATERIAL_DIR, *(d / "components" for d in self.theme_dirs)])
        for file in list(files):
            if file.abs_src_path and file.abs_src_path.startswith(dropped):
                files.remove(file)
        css = stylesheet([d / "components" for d in self.theme_dirs], self.palette.css())
        digest = hashlib.sha256(css.encode()).hexdigest()[:10]
        self.css_path = f"assets/council.{digest}.css"
        files.append(File.generated(config, self.css_path, content=css))
        if self.config.logo and not files.get_file_from_path(self.config.logo):
            raise PluginError(f"mkdocs.yml: council/brand logo: no file '{self.config.logo}' in {config.docs_dir}")
        return files

    def context(self) -> dict:
        cfg = self.config
        return {
            "name": cfg.name, "language": cfg.language, "logo": cfg.logo, "stylesheet": self.css_path,
            "contact": dict(cfg.contact), "navigation": [dict(link) for link in cfg.navigation],
            "footer_links": [dict(link) for link in cfg.footer_links], "get_online": cfg.get_online,
            "default_other_ways": brand.default_other_ways(dict(cfg.contact)),
        }

    def on_env(self, env, config, files):
        # A global, not page context: 404.html is rendered without a page.
        env.globals["brand"] = self.context()
        return env


def _use_our_theme(config) -> list[Path]:
    """Theme folders in the order templates are looked up: the council's custom_dir, then ours."""
    dirs = config.theme.dirs
    ours = str(THEME_DIR)
    if ours in dirs:  # a site that still names our folder as its custom_dir
        dirs.remove(ours)
    custom = config.theme.custom_dir
    dirs.insert(1 if custom and dirs and dirs[0] == custom else 0, ours)
    return [Path(custom), THEME_DIR] if custom and Path(custom).resolve() != THEME_DIR else [THEME_DIR]
