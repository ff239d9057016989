"""`councilsite deploy nginx|systemd` prints the shipped files, filled in for the built site."""
from __future__ import annotations

import configparser
import os
import shlex
import subprocess
import sys

import pytest

from councilsite.cli import main
from councilsite.deploy import nginx_config, systemd_unit, template
from receiversite import build_demo


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    os.environ["COUNCILSITE_NOW"] = "2026-11-22 12:00"
    return build_demo(tmp_path_factory.mktemp("deploy-site"))


def test_the_templates_ship_in_the_package():
    assert "proxy_request_buffering on" in template("nginx.conf")
    assert "ExecStart=@COUNCILSITE@ serve" in template("councilsite.service")


def test_deploy_nginx_fills_in_the_site(site_dir, capsys):
    assert main(["deploy", "nginx", "--site-dir", str(site_dir), "--server-name", "www.eastmere.example"]) == 0
    text = capsys.readouterr().out
    assert f"root {site_dir.resolve()};" in text and "server_name www.eastmere.example;" in text
    assert "location ^~ /submit/ {" in text and "server 127.0.0.1:8000;" in text
    # The demo's largest form (the parking permit's three 10MB files, each let through at twice
    # its limit so a file too big still gets its message), in whole megabytes.
    from councilsite.receiver.settings import find_site_dir, load_settings
    largest = load_settings(find_site_dir(str(site_dir), None), environ={}).max_body_bytes
    assert 60 * 2**20 < largest < 70 * 2**20
    assert f"client_max_body_size {-(-largest // 2**20)}m;" in text
    assert "@" not in text.replace("@context", "")
    assert text.count("add_header Content-Security-Policy") == 3  # in every location that serves files
    assert "unsafe-inline" not in text


def test_a_form_posting_elsewhere_is_allowed_by_the_policy(site_dir):
    text = nginx_config(site_dir, actions=["https://forms.example/submit/x"])
    assert "form-action 'self' https://forms.example;" in text


def test_deploy_systemd_runs_serve_behind_nginx(site_dir, capsys, tmp_path):
    assert main(["deploy", "systemd", "--site-dir", str(site_dir), "--user", "eastmere"]) == 0
    text = capsys.readouterr().out
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read_string(text)
    service = unit["Service"]
    assert service["User"] == "eastmere" and service["Restart"] == "always"
    assert "Environment=COUNCILSITE_TRUSTED_PROXIES=127.0.0.1,::1" in text and "NoNewPrivileges" in service
    assert unit["Install"]["WantedBy"] == "multi-user.target"
    assert "Eastmere Borough Council's site" in unit["Unit"]["Description"]
    command = shlex.split(service["ExecStart"])
    assert command[-6:] == ["--site-dir", str(site_dir.resolve()), "--host", "127.0.0.1", "--port", "8000"]
    # The command it names is a real councilsite that knows these options.
    helped = subprocess.run([*command[:command.index("serve") + 1], "--help"], capture_output=True, text=True)
    assert helped.returncode == 0 and "--site-dir" in helped.stdout
    assert str(site_dir.resolve().parent / "var") in service["ReadWritePaths"]
    assert systemd_unit(site_dir, command=f"{sys.executable} -m councilsite").count("-m councilsite serve") == 1


def test_deploy_needs_a_built_site(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["deploy", "nginx"]) == 1
    assert "there is no built site" in capsys.readouterr().err
