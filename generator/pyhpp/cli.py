"""Command line: `pyhpp generate` and `pyhpp inspect`. Arguments only; the work is pipeline.py."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from typing import List, Optional

from . import __version__
from .diagnostics import GenerationError
from .pipeline import DEFAULT_NAMESPACE, Options


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pyhpp", description="Generate typed C++ wrappers for Python modules.")
    parser.add_argument("--version", action="version", version=f"pyhpp {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("modules", nargs="+", metavar="MODULE", help="dotted module name")
        p.add_argument("--python", default=sys.executable, metavar="EXE",
                       help="the target interpreter whose modules are wrapped and which the "
                            "program will embed (default: the one running pyhpp)")
        p.add_argument("--path", action="append", default=[], metavar="DIR",
                       help="put DIR in front of the target's sys.path (repeatable)")
        p.add_argument("--namespace", default="::".join(DEFAULT_NAMESPACE), metavar="NS",
                       help="root C++ namespace, also the header directory (default: %(default)s)")
        p.add_argument("--compiler", metavar="CXX",
                       help="the C++ compiler that builds the bindings: C++ names avoid the "
                            "macros of its headers (default: $CXX, else c++, g++ or clang++)")
        p.add_argument("--recursive", action="store_true",
                       help="wrap every public submodule of the packages too")
        p.add_argument("--include", action="append", default=[], metavar="PATTERN",
                       help="with --recursive: only submodules matching PATTERN "
                            "(fnmatch, on dotted names; repeatable)")
        p.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                       help="with --recursive: leave out submodules matching PATTERN "
                            "(repeatable; test packages are left out unless included)")
        p.add_argument("--stubs", action="append", default=[], metavar="DIR",
                       help="a directory of .pyi stubs, searched before the modules' own "
                            "stubs, -stubs packages and typeshed (repeatable)")
        p.add_argument("--no-stubs", action="store_true",
                       help="read no stubs: types come from runtime annotations only")

    g = sub.add_parser("generate", help="write a header and a source per module")
    common(g)
    g.add_argument("-o", "--output", required=True, metavar="DIR",
                   help="writes DIR/include/<NS>/a/b.hpp and DIR/src/<NS>/a/b.cpp")
    g.add_argument("--depfile", metavar="FILE", help="write a make-style depfile")
    g.add_argument("--stamp", metavar="FILE", help="touch FILE after success (depfile target)")
    g.add_argument("--strict", action="store_true", help="treat warnings as errors")
    g.add_argument("--clang-format", metavar="EXE",
                   help="the clang-format 14 that lays out the files (default: "
                        "$PYHPP_CLANG_FORMAT, else clang-format-14 or clang-format if it is "
                        "version 14); 'none': pyhpp's own layout, meant to give the same files")
    g.add_argument("--report", action="store_true",
                   help="print, per module, how many parameters and results have C++ types "
                        "and the first places that fell back to pyhpp::object")
    g.add_argument("--modules-file", metavar="FILE",
                   help="write the names of the wrapped modules to FILE, one a line (only when "
                        "they changed)")

    i = sub.add_parser("inspect", help="print the IR of the modules as JSON")
    common(i)

    m = sub.add_parser("modules", help="list the modules `generate` writes files for")
    common(m)
    m.add_argument("--directories-file", metavar="FILE",
                   help="also write the directories of the packages walked, one a line (a "
                        "build system re-lists when one of them changes)")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    args = _parser().parse_args(argv)
    namespace = tuple(part for part in args.namespace.split("::") if part)
    try:
        options = Options(
            modules=tuple(args.modules), python=args.python, paths=tuple(args.path),
            namespace=namespace, compiler=args.compiler,
            output=getattr(args, "output", "."), depfile=getattr(args, "depfile", None),
            stamp=getattr(args, "stamp", None), strict=getattr(args, "strict", False),
            recursive=args.recursive, includes=tuple(args.include),
            excludes=tuple(args.exclude), modules_file=getattr(args, "modules_file", None),
            stubs=tuple(args.stubs), use_stubs=not args.no_stubs,
            clang_format=getattr(args, "clang_format", None))
        if args.command == "modules":
            from .pipeline import list_modules

            names, directories, diagnostics = list_modules(options)
            sys.stdout.write("".join(name + "\n" for name in names))
            if args.directories_file:
                from .write import write_if_changed

                write_if_changed(args.directories_file,
                                 "".join(d + "\n" for d in directories))
            for d in diagnostics:
                sys.stderr.write(f"{d}\n")
            return 0
        if args.command == "inspect":
            from .ir.serialize import to_json
            from .pipeline import analyse

            result = analyse(options)
            sys.stdout.write(to_json(result.api))
        else:
            if importlib.util.find_spec("jinja2") is None:
                raise GenerationError(
                    "the generator needs Jinja2; on Debian: apt-get install python3-jinja2"
                )
            from .pipeline import generate

            result = generate(options)
            if args.report:
                from .report import coverage, format_report

                sys.stdout.write(format_report(coverage(result.api)))
        for d in result.diagnostics:
            sys.stderr.write(f"{d}\n")
    except GenerationError as exc:
        sys.stderr.write(f"pyhpp: {exc}\n" if exc.diagnostic.location is None else f"{exc}\n")
        return 1
    return 0
