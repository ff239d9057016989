"""mkdocs adapter for emergency alert banners with start and end times."""
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
    # A YAML file in the docs folder that editors keep; it is read, never published.
    file = c.Type(str, default="alerts.yml")


class AlertsPlugin(BasePlugin[AlertsConfig]):
    def on_files(self, files, config):
        source = files.get_file_from_path(self.config.file)
        path = Path(config.docs_dir) / self.config.file
        if source:
            files.remove(source)
        try:
            self.alerts = alerts.load_alerts(path, f"{shown_docs_dir(config)}/{self.config.file}")
        except ContentErrors as exc:
            raise PluginError(exc.report()) from None
        self.now = clock.now()
        return files

    def on_env(self, env, config, files):
        env.globals["alerts"] = alerts.current(self.alerts, self.now)
        return env
