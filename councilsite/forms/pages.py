"""The pages and files each form publishes, engine-neutral: the adapter hands them to mkdocs.

    forms/<id>/               the form
    forms/<id>/error/         its error state (every question showing its error), for the audit
    forms/<id>/confirmation/  what residents see once it is sent
    forms/<id>.schema.json    a JSON Schema of its answers
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import yaml

from councilsite.forms.json_schema import form_schema
from councilsite.forms.model import Form

FORM, ERROR, CONFIRMATION = "form", "error", "confirmation"


@dataclass(frozen=True)
class FormPageFile:
    path: str  # source path, such as forms/report-a-missed-bin/index.md
    form_id: str
    role: str  # form, error or confirmation
    title: str
    summary: str
    template: str

    @property
    def noindex(self) -> bool:
        """Error states and confirmations are not for search engines, sitemaps or listings."""
        return self.role != FORM

    def markdown(self) -> str:
        meta = {"title": self.title, "summary": self.summary, "template": self.template}
        if self.noindex:
            meta["noindex"] = True  # the theme then leaves it out of sitemap.xml too
        return f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n"


def form_pages(form: Form) -> list[FormPageFile]:
    base = f"forms/{form.id}"
    # The service page that links here often has the form's title: the page title says which is which.
    title = f"{form.title}: online form"
    return [
        FormPageFile(f"{base}/index.md", form.id, FORM, title, form.intro, "form.html"),
        FormPageFile(f"{base}/error/index.md", form.id, ERROR, title, form.intro, "form.html"),
        FormPageFile(f"{base}/confirmation/index.md", form.id, CONFIRMATION,
                     f"{form.confirmation_title} - {form.title}", f"What happens after you {_lower(form.label)}.",
                     "form-confirmation.html"),
    ]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def schema_file(form: Form, site_url: str | None) -> tuple[str, str]:
    return form.schema_path, json.dumps(form_schema(form, site_url), indent=2, ensure_ascii=False) + "\n"
