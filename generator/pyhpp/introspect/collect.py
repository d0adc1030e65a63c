"""Imports the requested modules and describes their public API as IR (inside the target).

Standard library only, Python 3.8 compatible. Which names a module exports: `__all__` when it
has one (in its order), otherwise its public names defined in the module itself: functions and
classes whose `__module__` is the module, and other values not bound by a top-level `import`.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import sys
import tokenize
import traceback
import types
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

from pyhpp.introspect.annotations import Diagnostic, convert_annotation
from pyhpp.ir.model import (
    PARAMETER_KINDS,
    Api,
    Function,
    Location,
    Module,
    Other,
    Parameter,
)


class IntrospectionError(Exception):
    """A requested module cannot be introspected; str() is the one-line diagnostic."""

    def __init__(self, message: str, location: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location:
            return f"{self.location}: error: {self.message}"
        return f"pyhpp: error: {self.message}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


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


def _file_location(filename: Optional[str], line: int = 0) -> Optional[Location]:
    if not filename or filename.startswith("<"):
        return None
    return Location(relative_path(filename), line)


def _module_location(module: Any) -> Optional[Location]:
    return _file_location(getattr(module, "__file__", None))


# -- importing ----------------------------------------------------------------------------------


def _belongs_to(relative: str, module_name: str) -> bool:
    """Whether a sys.path-relative file is part of the top-level package of `module_name`."""
    top = module_name.split(".")[0]
    return relative == top + ".py" or relative.startswith(top + "/")


def _raise_location(module_name: str, exc: BaseException) -> str:
    """'file:line' of the innermost point in the module's own files where `exc` arose, or ''."""
    if isinstance(exc, SyntaxError) and exc.filename and exc.lineno:
        relative = relative_path(exc.filename)
        if _belongs_to(relative, module_name):
            return f"{relative}:{exc.lineno}"
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.startswith("<"):
            continue  # importlib's frozen bootstrap
        relative = relative_path(frame.filename)
        if _belongs_to(relative, module_name):
            return f"{relative}:{frame.lineno}"
    return ""


def _not_a_module_hint(name: str) -> str:
    parent_name, _, attribute = name.rpartition(".")
    parent = sys.modules.get(parent_name)
    if parent is None or not hasattr(parent, attribute):
        return ""
    kind = type(getattr(parent, attribute)).__name__
    return f" ({name!r} is a {kind} in module {parent_name!r}, not a module)"


def import_module(name: str) -> types.ModuleType:
    """Imports `name`, or raises IntrospectionError with a message a user can act on."""
    try:
        module = importlib.import_module(name)
    except (Exception, SystemExit) as exc:
        detail = _one_line(f"{type(exc).__name__}: {exc}")
        missing = getattr(exc, "name", None) if isinstance(exc, ImportError) else None
        if missing and (name == missing or name.startswith(missing + ".")):
            # The requested module itself (or its package) does not exist.
            message = f"cannot import module {name!r}: {detail}{_not_a_module_hint(name)}"
            raise IntrospectionError(message) from None
        location = _raise_location(name, exc)
        if location:
            raise IntrospectionError(f"importing {name!r} raised {detail}", location) from None
        raise IntrospectionError(f"cannot import module {name!r}: {detail}") from None
    if not isinstance(module, types.ModuleType):
        raise IntrospectionError(f"{name!r} is not a module but a {type(module).__name__}")
    return module


def _new_files(before: Set[str], requested: Sequence[types.ModuleType]) -> List[str]:
    modules = [sys.modules[name] for name in set(sys.modules) - before] + list(requested)
    files = set()
    for module in modules:
        filename = getattr(module, "__file__", None)
        if isinstance(filename, str) and os.path.isfile(filename):
            files.add(os.path.abspath(filename))
    return sorted(files)


# -- choosing names -----------------------------------------------------------------------------


def _imported_names(module: types.ModuleType) -> Set[str]:
    """Names bound by top-level import statements (also inside if/try/with) in the source."""
    filename = getattr(module, "__file__", None)
    if not isinstance(filename, str) or not filename.endswith(".py"):
        return set()
    try:
        with tokenize.open(filename) as source:
            tree = ast.parse(source.read(), filename)
    except (OSError, SyntaxError, ValueError):
        return set()
    names: Set[str] = set()
    pending: List[ast.stmt] = list(tree.body)
    while pending:
        statement = pending.pop()
        if isinstance(statement, ast.Import):
            names.update(alias.asname or alias.name.split(".")[0] for alias in statement.names)
        elif isinstance(statement, ast.ImportFrom):
            names.update(alias.asname or alias.name for alias in statement.names)
        elif not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for block in ("body", "orelse", "finalbody"):
                pending.extend(getattr(statement, block, None) or [])
            for handler in getattr(statement, "handlers", None) or []:
                pending.extend(handler.body)
    return names


def public_names(module: types.ModuleType, diagnostics: List[Diagnostic]) -> List[str]:
    """The names `module` exports, in order (see the module docstring)."""
    exported = getattr(module, "__all__", None)
    if exported is not None:
        names: List[str] = []
        location = _module_location(module)
        for name in exported:
            if not isinstance(name, str) or not hasattr(module, name):
                diagnostics.append({
                    "severity": "warning",
                    "location": str(location) if location else "",
                    "message": f"{module.__name__}.__all__ lists {name!r}, which the module "
                               "does not define",
                })
            elif name not in names:
                names.append(name)
        return names
    imported = _imported_names(module)
    names = []
    for name, obj in list(vars(module).items()):
        if name.startswith("_") or inspect.ismodule(obj):
            continue
        if inspect.isroutine(obj) or inspect.isclass(obj):
            if getattr(obj, "__module__", None) != module.__name__:
                continue
        elif name in imported:
            continue
        names.append(name)
    return names


# -- describing ---------------------------------------------------------------------------------


def _function_location(function: Any, module: types.ModuleType) -> Optional[Location]:
    code = getattr(function, "__code__", None)
    if isinstance(code, types.CodeType):
        filename = code.co_filename
        if filename.startswith("<frozen "):
            # Python 3.11+ freezes some of the stdlib (posixpath); __file__ names the source.
            owner = sys.modules.get(getattr(function, "__module__", None) or "")
            filename = getattr(owner, "__file__", None) or filename
        return _file_location(filename, code.co_firstlineno)
    # A C function: its module's file, line unknown.
    owner = sys.modules.get(getattr(function, "__module__", None) or "", module)
    return _module_location(owner)


def describe_function(
    name: str, function: Any, module: types.ModuleType
) -> Tuple[Function, List[Diagnostic]]:
    """A Function for the routine `function`, exported by `module` as `name`."""
    try:
        target = inspect.unwrap(function)
    except ValueError:  # a __wrapped__ cycle
        target = function
    location = _function_location(target, module)
    doc = inspect.getdoc(function) or ""
    try:
        signature = inspect.signature(function)
    except (ValueError, TypeError):
        return Function(name=name, location=location, doc=doc, signature_known=False), []
    globalns: Dict[str, Any] = getattr(target, "__globals__", None) or vars(module)
    where = str(location) if location else ""
    qualified = f"{module.__name__}.{name}"
    diagnostics: List[Diagnostic] = []
    parameters = []
    for parameter in signature.parameters.values():
        kind = parameter.kind.name.lower()
        assert kind in PARAMETER_KINDS, kind
        pytype, source, found = convert_annotation(
            parameter.annotation, globalns, where,
            f"parameter {parameter.name!r} of {qualified!r}")
        diagnostics.extend(found)
        parameters.append(Parameter(
            name=parameter.name,
            kind=kind,
            has_default=parameter.default is not inspect.Parameter.empty,
            type=pytype,
            type_source=source,
        ))
    returns, returns_source, found = convert_annotation(
        signature.return_annotation, globalns, where, f"return type of {qualified!r}")
    diagnostics.extend(found)
    return Function(
        name=name,
        location=location,
        doc=doc,
        parameters=tuple(parameters),
        returns=returns,
        returns_source=returns_source,
    ), diagnostics


def _class_location(cls: type) -> Optional[Location]:
    try:
        filename = inspect.getsourcefile(cls)
    except TypeError:  # a built-in class
        return None
    try:
        line = inspect.getsourcelines(cls)[1]
    except (OSError, TypeError):
        line = 0
    return _file_location(filename, line)


def describe_other(name: str, obj: Any, module: types.ModuleType) -> Other:
    """An Other for a public name that is not a routine."""
    if inspect.isclass(obj):
        return Other(name=name, kind="class", location=_class_location(obj))
    if inspect.ismodule(obj):
        return Other(name=name, kind="module", location=_module_location(obj))
    return Other(name=name, kind="variable", location=_module_location(module))


def describe_module(module: types.ModuleType) -> Tuple[Module, List[Diagnostic]]:
    """The Module for an imported module, and the diagnostics found on the way."""
    diagnostics: List[Diagnostic] = []
    functions: List[Function] = []
    others: List[Other] = []
    for name in public_names(module, diagnostics):
        obj = getattr(module, name)
        try:
            if inspect.isroutine(obj):
                function, found = describe_function(name, obj, module)
                functions.append(function)
                diagnostics.extend(found)
            else:
                others.append(describe_other(name, obj, module))
        except Exception as exc:  # one odd object must not stop the whole run
            diagnostics.append({
                "severity": "error",
                "location": "",
                "message": f"cannot introspect {module.__name__}.{name}: "
                           + _one_line(f"{type(exc).__name__}: {exc}"),
            })
    return Module(
        name=module.__name__,
        location=_module_location(module),
        doc=inspect.getdoc(module) or "",
        functions=tuple(functions),
        others=tuple(others),
    ), diagnostics


def introspect_modules(names: Sequence[str]) -> Tuple[Api, List[str], List[Diagnostic]]:
    """Imports `names` (duplicates dropped) and describes them.

    Returns the Api, the absolute paths of the files imported meanwhile (plus the requested
    modules' own files, even when they were already imported) and the diagnostics.
    Raises IntrospectionError at the first module that cannot be imported.
    """
    before = set(sys.modules)
    unique = list(dict.fromkeys(names))
    modules = [import_module(name) for name in unique]
    files = _new_files(before, modules)
    described: List[Module] = []
    diagnostics: List[Diagnostic] = []
    for module in modules:
        item, found = describe_module(module)
        described.append(item)
        diagnostics.extend(found)
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return Api(python_version=version, modules=tuple(described)), files, diagnostics
