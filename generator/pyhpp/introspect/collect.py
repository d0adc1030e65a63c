"""Imports the requested modules and describes their public API as IR (inside the target).

Standard library only, Python 3.8 compatible. Which names a module exports: `__all__` when it
has one (in its order), otherwise every public name a user reaches as `module.name`, in the
order the module binds them: functions and classes defined in the module or in another module
of the same package (re-exports: `from .environment import Template`), and other values unless
a top-level `import` brings them from another package. Functions and classes of other packages
(`from enum import Enum`) are listed as skipped, with the reason.

Each exported name becomes one of:
- a Function (routines, and callable objects such as numpy's ufuncs; functions.py), a Class
  (under the name it is exported as; classes.py);
- an Other: 'module', 'alias' (a typing construct such as `Vector = List[float]`, or a class of
  another package under another name, `Amount = int`), 'typevar' (TypeVar, ParamSpec,
  TypeVarTuple);
- a constant (Attribute) for every other value: typed only by the module's own annotation
  (Final[T] -> T), never from the value; readonly when Final or when the name is ALL_CAPS.
"""

from __future__ import annotations

import ast
import dataclasses
import fnmatch
import importlib
import importlib.util
import inspect
import os
import pkgutil
import sys
import traceback
import types
import typing
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from pyhpp.diagnostics import Diagnostic
from pyhpp.introspect.annotations import convert_member_annotation
from pyhpp.introspect.classes import describe_class
from pyhpp.introspect.from_stubs import StubTypes
from pyhpp.introspect.functions import describe_function
from pyhpp.introspect.structural import StructuralClasses
from pyhpp.introspect.locations import (
    assignment_lines,
    module_location,
    module_tree,
    relative_path,
    statements,
)
from pyhpp.introspect.typenames import class_qualname, special_form_name
from pyhpp.ir.model import (
    Api,
    Attribute,
    Class,
    Function,
    Location,
    Module,
    Other,
    Skipped,
)


class IntrospectionError(Exception):
    """A requested module cannot be introspected: `diagnostic` (an error) says why and where."""

    def __init__(self, message: str, location: Optional[Location] = None) -> None:
        self.diagnostic = Diagnostic("error", message, location)
        super().__init__(str(self.diagnostic))


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- importing ----------------------------------------------------------------------------------


def _belongs_to(relative: str, module_name: str) -> bool:
    """Whether a sys.path-relative file is part of the top-level package of `module_name`."""
    top = module_name.split(".")[0]
    return relative == top + ".py" or relative.startswith(top + "/")


def _raise_location(module_name: str, exc: BaseException) -> Optional[Location]:
    """The innermost point in the module's own files where `exc` arose, if any."""
    if isinstance(exc, SyntaxError) and exc.filename and exc.lineno:
        relative = relative_path(exc.filename)
        if _belongs_to(relative, module_name):
            return Location(relative, exc.lineno)
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.startswith("<"):
            continue  # importlib's frozen bootstrap
        relative = relative_path(frame.filename)
        if _belongs_to(relative, module_name):
            return Location(relative, frame.lineno or 0)
    return None


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


def new_files(before: Set[str], requested: Sequence[types.ModuleType]) -> List[str]:
    modules = [sys.modules[name] for name in set(sys.modules) - before] + list(requested)
    files = set()
    for module in modules:
        filename = getattr(module, "__file__", None)
        if isinstance(filename, str) and os.path.isfile(filename):
            files.add(os.path.abspath(filename))
    return sorted(files)


# -- choosing names -----------------------------------------------------------------------------


def _package(name: str) -> str:
    """The distribution-level package of a dotted module name: 'jinja2' for 'jinja2.nodes',
    and 'yaml' for its C part '_yaml' too."""
    top = name.split(".")[0]
    return top.lstrip("_") or top


def same_package(a: str, b: str) -> bool:
    return _package(a) == _package(b)


def _import_sources(module: types.ModuleType) -> Dict[str, str]:
    """Names bound by top-level import statements (also inside if/try/with) in the source, and
    the absolute name of the module each comes from ('' when it cannot be told)."""
    tree = module_tree(module)
    sources: Dict[str, str] = {}
    package = getattr(module, "__package__", None) or ""
    for statement in statements(tree.body if tree is not None else []):
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                sources[alias.asname or alias.name.split(".")[0]] = alias.name
        elif isinstance(statement, ast.ImportFrom):
            base = statement.module or ""
            if statement.level:
                try:
                    base = importlib.util.resolve_name("." * statement.level + base, package)
                except (ImportError, ValueError):
                    base = ""
            for alias in statement.names:
                sources[alias.asname or alias.name] = base
    return sources


def _is_callable_value(obj: Any) -> bool:
    """A callable that is neither a class nor a routine (a numpy ufunc, a functools.partial)."""
    try:
        return (callable(obj) and not inspect.isclass(obj) and not inspect.isroutine(obj)
                and not isinstance(obj, _TYPEVAR_CLASSES) and not _is_typing_construct(obj))
    except Exception:  # a proxy whose __class__ raises
        return False


def _defining_module(obj: Any) -> Optional[str]:
    home = getattr(obj, "__module__", None)
    return home if isinstance(home, str) else None


def public_names(module: types.ModuleType, diagnostics: List[Diagnostic]
                 ) -> Tuple[List[str], List[Skipped]]:
    """The names `module` exports, in order (see the module docstring), and the public names
    it binds that are not part of its API (imported from other packages), with the reason."""
    exported = getattr(module, "__all__", None)
    if isinstance(exported, (list, tuple)):
        names: List[str] = []
        location = module_location(module)
        for name in exported:
            if not isinstance(name, str) or not hasattr(module, name):
                diagnostics.append(Diagnostic(
                    "warning", f"{module.__name__}.__all__ lists {name!r}, which the module "
                               "does not define", location))
            elif name not in names:
                names.append(name)
        return names, []
    sources = _import_sources(module)
    tree = module_tree(module)
    assigned = assignment_lines(tree.body) if tree is not None else {}
    names = []
    skipped: List[Skipped] = []
    for name, obj in list(vars(module).items()):
        if name.startswith("_") or inspect.ismodule(obj):
            continue
        if name in sources:
            # Bound by an import: a re-export when it comes from the same package.
            origin = sources[name] or _defining_module(obj) or ""
            if not same_package(origin, module.__name__):
                if callable(obj):
                    skipped.append(Skipped(name, f"imported from {origin}, another package"))
                continue
        elif (inspect.isroutine(obj) or inspect.isclass(obj)) and name not in assigned:
            home = _defining_module(obj)
            if home is not None and not same_package(home, module.__name__):
                # Not bound by an assignment here either: a star import, or set by code.
                skipped.append(Skipped(name, f"defined in {home}, another package"))
                continue
        names.append(name)
    return names, skipped


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
    """An Other for a public name that is neither a routine, nor a class, nor a constant
    (a submodule, a typing construct, a type variable); None for constants."""
    if inspect.isclass(obj):  # `Amount = int`: a class of another package, by another name
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
        annotation, vars(module), location,
        f"type of {module.__name__ + '.' + name!r}")
    return Attribute(
        name=name,
        type=pytype,
        type_source=source,
        location=location,
        readonly="typing.Final" in qualifiers or name.isupper(),
    ), diagnostics


def function_identity(obj: Any) -> str:
    """'<module>.<qualname>' of a function when that name reaches the very object, else ''."""
    home = _defining_module(obj)
    qualname = getattr(obj, "__qualname__", None)
    if home is None or not isinstance(qualname, str) or "<" in qualname:
        return ""
    found: Any = sys.modules.get(home)
    for part in qualname.split("."):
        found = getattr(found, part, None) if found is not None else None
    return f"{home}.{qualname}" if found is obj else ""


def _describe(name: str, obj: Any, module: types.ModuleType, functions: List[Function],
              classes: List[Class], constants: List[Attribute], others: List[Other],
              skipped: List[Skipped]) -> List[Diagnostic]:
    """Describes one exported name into the list it belongs to; returns the diagnostics.

    A class of another package is wrapped when `__all__` lists it (os.DirEntry, from posix);
    bound by an assignment (`Amount = int`) it is a type alias, and a builtin class is never
    wrapped again (pyhpp maps builtin exceptions itself): both are listed as skipped."""
    if inspect.isroutine(obj) or _is_callable_value(obj):
        function, found = describe_function(name, obj, module)
        functions.append(dataclasses.replace(function, qualname=function_identity(obj)))
        return found
    if inspect.isclass(obj):
        home = _defining_module(obj) or ""
        listed = isinstance(getattr(module, "__all__", None), (list, tuple))
        if same_package(home, module.__name__) or (listed and home != "builtins"):
            item, found = describe_class(name, obj, module)
            classes.append(item)
            return found
        skipped.append(Skipped(name, f"an alias of {class_qualname(obj)}, a class of "
                                     f"{'the builtins' if home == 'builtins' else home}"))
    other = describe_other(name, obj, module)
    if other is not None:
        others.append(other)
        return []
    constant, found = describe_constant(name, module)
    constants.append(constant)
    return found


def describe_module(module: types.ModuleType, name: str = "") -> Tuple[Module, List[Diagnostic]]:
    """The Module for an imported module, named `name` (default: its __name__; `os.path` is
    posixpath's __name__ but the user asked for os.path), and the diagnostics found on the way."""
    name = name or module.__name__
    diagnostics: List[Diagnostic] = []
    functions: List[Function] = []
    classes: List[Class] = []
    constants: List[Attribute] = []
    others: List[Other] = []
    exported, skipped = public_names(module, diagnostics)
    for item_name in exported:
        obj = getattr(module, item_name)
        try:
            diagnostics.extend(_describe(item_name, obj, module, functions, classes,
                                         constants, others, skipped))
        except Exception as exc:  # one odd object must not stop the whole run
            reason = "introspection raised " + _one_line(f"{type(exc).__name__}: {exc}")
            location = module_location(module)
            diagnostics.append(Diagnostic(
                "warning", f"{name}.{item_name} is not wrapped: {reason}", location))
            skipped.append(Skipped(item_name, reason))
    return Module(
        name=name,
        location=module_location(module),
        doc=inspect.getdoc(module) or "",
        functions=tuple(functions),
        classes=tuple(classes),
        constants=tuple(constants),
        others=tuple(others),
        skipped=tuple(sorted(skipped, key=lambda item: item.name)),
    ), diagnostics


# -- whole packages -----------------------------------------------------------------------------

# Submodules a recursive run leaves out unless an include pattern names them: test suites.
DEFAULT_EXCLUDES = ("*.tests", "*.tests.*", "*.test", "*.test.*", "*.conftest", "*.__main__")


def _matches(name: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def submodule_names(package: types.ModuleType, includes: Sequence[str],
                    excludes: Sequence[str], diagnostics: List[Diagnostic]) -> List[str]:
    """The public submodules of a package, imported, in sorted order: every component public,
    not excluded (DEFAULT_EXCLUDES too, unless an include names it), and, when includes are
    given, matching one of them. A submodule that fails to import is a warning."""
    found: List[str] = []
    pending = [package]
    while pending:
        parent = pending.pop(0)
        path = getattr(parent, "__path__", None)
        if path is None:
            continue
        try:
            children = sorted(pkgutil.iter_modules(list(path), parent.__name__ + "."),
                              key=lambda info: info.name)
        except Exception:
            continue
        for info in children:
            name = info.name
            if any(part.startswith("_") for part in name.split(".")[1:]):
                continue
            if _matches(name, excludes) or (
                    _matches(name, DEFAULT_EXCLUDES) and not _matches(name, includes)):
                continue
            try:
                module = importlib.import_module(name)
            except (Exception, SystemExit) as exc:
                location = module_location(parent)
                diagnostics.append(Diagnostic(
                    "warning", f"submodule {name} is not wrapped: importing it raised "
                               + _one_line(f"{type(exc).__name__}: {exc}"), location))
                continue
            if not includes or _matches(name, includes):
                found.append(name)
            if info.ispkg:
                pending.append(module)
    return sorted(found)


def package_directories(modules: Iterable[types.ModuleType]) -> List[str]:
    """The directories of packages: a file added to one changes its time stamp, so a depfile
    that lists them regenerates a recursive run when a submodule appears."""
    found = set()
    for module in modules:
        for entry in getattr(module, "__path__", None) or []:
            if isinstance(entry, str) and os.path.isdir(entry):
                found.add(os.path.abspath(entry))
    return sorted(found)


def module_names(names: Sequence[str], recursive: bool = False, includes: Sequence[str] = (),
                 excludes: Sequence[str] = (), diagnostics: Optional[List[Diagnostic]] = None
                 ) -> List[Tuple[str, types.ModuleType]]:
    """Imports the requested modules (and, when recursive, their public submodules) and returns
    (name, module) pairs, each requested module followed by its submodules.
    Raises IntrospectionError at the first requested module that cannot be imported."""
    found: List[Tuple[str, types.ModuleType]] = []
    seen: Set[str] = set()
    for name in dict.fromkeys(names):
        module = import_module(name)
        if name not in seen:
            seen.add(name)
            found.append((name, module))
        if recursive:
            for sub in submodule_names(module, includes, excludes,
                                       diagnostics if diagnostics is not None else []):
                if sub not in seen:
                    seen.add(sub)
                    found.append((sub, sys.modules[sub]))
    return found


def introspect_modules(names: Sequence[str], recursive: bool = False,
                       includes: Sequence[str] = (), excludes: Sequence[str] = (),
                       stubs: Optional[StubTypes] = None
                       ) -> Tuple[Api, List[str], List[Diagnostic]]:
    """Imports `names` (duplicates dropped; with `recursive`, their public submodules too) and
    describes them.

    Returns the Api, the absolute paths of the files imported meanwhile (plus the modules' own
    files, even when they were already imported, and the stub files read) and the diagnostics.
    With `stubs`, what the runtime leaves untyped takes the types of the modules' stubs.
    Raises IntrospectionError at the first requested module that cannot be imported.
    """
    before = set(sys.modules)
    diagnostics: List[Diagnostic] = []
    modules = module_names(names, recursive, includes, excludes, diagnostics)
    files = new_files(before, [module for _, module in modules])
    if recursive:
        files = sorted(set(files) | set(package_directories(m for _, m in modules)))
    described: List[Module] = []
    for name, module in modules:
        item, found = describe_module(module, name)
        diagnostics.extend(found)
        if stubs is not None:
            item = stubs.apply(item, module)
        described.append(item)
    if stubs is not None:
        described = StructuralClasses(stubs).run(described)
        diagnostics.extend(stubs.finder.errors + stubs.diagnostics)
        files = sorted(set(files) | set(stubs.finder.files))
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return Api(python_version=version, modules=tuple(described)), files, diagnostics
