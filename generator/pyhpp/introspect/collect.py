"""Imports the requested modules and describes their public API as IR (inside the target).

Standard library only, Python 3.8 compatible. Which names a module exports: `__all__` when it
has one (in its order), otherwise its public names defined in the module itself: functions and
classes whose `__module__` is the module, and other values not bound by a top-level `import`.

Each exported name becomes one of:
- a Function (routines; functions.py), a Class (classes exported under their own name;
  classes.py);
- an Other: 'module', 'alias' (a class exported under another name, or a typing construct such
  as `Vector = List[float]`), 'typevar' (TypeVar, ParamSpec, TypeVarTuple);
- a constant (Attribute) for every other value: typed only by the module's own annotation
  (Final[T] -> T), never from the value; readonly when Final or when the name is ALL_CAPS.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import sys
import traceback
import types
import typing
from typing import Any, List, Optional, Sequence, Set, Tuple

from pyhpp.introspect.annotations import Diagnostic, convert_member_annotation
from pyhpp.introspect.classes import describe_class
from pyhpp.introspect.functions import describe_function
from pyhpp.introspect.locations import (
    assignment_lines,
    module_location,
    module_tree,
    relative_path,
    statements,
)
from pyhpp.introspect.typenames import special_form_name
from pyhpp.ir.model import Api, Attribute, Class, Function, Location, Module, Other


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
    tree = module_tree(module)
    names: Set[str] = set()
    for statement in statements(tree.body if tree is not None else []):
        if isinstance(statement, ast.Import):
            names.update(alias.asname or alias.name.split(".")[0] for alias in statement.names)
        elif isinstance(statement, ast.ImportFrom):
            names.update(alias.asname or alias.name for alias in statement.names)
    return names


def public_names(module: types.ModuleType, diagnostics: List[Diagnostic]) -> List[str]:
    """The names `module` exports, in order (see the module docstring)."""
    exported = getattr(module, "__all__", None)
    if exported is not None:
        names: List[str] = []
        location = module_location(module)
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

_TYPEVAR_CLASSES = tuple(getattr(typing, name) for name in ("TypeVar", "ParamSpec", "TypeVarTuple")
                         if isinstance(getattr(typing, name, None), type))
_ALIAS_CLASSES = tuple(cls for cls in (getattr(types, "GenericAlias", None),
                                       getattr(types, "UnionType", None)) if cls is not None)


def _is_typing_construct(obj: Any) -> bool:
    """Whether a module-level value is a type alias: a generic alias, union, special form..."""
    if isinstance(obj, _ALIAS_CLASSES) or special_form_name(obj) is not None:
        return True
    if type(obj).__module__ == "typing":  # _GenericAlias, NewType (3.10+), TypeAliasType...
        return True
    return hasattr(obj, "__supertype__") or typing.get_origin(obj) is not None


def _value_location(name: str, module: types.ModuleType) -> Optional[Location]:
    tree = module_tree(module)
    line = assignment_lines(tree.body).get(name, 0) if tree is not None else 0
    return module_location(module, line)


def describe_other(name: str, obj: Any, module: types.ModuleType) -> Optional[Other]:
    """An Other for a public name that is neither a routine, nor a class exported under its
    own name, nor a constant; None for constants."""
    if inspect.isclass(obj):
        return Other(name=name, kind="alias", location=_value_location(name, module))
    if inspect.ismodule(obj):
        return Other(name=name, kind="module", location=module_location(obj))
    if isinstance(obj, _TYPEVAR_CLASSES):
        return Other(name=name, kind="typevar", location=_value_location(name, module))
    if _is_typing_construct(obj):
        return Other(name=name, kind="alias", location=_value_location(name, module))
    return None


def describe_constant(name: str, module: types.ModuleType) -> Tuple[Attribute, List[Diagnostic]]:
    """An Attribute for a module-level variable; its type comes only from an annotation."""
    location = _value_location(name, module)
    annotations = vars(module).get("__annotations__")
    annotation = annotations.get(name, inspect.Parameter.empty) \
        if isinstance(annotations, dict) else inspect.Parameter.empty
    pytype, source, qualifiers, diagnostics = convert_member_annotation(
        annotation, vars(module), str(location) if location else "",
        f"type of {module.__name__ + '.' + name!r}")
    return Attribute(
        name=name,
        type=pytype,
        type_source=source,
        location=location,
        readonly="typing.Final" in qualifiers or name.isupper(),
    ), diagnostics


def _describe(name: str, obj: Any, module: types.ModuleType, functions: List[Function],
              classes: List[Class], constants: List[Attribute], others: List[Other]
              ) -> List[Diagnostic]:
    """Describes one exported name into the list it belongs to; returns the diagnostics."""
    if inspect.isroutine(obj):
        function, found = describe_function(name, obj, module)
        functions.append(function)
        return found
    if inspect.isclass(obj) and obj.__name__ == name:
        item, found = describe_class(name, obj, module)
        classes.append(item)
        return found
    other = describe_other(name, obj, module)
    if other is not None:
        others.append(other)
        return []
    constant, found = describe_constant(name, module)
    constants.append(constant)
    return found


def describe_module(module: types.ModuleType) -> Tuple[Module, List[Diagnostic]]:
    """The Module for an imported module, and the diagnostics found on the way."""
    diagnostics: List[Diagnostic] = []
    functions: List[Function] = []
    classes: List[Class] = []
    constants: List[Attribute] = []
    others: List[Other] = []
    for name in public_names(module, diagnostics):
        obj = getattr(module, name)
        try:
            diagnostics.extend(
                _describe(name, obj, module, functions, classes, constants, others))
        except Exception as exc:  # one odd object must not stop the whole run
            diagnostics.append({
                "severity": "error",
                "location": "",
                "message": f"cannot introspect {module.__name__}.{name}: "
                           + _one_line(f"{type(exc).__name__}: {exc}"),
            })
    return Module(
        name=module.__name__,
        location=module_location(module),
        doc=inspect.getdoc(module) or "",
        functions=tuple(functions),
        classes=tuple(classes),
        constants=tuple(constants),
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
