"""Lists the public callables of modules as a Python user reaches them (`module.name`).

Runs inside the target interpreter, standard library only (Python 3.8+), independent of the
generator: it is the reference the corpus's completeness check compares the IR with.

    public_names.py MODULE...   ->   JSON on stdout:
    {"modules": {"json": [["dumps", "function"], ["JSONDecoder", "class"], ...]},
     "errors": {"some.module": "ImportError: ..."}}

A module's public names are the names in `__all__` when it has one, else every name without a
leading underscore that is not a module. Of those, the callables are listed: functions and
builtins ('function'), classes ('class'), and other callable objects such as numpy's ufuncs or
functools.partial objects ('callable'). Typing constructs (`List[int]`, `Literal`, `NewType`
instances) are callable objects too, but they are types a user writes, never calls: left out.
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys
import types
from typing import Any, Dict, List

_TYPING_MODULES = ("typing", "typing_extensions")
_ALIAS_TYPES = tuple(t for t in (getattr(types, "GenericAlias", None),
                                 getattr(types, "UnionType", None)) if t is not None)


def _is_typing_construct(obj: Any) -> bool:
    return isinstance(obj, _ALIAS_TYPES) or type(obj).__module__ in _TYPING_MODULES


def kind_of(obj: Any) -> str:
    """'class', 'function' or 'callable' for a public callable, '' for anything else."""
    try:
        if inspect.isclass(obj):
            return "class"
        if inspect.isroutine(obj):
            return "function"
        if callable(obj) and not inspect.ismodule(obj) and not _is_typing_construct(obj):
            return "callable"
    except Exception:  # a lazy proxy whose attribute access raises
        return ""
    return ""


def public_names(module: types.ModuleType) -> List[str]:
    exported = getattr(module, "__all__", None)
    if isinstance(exported, (list, tuple)):
        names = [n for n in exported if isinstance(n, str) and hasattr(module, n)]
        return list(dict.fromkeys(names))
    return [name for name, value in vars(module).items()
            if not name.startswith("_") and not inspect.ismodule(value)]


def public_callables(module: types.ModuleType) -> List[List[str]]:
    found = []
    for name in public_names(module):
        kind = kind_of(getattr(module, name))
        if kind:
            found.append([name, kind])
    return found


def main(argv: List[str]) -> int:
    modules: Dict[str, List[List[str]]] = {}
    errors: Dict[str, str] = {}
    for name in argv:
        try:
            module = importlib.import_module(name)
        except (Exception, SystemExit) as exc:
            errors[name] = f"{type(exc).__name__}: {exc}"
            continue
        modules[name] = public_callables(module)
    # Importing some packages prints to stdout; the JSON goes on one last line of its own.
    sys.stdout.write("\n" + json.dumps({"modules": modules, "errors": errors}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
