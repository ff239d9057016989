"""mkdocs adapter for declarative forms: forms/<id>.yml becomes a form page, its error state, a
confirmation page and a JSON Schema, and the built site gets the receiver's manifest
(.councilsite/receiver.json), so `councilsite serve` needs nothing but the site. The logic is in
councilsite.forms and councilsite.receiver.manifest; this only feeds mkdocs.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from councilsite.content.catalogue import Entry, TaskEntry
from councilsite.content.model import Page, Task
from councilsite.errors import ContentError, ContentErrors
from councilsite.forms.definition import load_forms
from councilsite.forms.model import Form
from councilsite.forms.pages import CONFIRMATION, ERROR, FormPageFile, form_pages, schema_file
from councilsite.forms.view import error_page, form_page, paragraphs
from councilsite.plugins.paths import shown_docs_dir
from councilsite.receiver import manifest
from councilsite.receiver.shells import ShellError
from councilsite.symlinks import escaping_links

log = logging.getLogger("mkdocs.plugins.council.forms")
FORM_LINK = re.compile(r"/forms/([^/]+)/?$")


class FormsConfig(base.Config):
    # The folder of form definitions, relative to mkdocs.yml. It is read, never published.
    folder = c.Type(str, default="forms")
    # Where forms are sent unless a form names its own `action`; {id} is the form's id.
    default_action = c.Type(str, default="/submit/{id}")
    # The council's full privacy notice, linked from every form.
    privacy_page = c.Type(str, default="/privacy/")
    # A field hidden from everyone: the receiver turns away anything that fills it in (a bot).
    # An empty value leaves it out.
    honeypot = c.Type(str, default="website")


class FormsPlugin(BasePlugin[FormsConfig]):
    def on_config(self, config):
        if not re.fullmatch(r"(https://\S+|/\S*)", self.config.default_action):
            raise PluginError(f"mkdocs.yml: council/forms default_action: '{self.config.default_action}' should be a "
                              "site path such as /submit/{id} or a web address starting https://")
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.folder = (root / self.config.folder).resolve()
        self.shown_folder = self.config.folder.rstrip("/")
        self.root = root
        links = escaping_links(root / self.config.folder, self.shown_folder)
        if links:
            raise PluginError(ContentErrors(links).report())
        return config

    # After council/content (priority 0) has built the catalogue and checked the pages, and before
    # council/checks (-10), which checks that links in pages lead to files, forms' pages included.
    @event_priority(-5)
    def on_files(self, files: Files, config):
        content = config.plugins.get("council/content")
        categories = {cat.id for cat in content.categories} if content else None
        try:
            self.forms: dict[str, Form] = {f.id: f for f in load_forms(self.folder, self.shown_folder, categories)}
        except ContentErrors as exc:
            raise PluginError(exc.report()) from None
        trap = self.config.honeypot
        for form in self.forms.values():
            if trap and form.question(trap):
                raise PluginError(f"{form.src_path}:{form.line(form.question(trap).path + '.id') or ''}: question id "
                                  f"'{trap}' is the name of the form's hidden trap for bots (council/forms honeypot "
                                  "in mkdocs.yml). Give the question another id")
        self.catalogue = getattr(content, "catalogue", None)
        self.linked_from: dict[str, Page] = {}  # form id -> the service page whose Start now links to it
        if self.catalogue is not None:
            self._link_catalogue(config)
        for form in self.forms.values():
            form.back_url = self._breadcrumbs(form)[-1].url  # the service page, else its category, else home
        self.pages: dict[str, FormPageFile] = {}
        for form in self.forms.values():
            for page in form_pages(form):
                if files.get_file_from_path(page.path):
                    raise PluginError(f"{form.src_path}: the form's page {page.path} is also written by hand in "
                                      f"{config.docs_dir}. Remove one of them")
                files.append(File.generated(config, page.path, content=page.markdown()))
                self.pages[page.path] = page
            path, text = schema_file(form, config.site_url)
            files.append(File.generated(config, path, content=text))
        return files

    def _link_catalogue(self, config) -> None:
        """Check service pages link to forms that exist; list forms no page links to in Do it Online."""
        errors, linked = [], {}
        shown_docs = shown_docs_dir(config)
        for page in self.catalogue.pages:
            match = FORM_LINK.match(page.task.url) if page.task else None
            if not match:
                continue
            form_id = match.group(1)
            key = "do_it_online.form" if "do_it_online.form" in page.line else "do_it_online.link"
            if form_id not in self.forms:
                known = ", ".join(sorted(self.forms)) or f"none yet: add one to {self.shown_folder}/"
                errors.append(ContentError(f"{shown_docs}/{page.src_path}", page.line.get(key), key,
                                           f"there is no form '{form_id}' in {self.shown_folder}/. Forms: {known}"))
                continue
            linked.setdefault(form_id, page)
        for form_id, page in linked.items():
            form = self.forms[form_id]
            if form.priority is not None:
                errors.append(ContentError(form.src_path, form.line("priority"), "priority",
                                           f"{shown_docs}/{page.src_path} already lists this form in Do it Online: "
                                           "set its priority there (do_it_online.priority), not in both"))
        if errors:
            raise PluginError(ContentErrors(errors).report())
        self.linked_from = linked
        tasks = []
        for form in self.forms.values():
            if form.id in linked or not form.category:
                continue
            listing = Page(src_path=form.src_path, url=form.url, kind="form", title=form.title, summary=form.intro,
                           category=form.category, task=Task(form.label, form.url, form.priority))
            tasks.append(TaskEntry(form.label, form.url, listing))
        self.catalogue.add_tasks(tasks)
        self.catalogue.add_section("Online forms", [Entry(f.title, f.url, f.intro) for f in
                                                    sorted(self.forms.values(), key=lambda f: f.title.lower())])

    def on_serve(self, server, config, builder):
        if self.folder.is_dir():
            server.watch(str(self.folder))
        return server

    def on_env(self, env, config, files):
        self.env = env  # the site's own template lookup: a council's custom_dir, then our theme
        return env

    # Last: the pages the shells are cut from are final once every other plugin is done with them.
    @event_priority(-100)
    def on_post_build(self, config):
        receiver = {"default_action": self.config.default_action, "privacy_page": self.config.privacy_page,
                    "honeypot": self.config.honeypot}
        try:
            made = manifest.make_manifest(Path(config.site_dir), list(self.forms.values()), receiver,
                                          self.env.globals.get("brand", {}), manifest.template_sources(self.env))
        except ShellError as exc:
            raise PluginError(f"council/forms: {exc}") from None
        manifest.write_manifest(Path(config.site_dir), made)

    def actions(self) -> list[str]:
        """Every form's action, for the site's Content-Security-Policy (councilsite.headers)."""
        return [self.config.default_action, *(self._action(f) for f in getattr(self, "forms", {}).values())]

    def _action(self, form: Form) -> str:
        return form.action or self.config.default_action.replace("{id}", form.id)

    def _breadcrumbs(self, form: Form) -> list[Entry]:
        trail = [Entry("Home", "/", "")]
        page = self.linked_from.get(form.id)
        category_id = page.category if page else form.category
        category = self.catalogue.category(category_id) if self.catalogue is not None else None
        if category:
            trail.append(Entry(category.title, category.url, category.summary))
        if page:
            trail.append(Entry(page.title, page.url, page.summary))
        return trail

    # After council/content, which sets breadcrumbs for every page.
    @event_priority(-20)
    def on_page_context(self, context, page, config, nav):
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return context
        form = self.forms[generated.form_id]
        context["breadcrumbs"] = []  # form pages have a Back link instead, as on GOV.UK Forms
        context["privacy_page"] = self.config.privacy_page
        if generated.role == CONFIRMATION:
            context["form_confirmation"] = {"form": form, "next_steps": paragraphs(form.what_happens_next)}
        elif generated.role == ERROR:
            context["form_page"] = error_page(form, self._action(form), self.config.honeypot or None)
        else:
            context["form_page"] = form_page(form, self._action(form), self.config.honeypot or None)
        return context
