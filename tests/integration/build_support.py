"""Helpers of the build-integration tests: the tools under test, commands, and CMake projects."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECTS = os.path.join(HERE, "projects")
TIMEOUT = 600  # seconds, for any one command
LOG_TAIL = 6000  # characters of a log shown in a failure message


def _resolve_python(name: str) -> str:
    """The interpreter `name` as it names itself: a pyenv shim resolves to the real binary."""
    found = shutil.which(name)
    if found is None:
        raise RuntimeError(f"no {name} on PATH; set PYHPP_TARGET_PYTHON")
    out = subprocess.run([found, "-c", "import sys; print(sys.executable)"],
                         stdout=subprocess.PIPE, check=True, timeout=60)
    return out.stdout.decode().strip() or found


@dataclass(frozen=True)
class Toolchain:
    """What ctest passes through the environment, with sensible defaults when run by hand."""

    cmake: str
    source_dir: str  # the pyhpp source tree under test
    target_python: str  # the Python the bindings are generated with and the programs embed

    @classmethod
    def from_environment(cls) -> "Toolchain":
        cmake = os.environ.get("PYHPP_CMAKE") or shutil.which("cmake")
        if not cmake:
            raise RuntimeError("no cmake on PATH; set PYHPP_CMAKE")
        source = os.environ.get("PYHPP_SOURCE_DIR") or os.path.dirname(os.path.dirname(HERE))
        python = os.environ.get("PYHPP_TARGET_PYTHON") or _resolve_python("python3")
        return cls(cmake=cmake, source_dir=os.path.abspath(source), target_python=python)

    def python_include_dir(self, python: Optional[str] = None) -> str:
        """The directory of Python.h of `python` (default: the target interpreter)."""
        out = run([python or self.target_python, "-c",
                   "import sysconfig; print(sysconfig.get_paths()['include'])"])
        return out.strip()


def clean_environment(extra: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """The test's environment without variables that would steer Python or the build."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYHPP_PYTHON",
                        "MAKEFLAGS", "CMAKE_GENERATOR", "CMAKE_BUILD_PARALLEL_LEVEL")}
    env.update(extra or {})
    return env


class CommandFailed(AssertionError):
    def __init__(self, command: Sequence[str], returncode: int, output: str) -> None:
        super().__init__(f"command failed with status {returncode}: {' '.join(command)}\n"
                         f"--- output (tail) ---\n{output[-LOG_TAIL:]}")
        self.returncode = returncode
        self.output = output


class ConfigureFailed(CommandFailed):
    """`cmake -S -B` of a project failed (the build files were not written)."""


def run_command(command: Sequence[str], cwd: Optional[str] = None,
                env: Optional[Mapping[str, str]] = None) -> subprocess.CompletedProcess:
    """Runs `command`, stdout and stderr merged into one text (`.stdout`), never raising."""
    completed = subprocess.run(
        list(command), cwd=cwd, env=dict(env) if env is not None else clean_environment(),
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        timeout=TIMEOUT)
    completed.stdout = completed.stdout.decode("utf-8", "replace")
    return completed


def run(command: Sequence[str], cwd: Optional[str] = None,
        env: Optional[Mapping[str, str]] = None) -> str:
    """Runs `command` and returns its output; raises CommandFailed with the log if it fails."""
    completed = run_command(command, cwd, env)
    if completed.returncode != 0:
        raise CommandFailed(command, completed.returncode, completed.stdout)
    return completed.stdout


def copy_project(name: str, destination: str) -> str:
    """Copies tests/integration/projects/<name> to `destination` (tests edit the copy); returns it."""
    shutil.copytree(os.path.join(PROJECTS, name), destination,
                    ignore=shutil.ignore_patterns("__pycache__"))
    return destination


@dataclass
class CMakeBuild:
    """A configured build tree of a project."""

    toolchain: Toolchain
    source: str
    binary: str
    generator: str

    def configure(self, *definitions: str) -> str:
        """Configures; raises ConfigureFailed (with the log) if CMake reports an error."""
        command = [self.toolchain.cmake, "-S", self.source, "-B", self.binary,
                   "-G", self.generator, *definitions]
        completed = run_command(command)
        if completed.returncode != 0:
            raise ConfigureFailed(command, completed.returncode, completed.stdout)
        return completed.stdout

    def build_command(self, *targets: str) -> List[str]:
        command = [self.toolchain.cmake, "--build", self.binary, "-j2"]
        for target in targets:
            command += ["--target", target]
        return command

    def build(self, *targets: str) -> str:
        """Builds; returns the log. Raises CommandFailed (with the log) if the build fails."""
        return run(self.build_command(*targets))

    def try_build(self) -> subprocess.CompletedProcess:
        return run_command(self.build_command())

    def path(self, *parts: str) -> str:
        return os.path.join(self.binary, *parts)


def edit(path: str, old: str, new: str) -> None:
    """Replaces the one occurrence of `old` in the file at `path` with `new`."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert text.count(old) == 1, f"{path}: expected exactly one {old!r}"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new))


def read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
