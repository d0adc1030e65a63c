"""The `lint` tests: pyflakes, clang-format and clang-tidy over pyhpp's own sources.

    lint.py pyflakes                      generator/ and tests/ Python
    lint.py clang-format                  runtime, tests, samples and benchmarks C++
    lint.py clang-tidy BUILD_DIR          runtime sources, with the build's compile_commands.json

Each prints what the tool reports and exits 1 when it reports anything; a missing tool is a
failure that names the Debian package to install (tools/install-deps installs them all).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from typing import List, Sequence

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CPP_DIRECTORIES = ("runtime", "tests", "samples", "benchmarks")
CPP_SUFFIXES = (".cpp", ".hpp", ".h", ".cc")
# tests/golden/*/expected holds generated files, which the golden tests check.
SKIPPED_DIRECTORIES = {"__pycache__", ".git", "expected"}


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        sys.exit(f"lint: {name} not found: install {package} (tools/install-deps does)")
    return path


def files_under(directories: Sequence[str], suffixes: Sequence[str]) -> List[str]:
    """Files under the repository's `directories` ending in `suffixes`, sorted, relative."""
    found = []
    for directory in directories:
        for root, dirs, names in os.walk(os.path.join(REPO, directory)):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRECTORIES)
            for name in names:
                if name.endswith(tuple(suffixes)):
                    found.append(os.path.relpath(os.path.join(root, name), REPO))
    return sorted(found)


def run(command: List[str]) -> int:
    print("+", " ".join(command[:6]), "..." if len(command) > 6 else "", flush=True)
    return subprocess.run(command, cwd=REPO).returncode


def pyflakes() -> int:
    if importlib.util.find_spec("pyflakes") is None:
        sys.exit(f"lint: {sys.executable} cannot import pyflakes: install python3-pyflakes "
                 "(tools/install-deps does)")
    return run([sys.executable, "-m", "pyflakes", "generator", "tests"])


def clang_format() -> int:
    binary = tool("clang-format-14", "clang-format-14")
    files = files_under(CPP_DIRECTORIES, CPP_SUFFIXES)
    # -Werror turns every place that would change into an error; --dry-run changes nothing.
    # Fix them with: clang-format-14 -i FILE...
    return run([binary, "--dry-run", "-Werror", *files])


def runtime_sources(build_dir: str) -> List[str]:
    """The runtime's sources that the build compiles, once each."""
    database = os.path.join(build_dir, "compile_commands.json")
    if not os.path.isfile(database):
        sys.exit(f"lint: {database} is missing: configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON")
    with open(database, encoding="utf-8") as f:
        entries = json.load(f)
    runtime = os.path.join(REPO, "runtime", "src", "")
    return sorted({os.path.normpath(os.path.join(entry["directory"], entry["file"]))
                   for entry in entries
                   if os.path.normpath(os.path.join(entry["directory"], entry["file"]))
                   .startswith(runtime)})


def clang_tidy(build_dir: str, jobs: int) -> int:
    binary = tool("clang-tidy-14", "clang-tidy-14")
    sources = runtime_sources(build_dir)
    if not sources:
        sys.exit(f"lint: no runtime source in {build_dir}/compile_commands.json")
    # The build compiles with g++, whose default is C++17; clang's is C++14, so say it. The
    # checks are the repository's .clang-tidy; every warning fails the test.
    command = [binary, "-p", build_dir, "--quiet", "--warnings-as-errors=*",
               "--extra-arg=-std=c++17"]

    def one(source: str) -> "subprocess.CompletedProcess[str]":
        return subprocess.run([*command, source], cwd=REPO, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)

    print(f"+ {' '.join(command)} ({len(sources)} runtime sources, {jobs} at a time)",
          flush=True)
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for source, done in zip(sources, pool.map(one, sources)):
            if done.returncode != 0:
                failed += 1
                print(f"--- {os.path.relpath(source, REPO)}")
                print(done.stdout.rstrip())
    print(f"clang-tidy: {failed} of {len(sources)} runtime sources have findings")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("pyflakes")
    commands.add_parser("clang-format")
    tidy = commands.add_parser("clang-tidy")
    tidy.add_argument("build_dir")
    tidy.add_argument("-j", "--jobs", type=int, default=2)
    arguments = parser.parse_args()
    if arguments.command == "pyflakes":
        return pyflakes()
    if arguments.command == "clang-format":
        return clang_format()
    return clang_tidy(os.path.abspath(arguments.build_dir), arguments.jobs)


if __name__ == "__main__":
    sys.exit(main())
