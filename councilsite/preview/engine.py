"""One mkdocs build kept in memory, redoing only what a change affects.

A full build here is mkdocs' own build, step by step (config, plugins, Files, Navigation, Jinja
environment), with its state kept. On a change, `update` redoes:

- the plugins' on_files, always: it is where front matter, forms, places and the content checks are
  read and the catalogue and the generated pages are made. The per-file work is remembered
  (memo.py), so this costs little even on thousands of pages, and whatever a plugin derives from
  all the files together is always as a full build would have it.
- reading and rendering the Markdown of the pages whose text changed, of new pages, of generated
  pages whose Markdown changed, of pages whose links may point at a file that came or went, and of
  pages that list places when places or templates changed;
- the template of every page whose inputs changed: its Markdown, the template context the plugins
  give it (breadcrumbs, form and place views: compared before and after), the catalogue when its
  template reads it (home, categories, A to Z, Do it online, sitemap), site-wide globals (brand,
  alerts), or a template it uses;
- 404.html, sitemap.xml and the plugins' on_post_build (search index, receiver manifest), every time.

mkdocs.yml changing loads everything again (a full in-process build). The preview folder holds
exactly what a full build would write; the reload script and error pages are added by the server
as it sends a page, never written to disk.
"""
from __future__ import annotations

import gzip
import hashlib
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2 import meta as jinja_meta
from mkdocs import utils
from mkdocs.commands.build import _build_template, _populate_page, get_context
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from councilsite.preview.memo import Memo, link_tokens_of

log = logging.getLogger("mkdocs.councilsite.preview")

# Template context that mkdocs itself gives every page; what plugins add is compared between runs.
MKDOCS_CONTEXT = {"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version",
                  "build_date_utc", "config", "page", "catalogue"}
CATALOGUE_WORD = "catalogue"


@dataclass
class Outcome:
    kind: str                 # "full", "update" or "error"
    seconds: float
    written: list[str] = field(default_factory=list)   # site paths of pages written again
    removed: list[str] = field(default_factory=list)
    error: str | None = None


class Engine:
    def __init__(self, config_file: str | Path, out_dir: str | Path):
        self.config_file = Path(config_file).resolve()
        self.out_dir = Path(out_dir).resolve()
        self.memo = Memo()
        self.config = None
        self.error: str | None = None
        self.notes: dict[str, list[str]] = {}   # site path -> warnings about that page
        self.version = 0
        self.started = int(time.time())  # with version, tells a reloading browser this is a new build
        self.seen_messages: set[str] = set()
        self.printed_messages: set[str] = set()
        self._pending: set[Path] = set()   # changes not yet built because the last try failed

    # -- what to watch ----------------------------------------------------------------------------

    def watched(self) -> list[Path]:
        roots = [self.config_file]
        if self.config is not None:
            roots.append(Path(self.config.docs_dir))
            roots += [Path(d) for d in self.config.theme.dirs if not _inside_site_packages(d)]
            forms = self.config.plugins.get("council/forms")
            if forms is not None and getattr(forms, "folder", None):
                roots.append(Path(forms.folder))
        return [r.resolve() for r in roots if r.exists()]

    # -- a whole build ------------------------------------------------------------------------------

    def full(self) -> Outcome:
        start = time.perf_counter()
        self._pending.clear()
        try:
            with self._step():
                self._load()
                written = self._build_everything()
            self.error = None
            return Outcome("full", time.perf_counter() - start, written)
        except Exception as exc:  # shown in the terminal and on every page until it is fixed
            self.config = None
            self.error = describe(exc)
            return Outcome("error", time.perf_counter() - start, error=self.error)
        finally:
            self.version += 1

    def _load(self) -> None:
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        self.config = None
        config = load_config(str(self.config_file), site_dir=str(self.out_dir))
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        self.config = config

    def _build_everything(self) -> list[str]:
        config = self.config
        if self.out_dir.exists():
            utils.clean_directory(str(self.out_dir))
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.env = config.theme.get_env()
        self._uses = None
        base = get_files(config)
        base.add_files_from_theme(self.env, config)
        self.base_files = list(base)
        for file in self.base_files:
            self._remember_text(file)
        files = self._on_files()
        self.nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        self.sources: dict[str, str] = {}
        self.page_warnings: dict[str, list[str]] = {}
        for file in files.documentation_pages():
            if file.page is None:
                Page(None, file, config)
            self._populate(file.page, files)
        self.env = config.plugins.on_env(self.env, config=config, files=files)
        files.copy_static_files()
        self.static_stamp = {f.src_uri: _stamp(f) for f in files if not f.is_documentation_page()}
        self.generated = {f.src_uri: f for f in files if f.generated_by}
        self._theme_templates()
        self.contexts: dict[str, str | None] = {}
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        written = [self._render(f.page, doc_files) for f in files.documentation_pages()]
        self._finish(files, [f.page for f in files.documentation_pages()])
        self._uses = self._template_uses()
        for name in {f.page.meta.get("template", "main.html") for f in files.documentation_pages()}:
            self._uses(name)  # parsed now rather than on the first change
        return [w for w in written if w]

    # -- a change -----------------------------------------------------------------------------------

    def update(self, changed) -> Outcome:
        changed = {Path(os.path.abspath(p)) for p in changed} | self._pending
        if self.config is None or self.config_file in changed:
            return self.full()
        start = time.perf_counter()
        try:
            with self._step():
                written, removed = self._update(changed)
            self._pending.clear()
            self.error = None
            return Outcome("update", time.perf_counter() - start, written, removed)
        except Exception as exc:
            self._pending = changed
            self.error = describe(exc)
            return Outcome("error", time.perf_counter() - start, error=self.error)
        finally:
            self.version += 1

    def _update(self, changed: set[Path]) -> tuple[list[str], list[str]]:
        config = self.config
        docs = Path(config.docs_dir).resolve()
        theme_dirs = [Path(d).resolve() for d in config.theme.dirs]
        in_docs = {p.relative_to(docs).as_posix() for p in changed if p.is_relative_to(docs)}
        theme_changed = {p for p in changed if any(p.is_relative_to(d) for d in theme_dirs)}
        templates = {name for p in theme_changed for d in theme_dirs if p.is_relative_to(d)
                     for name in [p.relative_to(d).as_posix()] if not name.endswith((".css", ".js"))}

        # Which files exist: walk again only when a file came or went.
        known = {f.src_uri: f for f in self.base_files}
        theme_files = {Path(f.abs_src_path).resolve() for f in self.base_files
                       if f.abs_src_path and not f.abs_src_path.startswith(str(docs))} if theme_changed else set()
        came_or_went = (any((uri in known) != (docs / uri).is_file() for uri in in_docs)
                        or any(p.is_file() != (p in theme_files) for p in theme_changed if p.suffix != ".html"))
        removed_files: list[File] = []
        added: set[str] = set()
        if came_or_went:
            if templates:
                self.env = config.theme.get_env()
            fresh = get_files(config)
            fresh.add_files_from_theme(self.env if templates else config.theme.get_env(), config)
            old = {(f.src_uri, f.abs_src_path): f for f in self.base_files}
            self.base_files = [old.get((f.src_uri, f.abs_src_path), f) for f in fresh]
            now = {(f.src_uri, f.abs_src_path) for f in self.base_files}
            removed_files = [f for key, f in old.items() if key not in now]
            added = {f.src_uri for f in self.base_files if (f.src_uri, f.abs_src_path) not in old}
            self.memo.forget_missing({f.src_uri for f in self.base_files})
        for file in self.base_files:
            if file.src_uri in in_docs or file.src_uri in added:
                self._remember_text(file, again=True)
        moved_tokens = link_tokens_of(added | {f.src_uri for f in removed_files})

        files = self._on_files()
        to_read: list[Page] = []
        for file in files.documentation_pages():
            if file.generated_by:
                old_file = self.generated.get(file.src_uri)
                if (old_file is not None and old_file.page is not None and old_file.generated_by == file.generated_by
                        and old_file.content_string == file.content_string):
                    file.page = old_file.page
                    file.page.file = file
            if file.page is None:
                Page(None, file, config)
                to_read.append(file.page)
                continue
            if file.generated_by:
                continue
            source = self.sources.get(file.src_uri)
            text = file.content_string if file.src_uri in in_docs else source
            if text != source:
                to_read.append(file.page)
            elif moved_tokens and any(token in source for token in moved_tokens):
                to_read.append(file.page)
            elif (templates or any(u.startswith(self._places_folder()) for u in in_docs)) and _lists_places(source):
                to_read.append(file.page)
        for page in to_read:
            self._populate(page, files)
        if templates:
            self.env = config.theme.get_env()
        self.env = config.plugins.on_env(self.env, config=config, files=files)

        # Static files: copy what changed, remove what went.
        removed = []
        for file in files:
            if file.is_documentation_page() or not file.inclusion.is_included():
                continue
            stamp = _stamp(file)
            if self.static_stamp.get(file.src_uri) != stamp or not Path(file.abs_dest_path).exists():
                if file.generated_by:
                    _write(file.abs_dest_path, file.content_bytes)
                else:
                    file.copy_file()
                self.static_stamp[file.src_uri] = stamp
        now_dest = {f.abs_dest_path for f in files}
        gone = [f for f in removed_files] + [f for uri, f in self.generated.items() if files.get_file_from_path(uri) is None]
        for file in gone:
            if file.abs_dest_path not in now_dest:
                removed.append(_remove(file.abs_dest_path, self.out_dir))
                self.static_stamp.pop(file.src_uri, None)
                self.sources.pop(file.src_uri, None)
                self.contexts.pop(file.src_uri, None)
        self.generated = {f.src_uri: f for f in files if f.generated_by}

        catalogue_changed = self._catalogue_print() != self.catalogue_print
        globals_changed = self._globals_print() != self.globals_print
        if templates or self._uses is None:
            self._uses = self._template_uses()
        uses = self._uses
        read = {id(p) for p in to_read}
        written = []
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for file in files.documentation_pages():
            page = file.page
            name = page.meta.get("template", "main.html")
            forced = (id(page) in read or globals_changed
                      or (catalogue_changed and CATALOGUE_WORD in uses(name, words=True))
                      or bool(templates & uses(name)))
            out = self._render(page, doc_files, forced=forced)
            if out:
                written.append(out)
        self._theme_templates()
        self._finish(files, to_read)
        return written, [r for r in removed if r]

    # -- steps --------------------------------------------------------------------------------------

    def _remember_text(self, file: File, again: bool = False) -> None:
        """Keep the Markdown of the site's own pages in memory: every plugin reads every page on each
        change, and the watcher says which pages to read from disk again."""
        if file.src_uri.endswith(".md") and file.abs_src_path and not file.generated_by:
            if again:
                file._content = None
            try:
                file._content = file.content_string
            except OSError:
                file._content = None

    def _on_files(self) -> Files:
        config = self.config
        files = Files(list(self.base_files))
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        self.files = files
        return files

    def _populate(self, page: Page, files: Files) -> None:
        uri = page.file.src_uri
        self.sources[uri] = page.file.content_string
        with _Collect(self.config) as collected:
            try:
                _populate_page(page, self.config, files)
            except Exception as exc:
                raise PageError(f"{uri}: {describe(exc)}") from exc
        self.page_warnings[uri] = collected.messages

    def _render(self, page: Page, doc_files, forced: bool = True) -> str | None:
        """Render the page's template if it or its context changed; returns its site path if written."""
        config = self.config
        if not page.file.inclusion.is_included():
            return None
        config._current_page = page
        try:
            page.active = True
            context = get_context(self.nav, doc_files, config, page)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            printed = _print_context(context)
            uri = page.file.src_uri
            if not forced and printed is not None and self.contexts.get(uri) == printed:
                return None
            self.contexts[uri] = printed
            template = self.env.get_template(page.meta.get("template", "main.html"))
            with _Collect(config) as collected:
                output = template.render(context)
                output = config.plugins.on_post_page(output, page=page, config=config)
            self.page_warnings[uri + "#render"] = collected.messages
            if output.strip():
                _write(page.file.abs_dest_path, output.encode("utf-8", errors="xmlcharrefreplace"))
            return site_path(page.file.url)
        except PageError:
            raise
        except Exception as exc:
            raise PageError(f"{page.file.src_uri}: {describe(exc)}") from exc
        finally:
            page.active = False
            config._current_page = None

    def _theme_templates(self) -> None:
        config, files = self.config, self.files
        for name in config.theme.static_templates:
            try:
                template = self.env.get_template(name)
            except jinja2.TemplateNotFound:
                continue
            output = _build_template(name, template, files, config, self.nav)
            if not output.strip():
                continue
            path = os.path.join(config.site_dir, name)
            _write(path, output.encode("utf-8"))
            if name == "sitemap.xml":
                stamp = utils.get_build_timestamp(pages=[f.page for f in files.documentation_pages() if f.page])
                buf = tempfile.SpooledTemporaryFile()
                with gzip.GzipFile(fileobj=buf, filename=f"{path}.gz", mode="wb", mtime=stamp) as gz:
                    gz.write(output.encode("utf-8"))
                buf.seek(0)
                _write(f"{path}.gz", buf.read())
        for name in config.extra_templates:
            file = files.get_file_from_path(name)
            if file is not None:
                output = _build_template(name, jinja2.Template(file.content_string), files, config, self.nav)
                if output.strip():
                    _write(file.abs_dest_path, output.encode("utf-8"))

    def _finish(self, files: Files, read: list[Page]) -> None:
        config = self.config
        for page in read:
            page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        self.catalogue_print = self._catalogue_print()
        self.globals_print = self._globals_print()
        self._collect_notes(files)

    def _collect_notes(self, files: Files) -> None:
        checks = self.config.plugins.get("council/checks")
        findings = getattr(getattr(checks, "results", None), "findings", [])
        from councilsite.plugins.paths import shown_docs_dir
        shown = shown_docs_dir(self.config) + "/"
        by_uri = {f.src_uri: f for f in files.documentation_pages()}
        notes: dict[str, list[str]] = {}
        for finding in findings:
            file = by_uri.get(finding.path.removeprefix(shown))
            if file is not None:
                notes.setdefault(site_path(file.url), []).append(str(finding))
        for key, messages in self.page_warnings.items():
            file = files.get_file_from_path(key.removesuffix("#render"))
            if file is not None and messages:
                notes.setdefault(site_path(file.url), []).extend(messages)
        self.notes = notes

    # -- what changed -------------------------------------------------------------------------------

    def _catalogue_print(self):
        """What the listing pages are made from. The page records are compared one by one (cheap when
        they are the very records of the last run, as the memo hands back for unchanged files; no
        plugin changes a record once made); the rest, which is small, by its printed form."""
        content = self.config.plugins.get("council/content")
        catalogue = getattr(content, "catalogue", None)
        if catalogue is None:
            return None
        return (list(catalogue.pages), _digest(repr((catalogue.categories, getattr(catalogue, "_extra_tasks", None),
                                                      catalogue.sections, catalogue.top_task_count))))

    def _globals_print(self) -> str:
        return _digest(repr(sorted((k, v) for k, v in self.env.globals.items() if k in ("brand", "alerts"))))

    _uses = None

    def _template_uses(self):
        """name -> the templates it extends, includes or imports (and itself), found by parsing them."""
        cache: dict[str, tuple[set[str], str]] = {}

        def closure(name: str) -> tuple[set[str], str]:
            if name in cache:
                return cache[name]
            cache[name] = ({name}, "")
            try:
                source = self.env.loader.get_source(self.env, name)[0]
                refs = {r for r in jinja_meta.find_referenced_templates(self.env.parse(source)) if r}
            except (jinja2.TemplateNotFound, jinja2.TemplateSyntaxError):
                return cache[name]
            names, text = {name}, source
            for ref in refs:
                sub_names, sub_text = closure(ref)
                names |= sub_names
                text += sub_text
            cache[name] = (names, text)
            return cache[name]

        def uses(name: str, words: bool = False):
            names, text = closure(name)
            return text if words else names
        return uses

    def _places_folder(self) -> str:
        places = self.config.plugins.get("council/places")
        return (getattr(places, "folder", None) or "\0") + "/"

    # -- logging ------------------------------------------------------------------------------------

    def _step(self):
        return _QuietRepeats(self)


class _Collect(logging.Handler):
    """Warnings mkdocs and the plugins log about the page being read or rendered."""

    def __init__(self, config):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())

    def __enter__(self):
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *exc):
        logging.getLogger("mkdocs").removeHandler(self)


class _QuietRepeats(logging.Filter):
    """On each step the plugins log every finding again; the terminal shows only what is new."""

    def __init__(self, engine: Engine):
        super().__init__()
        self.engine = engine
        self.seen: set[str] = set()

    def filter(self, record):
        message = record.getMessage()
        self.seen.add(message)
        return message not in self.engine.seen_messages

    def __enter__(self):
        self.handlers = [h for h in logging.getLogger().handlers + logging.getLogger("mkdocs").handlers]
        for handler in self.handlers:
            handler.addFilter(self)
        self.memo = self.engine.memo.active()
        self.memo.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.memo.__exit__(exc_type, exc, tb)
        for handler in self.handlers:
            handler.removeFilter(self)
        if exc_type is None:
            self.engine.seen_messages = self.seen


def describe(exc: BaseException) -> str:
    """What went wrong, as the editor needs it: the plugins' messages already name file, line, field."""
    message = str(exc).strip() or type(exc).__name__
    if type(exc).__name__ in ("PluginError", "ConfigurationError", "BuildError", "Abort", "PageError"):
        return message
    return f"{type(exc).__name__}: {message}"


class PageError(Exception):
    """A page that could not be read or rendered, named."""


def _print_context(context) -> str | None:
    """A comparable print of what plugins put in a page's context, or None when it holds something
    that cannot be compared by its printed form (then the page is always rendered again)."""
    # A function (a helper for the template) is named rather than printed with its address: what it
    # works from is in the rest of the context.
    text = repr(sorted((k, f"<function {v.__module__}.{v.__qualname__}>" if callable(v) and hasattr(v, "__code__") else v)
                       for k, v in context.items() if k not in MKDOCS_CONTEXT))
    return None if " at 0x" in text else _digest(text)


def _lists_places(text: str | None) -> bool:
    return bool(text) and "{{" in text and "lace" in text


def _stamp(file: File):
    if file.generated_by or file.abs_src_path is None:
        return _digest_bytes(file.content_bytes)
    try:
        st = os.stat(file.abs_src_path)
    except OSError:
        return None
    return (file.abs_src_path, st.st_mtime_ns, st.st_size)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _digest_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _write(path: str, data: bytes) -> None:
    """Write whole files only: the server never sends half a page."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if target.read_bytes() == data:
            return
    except OSError:
        pass
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".preview-")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)


def _remove(path: str, root: Path) -> str | None:
    target = Path(path)
    if not target.exists():
        return None
    if target.is_dir():
        shutil.rmtree(target)
    else:
        target.unlink()
    parent = target.parent
    while parent != root and parent.is_relative_to(root) and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
    return "/" + target.relative_to(root).as_posix()


def site_path(url: str) -> str:
    url = url.removeprefix("./")
    return url if url.startswith("/") else "/" + url


def _inside_site_packages(path: str) -> bool:
    return "site-packages" in Path(path).parts or "dist-packages" in Path(path).parts
