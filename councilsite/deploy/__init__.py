"""`councilsite deploy nginx|systemd`: the production setup, filled in for this site.

    councilsite deploy nginx --server-name www.council.example > /etc/nginx/sites-available/councilsite
    councilsite deploy systemd --user councilsite > /etc/systemd/system/councilsite.service

The templates ship in the package (councilsite/deploy/*.conf, *.service), so an installed
council has them; the headers come from councilsite.headers, the same policy `councilsite serve`
and every page's meta carry. tests/deploy/ starts the nginx configuration on loopback.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from importlib.resources import files
from pathlib import Path

INDENT = " " * 8


def template(name: str) -> str:
    return files("councilsite.deploy").joinpath(name).read_text(encoding="utf-8")


def nginx_headers(actions=()) -> str:
    from councilsite.headers import security_headers

    return "\n".join(f'{INDENT}add_header {name} "{value}" always;' for name, value in security_headers(actions).items())


def nginx_config(site_dir: Path, server_name: str = "_", listen: str = "80", receiver: str = "127.0.0.1:8000",
                 prefix: str = "/submit", max_body_bytes: int = 11 * 1024 * 1024, actions=()) -> str:
    megabytes = -(-max_body_bytes // (1024 * 1024))
    return _fill(template("nginx.conf"), {
        "@HEADERS@": nginx_headers(actions), "@SITE_DIR@": str(Path(site_dir).resolve()),
        "@SERVER_NAME@": server_name, "@LISTEN@": listen, "@RECEIVER@": receiver, "@PREFIX@": prefix.rstrip("/"),
        "@MAX_BODY@": f"{megabytes}m"})


def systemd_unit(site_dir: Path, user: str = "councilsite", working_dir: Path | None = None, port: int = 8000,
                 name: str = "the council's", command: str | None = None) -> str:
    site_dir = Path(site_dir).resolve()
    return _fill(template("councilsite.service"), {
        "@SITE_DIR@": str(site_dir), "@USER@": user, "@PORT@": str(port), "@NAME@": name,
        "@WORKING_DIR@": str(Path(working_dir).resolve() if working_dir else site_dir.parent),
        "@COUNCILSITE@": command or shutil.which("councilsite") or f"{sys.executable} -m councilsite"})


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(key, value)
    left = re.search(r"@[A-Z_]+@", text)
    if left:
        raise AssertionError(f"the template's {left.group()} was left unfilled")
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=["nginx", "systemd"], help="which file to write to standard output")
    parser.add_argument("--site-dir", help="the built site on the server (default: site_dir in mkdocs.yml if there "
                                           "is one, else build/site)")
    parser.add_argument("-f", "--config-file", help="a mkdocs.yml to take site_dir from (default: ./mkdocs.yml)")
    parser.add_argument("--server-name", default="_", help="nginx: the site's host name, such as www.council.example")
    parser.add_argument("--listen", default="80", help="nginx: what to listen on (default 80)")
    parser.add_argument("--port", type=int, default=8000, help="the port `councilsite serve` listens on, on 127.0.0.1")
    parser.add_argument("--user", default="councilsite", help="systemd: the user the receiver runs as")
    parser.add_argument("--working-dir", help="systemd: the folder whose var/ holds the SQLite database "
                                              "(default: the site folder's parent)")


def run(ns: argparse.Namespace) -> int:
    from councilsite.receiver.settings import SettingsError, find_site_dir, load_settings

    try:
        settings = load_settings(find_site_dir(ns.site_dir, ns.config_file), environ={})
    except SettingsError as exc:
        print(f"councilsite deploy: {exc}", file=sys.stderr)
        return 1
    if ns.what == "nginx":
        from councilsite.receiver.server import site_actions

        text = nginx_config(settings.site_dir, ns.server_name, ns.listen, f"127.0.0.1:{ns.port}", settings.prefix,
                            settings.max_body_bytes, site_actions(settings))
    else:
        text = systemd_unit(settings.site_dir, ns.user, Path(ns.working_dir) if ns.working_dir else None, ns.port,
                            f"{settings.brand_name}'s" if settings.brand_name else "the council's")
    sys.stdout.write(text)
    return 0
