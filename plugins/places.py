"""mkdocs adapter for places to get online: check the place files, add the directory, its filter
pages and open data files, give place pages their template, and expand `{{ places ... }}` lines.

All the logic is in councilsite.places; this file only feeds mkdocs' events into it.
"""
from __future__ import annotations

import dataclasses
import fnmatch
import logging

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from councilsite import clock
from councilsite.content.catalogue import Entry
from councilsite.content.frontmatter import FrontMatterError, split
from councilsite.errors import ContentError, ContentErrors
from councilsite.places import directive, filters
from councilsite.places.directory import Directory
from councilsite.places.model import check_together, load_place
from councilsite.opendata import feed
from councilsite.opendata.oruk import Organisation
from councilsite.places.pages import DIRECTORY_TEMPLATE, PLACE_TEMPLATE, data_files, directory_pages, reserved_names
from councilsite.places.search import search_entries
from councilsite.places.text import slug
from councilsite.places.views import PlaceCard, PlacePage
from councilsite.plugins.content import href, site_path
from councilsite.plugins.paths import shown_docs_dir

log = logging.getLogger("mkdocs.plugins.council.places")


class PlacesConfig(base.Config):
    # The folder of place files, one Markdown file per place; the directory is published there.
    folder = c.Type(str, default="get-online/places")
    title = c.Type(str, default="Places to get online")
    summary = c.Type(str, default="Use free WiFi and computers, and get help to go online, in libraries, "
                                  "customer service centres and community hubs.")
    # Areas or wards, in the order the directory shows them. If given, a place's area must be one.
    areas = c.ListOfItems(c.Type(str), default=[])
    # Who publishes the open data; the site name if not given.
    organisation = c.Optional(c.Type(str))
    # The county or region in the open data's addresses (Open Referral's state_province); the town if not given.
    region = c.Optional(c.Type(str))
    # The Open Referral UK 3.0 API's folder in the site (its root is /openreferral/), and how many
    # services or locations each page of a list holds.
    openreferral = c.Type(str, default="openreferral")
    page_size = c.Type(int, default=50)


class PlacesPlugin(BasePlugin[PlacesConfig]):
    def on_config(self, config):
        self.folder = self.config.folder.strip("/")
        if not self.folder:
            raise PluginError("mkdocs.yml: council/places folder: give a folder inside the docs folder, "
                              "such as get-online/places")
        content = config.plugins.get("council/content")
        self.api_folder = self.config.openreferral.strip("/")
        if not self.api_folder or self.config.page_size < 1:
            raise PluginError("mkdocs.yml: council/places: openreferral needs a folder name, such as openreferral, "
                              "and page_size a number of 1 or more")
        if content is not None and not any(fnmatch.fnmatch(f"{self.folder}/a-place.md", pattern)
                                           for pattern in content.config.ignore):
            raise PluginError(f"mkdocs.yml: council/content ignore: add \"{self.folder}/*\" so that council/places, "
                              "not council/content, reads the place files")
        seen = set()
        for area in self.config.areas:
            if slug(area) in seen:
                raise PluginError(f"mkdocs.yml: council/places areas: '{area}' is listed twice")
            seen.add(slug(area))
        return config

    # -- files ----------------------------------------------------------------------------------

    def _shown(self, config, file: File) -> str:
        """The file as messages name it: relative to the folder holding mkdocs.yml."""
        return f"{shown_docs_dir(config)}/{file.src_uri}"

    def _is_place(self, file: File) -> bool:
        rest = file.src_uri.removeprefix(self.folder + "/")
        return (rest != file.src_uri and "/" not in rest and file.is_documentation_page()
                and not file.generated_by)

    def on_files(self, files: Files, config):
        today = clock.today()
        errors: list[ContentError] = []
        places, shown = [], {}
        for file in files.documentation_pages():
            if not self._is_place(file):
                continue
            shown[file.src_uri] = self._shown(config, file)
            if file.src_uri.endswith("/index.md"):
                errors.append(ContentError(shown[file.src_uri], None, None,
                                           "the directory of places is made for you: remove this file, or "
                                           "move its words into the Get online page"))
                continue
            place, problems = load_place(file.src_uri, file.content_string, site_path(file),
                                         self.config.areas, shown[file.src_uri])
            errors += problems
            if place:
                places.append(place)

        folder_url = "/" + self.folder + "/"
        self.directory = Directory(places, list(self.config.areas), self.config.title, self.config.summary,
                                   folder_url, today)
        errors += check_together(places, shown, reserved_names(self.directory))
        self.areas = filters.areas_in_order(places, self.config.areas)
        for file in files.documentation_pages():
            if not file.generated_by:
                errors += directive.check(file.content_string, self._shown(config, file), self.areas)
        if errors:
            raise PluginError(ContentErrors(errors).report())
        for place in places:
            if place.is_overdue(today):
                log.warning(f"{shown[place.src_path]}: the review date {place.review_by:%d %B %Y} has passed. "
                            "Check the hours and facilities are still right, then set a new review_by date")

        self.by_src = {p.src_path: p for p in places}
        existing = {f.src_uri for f in files}
        self.pages: dict[str, filters.Filter | None] = {}
        for gen in directory_pages(self.directory, self.folder):
            if gen.path in existing:
                raise PluginError(f"{gen.path}: this page is made by council/places; remove the file")
            file = File.generated(config, gen.path, content=gen.markdown())
            files.append(file)
            page_slug = gen.path.removeprefix(self.folder + "/").removesuffix("index.md").strip("/")
            flt = self.directory.filter_by_slug(page_slug) if page_slug else None
            self.pages[gen.path] = flt
            if flt:
                self.directory.filter_urls[flt.key] = site_path(file)
            else:
                self.directory.url = site_path(file)

        site_url = (config.site_url or "").rstrip("/")
        self.absolute = lambda path: site_url + path
        brand = config.plugins.get("council/brand")
        contact = dict(brand.config.contact) if brand else {}
        org = Organisation(self.config.organisation or config.site_name, (config.site_url or "/"),
                           config.site_description or "", contact.get("email"), self.config.region)
        url_of = lambda p: self.absolute(p.url)  # noqa: E731
        self.api = self._add_feed(files, config, org, url_of, today)
        made = [feed.listing(self.api)]
        for data in data_files(self.directory, self.folder, org, url_of, today):
            file = File.generated(config, data.path, content=data.content)
            files.append(file)
            made.append(dataclasses.replace(data, url=site_path(file)))
        self.directory.data_files = made
        self.section = self._section(files)
        content = config.plugins.get("council/content")
        if content is not None:
            content.extra_search += search_entries(self.directory)
            content.catalogue.add_section(self.config.title, [Entry(self.config.title, self.directory.url, "")] + [
                Entry(place.name, place.url, "") for place in self.directory.places])
        self._env = None
        return files

    def _add_feed(self, files: Files, config, org: Organisation, url_of, today):
        """The Open Referral UK 3.0 API, checked against the official schemas, as generated files."""
        api = feed.api_files(self.directory.places, org, url_of, today, self.api_folder, self.config.page_size)
        try:
            feed.check(api)
        except feed.FeedError as exc:
            raise PluginError(str(exc)) from None
        except feed.Unavailable as exc:
            log.info(f"The Open Referral UK feed was not checked against its schemas: {exc}. "
                     "Install councilsite[audit] to check it on every build")
        existing = {f.src_uri for f in files}
        for item in api:
            if item.path in existing:
                raise PluginError(f"{item.path}: this file is made by council/places (the Open Referral UK feed); "
                                  "remove it, or set council/places openreferral to another folder")
            files.append(File.generated(config, item.path, content=item.text()))
        return api

    def _section(self, files: Files) -> Entry | None:
        """The Get online page above the folder (get-online/index.md), for breadcrumbs."""
        parent = self.folder.rpartition("/")[0]
        for candidate in ([f"{parent}/index.md", f"{parent}.md"] if parent else []):
            file = files.get_file_from_path(candidate)
            if file:
                try:
                    title = split(file.content_string, candidate).data.get("title")
                except FrontMatterError:
                    title = None
                return Entry(str(title or parent.replace("-", " ").capitalize()), site_path(file), "")
        return None

    # -- pages ----------------------------------------------------------------------------------

    def on_env(self, env, config, files):
        env.filters.setdefault("href", href)
        return env

    def _embed_env(self, config):
        # Pages are read before mkdocs makes the template environment (on_env), so embeds use their own.
        if self._env is None:
            self._env = config.theme.get_env()
            self._env.filters["href"] = href
        return self._env

    def _render_embed(self, page, config, embed: directive.Embed) -> str:
        places = [p for group in self.directory.groups(filters.select(self.directory.places, *embed.filters))
                  for p in group.places]
        module = self._embed_env(config).get_template("components/place-list/macro.html").make_module(
            {"page": page, "base_url": get_relative_url(".", page.url)})
        return str(module.render(places, self.directory.url, self.directory.title, embed.empty_text))

    def on_page_markdown(self, markdown, page, config, files):
        place = self.by_src.get(page.file.src_uri)
        if place:
            page.meta["template"] = PLACE_TEMPLATE
            page.meta["title"] = place.name
            page.meta["summary"] = place.summary
        return directive.expand(markdown, self.areas, lambda embed: self._render_embed(page, config, embed))

    def on_page_context(self, context, page, config, nav):
        src = page.file.src_uri
        place = self.by_src.get(src)
        trail = [Entry("Home", "/", "")] + ([self.section] if self.section else [])
        if place:
            context["place_page"] = PlacePage(place, self.directory.today, self.absolute(place.url))
            context["breadcrumbs"] = trail + [Entry(self.directory.title, self.directory.url, "")]
        elif src in self.pages:
            current = self.pages[src]
            context["directory"] = self.directory.view(current)
            context["card"] = lambda p: PlaceCard(p, self.directory.today)
            context["breadcrumbs"] = trail + ([Entry(self.directory.title, self.directory.url, "")] if current else [])
        return context


__all__ = ["PlacesPlugin", "DIRECTORY_TEMPLATE"]
