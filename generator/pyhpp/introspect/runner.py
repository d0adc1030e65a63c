"""The introspection entry point, run as a script by the target interpreter.

    TARGET_PYTHON .../pyhpp/introspect/runner.py [--path DIR]... [--recursive]
        [--include PATTERN]... [--exclude PATTERN]... [--list]
        [--stubs DIR]... [--stub-path DIR]... [--typeshed DIR] [--no-stubs] MODULE...

Writes one JSON document to stdout and exits 0:
    {"api": <serialize.to_dict(Api)>, "files": [absolute paths],
     "diagnostics": [<Diagnostic.to_record()>...]}
With --list, only imports: {"modules": [names], "files": [...], "directories": [package
directories walked, with --recursive], "diagnostics": [...]}.
When a requested module cannot be introspected, writes {"error": <Diagnostic.to_record()>}
and exits 1. Stderr carries what the imported modules print, never a diagnostic.
Standard library only; Python 3.8 compatible.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from typing import Any, Dict, List, Optional

_HERE = os.path.dirname(os.path.abspath(__file__))
_GENERATOR_DIR = os.path.dirname(os.path.dirname(_HERE))


def _import_pyhpp() -> None:
    """Makes `import pyhpp` work without leaving the generator on the target's sys.path."""
    if sys.path and os.path.abspath(sys.path[0] or os.curdir) == _HERE:
        # The script's own directory: `collect`, `annotations` would shadow user modules.
        del sys.path[0]
    sys.path.insert(0, _GENERATOR_DIR)
    try:
        for name in ("pyhpp.diagnostics", "pyhpp.introspect.collect", "pyhpp.ir.serialize"):
            importlib.import_module(name)
    finally:
        sys.path.remove(_GENERATOR_DIR)


if __name__ == "__main__":
    _import_pyhpp()

from pyhpp.diagnostics import Diagnostic  # noqa: E402
from pyhpp.introspect.collect import (  # noqa: E402
    IntrospectionError,
    introspect_modules,
    module_names,
    new_files,
    package_directories,
)
from pyhpp.introspect.from_stubs import StubTypes  # noqa: E402
from pyhpp.introspect.stubs import StubFinder  # noqa: E402
from pyhpp.ir.serialize import to_dict  # noqa: E402

__all__ = ["introspect_modules", "main"]


def _parse_arguments(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="pyhpp-introspect",
        description="Describe Python modules as pyhpp IR (JSON on stdout).")
    parser.add_argument("--path", action="append", default=[], metavar="DIR",
                        help="put DIR in front of sys.path (repeatable, kept in order)")
    parser.add_argument("--recursive", action="store_true",
                        help="also every public submodule of the packages")
    parser.add_argument("--include", action="append", default=[], metavar="PATTERN")
    parser.add_argument("--exclude", action="append", default=[], metavar="PATTERN")
    parser.add_argument("--list", action="store_true", help="only list the modules")
    parser.add_argument("--stubs", action="append", default=[], metavar="DIR",
                        help="a directory of stubs, searched first (repeatable)")
    parser.add_argument("--stub-path", action="append", default=[], metavar="DIR",
                        help="a directory holding <package>-stubs packages, searched after "
                             "sys.path (repeatable)")
    parser.add_argument("--typeshed", metavar="DIR",
                        help="typeshed's stdlib directory (with its VERSIONS file)")
    parser.add_argument("--no-stubs", action="store_true", help="read no stubs at all")
    parser.add_argument("modules", nargs="+", metavar="MODULE")
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> int:
    arguments = _parse_arguments(argv)
    sys.path[0:0] = [os.path.abspath(path) for path in arguments.path]
    # The JSON goes to a private copy of fd 1; whatever the imported modules print, from Python
    # or from C, lands on stderr instead.
    sys.stdout.flush()
    json_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    document: Dict[str, Any]
    status = 0
    try:
        if arguments.list:
            diagnostics: List[Diagnostic] = []
            before = set(sys.modules)
            found = module_names(arguments.modules, arguments.recursive, arguments.include,
                                 arguments.exclude, diagnostics)
            files = new_files(before, [module for _, module in found])
            directories = package_directories(module for _, module in found) \
                if arguments.recursive else []
            document = {"modules": [name for name, _ in found], "files": files,
                        "directories": directories,
                        "diagnostics": [d.to_record() for d in diagnostics]}
        else:
            stubs = None if arguments.no_stubs else StubTypes(StubFinder(
                arguments.stubs, arguments.stub_path, arguments.typeshed))
            api, files, diagnostics = introspect_modules(
                arguments.modules, arguments.recursive, arguments.include, arguments.exclude,
                stubs)
            document = {"api": to_dict(api), "files": files,
                        "diagnostics": [d.to_record() for d in diagnostics]}
    except IntrospectionError as exc:
        document, status = {"error": exc.diagnostic.to_record()}, 1
    # ASCII: the target's stdout encoding may be anything (C locale on 3.8).
    data = (json.dumps(document, ensure_ascii=True) + "\n").encode("ascii")
    with os.fdopen(json_fd, "wb") as out:
        out.write(data)
    return status


if __name__ == "__main__":
    sys.exit(main())
