"""The receiver's settings: from mkdocs.yml where the site already says them, else from the
environment (so a server's secrets and database never sit in the repository), else defaults.

    COUNCILSITE_DATABASE_URL     sqlite:///var/submissions.sqlite3 (default) or postgresql://...
    COUNCILSITE_WEBHOOK_URL      where each submission is forwarded (the council's CRM); none by default
    COUNCILSITE_WEBHOOK_SECRET   signs each delivery (HMAC-SHA256), so the CRM can tell it is ours
    COUNCILSITE_RATE_LIMIT       form posts allowed per client per minute (default 60; 0 turns it off)
    COUNCILSITE_TRUST_PROXY      1 if a load balancer sets X-Forwarded-For (the client is its last hop)
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from councilsite.forms.model import Form

DEFAULT_DATABASE = "sqlite:///var/submissions.sqlite3"


class SettingsError(Exception):
    pass


@dataclass
class Settings:
    forms: dict[str, Form]
    site_dir: Path  # the built site: pages are rendered inside its form pages' header and footer
    theme_dir: Path
    prefix: str = "/submit"  # forms post to <prefix>/<form id>
    database_url: str = DEFAULT_DATABASE
    webhook_url: str | None = None
    webhook_secret: str | None = None
    rate_limit: int = 60  # posts per client per minute; 0 = no limit
    trust_proxy: bool = False
    honeypot: str = "website"  # a field residents never see: bots that fill it are turned away ("" = none)
    draft_hours: int = 24  # how long answers wait on "Check your answers" before the purge removes them
    max_field_chars: int = 10_000  # any one answer; longer is refused before it is checked
    privacy_page: str = "/privacy/"
    other_ways: dict = field(default_factory=dict)  # the council's default other ways to get help
    brand_name: str = ""

    @property
    def max_body_bytes(self) -> int:
        """The largest request worth reading: every file at its limit, plus room for the answers."""
        from councilsite.forms.questions import DEFAULT_MAX_SIZE, size_in_bytes

        largest = 0
        for form in self.forms.values():
            files = sum(size_in_bytes(q.setting("max_size", DEFAULT_MAX_SIZE)) for q in form.questions
                        if q.type == "file")
            largest = max(largest, files)
        return largest + 1024 * 1024


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
    settings.trust_proxy = environ.get("COUNCILSITE_TRUST_PROXY", "") in ("1", "true", "yes") or settings.trust_proxy
    return settings


def load_settings(config_file: str | Path = "mkdocs.yml", environ=os.environ) -> Settings:
    """Read the forms, the built site and the receiver's path from the site's mkdocs.yml."""
    import re

    from mkdocs.config import load_config

    from councilsite.errors import ContentErrors
    from councilsite.forms.definition import load_forms

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(config_file))
    root = Path(config.config_file_path).parent
    forms_plugin = config.plugins.get("council/forms")
    if forms_plugin is None:
        raise SettingsError(f"{config_file}: council/forms is not in plugins, so there are no forms to receive")
    folder = forms_plugin.config.folder
    try:
        forms = {f.id: f for f in load_forms((root / folder).resolve(), folder.rstrip("/"), None)}
    except ContentErrors as exc:
        raise SettingsError(exc.report()) from None
    action = forms_plugin.config.default_action
    match = re.fullmatch(r"(/\S*?)/\{id\}/?", action)
    if not match:
        raise SettingsError(f"{config_file}: council/forms default_action is '{action}': the receiver serves "
                            "site paths such as /submit/{id}")
    from councilsite.brand import default_other_ways

    brand = config.plugins.get("council/brand")
    settings = Settings(forms=forms, site_dir=Path(config.site_dir), theme_dir=root / "theme", prefix=match.group(1),
                        privacy_page=forms_plugin.config.privacy_page, honeypot=forms_plugin.config.honeypot,
                        other_ways=default_other_ways(dict(brand.config.contact)) if brand else {},
                        brand_name=brand.config.name if brand else "")
    return env_settings(settings, environ)
