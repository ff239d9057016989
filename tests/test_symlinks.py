"""A symbolic link that leaves content/ or forms/ stops the build, naming the link; links that
stay inside are fine. (The static server's side is in tests/receiver/test_hardening_site.py.)"""
from __future__ import annotations

import os
import shutil

import pytest
from mkdocs.exceptions import Abort

from councilsite.symlinks import escaping_links
from sitebuilder import REPO, make_site

FORM = REPO / "forms" / "contact-us.yml"


def messages(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")


def test_a_link_out_of_content_stops_the_build(tmp_path, caplog):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the public\n")
    (tmp_path / "content" / "help").mkdir(parents=True)
    os.symlink(secret, tmp_path / "content" / "help" / "notes.txt")
    os.symlink("/etc", tmp_path / "content" / "etc-link")
    with pytest.raises(Abort):
        make_site(tmp_path, {})
    shown = messages(caplog)
    assert "content/help/notes.txt: a symbolic link to " + str(secret) in shown
    assert "content/etc-link: a symbolic link to /etc, which is outside content/" in shown
    assert not (tmp_path / "out" / "help" / "notes.txt").exists()


def test_links_inside_content_are_fine(tmp_path):
    (tmp_path / "content" / "files").mkdir(parents=True)
    (tmp_path / "content" / "files" / "leaflet.txt").write_text("Bin days\n")
    os.symlink("leaflet.txt", tmp_path / "content" / "files" / "bin-leaflet.txt")
    site = make_site(tmp_path, {})
    assert (site.out / "files" / "bin-leaflet.txt").read_text() == "Bin days\n"


def test_escaping_links_names_each_link(tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    outside = tmp_path / "elsewhere.yml"
    shutil.copy(FORM, outside)
    os.symlink(outside, folder / "contact-us.yml")
    os.symlink("../forms", folder / "loop")  # back to itself: inside
    (folder / "dangling.yml").symlink_to(tmp_path / "gone.yml")
    found = [str(e) for e in escaping_links(folder, "forms")]
    assert found == [f"forms/contact-us.yml: a symbolic link to {outside}, which is outside forms/: the build "
                     "publishes only what is in the folder itself. Copy the file in, or remove the link",
                     f"forms/dangling.yml: a symbolic link to {tmp_path / 'gone.yml'}, which is outside forms/: the "
                     "build publishes only what is in the folder itself. Copy the file in, or remove the link"]
    assert escaping_links(tmp_path / "nothing-here", "forms") == []


def test_a_link_out_of_forms_stops_the_build(tmp_path, caplog, monkeypatch):
    monkeypatch.syspath_prepend(str(REPO / "tests" / "forms"))
    from formsite import forms_site

    outside = tmp_path / "shared" / "contact-us.yml"
    outside.parent.mkdir()
    shutil.copy(FORM, outside)
    (tmp_path / "forms").mkdir()
    os.symlink(outside, tmp_path / "forms" / "contact-us.yml")
    with pytest.raises(Abort):
        forms_site(tmp_path, {})
    assert f"forms/contact-us.yml: a symbolic link to {outside}, which is outside forms/" in messages(caplog)
