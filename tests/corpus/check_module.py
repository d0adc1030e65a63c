#!/usr/bin/python3
"""One corpus test: generate the wrappers of one real module, compile them, check completeness.

    check_module.py MODULE -o DIR [--recursive] [--all-standards] [--python EXE] [--cxx G++]
                    [--clang CLANG++] [--typed-floor PERCENT]

Steps (each failure is reported with the command that failed and its first errors; every step
runs even after an earlier one failed, except that nothing compiles what was not generated):

1. generate: `pyhpp generate MODULE -o DIR/out --python EXE --report [--recursive]`; fails on a
   non-zero exit, a Python traceback in the output, or (with --typed-floor) a share of typed
   parameters and results below the floor;
2. sources: every generated source compiled by g++ (C++17, -c -O0) and clang++ (C++20,
   -fsyntax-only), with -Wall -Wextra -Wpedantic -Werror; with --all-standards also
   syntax-checked by g++ (C++20) and clang++ (C++17);
3. headers: one user translation unit that includes every generated header, compiled without
   Python's include directory by g++ and clang++; fails if Python.h got pulled in;
4. completeness: every public callable a Python user reaches as `module.name` (listed by
   public_names.py in the target interpreter) is in the IR of `pyhpp inspect` as a wrapped
   function or class, an alias (re-export), or a skipped name with a reason.

Run by ctest (tests/corpus/CMakeLists.txt, label `corpus`) with the build's compilers; by hand,
the defaults are the target = the Python running this script (Debian's, by its #! line), g++ and
clang++-14 (or clang++) from PATH.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(os.path.dirname(HERE))
TIMEOUT = 600  # seconds, for any one command
TRACEBACK = "Traceback (most recent call last)"
WARNINGS = ["-Wall", "-Wextra", "-Wpedantic", "-Werror", "-Werror=return-type"]
DETAILED = 6  # failures per step reported with command and errors; the rest by title only


@dataclass
class Outcome:
    """What one step found: its failures (each a ready-to-print report) and a one-line note."""

    name: str
    failures: List[str] = field(default_factory=list)
    note: str = ""
    seconds: float = 0.0  # wall-clock time
    cpu: float = 0.0  # CPU time of the commands it ran (user + system)


# -- running commands ---------------------------------------------------------------------------


def clean_environment() -> Dict[str, str]:
    """The environment without variables that would steer the target interpreter."""
    return {k: v for k, v in os.environ.items()
            if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV")}


def run(command: Sequence[str], cwd: Optional[str] = None) -> Tuple[int, str, str]:
    """Runs `command`; returns (status, stdout, stderr). A timeout is status -1."""
    try:
        done = subprocess.run(list(command), cwd=cwd, env=clean_environment(),
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"").decode("utf-8", "replace")
        err = (exc.stderr or b"").decode("utf-8", "replace")
        return -1, out, err + f"\n(killed after {TIMEOUT} s)"
    except OSError as exc:
        return 127, "", f"cannot run {command[0]}: {exc}"
    return (done.returncode, done.stdout.decode("utf-8", "replace"),
            done.stderr.decode("utf-8", "replace"))


def shell_line(command: Sequence[str]) -> str:
    return " ".join(_quote(part) for part in command)


def _quote(part: str) -> str:
    return part if part and all(c.isalnum() or c in "-_./=+:,@" for c in part) else repr(part)


def first_errors(output: str, context: int = 3, head: int = 25, more: int = 15) -> str:
    """The start of a compiler's output around its first error, then further error lines."""
    lines = output.splitlines()
    errors = [i for i, line in enumerate(lines) if "error:" in line]
    if not errors:
        return "\n".join(lines[:head])
    start = max(0, errors[0] - context)
    shown = lines[start:start + head]
    rest = [lines[i] for i in errors if i >= start + head]
    text = "\n".join(shown)
    seen = set()
    others = []
    for line in rest:
        if line not in seen:
            seen.add(line)
            others.append(line)
    if others:
        text += f"\n... further errors ({len(rest)} in all, {min(more, len(others))} shown):\n"
        text += "\n".join(others[:more])
    return text


def failure(title: str, command: Sequence[str], status: int, output: str) -> str:
    return (f"FAILED {title} (status {status})\n  command: {shell_line(command)}\n"
            + _indent(first_errors(output)))


def _indent(text: str, prefix: str = "  | ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


# -- the steps ----------------------------------------------------------------------------------


@dataclass
class Setup:
    module: str
    recursive: bool
    python: str  # the target interpreter
    cxx: str  # g++ (CMAKE_CXX_COMPILER)
    clang: str  # clang++-14 or clang++
    work: str  # the test's own directory, emptied first
    generator: str  # generator/bin/pyhpp
    runtime_include: str
    all_standards: bool = False  # also g++ C++20 and clang++ C++17 (see source_commands)
    typed_floor: Optional[float] = None  # percent of parameters and results that must be typed

    @property
    def out(self) -> str:
        return os.path.join(self.work, "out")

    def pyhpp(self, command: str, *extra: str) -> List[str]:
        # The generator runs under this script's interpreter (it needs Jinja2, which Debian's
        # python3-jinja2 gives /usr/bin/python3), not under whatever `python3` PATH finds.
        line = [sys.executable, self.generator, command, self.module, "--python", self.python,
                *extra]
        if self.recursive:
            line.append("--recursive")
        return line


REPORT_LINE = re.compile(r"^(?P<what>[\w.]+): .*; (?P<typed>\d+) of (?P<slots>\d+) parameters "
                         r"and results typed")


def typed_share(report: str) -> Tuple[int, int]:
    """(typed, all) parameters and results over the modules of a `--report` output."""
    typed = slots = 0
    for line in report.splitlines():
        match = REPORT_LINE.match(line)
        if match and match.group("what") != "total":
            typed += int(match.group("typed"))
            slots += int(match.group("slots"))
    return typed, slots


def generate(setup: Setup) -> Outcome:
    outcome = Outcome("generate")
    command = setup.pyhpp("generate", "-o", setup.out, "--report")
    status, out, err = run(command)
    text = out + err
    warnings = sum(1 for line in text.splitlines() if ": warning: " in line)
    if status != 0 or TRACEBACK in text:
        why = f"status {status}" if status != 0 else "a Python traceback in the output"
        outcome.failures.append(
            f"FAILED generate ({why})\n  command: {shell_line(command)}\n"
            + _indent(_generator_errors(text)))
    typed, slots = typed_share(out)
    share = 100.0 * typed / slots if slots else 100.0
    outcome.note = (f"{warnings} generator warning(s); {typed} of {slots} parameters and "
                    f"results typed ({share:.1f}%)")
    if status == 0 and setup.typed_floor is not None and share < setup.typed_floor:
        outcome.failures.append(
            f"FAILED typed share: {share:.1f}% of parameters and results typed, below the "
            f"floor of {setup.typed_floor:g}% (tests/corpus/modules.txt)\n"
            f"  command: {shell_line(command)}\n" + _indent(out.strip()))
    return outcome


def _generator_errors(text: str, head: int = 40) -> str:
    """The generator's errors and any traceback first, then its warnings (many modules have
    hundreds of them; they are not failures)."""
    lines = text.splitlines()
    if TRACEBACK in text:
        start = next(i for i, line in enumerate(lines) if TRACEBACK in line)
        return "\n".join(lines[start:start + head])
    errors = [line for line in lines if ": warning: " not in line]
    return "\n".join((errors or lines)[:head])


def files_under(root: str, suffix: str) -> List[str]:
    found = []
    for directory, _, names in os.walk(root):
        found += [os.path.join(directory, n) for n in names if n.endswith(suffix)]
    return sorted(found)


def python_include(python: str) -> str:
    status, out, err = run([python, "-c",
                            "import sysconfig; print(sysconfig.get_paths()['include'])"])
    if status != 0:
        raise SystemExit(f"corpus: cannot ask {python} for its include directory:\n{err}")
    return out.strip()


def source_commands(setup: Setup, python_include_dir: str
                    ) -> Tuple[List[Tuple[str, List[str]]], List[str]]:
    """The compilers (title, command prefix) and the include options of the sources: g++ in
    C++17, compiling to code (-Werror=return-type needs it), and clang++ in C++20, so both
    compilers and both standards see every source within CI's budget; with --all-standards,
    the other two pairs too (the goldens always compile all four)."""
    includes = ["-I", os.path.join(setup.out, "include"), "-I", setup.runtime_include,
                "-isystem", python_include_dir]
    commands = [
        ("g++ C++17 -c -O0", [setup.cxx, "-std=c++17", "-c", "-O0", "-o", os.devnull]),
        ("clang++ C++20 -fsyntax-only", [setup.clang, "-std=c++20", "-fsyntax-only"]),
    ]
    if setup.all_standards:
        commands += [
            ("g++ C++20 -fsyntax-only", [setup.cxx, "-std=c++20", "-fsyntax-only"]),
            ("clang++ C++17 -fsyntax-only", [setup.clang, "-std=c++17", "-fsyntax-only"]),
        ]
    return commands, includes


def compile_sources(setup: Setup) -> Outcome:
    outcome = Outcome("sources")
    sources = files_under(os.path.join(setup.out, "src"), ".cpp")
    if not sources:
        outcome.failures.append("FAILED sources: the generator wrote no .cpp file under "
                                + os.path.join(setup.out, "src"))
        return outcome
    commands, includes = source_commands(setup, python_include(setup.python))
    failed = 0
    for source in sources:
        for title, base in commands:
            command = base + WARNINGS + includes + [source]
            status, out, err = run(command, cwd=setup.work)
            if status != 0:
                failed += 1
                name = os.path.relpath(source, setup.out)
                outcome.failures.append(failure(f"{title}: {name}", command, status, out + err))
    total = len(sources) * len(commands)
    outcome.note = f"{len(sources)} source(s) x {len(commands)} compilers, {failed} of {total} " \
                   "commands failed"
    return outcome


HEADER_TU = """\
// The generated headers of `{module}` as a user's translation unit sees them: compiled
// without Python's include directory; nothing they include may pull in Python.h.
{includes}
#ifdef Py_PYTHON_H
#error "a generated header of `{module}` includes Python.h"
#endif

int main() {{ return 0; }}
"""


def compile_headers(setup: Setup) -> Outcome:
    outcome = Outcome("headers")
    include_dir = os.path.join(setup.out, "include")
    headers = [os.path.relpath(h, include_dir) for h in files_under(include_dir, ".hpp")]
    if not headers:
        outcome.failures.append(f"FAILED headers: the generator wrote no .hpp under {include_dir}")
        return outcome
    tu = os.path.join(setup.work, "user_tu.cpp")
    with open(tu, "w", encoding="utf-8") as f:
        f.write(HEADER_TU.format(module=setup.module,
                                 includes="\n".join(f"#include <{h}>" for h in headers)))
    includes = ["-I", include_dir, "-I", setup.runtime_include]
    for title, base in (("g++ C++17", [setup.cxx, "-std=c++17"]),
                        ("clang++ C++20", [setup.clang, "-std=c++20"])):
        command = base + ["-fsyntax-only"] + WARNINGS + includes + [tu]
        status, out, err = run(command, cwd=setup.work)
        if status != 0:
            text = out + err
            why = ""
            if "Python.h: No such file" in text or "includes Python.h" in text:
                why = " (a generated header pulls in Python.h)"
            outcome.failures.append(failure(f"user translation unit, {title}{why}", command,
                                            status, text))
    outcome.note = f"{len(headers)} header(s)"
    return outcome


# -- completeness -------------------------------------------------------------------------------


def _names(items: object) -> List[str]:
    return [item["name"] for item in items or [] if isinstance(item, dict) and "name" in item]


def where_in_ir(module_ir: dict, name: str) -> str:
    """Where an unlisted name appears in the module's IR anyway, for the failure message."""
    for other in module_ir.get("others") or []:
        if other.get("name") == name:
            return f"in others[] as kind {other.get('kind')!r}, which is neither wrapped nor " \
                   "skipped with a reason"
    if name in _names(module_ir.get("constants")):
        return "in constants[], as a value"
    for skipped in module_ir.get("skipped") or []:
        if skipped.get("name") == name:
            return "in skipped[] without a reason"
    return "not in the IR"


def unlisted(module_ir: dict, callables: Sequence[Sequence[str]]) -> List[str]:
    """The public callables that the IR neither wraps, nor aliases, nor skips with a reason."""
    covered = set(_names(module_ir.get("functions")) + _names(module_ir.get("classes"))
                  + _names(module_ir.get("aliases")))  # a missing field counts as empty
    covered |= {s["name"] for s in module_ir.get("skipped") or []
                if isinstance(s, dict) and str(s.get("reason", "")).strip()}
    return [f"{module_ir['name']}.{name} ({kind}): {where_in_ir(module_ir, name)}"
            for name, kind in callables if name not in covered]


def completeness(setup: Setup) -> Outcome:
    outcome = Outcome("completeness")
    command = setup.pyhpp("inspect")
    status, out, err = run(command)
    # Only stderr: the IR on stdout holds docstrings, which may show tracebacks as examples.
    if status != 0 or TRACEBACK in err:
        outcome.failures.append(failure("inspect", command, status, _generator_errors(err)))
        return outcome
    try:
        api = json.loads(out)
        modules = {m["name"]: m for m in api["modules"]}
    except (ValueError, KeyError, TypeError) as exc:
        outcome.failures.append(f"FAILED inspect: its output is not the IR as JSON ({exc})\n"
                                f"  command: {shell_line(command)}\n" + _indent(out[:2000]))
        return outcome
    if setup.module not in modules:
        outcome.failures.append(f"FAILED completeness: the IR has no module {setup.module!r} "
                                f"(it has {', '.join(sorted(modules)) or 'none'})")
    listing = [setup.python, os.path.join(HERE, "public_names.py"), *modules]
    status, out, err = run(listing)
    try:
        reference = json.loads(out.strip().splitlines()[-1]) if status == 0 else None
    except (ValueError, IndexError):
        reference = None
    if reference is None:
        outcome.failures.append(failure("listing the public names", listing, status, out + err))
        return outcome
    missing: List[str] = []
    checked = 0
    for name, module_ir in sorted(modules.items()):
        if name in reference["errors"]:
            missing.append(f"{name}: the target cannot import it: {reference['errors'][name]}")
            continue
        callables = reference["modules"].get(name, [])
        checked += len(callables)
        missing += unlisted(module_ir, callables)
    if missing:
        outcome.failures.append(
            f"FAILED completeness: {len(missing)} public callable(s) neither wrapped, nor "
            "re-exported (aliases), nor skipped with a reason:\n" + _indent("\n".join(missing)))
    outcome.note = f"{checked} public callable(s) in {len(modules)} module(s)"
    return outcome


# -- main ---------------------------------------------------------------------------------------


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def find_clang() -> str:
    for name in ("clang++-14", "clang++"):
        found = shutil.which(name)
        if found:
            return found
    return ""


def parse_arguments(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("module")
    parser.add_argument("-o", "--output", required=True, metavar="DIR",
                        help="the test's work directory (emptied first)")
    parser.add_argument("--all-standards", action="store_true",
                        help="compile with g++ C++20 and clang++ C++17 too")
    parser.add_argument("--recursive", action="store_true",
                        help="wrap the package's public submodules too")
    parser.add_argument("--python", default=sys.executable,
                        help="the target interpreter (default: this one)")
    parser.add_argument("--typed-floor", type=float, metavar="PERCENT",
                        help="fail when fewer parameters and results are typed")
    parser.add_argument("--cxx", default=shutil.which("g++") or "g++")
    parser.add_argument("--clang", default=find_clang())
    parser.add_argument("--generator", default=os.path.join(SOURCE_DIR, "generator", "bin",
                                                            "pyhpp"))
    parser.add_argument("--runtime-include",
                        default=os.path.join(SOURCE_DIR, "runtime", "include"))
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_arguments(argv)
    if not args.clang or not shutil.which(args.clang):
        print("corpus: clang++ not found (looked for clang++-14 and clang++); the corpus "
              "compiles every module with clang too. Install it: tools/install-deps "
              "(Debian: apt-get install clang-14), then reconfigure.", file=sys.stderr)
        return 1
    setup = Setup(module=args.module, recursive=args.recursive, python=args.python,
                  cxx=args.cxx, clang=args.clang, work=os.path.abspath(args.output),
                  generator=args.generator, runtime_include=args.runtime_include,
                  all_standards=args.all_standards, typed_floor=args.typed_floor)
    shutil.rmtree(setup.work, ignore_errors=True)
    os.makedirs(setup.work)
    flags = " (recursive)" if setup.recursive else ""
    print(f"corpus: {setup.module}{flags}, target {setup.python}, in {setup.work}")

    outcomes: List[Outcome] = []

    def step(function) -> Outcome:
        started, cpu = time.monotonic(), children_cpu()
        outcome = function(setup)
        outcome.seconds = time.monotonic() - started
        outcome.cpu = children_cpu() - cpu
        outcomes.append(outcome)
        status = "FAILED" if outcome.failures else "ok"
        print(f"[{outcome.name}] {status}: {outcome.note} ({outcome.seconds:.1f} s, "
              f"CPU {outcome.cpu:.1f} s)", flush=True)
        return outcome

    generated = step(generate)
    if not generated.failures:
        step(compile_sources)
        step(compile_headers)
    step(completeness)

    failures = [f for outcome in outcomes for f in outcome.failures]
    total = sum(outcome.seconds for outcome in outcomes)
    cpu = sum(outcome.cpu for outcome in outcomes)
    for outcome in outcomes:
        for report in outcome.failures[:DETAILED]:
            print("\n" + report)
        rest = outcome.failures[DETAILED:]
        if rest:
            print(f"\n... and {len(rest)} more failure(s) in {outcome.name}, without details:")
            for report in rest:
                print("  " + report.splitlines()[0])
    failed_steps = [o.name for o in outcomes if o.failures]
    skipped = "" if not generated.failures else " (nothing compiled: generation failed)"
    verdict = f"FAILED in {', '.join(failed_steps)}{skipped}" if failed_steps else "passed"
    print(f"\ncorpus {setup.module}: {verdict}, {total:.1f} s (CPU {cpu:.1f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
