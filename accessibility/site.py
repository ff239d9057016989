"""A built site folder as the checker sees it: its pages, their URLs and what links resolve to."""
from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

HTML_SUFFIXES = (".html", ".htm")
# A page must look like a document; template partials and fragments are not pages.
_DOCUMENT = re.compile(rb"<(?:!doctype\s+html|html[\s>]|body[\s>])", re.IGNORECASE)
# Instant redirect stubs (mkdocs-redirects and friends) are not pages people read; a refresh
# with a delay is a page, and a 2.2.1 failure the HTML checks report.
_REFRESH = re.compile(rb"<meta[^>]+http-equiv\s*=\s*[\"']?refresh[^>]*>", re.IGNORECASE)
_INSTANT = re.compile(rb"content\s*=\s*[\"']?\s*0(?:\.0*)?\s*(?:[;,]|[\"'])", re.IGNORECASE)


def page_url(rel: str) -> str:
    """The URL path a static server gives the file (directory URLs for index pages)."""
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


@dataclass
class Site:
    root: Path
    files: set[str]  # every file, relative POSIX path
    pages: list[str]  # HTML documents to audit, sorted

    @classmethod
    def discover(cls, root: str | os.PathLike) -> "Site":
        root = Path(root).resolve()
        if not root.is_dir():
            raise FileNotFoundError(f"site folder not found: {root}")
        files: set[str] = set()
        pages: list[str] = []
        for dirpath, dirnames, filenames in os.walk(root):
            # Dot-folders (.git, .cache) are never served content.
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                full = Path(dirpath, name)
                rel = full.relative_to(root).as_posix()
                files.add(rel)
                if name.lower().endswith(HTML_SUFFIXES) and _is_document(full):
                    pages.append(rel)
        pages.sort()
        return cls(root=root, files=files, pages=pages)

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> bytes:
        return (self.root / rel).read_bytes()

    def resolve(self, from_page: str, href: str) -> "Target | None":
        """Where an href on a page points inside this site, or None if it leaves the site."""
        href = href.strip()
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("//"):
            # Absolute URLs leave the site; checking them needs the internet we do not have.
            return None
        fragment = unquote(parts.fragment) if "#" in href else None
        if not parts.path:
            return Target(page=from_page, path=from_page, fragment=fragment, exists=True)
        path = unquote(parts.path)
        if path.startswith("/"):
            joined = path.lstrip("/")
        else:
            base = posixpath.dirname(from_page)
            joined = posixpath.join(base, path)
        trailing = path.endswith("/")
        norm = posixpath.normpath(joined) if joined else "."
        if norm.startswith(".."):
            return None  # out of the audited folder: not ours to check, nor to call broken
        norm = "" if norm == "." else norm
        candidates = []
        if trailing or norm == "":
            candidates.append(posixpath.join(norm, "index.html"))
        else:
            candidates += [norm, posixpath.join(norm, "index.html")]
        for cand in candidates:
            if cand in self.files:
                is_page = cand.lower().endswith(HTML_SUFFIXES)
                return Target(page=cand if is_page else None, path=cand, fragment=fragment,
                              exists=True)
        return Target(page=None, path=candidates[0], fragment=fragment, exists=False)


@dataclass
class Target:
    page: str | None  # the HTML file it lands on, when it is one
    path: str
    fragment: str | None
    exists: bool


def _is_document(path: Path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if not _DOCUMENT.search(head):
        return False
    refresh = _REFRESH.search(head)
    return not (refresh and _INSTANT.search(refresh.group(0)))
