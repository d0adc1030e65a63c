"""Where API items are defined: sys.path-relative files, and lines found in the parsed source.

Runs inside the target interpreter: standard library only, Python 3.8 compatible.
Lines come from the module's AST rather than from `inspect.getsourcelines`, whose answer for
decorated classes differs between Python versions (3.8 gives the `class` line, 3.9+ the first
decorator's). Here a class, like a function's co_firstlineno, starts at its first decorator.
"""

from __future__ import annotations

import ast
import inspect
import os
import sys
import tokenize
import types
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

from pyhpp.ir.model import Location

# Parsed sources by path, valid while (mtime, size) match: tests reuse one process.
_TREES: Dict[str, Tuple[Tuple[int, int], Optional[ast.Module]]] = {}


def relative_path(path: str) -> str:
    """`path` relative to the longest sys.path entry holding it, '/'-separated, never absolute.

    Falls back to the file name when no entry holds it.
    """
    for normalise in (os.path.abspath, os.path.realpath):
        target = normalise(path)
        best = ""
        for entry in sys.path:
            if not isinstance(entry, str):
                continue
            root = normalise(entry or os.curdir)
            if target.startswith(root.rstrip(os.sep) + os.sep) and len(root) > len(best):
                best = root
        if best:
            return os.path.relpath(target, best).replace(os.sep, "/")
    return os.path.basename(path)


def file_location(filename: Optional[str], line: int = 0) -> Optional[Location]:
    if not filename or filename.startswith("<"):
        return None
    return Location(relative_path(filename), line)


def module_location(module: Any, line: int = 0) -> Optional[Location]:
    return file_location(getattr(module, "__file__", None), line)


def function_location(function: Any, module: types.ModuleType) -> Optional[Location]:
    """The file and first line (first decorator included) of a routine's code."""
    code = getattr(function, "__code__", None)
    if isinstance(code, types.CodeType):
        filename = code.co_filename
        if filename.startswith("<frozen "):
            # Python 3.11+ freezes some of the stdlib (posixpath); __file__ names the source.
            owner = sys.modules.get(getattr(function, "__module__", None) or "")
            filename = getattr(owner, "__file__", None) or filename
        return file_location(filename, code.co_firstlineno)
    # A C function: its module's file, line unknown.
    owner = sys.modules.get(getattr(function, "__module__", None) or "", module)
    return module_location(owner)


def code_file(function: Any) -> str:
    """The file a Python function's code was compiled from ('' for C functions)."""
    code = getattr(function, "__code__", None)
    return code.co_filename if isinstance(code, types.CodeType) else ""


# -- the parsed source -------------------------------------------------------------------------


def source_tree(filename: Optional[str]) -> Optional[ast.Module]:
    """The AST of a .py file, or None when it cannot be read or parsed."""
    if not isinstance(filename, str) or not filename.endswith(".py"):
        return None
    try:
        status = os.stat(filename)
    except OSError:
        return None
    stamp = (status.st_mtime_ns, status.st_size)
    cached = _TREES.get(filename)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        with tokenize.open(filename) as source:
            tree: Optional[ast.Module] = ast.parse(source.read(), filename)
    except (OSError, SyntaxError, ValueError):
        tree = None
    _TREES[filename] = (stamp, tree)
    return tree


def module_tree(module: Any) -> Optional[ast.Module]:
    return source_tree(getattr(module, "__file__", None))


def statements(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of a block and of the if/try/with/for/while blocks nested in it, in
    source order, without descending into function or class bodies."""
    for statement in body:
        yield statement
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for block in ("body", "orelse", "finalbody"):
            yield from statements(getattr(statement, block, None) or [])
        for handler in getattr(statement, "handlers", None) or []:
            yield from statements(handler.body)


def assignment_lines(body: Sequence[ast.stmt]) -> Dict[str, int]:
    """The line of the first assignment (plain, annotated or augmented) to each name."""
    lines: Dict[str, int] = {}
    for statement in statements(body):
        targets: List[ast.expr] = []
        if isinstance(statement, ast.Assign):
            targets = list(statement.targets)
        elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
            targets = [statement.target]
        while targets:
            target = targets.pop(0)
            if isinstance(target, (ast.Tuple, ast.List)):
                targets[0:0] = list(target.elts)
            elif isinstance(target, ast.Name):
                lines.setdefault(target.id, statement.lineno)
    return lines


def class_node(cls: type) -> Optional[ast.ClassDef]:
    """The ClassDef of a class in its module's source, found by its qualified name."""
    module = sys.modules.get(getattr(cls, "__module__", "") or "")
    tree = module_tree(module)
    if tree is None:
        return None
    body: Sequence[ast.stmt] = tree.body
    found: List[ast.ClassDef] = []
    for part in cls.__qualname__.split("."):
        found = [item for item in statements(body)
                 if isinstance(item, ast.ClassDef) and item.name == part]
        if not found:
            return None
        body = found[-1].body  # several definitions (if/else): the last one wins
    # 3.13+ records the line: it tells which definition ran, and whether the class was defined
    # in this file at all (re.PatternError is defined in re/_constants.py, __module__ 're').
    first_line = vars(cls).get("__firstlineno__")
    if isinstance(first_line, int):
        return next((item for item in found if _first_line(item) == first_line), None)
    return found[-1]


def _first_line(node: ast.ClassDef) -> int:
    return node.decorator_list[0].lineno if node.decorator_list else node.lineno


def class_location(cls: type, node: Optional[ast.ClassDef] = None) -> Optional[Location]:
    """The file and first line (first decorator included) of a class; `node` is its
    class_node when the caller has it already."""
    node = node or class_node(cls)
    if node is not None:
        return module_location(sys.modules.get(cls.__module__), _first_line(node))
    try:
        filename = inspect.getsourcefile(cls)
    except TypeError:  # a built-in class
        return None
    try:
        line = inspect.getsourcelines(cls)[1]
    except Exception:  # OSError, or a tokenizer error when __module__ names another file
        line = 0
    return file_location(filename, line)
