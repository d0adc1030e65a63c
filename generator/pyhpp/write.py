"""Write: atomic (temporary file + rename) and only when the content changed."""

from __future__ import annotations

import os
import tempfile
from typing import Dict, List


def write_if_changed(path: str, text: str) -> bool:
    """Writes `text` to `path` unless it already holds exactly that; True if it wrote."""
    data = text.encode("utf-8")
    try:
        with open(path, "rb") as existing:
            if existing.read() == data:
                return False
    except FileNotFoundError:
        pass
    directory = os.path.dirname(path) or "."
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".pyhpp-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return True


def write_all(root: str, files: Dict[str, str]) -> List[str]:
    """Writes every file under `root` (all rendered before: a failure leaves no partial
    output); returns the paths that changed."""
    changed = []
    for relative in sorted(files):
        path = os.path.join(root, relative)
        if write_if_changed(path, files[relative]):
            changed.append(path)
    return changed
