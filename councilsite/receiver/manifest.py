"""The receiver's manifest: everything `councilsite serve` needs, written by the build beside the site.

    <site_dir>/.councilsite/receiver.json

The receiver runs from the built site and the installed package alone: no mkdocs.yml, no
theme folder, no mkdocs. So the build (the council/forms plugin) writes here

    receiver   where forms are sent (default_action), the privacy notice, the honeypot's name
    brand      the brand plugin's public context: name, contact details, default other ways...
    forms      each checked form as data (councilsite.forms.manifest)
    shells     the built pages the receiver's pages sit inside (councilsite.receiver.shells)
    templates  the source of every template the receiver renders and all they import, as the
               site's own theme lookup found them (a council's custom_dir first, then ours)

It is part of the site's output, so it moves with the site. It holds nothing secret and
nothing personal (the database and webhook settings stay in the environment): everything in it
is published on the site anyway. The static server never serves it.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

FOLDER = ".councilsite"
FILE = "receiver.json"
FORMAT = 1  # raise when a receiver could misread an older manifest
NOT_FOUND = "/404.html"

# What the receiver renders itself; everything they import is found from them.
TEMPLATES = ("partials/form-body.html", "partials/form-confirmation-body.html", "receiver/check-answers.html",
             "receiver/message.html")

REBUILD = "run `councilsite build` (or `make site`)"


class ManifestError(Exception):
    pass


def manifest_path(site_dir: Path) -> Path:
    return Path(site_dir) / FOLDER / FILE


def shell_pages(forms) -> dict[str, str]:
    """Site path -> the built file (relative to the site folder) each shell is cut from."""
    pages = {}
    for form in forms:
        for url in (form.url, form.confirmation_url):
            pages[url] = url.strip("/") + "/index.html"
    pages[NOT_FOUND] = "404.html"
    return pages


def make_manifest(site_dir: Path, forms, receiver: dict, brand: dict, templates: dict[str, str]) -> dict:
    """The manifest of a site just built into `site_dir`. ShellError if a page the receiver needs is unusable."""
    from councilsite import __version__
    from councilsite.forms.manifest import form_data
    from councilsite.receiver.shells import ShellError, make_shell

    shells = {}
    for url, file in shell_pages(forms).items():
        path = Path(site_dir) / file
        if not path.is_file():
            raise ShellError(f"the build wrote no {file}, which the receiver's pages sit inside")
        shells[url] = make_shell(path.read_text(encoding="utf-8"), "/" if url == NOT_FOUND else url, file).data()
    return {"format": FORMAT, "councilsite": __version__, "receiver": receiver, "brand": brand,
            "forms": [form_data(f) for f in forms], "shells": shells, "templates": templates}


def write_manifest(site_dir: Path, manifest: dict) -> Path:
    """Write it whole or not at all, so a receiver starting during a build never reads half of it."""
    path = manifest_path(site_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".receiver-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(manifest, out, ensure_ascii=False, separators=(",", ":"))
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def read_manifest(site_dir: Path) -> dict:
    path = manifest_path(site_dir)
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{site_dir} has no {FOLDER}/{FILE}: it was built without the council/forms plugin "
                            f"or by an older councilsite; {REBUILD}") from None
    except (ValueError, UnicodeDecodeError):
        raise ManifestError(f"{path} is damaged; {REBUILD}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("councilsite", "another version") if isinstance(manifest, dict) else "another version"
        raise ManifestError(f"{site_dir} was built by councilsite {found}, whose receiver manifest this "
                            f"councilsite cannot read; {REBUILD}")
    return manifest


def template_sources(env, names=TEMPLATES) -> dict[str, str]:
    """The source of each template and of every template it imports or includes, through `env`'s own loader."""
    from jinja2 import meta

    sources: dict[str, str] = {}
    waiting = list(names)
    while waiting:
        name = waiting.pop()
        if name in sources:
            continue
        source = env.loader.get_source(env, name)[0]
        sources[name] = source
        waiting.extend(n for n in meta.find_referenced_templates(env.parse(source)) if n)
    return dict(sorted(sources.items()))
