"""How email leaves the receiver, from the environment only (so no secret sits in mkdocs.yml, the
built site or the repository):

    COUNCILSITE_MAIL_CHANNEL             smtp or notify (needed only if both are set up)
    COUNCILSITE_SMTP_URL                 smtp://host:25, smtp+starttls://user:password@host:587, smtps://...
    COUNCILSITE_SMTP_CA_FILE             a CA certificate to trust besides the system's (optional)
    COUNCILSITE_MAIL_FROM                the From of every SMTP email, such as
                                         "Eastmere Borough Council <forms@eastmere.example>"
    COUNCILSITE_NOTIFY_API_KEY           a GOV.UK Notify API key
    COUNCILSITE_NOTIFY_TEAM_TEMPLATE     the template id of the team's email (placeholders ((subject)), ((body)))
    COUNCILSITE_NOTIFY_RESIDENT_TEMPLATE the template id of the residents' confirmation (the same two)
    COUNCILSITE_NOTIFY_BASE_URL          another Notify API address (tests, a stand-in)
    COUNCILSITE_MAIL_ATTACHMENTS_MB      files attached to a team email, in total (default 10)
    COUNCILSITE_RETRY_FIRST_SECONDS      the first wait after a failed email (default 30, doubling to
    COUNCILSITE_RETRY_LONGEST_SECONDS    this, default 3600)

Two more, read where they are used, mostly for tests: COUNCILSITE_FORWARD_INTERVAL (seconds
between the forwarder's looks when `councilsite serve` runs it, default 5) and
COUNCILSITE_DELIVERY_LEASE_SECONDS (how long a claim lasts, so how soon a killed forwarder's
claims are taken again; default the timeout times the batch, plus 30 s).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from councilsite.receiver.deliver.compose import DEFAULT_ATTACHMENTS_MAX
from councilsite.receiver.deliver.smtp import SmtpUrl, SmtpUrlError, parse_smtp_url


class MailSettingsError(ValueError):
    pass


@dataclass
class MailSettings:
    channel: str | None = None  # "smtp", "notify", or None: emails wait until one is set up
    smtp_url: SmtpUrl | None = None
    smtp_ca_file: str | None = None
    sender: str | None = None
    notify_api_key: str | None = field(default=None, repr=False)
    notify_templates: dict[str, str] = field(default_factory=dict)
    notify_base_url: str | None = None
    attachments_max: int = DEFAULT_ATTACHMENTS_MAX
    first_wait: float = 30
    longest_wait: float = 3600

    def describe(self) -> str:
        if self.channel == "smtp":
            return f"SMTP {self.smtp_url}"
        if self.channel == "notify":
            return "GOV.UK Notify" + (f" at {self.notify_base_url}" if self.notify_base_url else "")
        return "no mail channel set up (set COUNCILSITE_SMTP_URL or COUNCILSITE_NOTIFY_API_KEY)"

    def make_channel(self):
        if self.channel == "smtp":
            from councilsite.receiver.deliver.smtp import SmtpChannel
            return SmtpChannel(self.smtp_url, self.sender, ca_file=self.smtp_ca_file)
        if self.channel == "notify":
            from councilsite.receiver.deliver.notify import NotifyChannel
            try:
                return NotifyChannel(self.notify_api_key, self.notify_templates, self.notify_base_url)
            except ValueError as exc:
                raise MailSettingsError(str(exc)) from None
        return None


def _number(environ, name: str, default: float) -> float:
    text = environ.get(name)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise MailSettingsError(f"{name}: expected a number, got '{text}'") from None
    if value < 0:
        raise MailSettingsError(f"{name}: expected a number of 0 or more, got '{text}'")
    return value


def mail_settings(environ) -> MailSettings:
    settings = MailSettings(
        smtp_ca_file=environ.get("COUNCILSITE_SMTP_CA_FILE") or None,
        sender=environ.get("COUNCILSITE_MAIL_FROM") or None,
        notify_api_key=environ.get("COUNCILSITE_NOTIFY_API_KEY") or None,
        notify_templates={k: v for k, v in (("team", environ.get("COUNCILSITE_NOTIFY_TEAM_TEMPLATE")),
                                            ("resident", environ.get("COUNCILSITE_NOTIFY_RESIDENT_TEMPLATE"))) if v},
        notify_base_url=environ.get("COUNCILSITE_NOTIFY_BASE_URL") or None,
        attachments_max=int(_number(environ, "COUNCILSITE_MAIL_ATTACHMENTS_MB", DEFAULT_ATTACHMENTS_MAX / 2**20)
                            * 2**20),
        first_wait=_number(environ, "COUNCILSITE_RETRY_FIRST_SECONDS", 30),
        longest_wait=_number(environ, "COUNCILSITE_RETRY_LONGEST_SECONDS", 3600),
    )
    if environ.get("COUNCILSITE_SMTP_URL"):
        try:
            settings.smtp_url = parse_smtp_url(environ["COUNCILSITE_SMTP_URL"])
        except SmtpUrlError as exc:
            raise MailSettingsError(str(exc)) from None
    wanted = (environ.get("COUNCILSITE_MAIL_CHANNEL") or "").strip().lower() or None
    ready = [name for name, setting in (("smtp", settings.smtp_url), ("notify", settings.notify_api_key)) if setting]
    if wanted is None:
        if len(ready) > 1:
            raise MailSettingsError("both COUNCILSITE_SMTP_URL and COUNCILSITE_NOTIFY_API_KEY are set: choose one "
                                    "with COUNCILSITE_MAIL_CHANNEL=smtp or notify")
        wanted = ready[0] if ready else None
    if wanted not in (None, "smtp", "notify"):
        raise MailSettingsError(f"COUNCILSITE_MAIL_CHANNEL: use smtp or notify, not '{wanted}'")
    if wanted == "smtp" and settings.smtp_url is None:
        raise MailSettingsError("COUNCILSITE_MAIL_CHANNEL is smtp but COUNCILSITE_SMTP_URL is not set")
    if wanted == "smtp" and not settings.sender:
        raise MailSettingsError("set COUNCILSITE_MAIL_FROM to the address emails come from, such as "
                                "'Eastmere Borough Council <forms@eastmere.example>'")
    if wanted == "notify" and not settings.notify_api_key:
        raise MailSettingsError("COUNCILSITE_MAIL_CHANNEL is notify but COUNCILSITE_NOTIFY_API_KEY is not set")
    settings.channel = wanted
    return settings
