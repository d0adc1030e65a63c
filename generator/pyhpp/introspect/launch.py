"""Runs runner.py under a target interpreter and reads its JSON (generator side).

This is the only part of introspect/ that runs in the generator's own interpreter; it starts
the child process and never imports the modules being wrapped.
"""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from pyhpp.diagnostics import Diagnostic
from pyhpp.ir.model import Api
from pyhpp.ir.serialize import from_dict

RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runner.py")


@dataclass(frozen=True)
class IntrospectionResult:
    api: Api
    files: Tuple[str, ...]  # absolute paths of the Python files the import read
    diagnostics: Tuple[Diagnostic, ...]
    stderr: str  # what the imported modules printed


class IntrospectionFailed(Exception):
    """The runner failed: `diagnostic` (an error) is the runner's own, or sums up a crash, a
    hang or unreadable output in one line."""

    def __init__(self, diagnostic: Diagnostic, returncode: int, stderr: str) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic
        self.returncode = returncode
        self.stderr = stderr


def _failed(message: str, returncode: int, stderr: str) -> IntrospectionFailed:
    return IntrospectionFailed(Diagnostic("error", message), returncode, stderr)


# Where Debian installs typeshed (python3-mypy: the standard library's stubs; python3-typeshed:
# third-party `<package>-stubs`), looked at besides the generator's own sys.path.
SYSTEM_SITE = "/usr/lib/python3/dist-packages"


def stub_options(user_dirs: Sequence[str] = (), use_stubs: bool = True,
                 search: Optional[Sequence[str]] = None) -> List[str]:
    """The runner's stub options: the user's directories first, then typeshed's standard
    library stubs and the directories holding third-party `-stubs` packages, as found in
    `search` (default: the generator's sys.path and Debian's dist-packages)."""
    if not use_stubs:
        return ["--no-stubs"]
    options: List[str] = []
    for directory in user_dirs:
        options += ["--stubs", os.path.abspath(directory)]
    roots = list(dict.fromkeys(
        os.path.abspath(p) for p in (search if search is not None
                                     else [*sys.path, SYSTEM_SITE]) if p and os.path.isdir(p)))
    typeshed = next((os.path.join(r, "mypy", "typeshed", "stdlib") for r in roots
                     if os.path.isfile(os.path.join(r, "mypy", "typeshed", "stdlib", "VERSIONS"))),
                    None)
    if typeshed:
        options += ["--typeshed", typeshed]
    for root in roots:
        if glob.glob(os.path.join(glob.escape(root), "*-stubs")):
            options += ["--stub-path", root]
    return options


def runner_command(python: str, modules: Sequence[str], paths: Sequence[str] = (),
                   extra: Sequence[str] = ()) -> List[str]:
    """The command line that introspects `modules` with `paths` in front of sys.path."""
    command = [python, RUNNER]
    for path in paths:
        command += ["--path", os.path.abspath(path)]
    return command + list(extra) + list(modules)


def _run(python: str, modules: Sequence[str], paths: Sequence[str], extra: Sequence[str],
         timeout: float, env: Optional[Mapping[str, str]], cwd: Optional[str]
         ) -> Tuple[Dict[str, Any], str]:
    """Runs the runner; returns its JSON document and stderr, or raises IntrospectionFailed
    with the runner's error diagnostic, or one that sums up what else went wrong (a crash, no
    output, a hang)."""
    what = ", ".join(modules)
    try:
        completed = subprocess.run(
            runner_command(python, modules, paths, extra),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            timeout=timeout, env=None if env is None else dict(env), cwd=cwd)
    except subprocess.TimeoutExpired as exc:
        stderr = (exc.stderr or b"").decode("utf-8", "replace")
        raise _failed(f"importing {what} with {python} did not finish within {timeout:.0f} s",
                      -1, stderr) from None
    stderr = completed.stderr.decode("utf-8", "replace")
    document = _document(completed.stdout)
    if completed.returncode == 1 and document is not None and "error" in document:
        try:
            diagnostic = Diagnostic.from_record(document["error"])
        except ValueError:
            pass
        else:
            raise IntrospectionFailed(diagnostic, completed.returncode, stderr)
    if completed.returncode != 0:
        # A crash: summed up in one line, the last one it printed (a traceback's exception).
        lines = [line for line in stderr.splitlines() if line.strip()]
        detail = f": {lines[-1].strip()}" if lines else ""
        status = (f"was killed by signal {-completed.returncode}" if completed.returncode < 0
                  else f"exited with status {completed.returncode}")
        raise _failed(f"{python} {status} while importing {what}{detail}",
                      completed.returncode, stderr)
    if document is None:
        hint = "no output" if not completed.stdout.strip() else "malformed output"
        raise _failed(f"{python} exited while importing {what} and gave {hint} (does a module "
                      "call os._exit() or close standard output on import?)", 0, stderr)
    return document, stderr


def _document(stdout: bytes) -> Optional[Dict[str, Any]]:
    """The runner's JSON object, or None when its output is not one."""
    try:
        document = json.loads(stdout.decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return None
    return document if isinstance(document, dict) else None


def _diagnostics(records: Any) -> Tuple[Diagnostic, ...]:
    """The diagnostics of a runner document; ValueError when they are not diagnostic records."""
    if not isinstance(records, list):
        raise ValueError("the diagnostics are not a list")
    return tuple(Diagnostic.from_record(record) for record in records)


def run_introspection(
    python: str,
    modules: Sequence[str],
    paths: Sequence[str] = (),
    timeout: float = 300.0,
    env: Optional[Mapping[str, str]] = None,
    cwd: Optional[str] = None,
    recursive: bool = False,
    includes: Sequence[str] = (),
    excludes: Sequence[str] = (),
    stubs: Sequence[str] = ("--no-stubs",),
) -> IntrospectionResult:
    """Introspects `modules` under the interpreter `python`; raises IntrospectionFailed.
    `stubs` are the runner's stub options (see stub_options)."""
    document, stderr = _run(python, modules, paths,
                            _walk_options(recursive, includes, excludes) + list(stubs),
                            timeout, env, cwd)
    try:
        api = from_dict(document["api"])
        if not isinstance(api, Api):
            raise ValueError("not an Api")
        return IntrospectionResult(
            api=api,
            files=tuple(document["files"]),
            diagnostics=_diagnostics(document["diagnostics"]),
            stderr=stderr,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise _failed(f"the introspection of {', '.join(modules)} gave an unreadable result "
                      f"({exc}); is {python} a Python 3.8+ interpreter?", 0, stderr) from None


def list_modules(
    python: str,
    modules: Sequence[str],
    paths: Sequence[str] = (),
    recursive: bool = False,
    includes: Sequence[str] = (),
    excludes: Sequence[str] = (),
    timeout: float = 300.0,
) -> Tuple[List[str], List[str], List[Diagnostic]]:
    """The modules a generation run would wrap (with `recursive`, the public submodules too),
    the directories of the packages walked, and the diagnostics found on the way; raises
    IntrospectionFailed."""
    extra = ["--list"] + _walk_options(recursive, includes, excludes)
    document, _ = _run(python, modules, paths, extra, timeout, None, None)
    names = document.get("modules")
    try:
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ValueError("the modules are not a list of names")
        diagnostics = _diagnostics(document.get("diagnostics"))
    except ValueError as exc:
        raise _failed(f"listing {', '.join(modules)} gave an unreadable result ({exc})",
                      0, "") from None
    directories = [d for d in document.get("directories") or [] if isinstance(d, str)]
    return names, directories, list(diagnostics)


def _walk_options(recursive: bool, includes: Sequence[str], excludes: Sequence[str]
                  ) -> List[str]:
    extra = ["--recursive"] if recursive else []
    for pattern in includes:
        extra += ["--include", pattern]
    for pattern in excludes:
        extra += ["--exclude", pattern]
    return extra
