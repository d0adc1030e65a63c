"""Finds clang-format 14 and runs it over generated files, several processes at a time."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from typing import Dict, List, Optional

from ..diagnostics import GenerationError

# Another major version breaks lines differently: the output would depend on the machine.
MAJOR = 14
ENVIRONMENT = "PYHPP_CLANG_FORMAT"
# A value of --clang-format or $PYHPP_CLANG_FORMAT that asks for pyhpp's own layout.
NONE = "none"
_VERSION = re.compile(r"clang-format version (\d+)\.")


def major_version(executable: str) -> Optional[int]:
    """The major version `executable --version` reports; None if it does not run or say."""
    try:
        done = subprocess.run([executable, "--version"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    match = _VERSION.search(done.stdout.decode("utf-8", "replace"))
    return int(match.group(1)) if match else None


def find(requested: Optional[str] = None) -> Optional[str]:
    """The clang-format that lays out generated files, or None for pyhpp's own layout.

    `requested` (--clang-format), else $PYHPP_CLANG_FORMAT, names it ("none": pyhpp's layout)
    and must be version 14; otherwise clang-format-14 on PATH, else clang-format on PATH when it
    is version 14, else None."""
    if not requested:
        requested = os.environ.get(ENVIRONMENT) or None
    if requested:
        if requested == NONE:
            return None
        path = shutil.which(requested)
        if path is None:
            raise GenerationError(f"cannot find clang-format '{requested}'")
        version = major_version(path)
        if version != MAJOR:
            found = "an unknown version" if version is None else f"version {version}"
            raise GenerationError(
                f"clang-format '{requested}' is {found}; pyhpp needs clang-format {MAJOR} "
                f"(other versions lay out code differently), or '{NONE}' for its own layout")
        return path
    for name in (f"clang-format-{MAJOR}", "clang-format"):
        path = shutil.which(name)
        if path is not None and major_version(path) == MAJOR:
            return path
    return None


class ClangFormat:
    """Formats files in a few clang-format processes run side by side (`jobs`, default one per
    processor), each given a share of the files of about the same size: starting a process
    costs about as much as formatting a small file."""

    def __init__(self, executable: str, style_file: str, jobs: Optional[int] = None) -> None:
        self.executable = executable
        self.style_file = style_file
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self._files: Dict[str, str] = {}

    def submit(self, files: Dict[str, str]) -> None:
        """Adds `files` ({relative path: text}) to what results() formats."""
        self._files.update(files)

    def results(self) -> Dict[str, str]:
        """Every submitted file, formatted; raises GenerationError if clang-format failed."""
        files, self._files = self._files, {}
        if not files:
            return {}
        batches: List[List[str]] = [[] for _ in range(min(self.jobs, len(files)))]
        sizes = [0] * len(batches)
        for name in sorted(files, key=lambda n: (-len(files[n]), n)):
            smallest = sizes.index(min(sizes))
            batches[smallest].append(name)
            sizes[smallest] += len(files[name])
        scratch = tempfile.mkdtemp(prefix="pyhpp-format-")
        try:
            for name, text in files.items():
                path = os.path.join(scratch, *name.split("/"))
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8", newline="\n") as f:
                    f.write(text)
            # Relative names: clang-format sees each file's own name (its language comes from
            # the extension) and nothing absolute reaches the output or the messages.
            running = [(batch, subprocess.Popen(
                [self.executable, f"--style=file:{self.style_file}", "-i", *sorted(batch)],
                cwd=scratch, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
                for batch in batches]
            failures = []
            for batch, process in running:
                _out, err = process.communicate()
                if process.returncode != 0:
                    failures.append(f"clang-format failed on {', '.join(sorted(batch))}: "
                                    + err.decode("utf-8", "replace").strip())
            if failures:
                raise GenerationError("\n".join(failures))
            formatted = {}
            for name in files:
                with open(os.path.join(scratch, *name.split("/")), encoding="utf-8",
                          newline="") as f:
                    formatted[name] = f.read()
            return formatted
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
