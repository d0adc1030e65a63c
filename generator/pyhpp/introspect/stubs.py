"""Type stubs: finds, parses and reads `.pyi` files, never importing or executing them.

Runs inside the target interpreter: standard library only, Python 3.8 compatible.

Where the stub of a module is looked for, first found wins (PEP 561 order, with the user's
directories first):
1. the user's stub directories (`--stubs DIR`): DIR/a/b.pyi, DIR/a/b/__init__.pyi, or the same
   under DIR/a-stubs/;
2. a `.pyi` next to the module's own file (inline stubs of a `py.typed` package, or of a
   compiled extension);
3. a `<package>-stubs` directory on the target's sys.path, then in the extra stub directories
   the generator passes (typeshed's third-party stubs);
4. typeshed's standard-library stubs, for the modules its VERSIONS file lists for the target's
   Python version.

Stubs are read with `ast`. `sys.version_info` and `sys.platform` conditions are evaluated for
the target interpreter; names are followed across stub modules (`from _typeshed import
StrPath`, `from os import PathLike`, `import x as x`, `from m import *`). A name that names a
class the target can import resolves to that class, so a type from a stub is the type a runtime
annotation would give; aliases are expanded; TypeVars keep their bounds.
"""

from __future__ import annotations

import ast
import dataclasses
import os
import sys
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

from pyhpp.diagnostics import Diagnostic
from pyhpp.introspect.annotations import _Converter, dotted_parts
from pyhpp.introspect.locations import relative_path
from pyhpp.introspect.typenames import INDEX, annotation_text
from pyhpp.ir.model import (
    Location,
    NamedType,
    PyType,
    TypeSource,
    TypeVarType,
    UnresolvedType,
)

# Modules whose stubs describe the typing machinery itself: their names resolve to the runtime
# objects when the target has them (typing_extensions falls back to typing).
_TYPING_MODULES = ("typing", "typing_extensions", "_typeshed", "collections.abc")
_TYPE_ALIAS_NAMES = ("TypeAlias", "typing.TypeAlias", "typing_extensions.TypeAlias")
_TYPEVAR_CALLS = ("TypeVar", "ParamSpec", "TypeVarTuple")
_PROPERTY_DECORATORS = ("property", "cached_property", "functools.cached_property",
                        "abc.abstractproperty")


class StubFunction:
    """One `def` of a stub (one variant of an @overload set)."""

    def __init__(self, node: ast.FunctionDef, stub: "StubModule") -> None:
        self.node = node
        self.stub = stub
        self.decorators = [dotted_name(d) for d in node.decorator_list]
        # A method reached through an instance (`shuffle = _inst.shuffle`): its first parameter
        # is bound.
        self.bound = False

    @property
    def is_overload(self) -> bool:
        return any(d in ("overload", "typing.overload", "typing_extensions.overload")
                   for d in self.decorators)

    @property
    def is_property(self) -> bool:
        return any(d in _PROPERTY_DECORATORS for d in self.decorators)

    @property
    def binding(self) -> str:
        if "staticmethod" in self.decorators:
            return "staticmethod"
        if "classmethod" in self.decorators:
            return "classmethod"
        return "method"

    def location(self) -> Location:
        return Location(self.stub.display, self.node.lineno)


class StubClass:
    """A class of a stub: its members (the last binding of each name wins, @overload defs
    gather) and its base expressions."""

    def __init__(self, node: ast.ClassDef, stub: "StubModule", qualname: str) -> None:
        self.node = node
        self.stub = stub
        self.qualname = qualname  # '<stub module>.<Class>'
        self.functions: Dict[str, List[StubFunction]] = {}
        self.attributes: Dict[str, ast.AnnAssign] = {}
        self.classes: Dict[str, StubClass] = {}
        for statement in stub.reachable(node.body):
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                _add_function(self.functions, StubFunction(statement, stub))  # type: ignore
            elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                self.attributes[statement.target.id] = statement
            elif isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                    and isinstance(statement.targets[0], ast.Name) \
                    and isinstance(statement.value, ast.Name) \
                    and statement.value.id in self.functions:
                # Another name of a method (`fatal = critical` of logging.Logger).
                self.functions[statement.targets[0].id] = self.functions[statement.value.id]
            elif isinstance(statement, ast.ClassDef):
                self.classes[statement.name] = StubClass(statement, stub,
                                                         f"{qualname}.{statement.name}")


def _add_function(table: Dict[str, List[StubFunction]], function: StubFunction) -> None:
    name = function.node.name
    existing = table.get(name, [])
    if function.is_overload and all(f.is_overload for f in existing):
        table[name] = existing + [function]
    elif existing and all(f.is_overload for f in existing) and not function.is_property:
        pass  # the implementation after @overload variants adds nothing a stub states
    elif (existing and function.is_property is False and existing[0].is_property
          and any(d.endswith((".setter", ".deleter")) for d in function.decorators)):
        pass  # @x.setter / @x.deleter of a property
    else:
        table[name] = [function]


def dotted_name(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    parts: List[str] = []
    while isinstance(node, ast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.insert(0, node.id)
        return ".".join(parts)
    return ""


class StubModule:
    """One parsed stub file: what each top-level name is bound to, after evaluating the
    version and platform conditions for the target."""

    def __init__(self, name: str, path: str, display: str, is_package: bool,
                 source: str) -> None:
        self.name = name
        self.path = path
        self.display = display  # the file as diagnostics name it (no absolute path)
        self.is_package = is_package
        self.source = source
        self.lines = source.splitlines(keepends=True)
        tree = ast.parse(source, filename=display, type_comments=False)
        self.functions: Dict[str, List[StubFunction]] = {}
        self.classes: Dict[str, StubClass] = {}
        self.aliases: Dict[str, ast.expr] = {}
        self.typevars: Dict[str, ast.Call] = {}
        self.variables: Dict[str, ast.AnnAssign] = {}
        self.imports: Dict[str, Tuple[str, Optional[str]]] = {}  # name -> (module, attribute)
        # name -> (variable, attribute): a method of a module-level instance
        # (`_inst: Random` ... `shuffle = _inst.shuffle`).
        self.bound_methods: Dict[str, Tuple[str, str]] = {}
        self.star_imports: List[str] = []
        for statement in self.reachable(tree.body):
            self._bind(statement)

    def reachable(self, body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
        """The statements of `body` that apply to the target, `if` blocks flattened."""
        for statement in body:
            if isinstance(statement, ast.If):
                verdict = evaluate_condition(statement.test)
                if verdict is not False:
                    yield from self.reachable(statement.body)
                if verdict is not True:
                    yield from self.reachable(statement.orelse)
            elif isinstance(statement, ast.Try):
                yield from self.reachable(statement.body)
            else:
                yield statement

    def _forget(self, name: str) -> None:
        for table in (self.functions, self.classes, self.aliases, self.typevars,
                      self.variables, self.imports, self.bound_methods):
            table.pop(name, None)  # type: ignore[attr-defined]

    def _bind(self, statement: ast.stmt) -> None:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if statement.name not in self.functions:
                self._forget(statement.name)
            _add_function(self.functions, StubFunction(statement, self))  # type: ignore
        elif isinstance(statement, ast.ClassDef):
            self._forget(statement.name)
            self.classes[statement.name] = StubClass(statement, self,
                                                     f"{self.name}.{statement.name}")
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            name = statement.target.id
            self._forget(name)
            if dotted_name(statement.annotation) in _TYPE_ALIAS_NAMES and statement.value is not None:
                self.aliases[name] = statement.value
            else:
                self.variables[name] = statement
        elif isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                and isinstance(statement.targets[0], ast.Name):
            name = statement.targets[0].id
            value = statement.value
            self._forget(name)
            if isinstance(value, ast.Call) and dotted_name(value.func).split(".")[-1] in _TYPEVAR_CALLS:
                self.typevars[name] = value
            elif isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) \
                    and value.value.id in self.variables:
                self.bound_methods[name] = (value.value.id, value.attr)
            elif _looks_like_type(value):
                self.aliases[name] = value
        elif isinstance(statement, ast.ImportFrom):
            base = self._absolute(statement.module or "", statement.level)
            for alias in statement.names:
                if alias.name == "*":
                    self.star_imports.append(base)
                else:
                    self._forget(alias.asname or alias.name)
                    self.imports[alias.asname or alias.name] = (base, alias.name)
        elif isinstance(statement, ast.Import):
            for alias in statement.names:
                if alias.asname:
                    self._forget(alias.asname)
                    self.imports[alias.asname] = (alias.name, None)
                else:
                    top = alias.name.split(".")[0]
                    self._forget(top)
                    self.imports[top] = (top, None)

    def _absolute(self, module: str, level: int) -> str:
        if not level:
            return module
        package = self.name if self.is_package else self.name.rpartition(".")[0]
        parts = package.split(".")
        if level > 1:
            parts = parts[: len(parts) - (level - 1)]
        return ".".join([p for p in parts if p] + ([module] if module else []))

    def line_of(self, node: ast.AST) -> Location:
        return Location(self.display, getattr(node, "lineno", 0))

    def segment(self, node: ast.AST) -> Optional[str]:
        """ast.get_source_segment without splitting the whole file at every call (stubs such as
        numpy's are thousands of lines)."""
        first, last = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        start, end = getattr(node, "col_offset", None), getattr(node, "end_col_offset", None)
        if first is None or last is None or start is None or end is None \
                or last > len(self.lines):
            return None
        lines = [line.encode("utf-8") for line in self.lines[first - 1:last]]
        if first == last:
            return lines[0][start:end].decode("utf-8", "replace")
        lines[0], lines[-1] = lines[0][start:], lines[-1][:end]
        return b"".join(lines).decode("utf-8", "replace")

    def text_of(self, node: ast.AST) -> str:
        segment = self.segment(node) or ""
        return annotation_text(" ".join(segment.split())) if segment else ""


def _looks_like_type(node: ast.expr) -> bool:
    """Whether a plain assignment's value is a type expression (an alias), not a value."""
    if isinstance(node, (ast.Name, ast.Attribute)):
        return True
    if isinstance(node, ast.Subscript):
        return isinstance(node.value, (ast.Name, ast.Attribute))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _looks_like_type(node.left) and _looks_like_type(node.right)
    return False


# -- conditions -----------------------------------------------------------------------------------


def evaluate_condition(test: ast.expr) -> Optional[bool]:
    """The value of a stub's `if` test for the target (True/False), or None when it is not a
    `sys.version_info` / `sys.platform` comparison pyhpp can evaluate."""
    if isinstance(test, ast.BoolOp):
        values = [evaluate_condition(v) for v in test.values]
        if isinstance(test.op, ast.And):
            if False in values:
                return False
            return None if None in values else True
        if True in values:
            return True
        return None if None in values else False
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = evaluate_condition(test.operand)
        return None if inner is None else not inner
    if not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return None
    left, op, right = test.left, test.ops[0], test.comparators[0]
    subject = dotted_name(left) if not isinstance(left, ast.Subscript) else ""
    if isinstance(left, ast.Subscript) and dotted_name(left.value) == "sys.version_info":
        index: Any = left.slice
        if INDEX is not None and isinstance(index, INDEX):
            index = index.value
        if isinstance(index, ast.Constant) and isinstance(index.value, int):
            actual: Any = sys.version_info[index.value]
        else:
            return None
    elif subject == "sys.version_info":
        actual = tuple(sys.version_info)
    elif subject == "sys.platform":
        actual = sys.platform
    else:
        return None
    try:
        expected = ast.literal_eval(right)
    except ValueError:
        return None
    if isinstance(expected, tuple) and isinstance(actual, tuple):
        actual = actual[: len(expected)]
    operations: Dict[type, Any] = {
        ast.Lt: lambda a, b: a < b, ast.LtE: lambda a, b: a <= b,
        ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b,
        ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b,
    }
    if type(op) not in operations:
        return None
    try:
        return bool(operations[type(op)](actual, expected))
    except TypeError:
        return None


# -- finding stubs --------------------------------------------------------------------------------


def _versions(stdlib: str) -> Dict[str, Tuple[Tuple[int, int], Optional[Tuple[int, int]]]]:
    """typeshed's stdlib/VERSIONS: module -> (first, last or None) Python versions."""
    found: Dict[str, Tuple[Tuple[int, int], Optional[Tuple[int, int]]]] = {}
    try:
        with open(os.path.join(stdlib, "VERSIONS"), encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return found
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        module, _, span = line.partition(":")
        first, _, last = span.strip().partition("-")
        try:
            low = tuple(int(x) for x in first.split("."))
            high = tuple(int(x) for x in last.split(".")) if last else None
        except ValueError:
            continue
        found[module.strip()] = (low, high)  # type: ignore[assignment]
    return found


class StubFinder:
    """Finds and parses the stubs of modules, each file once."""

    def __init__(self, user_dirs: Sequence[str] = (), stub_paths: Sequence[str] = (),
                 typeshed: Optional[str] = None) -> None:
        self.user_dirs = [os.path.abspath(d) for d in user_dirs]
        self.stub_paths = [os.path.abspath(d) for d in stub_paths]
        self.typeshed = os.path.abspath(typeshed) if typeshed else None
        self.versions = _versions(self.typeshed) if self.typeshed else {}
        self.modules: Dict[str, Optional[StubModule]] = {}
        self.files: List[str] = []  # every stub file read, for the depfile
        self.errors: List[Diagnostic] = []

    def module(self, name: str) -> Optional[StubModule]:
        if name in self.modules:
            return self.modules[name]
        self.modules[name] = None  # a cycle of star imports finds nothing
        found = self._find(name)
        stub = None
        if found is not None:
            path, display = found
            try:
                with open(path, encoding="utf-8") as f:
                    source = f.read()
                stub = StubModule(name, path, display, os.path.basename(path) == "__init__.pyi",
                                  source)
                self.files.append(path)
            except (OSError, SyntaxError, ValueError) as exc:
                self.errors.append(Diagnostic(
                    "warning", f"the stub of {name} cannot be read "
                               f"({type(exc).__name__}: {exc}); it is ignored",
                    Location(display)))
        self.modules[name] = stub
        return stub

    def _find(self, name: str) -> Optional[Tuple[str, str]]:
        parts = name.split(".")
        for root in self.user_dirs:
            found = _in_root(root, parts, "") or _in_root(root, parts, "-stubs")
            if found:
                return found, _display(os.path.basename(root), found, root)
        filename = getattr(sys.modules.get(name), "__file__", None)
        if isinstance(filename, str):
            # foo.py, foo.cpython-311-x86_64-linux-gnu.so, __init__.py: foo.pyi, __init__.pyi
            directory, base = os.path.split(filename)
            candidate = os.path.join(directory, base.split(".")[0] + ".pyi")
            if os.path.isfile(candidate):
                return candidate, relative_path(candidate)
        parent, _, last = name.rpartition(".")
        for directory in getattr(sys.modules.get(parent), "__path__", None) or [] if parent else []:
            # A stub-only submodule of an imported package (its _types.pyi).
            found = _in_root(directory, [last], "")
            if found:
                return found, relative_path(found)
        for root in [p for p in sys.path if isinstance(p, str) and p] + self.stub_paths:
            found = _in_root(root, parts, "-stubs")
            if found:
                return found, _display("", found, root)
        if self.typeshed and self._in_versions(name):
            found = _in_root(self.typeshed, parts, "")
            if found:
                return found, _display("typeshed/stdlib", found, self.typeshed)
        return None

    def _in_versions(self, name: str) -> bool:
        parts = name.split(".")
        for end in range(len(parts), 0, -1):
            span = self.versions.get(".".join(parts[:end]))
            if span is not None:
                low, high = span
                version = tuple(sys.version_info[:2])
                return version >= low and (high is None or version <= high)
        return False


def _in_root(root: str, parts: List[str], suffix: str) -> Optional[str]:
    """ROOT/a/b.pyi or ROOT/a/b/__init__.pyi (ROOT/a<suffix>/... with a suffix), if a file."""
    top = os.path.join(root, parts[0] + suffix)
    if suffix and not os.path.isdir(top):
        return None
    path = os.path.join(top, *parts[1:])
    for candidate in (path + ".pyi", os.path.join(path, "__init__.pyi")):
        if os.path.isfile(candidate):
            return candidate
    return None


def _display(prefix: str, path: str, root: str) -> str:
    relative = os.path.relpath(path, root).replace(os.sep, "/")
    return f"{prefix}/{relative}" if prefix else relative


# -- resolving names ------------------------------------------------------------------------------


class StubClassRef:
    """A class a stub names that the target does not have at run time (a Protocol of
    _typeshed, a class the running version lacks): named by its stub qualname."""

    def __init__(self, qualname: str, stub_class: Optional[StubClass]) -> None:
        self.qualname = qualname
        self.stub_class = stub_class


class StubAliasRef:
    def __init__(self, name: str, node: ast.expr, stub: StubModule) -> None:
        self.name = name
        self.node = node
        self.stub = stub


class StubTypeVarRef:
    def __init__(self, name: str, call: ast.Call, stub: StubModule) -> None:
        self.name = name
        self.call = call
        self.stub = stub


_NOT_FOUND = object()


class StubResolver:
    """Resolves names in stub modules to run-time objects or stub references."""

    def __init__(self, finder: StubFinder) -> None:
        self.finder = finder

    def lookup(self, stub: StubModule, name: str, depth: int = 0) -> Any:
        """What `name` means at the top level of `stub` (_NOT_FOUND when nothing)."""
        if depth > 24:
            return _NOT_FOUND
        if name in stub.classes:
            return self._class(stub.name, name, stub.classes[name])
        if name in stub.aliases:
            return StubAliasRef(f"{stub.name}.{name}", stub.aliases[name], stub)
        if name in stub.typevars:
            return StubTypeVarRef(name, stub.typevars[name], stub)
        if name in stub.imports:
            module, attribute = stub.imports[name]
            return self.import_target(module, attribute, depth + 1)
        if name in stub.functions or name in stub.variables:
            return self._runtime(stub.name, name)
        for module in stub.star_imports:
            other = self.finder.module(module)
            if other is not None and not name.startswith("_"):
                found = self.lookup(other, name, depth + 1)
                if found is not _NOT_FOUND:
                    return found
        return _NOT_FOUND

    def find_class(self, stub: StubModule, name: str, depth: int = 0) -> Optional[StubClass]:
        """The stub class `name` names at the top level of `stub`, through imports, whether
        or not the target has the class at run time."""
        if name in stub.classes:
            return stub.classes[name]
        if depth > 24:
            return None
        alias = stub.aliases.get(name)
        if isinstance(alias, ast.Name):
            # `blake2b = _BlakeHash`: another name of a class.
            return self.find_class(stub, alias.id, depth + 1)
        if name in stub.imports:
            module, attribute = stub.imports[name]
            other = self.finder.module(module)
            return self.find_class(other, attribute, depth + 1) \
                if other is not None and attribute is not None else None
        for module in stub.star_imports:
            other = self.finder.module(module)
            found = self.find_class(other, name, depth + 1) \
                if other is not None and not name.startswith("_") else None
            if found is not None:
                return found
        return None

    def import_target(self, module: str, attribute: Optional[str], depth: int = 0) -> Any:
        if attribute is None:
            return _ModuleRef(module)
        other = self.finder.module(module)
        if other is not None:
            found = self.lookup(other, attribute, depth)
            if found is not _NOT_FOUND:
                return found
        if self.finder.module(f"{module}.{attribute}") is not None:
            return _ModuleRef(f"{module}.{attribute}")
        return self._runtime(module, attribute)

    def _class(self, module: str, name: str, stub_class: StubClass) -> Any:
        runtime = self._runtime(module, name)
        if isinstance(runtime, type) or (runtime is not _NOT_FOUND
                                         and module in _TYPING_MODULES):
            return runtime
        return StubClassRef(f"{module}.{name}", stub_class)

    def _runtime(self, module: str, name: str) -> Any:
        """The object the target has under module.name, when the module is already imported
        (typing_extensions' names fall back to typing's)."""
        for candidate in ([module, "typing"] if module in ("typing_extensions", "_typeshed")
                          else [module]):
            found = sys.modules.get(candidate)
            if found is not None and hasattr(found, name):
                return getattr(found, name)
        return _NOT_FOUND

    def member(self, obj: Any, attribute: str) -> Any:
        """obj.attribute, for a module reference or a class."""
        if isinstance(obj, _ModuleRef):
            stub = self.finder.module(obj.name)
            if stub is not None:
                found = self.lookup(stub, attribute)
                if found is not _NOT_FOUND:
                    return found
            return self.import_target(obj.name, attribute)
        if isinstance(obj, StubClassRef) and obj.stub_class is not None:
            inner = obj.stub_class.classes.get(attribute)
            if inner is not None:
                return StubClassRef(inner.qualname, inner)
        if isinstance(obj, type):
            return getattr(obj, attribute, _NOT_FOUND)
        return _NOT_FOUND


class _ModuleRef:
    def __init__(self, name: str) -> None:
        self.name = name


class StubConverter(_Converter):
    """Converts annotation nodes of a stub to PyType trees, with the names of the stub."""

    def __init__(self, resolver: StubResolver, stub: StubModule, context: str,
                 self_type: str = "", scope: Optional[StubClass] = None,
                 self_vars: Sequence[str] = ()) -> None:
        super().__init__({"__name__": stub.name}, None, context, self_type)
        self.resolver = resolver
        self.stub = stub
        self.scope = scope
        self.active: List[str] = []  # aliases being expanded
        # TypeVars that stand for the class (`def f(self: _S) -> _S`, typeshed's older
        # `_typeshed.Self`): they are `self_type`.
        self.self_vars = tuple(self_vars)

    def unresolved(self, text: str, reason: str) -> UnresolvedType:
        """A name a stub uses that pyhpp cannot follow: a note (the user cannot change the
        stub, and STRICT should not fail on it), the type pyhpp::object."""
        found = super().unresolved(text, reason)
        self.diagnostics[-1] = dataclasses.replace(self.diagnostics[-1], severity="note")
        return found

    def segment(self, source: str, node: ast.AST) -> Optional[str]:
        text = self.stub.segment(node) if source is self.stub.source \
            else super().segment(source, node)
        return " ".join(text.split()) if text else text  # one line, as messages show it

    def convert(self, node: ast.expr) -> PyType:
        self.location = self.stub.line_of(node)
        return self.from_node(node, self.stub.source)

    def resolve(self, node: ast.AST) -> Tuple[Any, str]:
        head, attributes = dotted_parts(node)
        if head is None:
            return None, "only dotted names can be looked up"
        node = head
        obj: Any = _NOT_FOUND
        if self.scope is not None and node.id in self.scope.classes:
            inner = self.scope.classes[node.id]
            obj = StubClassRef(inner.qualname, inner)
        if obj is _NOT_FOUND:
            obj = self.resolver.lookup(self.stub, node.id)
        if obj is _NOT_FOUND and self.stub.name != "builtins":
            builtins_stub = self.resolver.finder.module("builtins")
            if builtins_stub is not None:
                obj = self.resolver.lookup(builtins_stub, node.id)
        if obj is _NOT_FOUND:
            import builtins
            obj = getattr(builtins, node.id, _NOT_FOUND)
        if obj is _NOT_FOUND:
            return None, f"name {node.id!r} is not defined in the stub {self.stub.display}"
        dotted = node.id
        for attribute in attributes:
            obj = self.resolver.member(obj, attribute)
            dotted += "." + attribute
            if obj is _NOT_FOUND:
                return None, f"{dotted!r} is not defined in the stubs"
        if isinstance(obj, _ModuleRef):
            return None, f"{dotted!r} is a module, not a type"
        return obj, ""

    def from_object(self, obj: Any, text: Optional[str] = None) -> PyType:
        if isinstance(obj, StubClassRef):
            if obj.qualname in ("typing_extensions.Self", "typing.Self", "_typeshed.Self") \
                    and self.self_type:
                return NamedType(self.self_type)
            return NamedType(obj.qualname)
        if isinstance(obj, StubAliasRef):
            return self.expand(obj, text)
        if isinstance(obj, StubTypeVarRef):
            return self.typevar(obj)
        return super().from_object(obj, text)

    def from_subscript(self, node: ast.Subscript, source: str, text: str) -> PyType:
        base, error = (self.resolve(node.value) if isinstance(node.value, (ast.Name, ast.Attribute))
                       else (None, ""))
        if isinstance(base, StubClassRef):
            index: ast.AST = node.slice
            if INDEX is not None and isinstance(index, INDEX):
                index = index.value  # type: ignore[attr-defined]
            items = list(index.elts) if isinstance(index, ast.Tuple) else [index]
            return NamedType(base.qualname, tuple(self.from_node(i, source) for i in items))
        if isinstance(base, StubAliasRef):
            return self.expand(base, text)  # a generic alias: its parameters stay TypeVars
        return super().from_subscript(node, source, text)

    def expand(self, alias: StubAliasRef, text: Optional[str]) -> PyType:
        if alias.name in self.active:
            return self.recursive(text or alias.name)
        if len(self.active) >= 24:
            return self.unresolved(text or alias.name, "type aliases nest too deeply")
        self.active.append(alias.name)
        saved = self.stub, self.scope
        self.stub, self.scope = alias.stub, None
        try:
            return self.from_node(alias.node, alias.stub.source)
        finally:
            self.stub, self.scope = saved
            self.active.pop()

    def typevar(self, ref: StubTypeVarRef) -> PyType:
        if self.self_type and (ref.name in self.self_vars
                               or (ref.stub.name == "_typeshed" and ref.name == "Self")):
            return NamedType(self.self_type)
        bound: Optional[PyType] = None
        constraints: List[PyType] = []
        saved = self.stub, self.scope
        self.stub, self.scope = ref.stub, None
        try:
            for keyword in ref.call.keywords:
                if keyword.arg == "bound":
                    bound = self.from_node(keyword.value, ref.stub.source)
            for argument in ref.call.args[1:]:
                constraints.append(self.from_node(argument, ref.stub.source))
        finally:
            self.stub, self.scope = saved
        return TypeVarType(ref.name, bound, tuple(constraints))

    def from_string(self, text: str) -> PyType:
        # A string inside a stub names things of the stub too.
        try:
            tree = ast.parse(text.strip(), mode="eval")
        except SyntaxError as exc:
            return self.unresolved(text, f"invalid annotation syntax: {exc.msg}")
        return self.from_node(tree.body, text.strip())


def stub_source(stub: StubModule, node: ast.expr) -> TypeSource:
    return TypeSource("stub", stub.text_of(node), stub.line_of(node))


def self_variable(annotation: Optional[ast.expr]) -> str:
    """The TypeVar a method's first parameter is annotated with (`self: _S`, `cls: type[_S]`),
    which then means the class; '' when there is none."""
    if isinstance(annotation, ast.Subscript) and dotted_name(annotation.value) in (
            "type", "Type", "typing.Type", "builtins.type"):
        annotation = annotation.slice  # type: ignore[assignment]
        if INDEX is not None and isinstance(annotation, INDEX):
            annotation = annotation.value  # type: ignore[attr-defined]
    return annotation.id if isinstance(annotation, ast.Name) else ""


def type_of(resolver: StubResolver, stub: StubModule, node: Optional[ast.expr], context: str,
            self_type: str = "", scope: Optional[StubClass] = None,
            self_vars: Sequence[str] = ()
            ) -> Tuple[Optional[PyType], TypeSource, List[Diagnostic]]:
    """(type, source, diagnostics) of one annotation node of a stub (None: not annotated)."""
    if node is None:
        return None, TypeSource("missing"), []
    converter = StubConverter(resolver, stub, context, self_type, scope, self_vars)
    pytype = converter.convert(node)
    return pytype, stub_source(stub, node), converter.diagnostics


