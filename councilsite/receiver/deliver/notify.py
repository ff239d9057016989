"""Sending through GOV.UK Notify, with its official client (notifications-python-client).

Notify sends what a template says; ours need two placeholders, which the email fills in:

    Subject:  ((subject))
    Message:  ((body))

one template for the team and one for residents (they may be the same). The API key comes only
from COUNCILSITE_NOTIFY_API_KEY; template ids are not secret. Each address gets its own
notification, with a reference <form>/<reference>/<channel>/<n>: before sending again after a
failure or a crash, we ask Notify whether that reference went already, so an email in doubt is
not sent twice. Notify has no attachments as such: the team email lists the files and says how
to export them.
"""
from __future__ import annotations

from councilsite.receiver.deliver.compose import Email


class NotifyChannel:
    name = "notify"

    def __init__(self, api_key: str, templates: dict[str, str], base_url: str | None = None, timeout: float = 30):
        from notifications_python_client.notifications import NotificationsAPIClient

        kwargs = {"base_url": base_url} if base_url else {}
        try:
            self.client = NotificationsAPIClient(api_key, timeout=timeout, **kwargs)
        except (AssertionError, IndexError, ValueError):
            raise ValueError("COUNCILSITE_NOTIFY_API_KEY is not a Notify API key (it is <name>-<service id>-<secret>)") \
                from None
        self.templates, self.base_url = templates, base_url

    def describe(self) -> str:
        return "GOV.UK Notify" + (f" at {self.base_url}" if self.base_url else "")

    def send(self, mail: Email, in_doubt: bool = False, channel: str = "team") -> None:
        template = self.templates.get(channel)
        if not template:
            raise NotifyTemplateMissing(channel)
        for n, address in enumerate(mail.to):
            reference = f"{mail.key}/{n}"
            if in_doubt and self._sent_already(reference):
                continue
            self.client.send_email_notification(address, template, personalisation={
                "subject": mail.subject, "body": mail.text}, reference=reference)

    def _sent_already(self, reference: str) -> bool:
        found = self.client.get_all_notifications(template_type="email", reference=reference)
        return bool(found.get("notifications"))


class NotifyTemplateMissing(Exception):
    def __init__(self, channel: str):
        name = "COUNCILSITE_NOTIFY_TEAM_TEMPLATE" if channel == "team" else "COUNCILSITE_NOTIFY_RESIDENT_TEMPLATE"
        super().__init__(f"no Notify template for the {channel} email: set {name}")


def notify_error(exc: BaseException) -> str:
    """The status code and Notify's error names, never its message (which can quote what was sent)."""
    status = getattr(exc, "status_code", None)
    return f"{type(exc).__name__}{f' {status}' if status else ''}"
