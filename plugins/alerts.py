"""mkdocs adapter for emergency alert banners with start and end times, on the pages they are about."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from councilsite import alerts, clock
from councilsite.errors import ContentErrors
from councilsite.plugins.paths import shown_docs_dir


class AlertsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # A YAML file in the docs folder that editors keep; it is read, never published.
    file = c.Type(str, default="alerts.yml")


def _site_path(url: str) -> str:
    url = url.removeprefix("./")
    return url if url.startswith("/") else "/" + url


class AlertsPlugin(BasePlugin[AlertsConfig]):
    def on_files(self, files, config):
        self.alerts, self.now = [], clock.now()
        source = files.get_file_from_path(self.config.file)
        path = Path(config.docs_dir) / self.config.file
        if source:
            files.remove(source)
        if not self.config.enabled:
            return files
        shown = f"{shown_docs_dir(config)}/{self.config.file}"
        try:
            self.alerts = alerts.load_alerts(path, shown)
        except ContentErrors as exc:
            raise PluginError(exc.report()) from None
        return files

    def on_nav(self, nav, config, files):
        # Every page exists by now, generated ones included: an alert naming an address the
        # site does not have would silently show nowhere.
        if self.alerts:
            known = {_site_path(f.url) for f in files.documentation_pages()}
            path = Path(config.docs_dir) / self.config.file
            problems = alerts.unknown_pages(self.alerts, f"{shown_docs_dir(config)}/{self.config.file}",
                                            path.read_text(encoding="utf-8"), known)
            if problems:
                raise PluginError(ContentErrors(problems).report())
        return nav

    def on_env(self, env, config, files):
        self.current = alerts.current(self.alerts, self.now)
        # Templates rendered without a page (404.html) get the site-wide alerts only.
        env.globals["alerts"] = alerts.for_page(self.current, "/404.html")
        return env

    def on_page_context(self, context, page, config, nav):
        context["alerts"] = alerts.for_page(self.current, _site_path(page.file.url))
        return context
