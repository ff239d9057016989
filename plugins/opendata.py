"""mkdocs adapter for open data and find-ability: schema.org JSON-LD on every page, robots.txt,
sitemap.xml with each page's last change, /.well-known/security.txt, and the Open data page's list
of every open data file (the Open Referral UK feed itself is made by council/places).

All the logic is in councilsite.opendata; this file only feeds mkdocs' events into it.
"""
from __future__ import annotations

import datetime as dt
import gzip
import logging
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from councilsite import clock
from councilsite.opendata import jsonld, robots, security, vocabulary
from councilsite.opendata.listing import Item, Listing, oruk_items
from councilsite.plugins.content import site_path

log = logging.getLogger("mkdocs.plugins.council.opendata")
OPEN_DATA_TEMPLATE = "open-data.html"
_V1 = ("The same places in the shape of the older version 1.0, for services that still read it.",
       "Open Referral UK 1.0 (older)")
_CSV = ("One row per place, with its opening hours, for spreadsheets.", "CSV, UTF-8")


class SecurityConfig(base.Config):
    # Where to report a security problem: mailto: or https: addresses (RFC 9116 Contact).
    contact = c.ListOfItems(c.Type(str), default=[])
    # When the contact should next be checked, YYYY-MM-DD, less than a year ahead (RFC 9116 Expires).
    expires = c.Optional(c.Type((str, dt.date)))
    policy = c.Optional(c.Type(str))
    acknowledgments = c.Optional(c.Type(str))
    encryption = c.Optional(c.Type(str))
    hiring = c.Optional(c.Type(str))
    preferred_languages = c.Type(str, default="en")


class OpenDataConfig(base.Config):
    enabled = c.Type(bool, default=True)
    security = c.SubConfig(SecurityConfig)
    # More site paths to keep search engines out of, besides noindex pages and the receiver.
    disallow = c.ListOfItems(c.Type(str), default=[])


class OpenDataPlugin(BasePlugin[OpenDataConfig]):
    def on_config(self, config):
        if not self.config.enabled:
            return config
        try:
            self.security = security.from_config(dict(self.config.security), config.site_url)
        except security.SecurityError as exc:
            raise PluginError(f"mkdocs.yml: council/opendata security {exc}") from None
        return config

    # Last of on_files: council/places (0) and council/forms (-5) have added their files by now.
    @event_priority(-50)
    def on_files(self, files: Files, config):
        if not self.config.enabled:
            return files
        if self.security is None:
            log.warning("mkdocs.yml: council/opendata has no security contact, so the site has no "
                        f"/{security.PATH}. Add one, for example:\n    {security.EXAMPLE}")
        else:
            for message in self.security.warnings(clock.today()):
                log.warning(f"mkdocs.yml: council/opendata {message}")
            file = File.generated(config, security.PATH, content=self.security.text(config.site_name))
            file.inclusion = InclusionLevel.INCLUDED  # mkdocs leaves out dot-folders unless told otherwise
            files.append(file)
        self.listing = self._listing(files, config)
        # site path -> (noindex, lastmod) of every page, as on_post_page saw it. Kept from one build to
        # the next in one process, because `councilsite preview` renders again only the pages a change
        # affects; a page no longer in the site is dropped here.
        current = {site_path(f) for f in files.documentation_pages()}
        self.seen: dict[str, tuple[bool, str | None]] = {
            path: seen for path, seen in getattr(self, "seen", {}).items() if path in current}
        return files

    def _listing(self, files: Files, config) -> Listing:
        listing = Listing(terms=vocabulary.terms())
        places = config.plugins.get("council/places")
        api = getattr(places, "api", None) or []
        if api:
            listing.api_root = "/" + api[0].path
            listing.add("Places to get online: Open Referral UK 3.0 API", oruk_items(api))
            listing.add("Places to get online: downloads", [
                Item(d.description, d.url, *(_V1 if d.format == "JSON" else _CSV), d.format, d.size)
                for d in places.directory.data_files if d.path not in {f.path for f in api}])
        forms = config.plugins.get("council/forms")
        items = []
        for form in sorted(getattr(forms, "forms", {}).values(), key=lambda f: f.title.lower()):
            file = files.get_file_from_path(form.schema_path)
            if file is not None:
                items.append(Item(f"{form.title}: the answers", "/" + form.schema_path,
                                  "What the form asks, for a back office to check what it receives.",
                                  "JSON Schema, draft 2020-12", "JSON", len(file.content_bytes)))
        listing.add("Online forms: what each form asks", items)
        return listing

    def on_env(self, env, config, files):
        if self.config.enabled:
            env.globals["structured_data"] = self._structured_data(config)
        return env

    def _structured_data(self, config):
        site_url = config.site_url or "/"

        @pass_context
        def structured_data(context) -> Markup:
            page, brand = context.get("page"), context.get("brand")
            if page is None or not brand:
                return Markup("")
            url = jsonld.absolute(site_url, site_path(page.file))
            items = [jsonld.organisation(brand, site_url)]
            if context.get("breadcrumbs"):
                items.append(jsonld.breadcrumbs(context["breadcrumbs"], page.title, url, site_url))
            record = context.get("service")
            if record is not None and record.kind == "service":
                category = context["catalogue"].category(record.category) if context.get("catalogue") else None
                items.append(jsonld.service(record, record.other_ways or brand.get("default_other_ways") or {},
                                            brand, url, site_url, category.title if category else None))
            return Markup(jsonld.script_tags(items))

        return structured_data

    def on_page_context(self, context, page, config, nav):
        if self.config.enabled and page.meta.get("template") == OPEN_DATA_TEMPLATE:
            context["open_data"] = self.listing
        return context

    def on_post_page(self, output, page, config):
        if self.config.enabled:
            self.seen[site_path(page.file)] = (robots.is_noindex(output),
                                                robots.lastmod(page.meta, page.file.abs_src_path))
        return output

    # After every other plugin's on_post_build, so nothing rewrites these afterwards.
    @event_priority(-100)
    def on_post_build(self, config):
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        forms = config.plugins.get("council/forms")
        hidden = sorted(path for path, (noindex, _) in self.seen.items() if noindex)
        listed = sorted((path, modified) for path, (noindex, modified) in self.seen.items() if not noindex)
        disallow = hidden + list(self.config.disallow) + ["/404.html"]
        action = forms.config.default_action if forms is not None else ""
        if action.startswith("/"):  # the receiver's addresses: check-your-answers pages carry tokens
            disallow.append(action.split("{id}")[0].rstrip("/") + "/")
        (site / "robots.txt").write_text(robots.robots_txt(config.site_url, disallow), encoding="utf-8")
        site_url = config.site_url or ""
        xml = robots.sitemap_xml([(jsonld.absolute(site_url, path) if site_url else path, modified)
                                  for path, modified in listed])
        (site / "sitemap.xml").write_text(xml, encoding="utf-8")
        # mkdocs writes a gzipped copy beside it; keep the two the same (mtime 0: the same bytes each build).
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
