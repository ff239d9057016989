"""`export --files` keeps residents' files private: each file 0600 in folders 0700, whatever the umask."""
import os
import stat

import pytest

from councilsite.receiver.export import write_files
from mailservers import submit
from sending import at, demo_forms, upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x03" * 64


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0)  # the most open there is: anything not 0600/0700 would show
    yield
    os.umask(old)


def test_files_are_0600_in_folders_0700(store, tmp_path, open_umask):
    forms = demo_forms()
    made = [submit(store, forms["report-fly-tipping"], {"location": "Mill Lane", "waste_type": ["tyres"],
                                                        "amount": "single"}, at("2026-11-22 12:00"),
                   uploads=[upload("photo", f"tyres{n}.png", PNG, "image/png")]) for n in range(2)]
    out = tmp_path / "exports" / "november"
    written = write_files(store.submissions("report-fly-tipping", with_data=True), out)
    assert len(written) == 2 and {p.parent.name for p in written} == {m.reference for m in made}
    for path in written:
        assert mode(path) == 0o600, oct(mode(path))
        assert mode(path.parent) == 0o700, oct(mode(path.parent))
        assert path.read_bytes() == PNG
    assert mode(out) == 0o700 and mode(out.parent) == 0o700  # made by the export: private too


def test_an_existing_folder_keeps_its_permissions_and_a_clash_writes_nothing(store, tmp_path, open_umask):
    forms = demo_forms()
    submit(store, forms["report-fly-tipping"], {"location": "Mill Lane", "waste_type": ["tyres"], "amount": "single"},
           at("2026-11-22 12:00"), uploads=[upload("photo", "tyres.png", PNG, "image/png")])
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    [path] = write_files(store.submissions("report-fly-tipping", with_data=True), shared)
    assert mode(shared) == 0o755 and mode(path.parent) == 0o700 and mode(path) == 0o600
    with pytest.raises(FileExistsError):
        write_files(store.submissions("report-fly-tipping", with_data=True), shared)
    assert path.read_bytes() == PNG
