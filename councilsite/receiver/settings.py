"""The receiver's settings: from the built site's manifest where the site already says them
(councilsite.receiver.manifest), else from the environment (so a server's secrets and database
never sit in the repository), else defaults. Nothing here imports mkdocs.

    COUNCILSITE_DATABASE_URL     sqlite:///var/submissions.sqlite3 (default) or postgresql://...
    COUNCILSITE_WEBHOOK_URL      where each submission is forwarded (the council's CRM); none by default
    COUNCILSITE_WEBHOOK_SECRET   signs each delivery (HMAC-SHA256), so the CRM can tell it is ours
    COUNCILSITE_RATE_LIMIT       form posts allowed per client per minute (default 60; 0 turns it off)
    COUNCILSITE_SESSION_MINUTES  minutes of inactivity after which unsent answers are deleted (default 60)
    COUNCILSITE_SMTP_URL, COUNCILSITE_NOTIFY_API_KEY ...  how email leaves (councilsite.receiver.deliver.config)
    COUNCILSITE_TRUSTED_PROXIES  the proxies whose X-Forwarded-For is believed: addresses or networks,
                                 comma-separated (such as 127.0.0.1 for nginx on the same machine)
    COUNCILSITE_TRUST_PROXY      1: the same as COUNCILSITE_TRUSTED_PROXIES=127.0.0.1,::1 (loopback only)
    COUNCILSITE_RATE_LIMIT_SECRET  the rate limit's secret, the same on every receiver sharing a
                                 database (default: random for each `councilsite serve`)
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from councilsite.forms.model import Form
from councilsite.receiver.shells import Shell
from councilsite.receiver.spam import LOOPBACK, PROCESS_SECRET, Network, RateLimitSecret, parse_proxies

DEFAULT_DATABASE = "sqlite:///var/submissions.sqlite3"


class SettingsError(Exception):
    pass


@dataclass
class Settings:
    forms: dict[str, Form]
    site_dir: Path  # the built site, served as it is
    shells: dict[str, Shell] = field(default_factory=dict)  # site path -> the built page receiver pages sit in
    templates: dict[str, str] = field(default_factory=dict)  # name -> source of what the receiver renders
    brand: dict = field(default_factory=dict)  # the brand plugin's context, which templates read as `brand`
    prefix: str = "/submit"  # forms post to <prefix>/<form id>
    database_url: str = DEFAULT_DATABASE
    webhook_url: str | None = None
    webhook_secret: str | None = None
    rate_limit: int = 60  # posts per client per minute; 0 = no limit
    trusted_proxies: tuple[Network, ...] = ()  # whose X-Forwarded-For is believed (spam.client_address)
    rate_limit_secret: RateLimitSecret = PROCESS_SECRET
    honeypot: str = "website"  # a field residents never see: bots that fill it are turned away ("" = none)
    session_minutes: int = 60  # answers left alone this long are deleted (GOV.UK Forms: 60 minutes)
    max_field_chars: int = 10_000  # any one answer; longer is refused before it is checked
    privacy_page: str = "/privacy/"
    other_ways: dict = field(default_factory=dict)  # the council's default other ways to get help
    brand_name: str = ""
    mail: object = None  # councilsite.receiver.deliver.config.MailSettings, from the environment

    @property
    def max_body_bytes(self) -> int:
        """The largest body any form may send: what a proxy in front of the receiver must let through."""
        from councilsite.receiver.body import HEADROOM, form_body_limit

        return max((form_body_limit(form, self.max_field_chars) for form in self.forms.values()), default=HEADROOM)


def env_settings(settings: Settings, environ=os.environ) -> Settings:
    settings.database_url = environ.get("COUNCILSITE_DATABASE_URL", settings.database_url)
    settings.webhook_url = environ.get("COUNCILSITE_WEBHOOK_URL") or settings.webhook_url
    settings.webhook_secret = environ.get("COUNCILSITE_WEBHOOK_SECRET") or settings.webhook_secret
    if environ.get("COUNCILSITE_RATE_LIMIT"):
        try:
            settings.rate_limit = int(environ["COUNCILSITE_RATE_LIMIT"])
        except ValueError:
            raise SettingsError(f"COUNCILSITE_RATE_LIMIT: expected a whole number of posts per minute, got "
                                f"'{environ['COUNCILSITE_RATE_LIMIT']}'") from None
    if environ.get("COUNCILSITE_SESSION_MINUTES"):
        try:
            settings.session_minutes = int(environ["COUNCILSITE_SESSION_MINUTES"])
            if settings.session_minutes < 1:
                raise ValueError
        except ValueError:
            raise SettingsError(f"COUNCILSITE_SESSION_MINUTES: expected a whole number of minutes, 1 or more, got "
                                f"'{environ['COUNCILSITE_SESSION_MINUTES']}'") from None
    from councilsite.receiver.deliver.config import MailSettingsError, mail_settings
    try:
        settings.mail = mail_settings(environ)
    except MailSettingsError as exc:
        raise SettingsError(str(exc)) from None
    proxies = environ.get("COUNCILSITE_TRUSTED_PROXIES", "")
    if environ.get("COUNCILSITE_TRUST_PROXY", "") in ("1", "true", "yes"):
        proxies += "," + ",".join(LOOPBACK)
    try:
        settings.trusted_proxies = settings.trusted_proxies + parse_proxies(proxies)
    except ValueError as exc:
        raise SettingsError(str(exc)) from None
    if environ.get("COUNCILSITE_RATE_LIMIT_SECRET"):
        settings.rate_limit_secret = RateLimitSecret.from_environ(environ)
    return settings


def load_settings(site_dir: str | Path, environ=os.environ) -> Settings:
    """The receiver's settings for the site built into `site_dir`, from its manifest."""
    import re

    from councilsite.forms.manifest import form_from_data
    from councilsite.receiver.manifest import REBUILD, ManifestError, read_manifest

    site_dir = Path(site_dir)
    try:
        manifest = read_manifest(site_dir)
        receiver, brand = manifest["receiver"], manifest["brand"]
        forms = {data["id"]: form_from_data(data) for data in manifest["forms"]}
        shells = {url: Shell.from_data(data) for url, data in manifest["shells"].items()}
        templates = dict(manifest["templates"])
    except ManifestError as exc:
        raise SettingsError(str(exc)) from None
    except (KeyError, TypeError, ValueError, AttributeError):
        raise SettingsError(f"{site_dir}: the receiver manifest is not one this councilsite wrote; {REBUILD}") from None
    action = receiver["default_action"]
    match = re.fullmatch(r"(/\S*?)/\{id\}/?", action)
    if not match:
        raise SettingsError(f"council/forms default_action is '{action}': the receiver serves site paths such as "
                            "/submit/{id}")
    settings = Settings(forms=forms, site_dir=site_dir, shells=shells, templates=templates, brand=brand,
                        prefix=match.group(1), privacy_page=receiver["privacy_page"], honeypot=receiver["honeypot"],
                        other_ways=brand.get("default_other_ways", {}), brand_name=brand.get("name", ""))
    return env_settings(settings, environ)


def find_site_dir(site_dir: str | Path | None = None, config_file: str | Path | None = None) -> Path:
    """The built site to serve: `site_dir`, else the site_dir of mkdocs.yml (`config_file`, else
    ./mkdocs.yml if there is one), else build/site. SettingsError if nothing is built there."""
    if site_dir is None:
        if config_file is None and Path("mkdocs.yml").is_file():
            config_file = "mkdocs.yml"
        site_dir = site_dir_of(Path(config_file)) if config_file is not None else Path("build/site")
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise SettingsError(f"there is no built site in {site_dir}: run `councilsite build` (or `make site`) first")
    return site_dir


def site_dir_of(config_file: Path) -> Path:
    """mkdocs.yml's site_dir (relative to its folder, as mkdocs reads it), read as plain YAML."""
    import yaml

    class Tolerant(yaml.SafeLoader):
        """mkdocs.yml may hold !ENV and !!python tags: read !ENV as mkdocs does, and anything else as nothing."""

    def env(loader, node):
        names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else \
            [str(v) for v in loader.construct_sequence(node)]
        default = names.pop() if len(names) > 1 else None  # !ENV [NAME, OTHER_NAME, default]
        return next((os.environ[name] for name in names if name in os.environ), default)

    Tolerant.add_constructor("!ENV", env)
    Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=Tolerant)
    except FileNotFoundError:
        raise SettingsError(f"there is no {config_file}: give the built site with --site-dir") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{config_file} is not readable YAML ({str(exc).splitlines()[0]})") from None
    value = config.get("site_dir") if isinstance(config, dict) else None
    return config_file.resolve().parent / (value if isinstance(value, str) and value else "site")
