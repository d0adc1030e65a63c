"""Runs runner.py under a target interpreter and reads its JSON (generator side).

This is the only part of introspect/ that runs in the generator's own interpreter; it starts
the child process and never imports the modules being wrapped.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from typing import Dict, Mapping, Optional, Sequence, Tuple

from pyhpp.ir.model import Api
from pyhpp.ir.serialize import from_dict

RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runner.py")


@dataclass(frozen=True)
class IntrospectionResult:
    api: Api
    files: Tuple[str, ...]  # absolute paths of the Python files the import read
    diagnostics: Tuple[Dict[str, str], ...]  # {"severity", "location", "message"}
    stderr: str  # what the imported modules printed


class IntrospectionFailed(Exception):
    """The runner exited with an error; str() is its one-line diagnostic."""

    def __init__(self, message: str, returncode: int, stderr: str) -> None:
        super().__init__(message)
        self.returncode = returncode
        self.stderr = stderr


def runner_command(python: str, modules: Sequence[str], paths: Sequence[str] = ()) -> list[str]:
    """The command line that introspects `modules` with `paths` in front of sys.path."""
    command = [python, RUNNER]
    for path in paths:
        command += ["--path", os.path.abspath(path)]
    return command + list(modules)


def run_introspection(
    python: str,
    modules: Sequence[str],
    paths: Sequence[str] = (),
    timeout: float = 300.0,
    env: Optional[Mapping[str, str]] = None,
    cwd: Optional[str] = None,
) -> IntrospectionResult:
    """Introspects `modules` under the interpreter `python`; raises IntrospectionFailed."""
    completed = subprocess.run(
        runner_command(python, modules, paths),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=timeout,
        env=None if env is None else dict(env),
        cwd=cwd,
    )
    stderr = completed.stderr.decode("utf-8", "replace")
    if completed.returncode != 0:
        lines = [line for line in stderr.splitlines() if line.strip()]
        last = lines[-1] if lines else ""
        # A runner diagnostic is one line; anything else (a crash) is shown whole.
        message = last if ": error: " in last else (
            stderr.strip() or f"{python} exited with status {completed.returncode}")
        raise IntrospectionFailed(message, completed.returncode, stderr)
    document = json.loads(completed.stdout.decode("ascii"))
    api = from_dict(document["api"])
    assert isinstance(api, Api)
    return IntrospectionResult(
        api=api,
        files=tuple(document["files"]),
        diagnostics=tuple(document["diagnostics"]),
        stderr=stderr,
    )
