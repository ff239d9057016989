"""Remember the per-file work of the plugins' on_files, so a preview re-runs on_files in well under
a second on thousands of pages and still gets exactly what a full build would.

Front matter validation and the content checks are pure functions of one file's text (and, for the
checks' link rules, of which files exist). They are wrapped while the preview runs a step and
unwrapped afterwards, so nothing outside the preview sees the wrappers. If a plugin stops calling
them by these names the wrappers are simply not used: slower, never wrong.
"""
from __future__ import annotations

import contextlib
import os
import posixpath
from pathlib import PurePosixPath


def _link_tokens(src_uri: str) -> set[str]:
    """Words a link to this file must contain: its name with and without the suffix, and for an
    index page the folder's name (a link to /bins/ means bins/index.md)."""
    path = PurePosixPath(src_uri)
    tokens = {path.name, path.stem}
    if path.stem in ("index", "README") and path.parent.name:
        tokens.add(path.parent.name)
    return {t for t in tokens if t}


def _tree_stamp(folders) -> tuple:
    """Names, sizes and times of every file under the folders: any edit, addition or removal shows."""
    stamp = []
    for folder in folders:
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                st = os.stat(os.path.join(root, name))
                stamp.append((root, name, st.st_mtime_ns, st.st_size))
    return tuple(stamp)


class Memo:
    def __init__(self) -> None:
        self.pages: dict[tuple, tuple] = {}
        self.checks: dict[tuple, tuple[frozenset, object]] = {}
        self.css: tuple | None = None
        self.directives: dict[tuple, list] = {}
        self.shells: dict[tuple, object] = {}
        self.hits = 0
        self.misses = 0

    # -- council/content: one file's front matter ------------------------------------------------

    def load_page(self, original):
        def load_page(src_path, text, url, kind, categories, display_path=None):
            key = (src_path, text, url, kind, tuple(categories.items()), display_path)
            found = self.pages.get(key)
            if found is None:
                self.misses += 1
                found = self.pages[key] = original(src_path, text, url, kind, categories, display_path)
            else:
                self.hits += 1
            return found
        return load_page

    # -- council/checks: one file's plain-English checks ------------------------------------------

    def check_sources(self, original, results_type):
        def check_sources(sources, settings, levels, existing):
            existing = frozenset(existing)
            shared = (repr(settings), tuple(sorted(levels.items())))
            total = results_type()
            for source in sources:
                key = (source.src_uri, source.path, source.text, source.kind, shared)
                cached = self.checks.get(key)
                if cached is not None and not self._links_moved(cached[0], existing, source.text):
                    self.hits += 1
                    one = cached[1]
                    self.checks[key] = (existing, one)
                else:
                    self.misses += 1
                    one = original([source], settings, levels, existing)
                    self.checks[key] = (existing, one)
                total.pages += one.pages
                total.findings += one.findings
                total.problems += one.problems
            return total
        return check_sources

    @staticmethod
    def _links_moved(before: frozenset, now: frozenset, text: str) -> bool:
        """Whether a file this page could link to appeared or went away since it was checked."""
        if before is now or before == now:
            return False
        return any(token in text for uri in before ^ now for token in _link_tokens(uri))

    # -- small helpers the plugins call for every file, or read many files for ------------------------

    def shown_docs_dir(self, original):
        cache: dict[tuple, str] = {}

        def shown_docs_dir(config):
            key = (config.docs_dir, config.config_file_path, os.getcwd())
            if key not in cache:
                cache[key] = original(config)
            return cache[key]
        return shown_docs_dir

    def directive_check(self, original):
        cache = self.directives

        def check(text, path, areas):
            key = (text, path, repr(areas))
            if key not in cache:
                if len(cache) > 20000:
                    cache.clear()
                cache[key] = original(text, path, areas)
            return list(cache[key])
        return check

    def make_shell(self, original):
        """The receiver's page shells are cut from built pages: again only when those pages changed."""
        cache = self.shells

        def make_shell(text, url, file):
            key = (text, url, file)
            if key not in cache:
                if len(cache) > 1000:
                    cache.clear()
                cache[key] = original(text, url, file)
            return cache[key]
        return make_shell

    def stylesheet(self, original):
        def stylesheet(components_dirs, palette_css):
            key = (tuple(map(str, components_dirs)), palette_css, _tree_stamp(components_dirs))
            if self.css is None or self.css[0] != key:
                self.css = (key, original(components_dirs, palette_css))
            return self.css[1]
        return stylesheet

    def forget_missing(self, live: set[str]) -> None:
        """Drop what belongs to files that no longer exist, so a long preview does not grow."""
        self.pages = {k: v for k, v in self.pages.items() if k[0] in live}
        self.checks = {k: v for k, v in self.checks.items() if k[0] in live}

    @contextlib.contextmanager
    def active(self):
        """Wrap the plugins' per-file steps for the length of one build step."""
        patches = []
        try:
            from councilsite.plugins import checks as checks_plugin
            from councilsite.plugins import content as content_plugin
            if hasattr(content_plugin, "load_page"):
                patches.append((content_plugin, "load_page", self.load_page(content_plugin.load_page)))
            if hasattr(checks_plugin, "check_sources"):
                from councilsite.checks.runner import Results
                patches.append((checks_plugin, "check_sources",
                                self.check_sources(checks_plugin.check_sources, Results)))
            for name in ("content", "checks", "places", "forms", "alerts"):
                module = __import__(f"councilsite.plugins.{name}", fromlist=["x"])
                if hasattr(module, "shown_docs_dir"):
                    patches.append((module, "shown_docs_dir", self.shown_docs_dir(module.shown_docs_dir)))
            from councilsite.places import directive
            if hasattr(directive, "check"):
                patches.append((directive, "check", self.directive_check(directive.check)))
            from councilsite.receiver import shells
            if hasattr(shells, "make_shell"):
                patches.append((shells, "make_shell", self.make_shell(shells.make_shell)))
            from councilsite.plugins import brand as brand_plugin
            if hasattr(brand_plugin, "stylesheet"):
                patches.append((brand_plugin, "stylesheet", self.stylesheet(brand_plugin.stylesheet)))
        except ImportError:  # pragma: no cover - a site without our plugins
            pass
        saved = [(module, name, getattr(module, name)) for module, name, _ in patches]
        for module, name, wrapper in patches:
            setattr(module, name, wrapper)
        try:
            yield self
        finally:
            for module, name, value in saved:
                setattr(module, name, value)


def link_tokens_of(uris) -> set[str]:
    return {t for uri in uris for t in _link_tokens(posixpath.normpath(uri))}
