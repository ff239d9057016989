"""Sending by SMTP, to a server COUNCILSITE_SMTP_URL names:

    smtp://host:25                              plain, for a relay on the same network
    smtp+starttls://user:password@host:587      upgraded to TLS before logging in (submission)
    smtps://user:password@host:465              TLS from the start

The user and password are percent-decoded (write @ as %40). TLS checks the server's certificate
against the system's trusted ones (COUNCILSITE_SMTP_CA_FILE adds one, for a council's own CA).
A password is never shown: `str(SmtpUrl)` and every error leave it out.
"""
from __future__ import annotations

import email.utils
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from councilsite.receiver.deliver.compose import Email

SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


class SmtpUrlError(ValueError):
    pass


@dataclass(frozen=True)
class SmtpUrl:
    scheme: str
    host: str
    port: int
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    def __str__(self) -> str:
        who = f"{self.user}:***@" if self.user else ""
        return f"{self.scheme}://{who}{self.host}:{self.port}"


def parse_smtp_url(url: str) -> SmtpUrl:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise SmtpUrlError("COUNCILSITE_SMTP_URL is not a URL such as smtp+starttls://user:password@host:587") \
            from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise SmtpUrlError(f"COUNCILSITE_SMTP_URL: use smtp://, smtp+starttls:// or smtps://, not '{scheme}://'")
    if not parts.hostname:
        raise SmtpUrlError("COUNCILSITE_SMTP_URL names no server: write it as smtp+starttls://user:password@host:587")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise SmtpUrlError("COUNCILSITE_SMTP_URL has a path or query: write only scheme://user:password@host:port")
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password is not None else None
    if scheme == "smtp" and user:
        raise SmtpUrlError("COUNCILSITE_SMTP_URL: a password is never sent over plain smtp://: "
                           "use smtp+starttls:// or smtps://")
    return SmtpUrl(scheme, parts.hostname, port or SCHEMES[scheme], user, password)


def message(mail: Email, sender: str) -> EmailMessage:
    """The MIME message: text, then HTML as the alternative, then any attachments."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(mail.to)
    msg["Subject"] = mail.subject
    msg["Date"] = email.utils.formatdate(localtime=False)
    # The same on every try, so a mail program (and our tests) can tell a resend from a new one.
    domain = email.utils.parseaddr(sender)[1].rpartition("@")[2] or "councilsite.invalid"
    msg["Message-ID"] = f"<{mail.key.replace('/', '.')}@{domain}>"
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    msg.set_content(mail.text)
    msg.add_alternative(mail.html, subtype="html")
    for item in mail.attachments:
        maintype, _, subtype = item.content_type.partition("/")
        msg.add_attachment(item.data, maintype=maintype or "application", subtype=subtype or "octet-stream",
                           filename=item.filename)
    return msg


class SmtpChannel:
    name = "smtp"

    def __init__(self, url: SmtpUrl, sender: str, timeout: float = 30, ca_file: str | None = None):
        self.url, self.sender, self.timeout, self.ca_file = url, sender, timeout, ca_file
        self._context: ssl.SSLContext | None = None  # made once: loading the trusted certificates takes ~0.1 s

    def describe(self) -> str:
        return f"SMTP {self.url}"

    def send(self, mail: Email, in_doubt: bool = False, channel: str = "team") -> None:
        """Send, or raise. SMTP cannot be asked whether an email went, so one in doubt goes again,
        with the same Message-ID: a duplicate is better than a lost report."""
        context = self._tls() if self.url.scheme != "smtp" else None
        msg = message(mail, self.sender)
        if self.url.scheme == "smtps":
            client = smtplib.SMTP_SSL(self.url.host, self.url.port, timeout=self.timeout, context=context)
        else:
            client = smtplib.SMTP(self.url.host, self.url.port, timeout=self.timeout)
        try:
            if self.url.scheme == "smtp+starttls":
                client.starttls(context=context)
            if self.url.user:
                client.login(self.url.user, self.url.password or "")
            refused = client.send_message(msg, from_addr=email.utils.parseaddr(self.sender)[1], to_addrs=list(mail.to))
            if refused:
                raise smtplib.SMTPRecipientsRefused(refused)
        finally:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()


    def _tls(self) -> ssl.SSLContext:
        if self._context is None:
            self._context = ssl.create_default_context(cafile=self.ca_file)
        return self._context


def smtp_error(exc: BaseException) -> str:
    """A short name for what went wrong: the reply code, never the server's words (which can
    quote an address) nor the password."""
    code = getattr(exc, "smtp_code", None)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = sorted({c for c, _ in exc.recipients.values()})
        return f"SMTPRecipientsRefused {'/'.join(map(str, codes))}"
    return f"{type(exc).__name__}{f' {code}' if code else ''}"
