"""Write: atomic (temporary file + rename) and only when the content changed."""

from __future__ import annotations

import os
import tempfile
from typing import Dict, List, Tuple


def write_if_changed(path: str, text: str) -> bool:
    """Writes `text` to `path` unless it already holds exactly that; True if it wrote."""
    data = text.encode("utf-8")
    if _holds(path, data):
        return False
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
    """Writes every file under `root` that changed, all or nothing as far as the file system
    allows: every new content goes to a temporary file first, and only when all of them are
    written are they renamed into place. Returns the paths that changed."""
    pending: List[Tuple[str, str]] = []  # (temporary, final)
    try:
        for relative in sorted(files):
            path = os.path.join(root, relative)
            data = files[relative].encode("utf-8")
            if _holds(path, data):
                continue
            directory = os.path.dirname(path) or "."
            os.makedirs(directory, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".pyhpp-", suffix=".tmp", dir=directory)
            pending.append((tmp, path))
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.chmod(tmp, 0o644)
        for tmp, path in pending:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _path in pending:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        raise
    return [path for _tmp, path in pending]


def _holds(path: str, data: bytes) -> bool:
    try:
        with open(path, "rb") as existing:
            return existing.read() == data
    except FileNotFoundError:
        return False
