"""A council installs councilsite from the wheel alone and starts its own site, as a new user would.

The wheel and sdist are built from this checkout (the wheel from the sdist, so a file missing
from either fails here), installed into virtual environments outside the checkout with no
PYTHONPATH and no `-e`, and used from a folder that holds nothing of ours. `npm`, `npx` and
`node` are shadowed by stubs that record any call: the audit must need none of them.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import urlencode

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "receiver"))
from receiversite import cookie_of, free_port, request, valid_fields  # noqa: E402

from councilsite.forms.definition import load_forms  # noqa: E402

LOCK = REPO / "requirements.lock"
CORE = ("mkdocs", "mkdocs-material", "jinja2", "pyyaml", "markdown", "tzdata")


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    build = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
                           capture_output=True, text=True, cwd=out)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert "deprecat" not in (build.stdout + build.stderr).lower(), "packaging warnings during the build"
    return out


@pytest.fixture(scope="module")
def wheel(dist) -> Path:
    return next(dist.glob("councilsite-*.whl"))


def venv(where: Path, *pip_args: str) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    pip = [str(where / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    for args in pip_args:
        done = subprocess.run(pip + args.split("\x00"), capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]
    return where / "bin"


@pytest.fixture(scope="module")
def full(tmp_path_factory, wheel) -> Path:
    """Everything, at the locked versions: what `make test` and a receiver's server install."""
    return venv(tmp_path_factory.mktemp("venv-all"), f"--require-hashes\x00-r\x00{LOCK}", f"--no-deps\x00{wheel}")


@pytest.fixture(scope="module")
def slim(tmp_path_factory, wheel) -> Path:
    """An editor's install: the wheel without extras (its core dependencies at the locked versions)."""
    folder = tmp_path_factory.mktemp("venv-slim")
    pins = [line.split(" ")[0] for line in LOCK.read_text().splitlines() if "==" in line and not line.startswith(" ")]
    (folder.parent / "constraints.txt").write_text("\n".join(pins) + "\n")
    return venv(folder / "venv", f"-c\x00{folder.parent / 'constraints.txt'}\x00{wheel}")


@pytest.fixture(scope="module")
def no_npm(tmp_path_factory) -> tuple[Path, Path]:
    stubs = tmp_path_factory.mktemp("no-npm")
    calls = stubs / "calls.log"
    for name in ("npm", "npx", "node"):
        stub = stubs / name
        stub.write_text(f'#!/bin/sh\necho "{name} $*" >> "{calls}"\nexit 127\n')
        stub.chmod(0o755)
    return stubs, calls


def user_env(bin_dir: Path, no_npm) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "AXE_CORE_JS", "VIRTUAL_ENV")}
    env["PATH"] = os.pathsep.join([str(bin_dir), str(no_npm[0]), env.get("PATH", "")])
    return env


def run(bin_dir: Path, cwd: Path, env: dict, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / "councilsite"), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_the_wheel_holds_everything_a_site_needs(wheel, dist):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("councilsite/theme/base.html", "councilsite/theme/components/button/style.css",
                   "councilsite/theme/components/header/macro.html", "councilsite/theme/assets/forms.js",
                   "councilsite/theme/receiver/check-answers.html", "councilsite/theme/partials/form-body.html",
                   "councilsite/accessibility/allowlist.yml", "councilsite/plugins/brand.py",
                   "councilsite/opendata/schemas/oruk-3.0/service.json", "councilsite/opendata/schemas/oruk-3.0/LICENSE",
                   "councilsite/deploy/nginx.conf", "councilsite/deploy/councilsite.service",
                   "councilsite/theme/assets/search-lunr/lunr.min.js", "councilsite/theme/assets/search-lunr/LICENSE",
                   "councilsite/search/serve.py"):
        assert needed in names, needed
    assert any(n.startswith("councilsite/accessibility/vendor/axe-core/") and n.endswith("axe.min.js") for n in names)
    assert any(n.startswith("councilsite/starter/files/") for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "License-Expression: MIT" in text
    assert {"Provides-Extra: audit", "Provides-Extra: receiver", "Provides-Extra: postgres",
            "Provides-Extra: all"} <= set(text.splitlines())
    assert next(dist.glob("councilsite-*.tar.gz"))


def test_a_council_starts_builds_audits_and_serves_its_site_from_the_wheel(full, no_npm, tmp_path):
    env = user_env(full, no_npm)
    assert run(full, tmp_path, env, "--version").stdout.startswith("councilsite ")
    made = run(full, tmp_path, env, "new", "site", "harrowdale", "--name", "Harrowdale District Council")
    assert made.returncode == 0, made.stderr
    site = tmp_path / "harrowdale"
    built = run(full, site, env, "build")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert (site / "build" / "site" / "index.html").is_file()

    audited = run(full, site, env, "audit", "build/site")
    assert audited.returncode == 0, audited.stdout[-4000:] + audited.stderr[-2000:]
    assert not no_npm[1].exists(), f"the audit ran npm or node: {no_npm[1].read_text()}"

    forms = load_forms(site / "forms", "forms")
    assert forms, "the starter has a form"
    form = forms[0]
    reference = send_one_form(full, site, env, form)
    assert len(reference) == 11 and reference[5] == "-"


def test_the_demo_builds_from_the_installed_wheel(full, no_npm, tmp_path):
    for folder in ("content", "forms"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    built = run(full, tmp_path, user_env(full, no_npm), "build")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert "Eastmere Borough Council" in (tmp_path / "build" / "site" / "index.html").read_text()


def test_an_editors_slim_install_builds_and_names_the_extra_it_lacks(slim, no_npm, tmp_path):
    env = user_env(slim, no_npm)
    for module in ("selenium", "werkzeug", "psycopg"):
        probe = subprocess.run([str(slim / "python"), "-c", f"import {module}"], capture_output=True)
        assert probe.returncode != 0, f"{module} came with the slim install"
    assert run(slim, tmp_path, env, "new", "site", "ravensholt", "--name", "Ravensholt Council").returncode == 0
    site = tmp_path / "ravensholt"
    built = run(slim, site, env, "build")
    assert built.returncode == 0, built.stderr[-3000:]
    for command, extra in (("audit", "audit"), ("serve", "receiver")):
        refused = run(slim, site, env, command, *(["build/site"] if command == "audit" else []))
        assert refused.returncode == 1
        assert f"pip install 'councilsite[{extra}]'" in refused.stderr, refused.stderr


def send_one_form(bin_dir: Path, site: Path, env: dict, form) -> str:
    port = free_port()
    database = f"sqlite:///{site / 'var' / 'test.sqlite3'}"
    process = subprocess.Popen([str(bin_dir / "councilsite"), "serve", "--port", str(port), "--database", database,
                                "--workers", "1"], cwd=site, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(port, process)
        # Search answers on the server, from the installed package, without JavaScript.
        status, _, page = request(port, "GET", "/search/?q=accessibility")
        assert status == 200 and b'data-rendered="server"' in page and b"Accessibility statement" in page
        fields, files = valid_fields(form)
        assert not files, "the starter's form needs no file to send"
        status, headers, _ = request(port, "POST", f"/submit/{form.id}", urlencode(fields, doseq=True))
        assert status == 303, status
        cookie = cookie_of(headers)  # the journey's session cookie
        assert request(port, "GET", headers["Location"], headers=cookie)[0] == 200
        status, headers, _ = request(port, "POST", f"/submit/{form.id}/send", "", headers=cookie)
        assert status == 303
        status, _, page = request(port, "GET", headers["Location"], headers=cookie)
        assert status == 200
        text = page.decode()
        return text.split("data-reference>", 1)[1].split("<", 1)[0].strip()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(15)


def wait_for(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if request(port, "GET", "/submit/health")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    output = process.stdout.read().decode(errors="replace") if process.poll() is not None else ""
    raise AssertionError(f"councilsite serve did not start: {output}")

