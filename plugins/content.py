"""mkdocs adapter for the content model: validate front matter, build the catalogue, add listing pages."""
from __future__ import annotations

import fnmatch
import logging
from pathlib import Path

from jinja2 import pass_context
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils.templates import url_filter

from councilsite import clock
from councilsite.content.catalogue import Catalogue, Category
from councilsite.content.model import load_page
from councilsite.content.pages import generated_pages
from councilsite.content.phones import PhoneLinksExtension
from councilsite.content.search import search_facts, started_by_a_page
from councilsite.errors import ContentErrors
from councilsite.headers import REFERRER_POLICY, content_security_policy, headers_file
from councilsite.search.site import facts_from_entries, write_index
from councilsite.plugins.paths import shown_docs_dir
from councilsite.symlinks import escaping_links

log = logging.getLogger("mkdocs.plugins.council.content")


class CategoryConfig(base.Config):
    id = c.Type(str)
    title = c.Type(str)
    summary = c.Type(str)


class ContentConfig(base.Config):
    categories = c.ListOfItems(c.SubConfig(CategoryConfig), default=[])
    top_tasks = c.Type(int, default=8)
    # Pages matching these are help, legal and home pages; every other page is a service page.
    general_pages = c.ListOfItems(c.Type(str), default=["*.md", "help/*.md"])
    # Folders another plugin owns (places, forms), skipped here.
    ignore = c.ListOfItems(c.Type(str), default=[])


def form_actions(config) -> list[str]:
    """Where the site's forms post (council/forms, if the site has it), for the policy's form-action."""
    forms = config.plugins.get("council/forms")
    return forms.actions() if forms is not None and hasattr(forms, "actions") else []


def site_path(file: File) -> str:
    """The page's path from the site root, such as /council-tax/pay/ (the home page is /)."""
    url = file.url.removeprefix("./")
    return url if url.startswith("/") else "/" + url


@pass_context
def href(context, value: str) -> str:
    """Like mkdocs' `url`, but also takes site paths such as /council-tax/ and keeps them relative,
    so the site works from any folder."""
    value = str(value)
    if value.startswith("/") and not value.startswith("//"):
        value = value.lstrip("/") or "."
    return url_filter(context, value)


class ContentPlugin(BasePlugin[ContentConfig]):
    def on_config(self, config):
        for i, cat in enumerate(self.config.categories):
            missing = [k for k in ("id", "title", "summary") if not cat.get(k)]
            if missing:
                raise PluginError(f"mkdocs.yml: council/content categories[{i}] needs {', '.join(missing)}")
        self.categories = [Category(cat["id"], cat["title"], cat["summary"]) for cat in self.config.categories]
        links = escaping_links(Path(config.docs_dir), shown_docs_dir(config))
        if links:
            raise PluginError(ContentErrors(links).report())
        # Every page's UK phone numbers become tel: links (councilsite/content/phones.py).
        self.phone_links = PhoneLinksExtension()
        config.markdown_extensions.append(self.phone_links)
        return config

    def _kind(self, src_uri: str) -> str | None:
        if any(fnmatch.fnmatch(src_uri, pattern) for pattern in self.config.ignore):
            return None
        if any(fnmatch.fnmatch(src_uri, pattern) and (pattern.count("/") == src_uri.count("/"))
               for pattern in self.config.general_pages):
            return "general"
        return "service"

    def on_files(self, files: Files, config):
        # Other plugins (places) add entries for the pages they make, before the index is written.
        self.extra_search: list[dict] = []
        known = {cat.id: cat for cat in self.categories}
        docs = shown_docs_dir(config)
        pages, errors = [], []
        for file in files.documentation_pages():
            if file.generated_by:
                continue
            kind = self._kind(file.src_uri)
            if kind is None:
                continue
            shown = f"{docs}/{file.src_uri}"
            page, problems = load_page(file.src_uri, file.content_string, site_path(file), kind, known, shown)
            errors.extend(problems)
            if page:
                pages.append(page)
        if errors:
            raise PluginError(ContentErrors(errors).report())
        today = clock.today()
        for page in pages:
            if page.is_overdue(today):
                log.warning(f"{page.src_path}: the review date {page.review_by:%d %B %Y} has passed. "
                            "Check the page is still right, then set a new review_by date")
        self.catalogue = Catalogue(pages, self.categories, self.config.top_tasks)
        existing = {f.src_uri for f in files}
        for gen in generated_pages(self.catalogue, existing):
            files.append(File.generated(config, gen.path, content=gen.markdown()))
        return files

    def on_env(self, env, config, files):
        env.filters["href"] = href
        # The policy theme/base.html puts in every page's meta (and the site's headers repeat).
        env.globals["council_csp"] = content_security_policy(form_actions(config), meta=True)
        env.globals["council_referrer"] = REFERRER_POLICY
        return env

    def on_page_markdown(self, markdown, page, config, files):
        # mkdocs renders this page's Markdown right after this event, so the switch is per page.
        self.phone_links.enabled = page.meta.get("phone_links", True) is not False
        record = self.catalogue.by_url.get(site_path(page.file))
        if record and record.kind == "service":
            page.meta.setdefault("template", "service.html")
        return markdown

    def on_page_context(self, context, page, config, nav):
        context["catalogue"] = self.catalogue
        record = self.catalogue.by_url.get(site_path(page.file))
        context["service"] = record
        context["breadcrumbs"] = self.catalogue.breadcrumbs(record, site_path(page.file))
        if page.meta.get("template") == "category.html":
            context["category"] = self.catalogue.category(page.file.src_uri.split("/")[0])
        return context

    # Every page has been written by now, so the index is made from what residents will read.
    def on_post_build(self, config):
        facts = facts_from_entries(self.extra_search)
        facts.update(search_facts(self.catalogue))
        write_index(Path(config.site_dir), facts, started_by_a_page(self.catalogue), config.site_name)
        # After the search index, so _headers covers every file the site serves.
        site = Path(config.site_dir)
        paths = ["/" + p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
        (site / "_headers").write_text(headers_file(paths, form_actions(config)), encoding="utf-8")
