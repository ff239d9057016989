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
