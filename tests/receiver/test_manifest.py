"""The receiver's manifest: what the build hands the receiver, and a council's own templates in it."""
from __future__ import annotations

import json

from werkzeug.test import Client

from councilsite.forms import form_rules, load_forms
from councilsite.forms.manifest import form_data, form_from_data
from councilsite.receiver.app import create_app
from councilsite.receiver.manifest import manifest_path
from councilsite.receiver.server import StaticSite
from councilsite.receiver.settings import load_settings
from councilsite.receiver.shells import make_shell
from receiversite import REPO

FORM = """\
title: Report a pothole
intro: Tell us about a pothole on a road or pavement.
privacy:
  what: Where the pothole is.
  why: To repair it.
  how_long: We keep reports for 2 years.
  keep_for: 2 years
what_happens_next: We inspect it.
timescale: We inspect within 5 working days.
questions:
  - id: location
    type: text
    label: Where is the pothole?
"""


def test_forms_come_back_from_their_data_the_same(tmp_path):
    for form in load_forms(REPO / "forms", "forms", None):
        back = form_from_data(json.loads(json.dumps(form_data(form))))
        form.lines = {}  # where each key was in the YAML: for the build's messages only
        assert back == form and form_rules(back) == form_rules(form)


def test_a_shell_has_absolute_links_no_error_state_link_and_noindex():
    page = ('<html><head><title>Form - Council</title><link rel="stylesheet" href="../../assets/a.css">'
            '<link rel="alternate" data-councilsite-state="error" href="error/"></head><body>'
            '<a href="../../contact-us/">Contact</a><a href="https://x.example/">X</a><a href="#main">Skip</a>'
            '<script>var s = "<a href=\'rel/\'>";</script><!--councilsite:content-->old<!--/councilsite:content-->'
            '<img src="../../logo.svg?a=1&amp;b=2"></body></html>')
    shell = make_shell(page, "/forms/x/", "forms/x/index.html")
    html = shell.render("NEW", "A & B")
    assert '<title>A &amp; B</title><meta name="robots" content="noindex">' in html
    assert 'href="/assets/a.css"' in html and 'href="/contact-us/"' in html and 'src="/logo.svg?a=1&amp;b=2"' in html
    assert 'href="https://x.example/"' in html and 'href="#main"' in html
    assert "data-councilsite-state" not in html and "old" not in html and "NEW" in html
    assert "href='rel/'" in html  # inside a script: text, not a tag


def test_the_manifest_is_never_served_and_neither_are_dot_files(tmp_path):
    (tmp_path / "index.html").write_text("home")
    (tmp_path / "404.html").write_text("missing")
    (tmp_path / ".councilsite").mkdir()
    (tmp_path / ".councilsite" / "receiver.json").write_text("{}")
    (tmp_path / ".env").write_text("SECRET=1")
    client = Client(StaticSite(tmp_path))
    for path in ("/.councilsite/receiver.json", "/.councilsite/", "/.env", "/a/../.env"):
        response = client.get(path)
        assert response.status_code == 404 and response.get_data() == b"missing", path
    assert client.get("/").get_data() == b"home"


def test_a_councils_override_of_a_receiver_template_is_the_one_the_receiver_uses(tmp_path, monkeypatch):
    from sitebuilder import base_config, make_site

    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "report-a-pothole.yml").write_text(FORM)
    overrides = tmp_path / "overrides" / "receiver"
    overrides.mkdir(parents=True)
    (overrides / "message.html").write_text("<h1>{{ message.title | e }}</h1><p>Testham's own message page</p>\n")
    config = base_config(tmp_path)
    config["theme"]["custom_dir"] = str(tmp_path / "overrides")
    config["plugins"].append({"council/forms": {"folder": "forms"}})
    monkeypatch.setenv("COUNCILSITE_DATABASE_URL", "sqlite:///" + str(tmp_path / "secret-database.sqlite3"))
    site = make_site(tmp_path, {}, {"theme": config["theme"], "plugins": config["plugins"]})

    text = manifest_path(site.out).read_text()
    assert "secret-database" not in text  # the environment stays in the environment
    assert "Testham's own message page" in text
    settings = load_settings(site.out, environ={"COUNCILSITE_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    assert set(settings.forms) == {"report-a-pothole"} and settings.brand_name == "Testham Borough Council"
    client = Client(create_app(settings))
    expired = client.get("/submit/report-a-pothole/check").get_data(as_text=True)
    assert "Testham's own message page" in expired and "Your answers have been deleted" in expired
    form = client.post("/submit/report-a-pothole", data={"location": ""}).get_data(as_text=True)
    assert "Enter" in form and "Report a pothole" in form  # our own form partial, inside the site's page

