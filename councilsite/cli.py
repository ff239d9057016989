"""The `councilsite` command. Subcommands stay thin: each hands over to the module that does the work."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _build(ns) -> int:
    from mkdocs.config import load_config

    from councilsite.publish import build_and_publish

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        site_dir = Path(load_config(ns.config_file).site_dir)
    except Exception as exc:  # mkdocs names the bad setting; say it our way and stop
        print(f"councilsite build: {ns.config_file}: {exc}", file=sys.stderr)
        return 1
    outcome = build_and_publish(ns.config_file, site_dir, strict=not ns.allow_warnings)
    print(("" if outcome.code == 0 else "councilsite build: ") + outcome.message,
          file=sys.stdout if outcome.code == 0 else sys.stderr)
    return outcome.code


def _preview(ns) -> int:
    from councilsite.preview.command import run

    return run(ns.config_file, ns.host, ns.port, ns.out)


def _site(config_file: str):
    from mkdocs.config import load_config

    from councilsite.scaffold import Site

    config = load_config(config_file)
    plugins = config.plugins
    content = plugins.get("council/content")
    forms = plugins.get("council/forms")
    places = plugins.get("council/places")
    brand = plugins.get("council/brand")
    root = Path(config.config_file_path).parent
    return Site(
        root=root,
        docs_dir=Path(config.docs_dir),
        categories=[c["id"] for c in content.config.categories] if content else [],
        forms_dir=(root / forms.config.folder) if forms else None,
        places_dir=(Path(config.docs_dir) / places.config.folder) if places else None,
        areas=list(places.config.areas) if places else [],
        contact=dict(brand.config.contact) if brand else {},
    )


def _new(ns) -> int:
    from councilsite import scaffold

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if ns.kind == "site":
        from councilsite import starter

        try:
            if not ns.site_name:
                raise scaffold.ScaffoldError("give the council's name with --name, such as --name \"Harrowdale District Council\"")
            _, steps = starter.new_site(Path(ns.name), ns.site_name, url=ns.url, phone=ns.phone, email=ns.email,
                                        address=ns.address, colour=ns.colour)
        except scaffold.ScaffoldError as exc:
            print(f"councilsite new site: {exc}", file=sys.stderr)
            return 1
        print(steps)
        return 0
    try:
        site = _site(ns.config_file)
        if ns.kind == "page":
            path = scaffold.new_page(site, ns.name, ns.category, ns.owner, ns.review_months)
        elif ns.kind == "form":
            path = scaffold.new_form(site, ns.name, ns.category)
        else:
            path = scaffold.new_place(site, ns.name, ns.area, ns.review_months)
    except scaffold.ScaffoldError as exc:
        print(f"councilsite new: {exc}", file=sys.stderr)
        return 1
    print(f"Created {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


def _serve(ns) -> int:
    # The built site and the package alone: this reads mkdocs.yml (if at all) as plain YAML, for site_dir.
    from councilsite.receiver.server import serve
    from councilsite.receiver.settings import SettingsError, find_site_dir, load_settings

    try:
        settings = load_settings(find_site_dir(ns.site_dir, ns.config_file))
    except SettingsError as exc:
        print(f"councilsite serve: {exc}", file=sys.stderr)
        return 1
    if ns.database:
        settings.database_url = ns.database
    if ns.rate_limit is not None:
        settings.rate_limit = ns.rate_limit
    from councilsite.receiver.shells import ShellError
    from councilsite.receiver.store import StoreError

    try:
        return serve(settings, ns.host, ns.port, ns.workers, ns.quiet)
    except (ShellError, StoreError) as exc:
        print(f"councilsite serve: {exc}", file=sys.stderr)
        return 1


def _serve_parser(sub) -> None:
    serve = sub.add_parser("serve", help="serve the built site and receive its forms (the receiver)")
    serve.add_argument("--site-dir", help="the built site (default: site_dir in mkdocs.yml if there is one, "
                                          "else build/site)")
    serve.add_argument("-f", "--config-file", help="a mkdocs.yml to take site_dir from (default: ./mkdocs.yml)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, help="processes taking requests (default: 2 per core, 2 to 4)")
    serve.add_argument("--database", help="sqlite:///path or postgresql://... (default: COUNCILSITE_DATABASE_URL, "
                                          "else sqlite:///var/submissions.sqlite3)")
    serve.add_argument("--rate-limit", type=int, help="form posts per client per minute (0: no limit; default 60)")
    serve.add_argument("--quiet", action="store_true", help="log only warnings and errors")
    serve.set_defaults(func=_serve)


def _audit_parser(sub) -> None:
    audit = sub.add_parser("audit", help="check every page of a built site for accessibility problems")
    try:
        from councilsite.accessibility import cli as audit_cli
    except ModuleNotFoundError as exc:
        # Still offered without the audit extra, so that it says what to install rather than vanish.
        if not missing_extra(exc, "audit"):
            raise
        audit.add_argument("args", nargs=argparse.REMAINDER)
        audit.set_defaults(func=lambda ns, missing=exc: _raise(missing))
        return
    audit_cli.add_arguments(audit)
    audit.set_defaults(func=audit_cli.run)


def _submissions_parser(sub) -> None:
    from councilsite.receiver import commands as submissions_cli

    submissions = sub.add_parser("submissions", help="export, purge, forward or count the forms residents sent")
    submissions_cli.add_arguments(submissions)
    submissions.set_defaults(func=submissions_cli.run)


def parser() -> argparse.ArgumentParser:
    from councilsite import __version__

    top = argparse.ArgumentParser(prog="councilsite", description="Build and check an accessible council website.")
    top.add_argument("--version", action="version", version=f"councilsite {__version__}")
    sub = top.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the site; publish it only if there is no content problem")
    build.add_argument("-f", "--config-file", default="mkdocs.yml")
    build.add_argument("--allow-warnings", action="store_true",
                       help="publish even if there are warnings (errors still stop the build)")
    build.set_defaults(func=_build)
    preview = sub.add_parser("preview", help="preview the site with live reload while you edit")
    preview.add_argument("-f", "--config-file", default="mkdocs.yml")
    preview.add_argument("--host", default="127.0.0.1")
    preview.add_argument("--port", type=int, default=8000)
    preview.add_argument("--out", help="the preview folder (default: build/preview beside mkdocs.yml); "
                                       "never the published site")
    preview.set_defaults(func=_preview)
    new = sub.add_parser("new", help="start a new site, service page, form or place from a template")
    new.add_argument("kind", choices=["site", "page", "form", "place"])
    new.add_argument("name", help="the title, such as 'Report a pothole'; for a site, its new folder")
    new.add_argument("--name", dest="site_name", help="the council's name (sites), such as 'Harrowdale District Council'")
    new.add_argument("--url", help="the site's web address (sites; default https://www.<town>.example/)")
    new.add_argument("--phone", help="the council's main phone number (sites)")
    new.add_argument("--email", help="the council's main email address (sites)")
    new.add_argument("--address", help="the council's main address, ending with its postcode (sites)")
    new.add_argument("--colour", help="the brand colour for the header, as #rrggbb (sites)")
    new.add_argument("--category", help="the category id (pages and forms)")
    new.add_argument("--area", help="the area or ward (places)")
    new.add_argument("--owner", default="Web team", help="the team that keeps it up to date")
    new.add_argument("--review-months", type=int, default=6, help="months until the review date")
    new.add_argument("-f", "--config-file", default="mkdocs.yml")
    new.set_defaults(func=_new)
    _serve_parser(sub)
    deploy = sub.add_parser("deploy", help="write the nginx configuration or the systemd unit for this site")
    from councilsite.deploy import add_arguments as deploy_arguments, run as deploy_run
    deploy_arguments(deploy)
    deploy.set_defaults(func=lambda ns: deploy_run(ns))
    _audit_parser(sub)
    _submissions_parser(sub)
    return top


# Modules of the optional extras (pyproject.toml), and the extra that brings each. An editor who
# only writes and previews pages installs none of them.
EXTRA_OF_MODULE = {"selenium": "audit", "axe_selenium_python": "audit", "werkzeug": "receiver",
                   "waitress": "receiver", "psycopg": "postgres"}
EXTRA_OF_COMMAND = {"audit": "audit", "serve": "receiver", "submissions": "receiver"}


def missing_extra(exc: ModuleNotFoundError, command: str) -> str | None:
    top = (exc.name or "").split(".")[0]
    if top == "bs4":
        return EXTRA_OF_COMMAND.get(command)
    return EXTRA_OF_MODULE.get(top)


def _raise(exc: Exception):
    raise exc


def main(argv: list[str] | None = None) -> int:
    ns = parser().parse_args(argv)
    try:
        return ns.func(ns)
    except ModuleNotFoundError as exc:
        extra = missing_extra(exc, ns.command)
        if not extra:
            raise
        print(f"councilsite {ns.command}: this needs the '{extra}' extra, which is not installed "
              f"(no module named '{exc.name}'). Install it with:\n    pip install 'councilsite[{extra}]'",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
