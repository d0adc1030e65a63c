"""What the Python tests find on this machine: the fixtures and the interpreters to target.

Nothing here names a path of one machine. The target interpreter comes from ctest's
environment (PYHPP_TARGET_PYTHON, the build's Python3_EXECUTABLE); other CPython versions are
looked up the way pyenv installs them ($PYENV_ROOT, `pyenv root`, then pyenv's default
~/.pyenv) and then on PATH. Tests that need an interpreter that is not there skip, saying which.
"""

from __future__ import annotations

import functools
import glob
import os
import shutil
import subprocess
import sys
from typing import List, Optional, Tuple

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(REPO, "tests", "fixtures")
# Every minor version the generator supports as a target.
MINORS = range(8, 14)


@functools.lru_cache(maxsize=None)
def resolved(python: str) -> Optional[str]:
    """The interpreter as it names itself (sys.executable), or None if it does not run: a pyenv
    shim of a version that is installed but not selected exits with an error."""
    try:
        done = subprocess.run([python, "-c", "import sys; print(sys.executable)"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    found = done.stdout.strip()
    return found if done.returncode == 0 and found else None


@functools.lru_cache(maxsize=None)
def version_of(python: str) -> Tuple[int, int]:
    done = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:2])"],
                          check=True, stdout=subprocess.PIPE, text=True, timeout=60)
    major, minor = done.stdout.split()
    return int(major), int(minor)


@functools.lru_cache(maxsize=None)
def target_python() -> str:
    """The interpreter whose modules are wrapped: the build's Python under ctest
    (PYHPP_TARGET_PYTHON), else the one running the tests; resolved as it names itself (a pyenv
    shim costs a shell script per run), as CMake does."""
    python = os.environ.get("PYHPP_TARGET_PYTHON") or sys.executable
    found = resolved(python)
    if found is None:
        raise RuntimeError(f"the target interpreter {python} (PYHPP_TARGET_PYTHON) does not run")
    return found


def pyenv_roots() -> List[str]:
    """Where pyenv keeps its versions: $PYENV_ROOT, `pyenv root`, pyenv's default ~/.pyenv."""
    roots = [os.environ.get("PYENV_ROOT", "")]
    pyenv = shutil.which("pyenv")
    if pyenv:
        done = subprocess.run([pyenv, "root"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
        roots.append(done.stdout.strip() if done.returncode == 0 else "")
    roots.append(os.path.expanduser("~/.pyenv"))
    unique: List[str] = []
    for root in roots:
        if root and os.path.isdir(os.path.join(root, "versions")) and root not in unique:
            unique.append(root)
    return unique


@functools.lru_cache(maxsize=None)
def python_for(minor: int) -> Optional[str]:
    """A working CPython 3.<minor>: pyenv's newest build of it, else `python3.<minor>` on PATH,
    else the interpreter running the tests if it is that version; None if there is none."""
    for root in pyenv_roots():
        pattern = os.path.join(root, "versions", f"3.{minor}.*", "bin", f"python3.{minor}")
        for candidate in sorted(glob.glob(pattern), key=_patch_level, reverse=True):
            found = resolved(candidate)
            if found:
                return found
    on_path = shutil.which(f"python3.{minor}")
    if on_path and resolved(on_path):
        return resolved(on_path)
    if sys.version_info[:2] == (3, minor):
        return resolved(sys.executable)
    return None


def _patch_level(path: str) -> Tuple[int, ...]:
    version = os.path.basename(os.path.dirname(os.path.dirname(path)))
    return tuple(int(part) if part.isdigit() else -1 for part in version.split("."))


def missing(minor: int) -> str:
    """Why a test of Python 3.<minor> skips."""
    roots = ", ".join(pyenv_roots()) or "none found; set PYENV_ROOT"
    return f"no Python 3.{minor}: not in pyenv's versions ({roots}), no python3.{minor} on PATH"
