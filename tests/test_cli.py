"""The `councilsite` command builds a site and fails clearly on bad content."""
import subprocess
import sys

import yaml

from sitebuilder import GENERAL, base_config, service


def write_site(root, files):
    for rel, text in {**GENERAL, **files}.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(base_config(root)))


def run(root):
    return subprocess.run([sys.executable, "-m", "councilsite", "build", "-f", str(root / "mkdocs.yml")],
                          capture_output=True, text=True, cwd=root)


def test_build_succeeds_on_good_content(tmp_path):
    write_site(tmp_path, {"bins/days.md": service("Bin days")})
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "bins" / "days" / "index.html").exists()


def test_build_fails_with_file_line_and_field(tmp_path):
    write_site(tmp_path, {"bins/days.md": service("Bin days").replace("category: bins", "category: bins\ncolour: red")})
    result = run(tmp_path)
    assert result.returncode != 0
    assert "bins/days.md:5: colour: unknown field" in result.stderr


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_the_last_good_site_byte_for_byte(tmp_path):
    write_site(tmp_path, {"bins/days.md": service("Bin days")})
    assert run(tmp_path).returncode == 0
    before = snapshot(tmp_path / "out")
    (tmp_path / "content" / "bins" / "days.md").write_text("---\ntitle: [Bin days\n---\nBroken front matter.\n")
    result = run(tmp_path)
    assert result.returncode != 0
    assert "the last good site in" in result.stderr and "is unchanged" in result.stderr
    assert snapshot(tmp_path / "out") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "mkdocs.yml", "out"], "no staging left behind"


def test_a_warning_publishes_nothing_unless_allowed(tmp_path):
    write_site(tmp_path, {"bins/days.md": service("Bin days")})
    assert run(tmp_path).returncode == 0
    before = snapshot(tmp_path / "out")
    page = tmp_path / "content" / "bins" / "days.md"
    page.write_text(service("Bin days") + "\nRead [the guide](missing-page.md).\n")
    assert run(tmp_path).returncode != 0
    assert snapshot(tmp_path / "out") == before
    allowed = subprocess.run([sys.executable, "-m", "councilsite", "build", "--allow-warnings",
                              "-f", str(tmp_path / "mkdocs.yml")], capture_output=True, text=True, cwd=tmp_path)
    assert allowed.returncode == 0, allowed.stderr
    assert "missing-page" in (tmp_path / "out" / "bins" / "days" / "index.html").read_text()


def test_a_good_build_replaces_the_whole_site(tmp_path):
    write_site(tmp_path, {"bins/days.md": service("Bin days"), "bins/old.md": service("Old page")})
    assert run(tmp_path).returncode == 0
    (tmp_path / "content" / "bins" / "old.md").unlink()
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Published the site to" in result.stdout
    assert not (tmp_path / "out" / "bins" / "old").exists(), "a deleted page is gone from the new site"


def test_version():
    from councilsite import __version__

    result = subprocess.run([sys.executable, "-m", "councilsite", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"councilsite {__version__}"
    assert __version__[0].isdigit() and "unknown" not in __version__


def test_a_missing_extra_is_named_for_the_command():
    from councilsite.cli import missing_extra

    assert missing_extra(ModuleNotFoundError(name="selenium.webdriver"), "audit") == "audit"
    assert missing_extra(ModuleNotFoundError(name="bs4"), "serve") == "receiver"
    assert missing_extra(ModuleNotFoundError(name="bs4"), "audit") == "audit"
    assert missing_extra(ModuleNotFoundError(name="psycopg"), "serve") == "postgres"
    assert missing_extra(ModuleNotFoundError(name="no_such_thing"), "audit") is None, "a real bug is not hidden"
