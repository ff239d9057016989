"""The receiver's pages: each theme partial rendered inside the right shell of the built site."""
from __future__ import annotations

from councilsite.forms.model import Form
from councilsite.forms.view import FormPage, paragraphs
from councilsite.receiver.answers import answer_rows
from councilsite.receiver.manifest import NOT_FOUND, REBUILD
from councilsite.receiver.render import Theme
from councilsite.receiver.shells import Shell, ShellError


class Pages:
    def __init__(self, settings):
        self.settings = settings
        brand = {**settings.brand, "name": settings.brand_name, "default_other_ways": settings.other_ways}
        self.theme = Theme(settings.templates, {"brand": brand})

    def shell(self, path: str) -> Shell:
        """The built page at this site path, such as /forms/contact-us/, that receiver pages sit inside."""
        try:
            return self.settings.shells[path]
        except KeyError:
            raise ShellError(f"the receiver manifest of {self.settings.site_dir} has no page {path}; {REBUILD}") \
                from None

    def check_shells(self) -> None:
        """Every shell is there, so a receiver started on a half-made site says so at once."""
        for form in self.settings.forms.values():
            self.shell(form.url)
            self.shell(form.confirmation_url)
        self.shell(NOT_FOUND)

    def form(self, form: Form, page: FormPage) -> str:
        shell = self.shell(form.url)
        body = self.theme.render("partials/form-body.html", form_page=page, privacy_page=self.settings.privacy_page)
        return shell.render(body, f"Error: {_plain(shell.title)}" if page.errors else None)

    def check_answers(self, form: Form, answers: dict, change_url: str, send_url: str) -> str:
        rows = {row.question.id: row for row in answer_rows(form, answers)}
        sections = []
        for section in form.sections:
            ids = _question_ids(section.questions)
            in_section = [rows[i] for i in ids if i in rows]
            if in_section:
                sections.append({"title": section.title, "rows": in_section})
        check = {"form": form, "sections": sections, "change_url": change_url, "send_url": send_url}
        body = self.theme.render("receiver/check-answers.html", check=check)
        return self.shell(form.url).render(body, f"Check your answers - {form.title} - {self.settings.brand_name}")

    def confirmation(self, form: Form, reference: str) -> str:
        body = self.theme.render("partials/form-confirmation-body.html", reference=reference,
                                 form_confirmation={"form": form, "next_steps": paragraphs(form.what_happens_next)})
        return self.shell(form.confirmation_url).render(body)

    def message(self, form: Form | None, message, start_again: bool = False) -> str:
        ways = (form.other_ways if form else None) or self.settings.other_ways
        link = {"url": form.url, "text": f"Go back to the form: {form.title}"} if form else \
            {"url": "/do-it-online/", "text": "See everything you can do online"}
        body = self.theme.render("receiver/message.html", message={
            "title": message.title, "paragraphs": paragraphs(message.text), "link": link, "other_ways": ways,
            "start_again": form.url if form and start_again else None})
        shell = self.shell(form.url) if form else self.shell(NOT_FOUND)
        return shell.render(body, f"{message.html_title} - {self.settings.brand_name}")


def _question_ids(questions) -> list[str]:
    ids = []
    for q in questions:
        ids.append(q.id)
        for revealed in q.reveals.values():
            ids.extend(_question_ids(revealed))
    return ids


def _plain(title: str) -> str:
    return title.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
