"""mkdocs adapter for the plain-English content checks, and the editors' content-health page."""
from __future__ import annotations

import datetime as dt
import fnmatch
import logging

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from councilsite import clock
from councilsite.checks.health import health_report
from councilsite.checks.rules import CHECKS, Settings
from councilsite.checks.runner import Source, check_sources, unknown_checks
from councilsite.plugins.paths import shown_docs_dir

log = logging.getLogger("mkdocs.plugins.council.checks")
LEVELS = ("warning", "error", "off")
DEFAULT_ACRONYMS = {"UK", "NHS", "PDF", "HTML", "WCAG", "DVLA", "HMRC", "COVID", "EHRC", "CCTV", "MOT", "SEND"}


class ChecksConfig(base.Config):
    # check name -> warning | error | off. Warnings fail `mkdocs build --strict`.
    levels = c.Type(dict, default={})
    reading_age = c.Type((int, float), default=11)
    paragraph_reading_age = c.Type((int, float), default=13)
    sentence_words = c.Type(int, default=25)
    emphasis_words = c.Type(int, default=8)
    acronyms = c.ListOfItems(c.Type(str), default=[])
    exclude = c.ListOfItems(c.Type(str), default=[])  # pages (globs) not checked at all
    health_page = c.Type(str, default="editors/content-health.md")
    review_warning_days = c.Type(int, default=30)


class ChecksPlugin(BasePlugin[ChecksConfig]):
    def on_config(self, config):
        bad = unknown_checks(self.config.levels)
        wrong = [f"{k}: {v}" for k, v in self.config.levels.items() if v not in LEVELS]
        if bad or wrong:
            raise PluginError(
                "mkdocs.yml: council/checks levels: "
                + (f"unknown checks {', '.join(bad)} (known: {', '.join(CHECKS)}). " if bad else "")
                + (f"each level must be one of {', '.join(LEVELS)} ({'; '.join(wrong)})" if wrong else "")
            )
        self.settings = Settings(self.config.reading_age, self.config.paragraph_reading_age,
                                 self.config.sentence_words, self.config.emphasis_words,
                                 set(self.config.acronyms) | DEFAULT_ACRONYMS)
        return config

    # After council/content has validated front matter, so pages here are known to be well formed.
    @event_priority(-10)
    def on_files(self, files: Files, config):
        content = config.plugins.get("council/content")
        kind_of = content._kind if content else (lambda uri: None)
        shown = shown_docs_dir(config)
        sources = [
            Source(f.src_uri, f"{shown}/{f.src_uri}", f.content_string, kind_of(f.src_uri))
            for f in files.documentation_pages()
            if not f.generated_by and not any(fnmatch.fnmatch(f.src_uri, g) for g in self.config.exclude)
        ]
        existing = {f.src_uri for f in files}
        self.results = check_sources(sources, self.settings, dict(self.config.levels), existing)
        if self.results.problems:
            raise PluginError("\n".join(self.results.problems))
        for finding in self.results.findings:
            (log.error if finding.severity == "error" else log.warning)(str(finding))
        catalogue = content.catalogue if content else None
        today = clock.today()
        self.health = health_report(self.results, catalogue, today, dt.timedelta(days=self.config.review_warning_days))
        if not files.get_file_from_path(self.config.health_page):
            files.append(File.generated(config, self.config.health_page, content=(
                "---\ntitle: Content health\nsummary: Findings, review dates and gaps for web editors.\n"
                "template: content-health.html\nnoindex: true\n---\n")))
        if any(f.severity == "error" for f in self.results.findings):
            raise PluginError("Content checks set to 'error' failed: see the messages above.")
        return files

    def on_page_context(self, context, page, config, nav):
        if page.file.src_uri == self.config.health_page:
            context["health"] = self.health
        return context

    def on_post_build(self, config):
        log.info(self.results.summary())

