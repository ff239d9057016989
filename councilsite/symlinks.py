"""Symbolic links that leave an editor's folder.

mkdocs follows links in `content/` and would publish whatever they point at (`/etc/passwd`, a
secrets file, someone's home folder); a form definition linked from elsewhere is as bad. The
build refuses any link whose target, followed all the way, is outside the folder it sits in.
Links that stay inside (one page under two names) are fine.
"""
from __future__ import annotations

import os
from pathlib import Path

from councilsite.errors import ContentError


def escaping_links(folder: Path, shown: str) -> list[ContentError]:
    """A ContentError for every link under `folder` (shown to editors as `shown`) that leads out of it."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    root = folder.resolve()
    errors = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            if not path.is_symlink():
                continue
            target = path.resolve()
            if target == root or target.is_relative_to(root):
                continue
            where = f"{shown.rstrip('/')}/{path.relative_to(folder).as_posix()}"
            errors.append(ContentError(where, None, None,
                                       f"a symbolic link to {os.readlink(path)}, which is outside {shown.rstrip('/')}/: "
                                       "the build publishes only what is in the folder itself. Copy the file in, "
                                       "or remove the link"))
    return errors
