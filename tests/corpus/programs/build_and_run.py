#!/usr/bin/python3
"""Builds one corpus program (a target outside `all`) and runs it; run by ctest.

    build_and_run.py --cmake CMAKE --build-dir DIR [--config CFG] --target T -- PROGRAM [ARGS]

A failed build prints the command and the compiler's first errors; the program's own output
(Catch2's report) is passed through.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from typing import List, Optional

TIMEOUT = 900  # seconds


def first_errors(log: str, head: int = 60) -> str:
    lines = log.splitlines()
    errors = [i for i, line in enumerate(lines)
              if "error:" in line or "Error" in line[:12] or "FAILED:" in line]
    start = max(0, errors[0] - 3) if errors else max(0, len(lines) - head)
    return "\n".join(lines[start:start + head])


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cmake", required=True)
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--config", default="")
    parser.add_argument("--target", required=True)
    parser.add_argument("program", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    program = args.program[1:] if args.program[:1] == ["--"] else args.program
    if not program:
        parser.error("no program to run after --")

    build = [args.cmake, "--build", args.build_dir, "--target", args.target]
    if args.config:
        build += ["--config", args.config]
    done = subprocess.run(build, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=TIMEOUT)
    if done.returncode != 0:
        log = done.stdout.decode("utf-8", "replace")
        print(f"FAILED to build {args.target} (status {done.returncode})\n"
              f"  command: {' '.join(build)}\n{first_errors(log)}")
        return 1
    return subprocess.run(program, stdin=subprocess.DEVNULL, timeout=TIMEOUT).returncode


if __name__ == "__main__":
    sys.exit(main())
