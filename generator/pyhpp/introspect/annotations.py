"""Converts Python annotations (objects or strings) to the PyType tree of ir/model.py.

Runs inside the target interpreter: standard library only, Python 3.8 compatible.

Two paths produce the same trees:
- evaluated annotation objects are walked with typing.get_origin / typing.get_args;
- string annotations (including every annotation under `from __future__ import annotations`)
  are parsed with `ast` and never evaluated: names are looked up in the function's globals, then
  builtins. That is what makes `list[int]` and `X | None` work on Python 3.8.

Normalisations, identical on both paths:
- `Optional[X]`, `Union[...]`, `X | Y` all become NamedType('typing.Union', ...), flattened,
  deduplicated in order, with None as NoneType(); a union of one type is that type.
- typing aliases become their runtime origin: typing.List -> builtins.list,
  typing.Sequence -> collections.abc.Sequence, typing.Callable -> collections.abc.Callable.
  A bare alias (typing.List) has no args.
- `Annotated[T, ...]` becomes T; a NewType becomes its supertype.
- `Tuple[()]` is builtins.tuple without args.
- a class is named where it is public: pathlib.Path, not pathlib._local.Path (3.13);
  io.StringIO, not _io.StringIO (see class_qualname).
- `typing.Self` becomes the class it appears in, when the caller says which (`self_type`).
- a `typing.ForwardRef` (NamedTuple and TypedDict store string annotations as those) is read as
  the string it wraps.
- `dataclasses.InitVar[T]` (in a dataclass's generated __init__) becomes T; a `type X = T`
  alias (3.12+) becomes T.
Anything that cannot be converted becomes UnresolvedType plus a warning diagnostic.
Type qualifiers (ClassVar, Final, Required, NotRequired, ReadOnly) are split off by
convert_member_annotation, for class members and module variables.

TypeSource.text is stable across Python versions too (see typenames.py).
"""

from __future__ import annotations

import ast
import builtins
import dataclasses
import importlib
import importlib.util
import inspect
import sys
import types
import typing
from typing import Any, Dict, FrozenSet, Iterable, List, Mapping, Optional, Tuple

from pyhpp.diagnostics import Diagnostic
from pyhpp.introspect.locations import module_tree, statements
from pyhpp.introspect.typenames import (
    INDEX,
    annotation_text,
    class_qualname,
    render_annotation,
    special_form_name,
)
from pyhpp.ir.model import (
    EllipsisType,
    ListOfTypes,
    LiteralValue,
    Location,
    NamedType,
    NoneType,
    PyType,
    RecursiveType,
    TypeSource,
    TypeVarType,
    UnresolvedType,
)

_UNION = "typing.Union"
_UNION_TYPE: Optional[type] = getattr(types, "UnionType", None)  # `int | None`, 3.10+
_ANNOTATED: Any = getattr(typing, "Annotated", None)  # 3.9+
_TYPE_ALIAS: Optional[type] = getattr(typing, "TypeAliasType", None)  # `type X = ...`, 3.12+
_LITERAL_TYPES = (int, str, bool, type(None))
_MAX_DEPTH = 32  # string annotations that name strings that name strings...


def _origin_name(origin: Any) -> Optional[str]:
    if isinstance(origin, type):
        return class_qualname(origin)
    return special_form_name(origin)


def _is_literal_value(value: Any) -> bool:
    # Exact types: an IntEnum member is an int, but not a value LiteralValue can hold.
    return type(value) in _LITERAL_TYPES


def _make_union(items: Iterable[PyType]) -> PyType:
    flat: List[PyType] = []
    for item in items:
        members = item.args if isinstance(item, NamedType) and item.qualname == _UNION else (item,)
        for member in members:
            if member not in flat:
                flat.append(member)
    return flat[0] if len(flat) == 1 else NamedType(_UNION, tuple(flat))


class _Converter:
    """One conversion: the namespace names resolve in, and the diagnostics it produced."""

    def __init__(self, globalns: Mapping[str, Any], location: Optional[Location], context: str,
                 self_type: str = "") -> None:
        self.globalns = globalns
        self.self_type = self_type  # the qualname typing.Self stands for ('' outside classes)
        self.module_name = str(globalns.get("__name__", "?"))
        self.location = location
        self.context = context
        self.diagnostics: List[Diagnostic] = []
        self.depth = 0
        self.expanding: List[str] = []  # string annotations being converted, outermost first
        self.aliases: List[int] = []  # ids of the generic aliases being converted

    def segment(self, source: str, node: ast.AST) -> Optional[str]:
        """The text of `node` in `source` (an annotation: short)."""
        return ast.get_source_segment(source, node)

    def unresolved(self, text: str, reason: str) -> UnresolvedType:
        prefix = f"{self.context}: " if self.context else ""
        self.diagnostics.append(Diagnostic(
            "warning", f"{prefix}cannot resolve type {text!r}: {reason}", self.location))
        return UnresolvedType(text, reason)

    # -- evaluated objects ---------------------------------------------------------------------

    def from_object(self, obj: Any, text: Optional[str] = None) -> PyType:
        """Converts an annotation object; `text` replaces repr(obj) in an UnresolvedType."""
        if obj is None or obj is type(None):
            return NoneType()
        if obj is Ellipsis:
            return EllipsisType()
        if isinstance(obj, str):
            return self.from_string(obj)
        if isinstance(obj, typing.ForwardRef):
            return self.from_string(obj.__forward_arg__)
        if isinstance(obj, typing.TypeVar):
            bound = None if obj.__bound__ is None else self.from_object(obj.__bound__)
            constraints = tuple(self.from_object(item) for item in obj.__constraints__)
            return TypeVarType(obj.__name__, bound, constraints)
        if isinstance(obj, list):
            return ListOfTypes(tuple(self.from_object(item) for item in obj))
        if obj is typing.Any:
            return NamedType("typing.Any")
        if self.self_type and special_form_name(obj) == "typing.Self":
            return NamedType(self.self_type)
        if getattr(obj, "__metadata__", None) is not None and hasattr(obj, "__origin__"):
            return self.from_object(obj.__origin__)  # Annotated[T, ...] -> T
        if hasattr(obj, "__supertype__"):
            return self.from_object(obj.__supertype__)  # NewType
        if isinstance(obj, dataclasses.InitVar):
            return self.from_object(obj.type)
        if _TYPE_ALIAS is not None and isinstance(obj, _TYPE_ALIAS):
            return self.from_type_alias(obj, text)
        origin = typing.get_origin(obj)
        if origin is not None:
            return self.from_alias(obj, origin, text)
        if isinstance(obj, type):
            return NamedType(class_qualname(obj))
        name = special_form_name(obj)
        if name is not None:
            return NamedType(name)
        return self.unresolved(
            text or repr(obj), f"{type(obj).__qualname__!r} objects are not types")

    def from_type_alias(self, alias: Any, text: Optional[str]) -> PyType:
        """A `type X = ...` alias (3.12+) is the type it stands for."""
        name = text or str(alias.__name__)
        if self.depth >= _MAX_DEPTH:
            return self.unresolved(name, "type aliases nest too deeply")
        try:
            value = alias.__value__  # evaluated lazily: may raise NameError
        except Exception as exc:
            return self.unresolved(name, f"evaluating the type alias raised {type(exc).__name__}")
        self.depth += 1
        try:
            return self.from_object(value)
        finally:
            self.depth -= 1

    def from_alias(self, obj: Any, origin: Any, text: Optional[str]) -> PyType:
        self.aliases.append(id(obj))
        try:
            return self._from_alias(obj, origin, text)
        finally:
            self.aliases.pop()

    def _from_alias(self, obj: Any, origin: Any, text: Optional[str]) -> PyType:
        args = typing.get_args(obj)
        if origin is typing.Union or (_UNION_TYPE is not None and origin is _UNION_TYPE):
            return _make_union(self.from_object(arg) for arg in args)
        if origin is typing.Literal:
            return NamedType("typing.Literal", tuple(self.literal(arg) for arg in args))
        if getattr(obj, "_special", False) or args == ((),):
            args = ()  # a bare alias (typing.List on 3.8), or Tuple[()] before 3.11
        name = _origin_name(origin)
        if name is None:
            return self.unresolved(text or repr(obj), f"unsupported origin {origin!r}")
        return NamedType(name, tuple(self.from_object(arg) for arg in args))

    def literal(self, value: Any) -> PyType:
        if _is_literal_value(value):
            return LiteralValue(value)
        return self.unresolved(repr(value), "Literal values must be int, str, bool or None")

    # -- strings, parsed and never evaluated ---------------------------------------------------

    def recursive(self, text: str) -> PyType:
        """`Json = Union[int, List["Json"]]`: the alias contains itself. Its inner uses stay
        dynamic objects; expanding them again would never end."""
        prefix = f"{self.context}: " if self.context else ""
        self.diagnostics.append(Diagnostic(
            "note", f"{prefix}the type alias {text!r} refers to itself; where it does, it is "
                    "mapped to pyhpp::object", self.location))
        return RecursiveType(text)

    def from_string(self, text: str) -> PyType:
        source = text.strip()
        if source in self.expanding:
            return self.recursive(source)
        if self.depth >= _MAX_DEPTH:
            return self.unresolved(source, "string annotations nest too deeply")
        try:
            tree = ast.parse(source, mode="eval")
        except SyntaxError as exc:
            return self.unresolved(source, f"invalid annotation syntax: {exc.msg}")
        self.depth += 1
        self.expanding.append(source)
        try:
            return self.from_node(tree.body, source)
        finally:
            self.depth -= 1
            self.expanding.pop()

    def from_node(self, node: ast.AST, source: str) -> PyType:
        text = self.segment(source, node) or source
        if isinstance(node, ast.Constant):
            if node.value is None:
                return NoneType()
            if node.value is Ellipsis:
                return EllipsisType()
            if isinstance(node.value, str):
                return self.from_string(node.value)  # a nested forward reference
            return self.unresolved(text, f"a {type(node.value).__name__} constant is not a type")
        if isinstance(node, (ast.Name, ast.Attribute)):
            obj, error = self.resolve(node)
            if error:
                return self.unresolved(text, error)
            if id(obj) in self.aliases:
                return self.recursive(text)
            return self.from_object(obj, text)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            return _make_union([self.from_node(node.left, source),
                                self.from_node(node.right, source)])
        if isinstance(node, ast.List):
            return ListOfTypes(tuple(self.from_node(item, source) for item in node.elts))
        if isinstance(node, ast.Subscript):
            return self.from_subscript(node, source, text)
        return self.unresolved(text, f"unsupported annotation syntax ({type(node).__name__})")

    def from_subscript(self, node: ast.Subscript, source: str, text: str) -> PyType:
        if not isinstance(node.value, (ast.Name, ast.Attribute)):
            return self.unresolved(text, "only names can be subscripted in an annotation")
        base, error = self.resolve(node.value)
        if error:
            return self.unresolved(text, error)
        index: ast.AST = node.slice
        if INDEX is not None and isinstance(index, INDEX):
            index = index.value  # type: ignore[attr-defined]
        arg_nodes = list(index.elts) if isinstance(index, ast.Tuple) else [index]
        if base is typing.Literal:
            return NamedType("typing.Literal",
                             tuple(self.literal_node(item, source) for item in arg_nodes))
        if (_ANNOTATED is not None and base is _ANNOTATED) or base is dataclasses.InitVar:
            return self.from_node(arg_nodes[0], source)
        args = [self.from_node(item, source) for item in arg_nodes]
        if base is typing.Union:
            return _make_union(args)
        if base is typing.Optional:
            return _make_union(args + [NoneType()])
        name = _origin_name(typing.get_origin(base) or base)
        if name is None:
            return self.unresolved(text, f"{self.segment(source, node.value)!r} "
                                         "is not a generic type")
        return NamedType(name, tuple(args))

    def literal_node(self, node: ast.AST, source: str) -> PyType:
        if isinstance(node, ast.Constant) and _is_literal_value(node.value):
            return LiteralValue(node.value)
        if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
                and isinstance(node.operand, ast.Constant)
                and type(node.operand.value) is int):
            return LiteralValue(-node.operand.value)
        text = self.segment(source, node) or source
        return self.unresolved(text, "Literal values must be int, str, bool or None")

    def resolve(self, node: ast.AST) -> Tuple[Any, str]:
        """The object a dotted name denotes, or (None, why it cannot be found)."""
        head, attributes = dotted_parts(node)
        if head is None:
            return None, "only dotted names can be looked up"
        node = head
        if node.id in self.globalns:
            obj = self.globalns[node.id]
        elif hasattr(builtins, node.id):
            obj = getattr(builtins, node.id)
        else:
            obj = type_checking_names(self.module_name).get(node.id, _MISSING)
            if obj is _MISSING:
                return None, f"name {node.id!r} is not defined in module {self.module_name}"
        dotted = node.id
        for attribute in attributes:
            # Only modules and classes: getattr on arbitrary objects could run their code.
            if not isinstance(obj, (types.ModuleType, type)):
                return None, f"{dotted!r} is not a module or class"
            try:
                obj = getattr(obj, attribute)
            except AttributeError:
                return None, f"{dotted!r} has no attribute {attribute!r}"
            dotted += "." + attribute
        return obj, ""


def dotted_parts(node: ast.AST) -> Tuple[Optional[ast.Name], List[str]]:
    """`a.b.c` as (the Name `a`, ['b', 'c']); (None, ...) when it is not a dotted name."""
    attributes: List[str] = []
    while isinstance(node, ast.Attribute):
        attributes.insert(0, node.attr)
        node = node.value
    return (node if isinstance(node, ast.Name) else None), attributes


_MISSING = object()
# Names bound under `if TYPE_CHECKING:`, by module name (see type_checking_names).
_TYPE_CHECKING_NAMES: Dict[str, Dict[str, Any]] = {}


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _imported_object(module: str, attribute: Optional[str]) -> Any:
    """What `from module import attribute` (or `import module`) binds, or _MISSING. Imports
    the module if it is not imported yet: it is part of the package the user wraps."""
    try:
        found: Any = sys.modules.get(module) or importlib.import_module(module)
        if attribute is None:
            return found
        if hasattr(found, attribute):
            return getattr(found, attribute)
        return importlib.import_module(f"{module}.{attribute}")
    except Exception:
        return _MISSING


def type_checking_names(module_name: str) -> Dict[str, Any]:
    """The names a module imports only under `if TYPE_CHECKING:` (read from its source with
    `ast`; the block is never executed), resolved to the objects they name."""
    cached = _TYPE_CHECKING_NAMES.get(module_name)
    if cached is not None:
        return cached
    names: Dict[str, Any] = {}
    _TYPE_CHECKING_NAMES[module_name] = names  # a cycle of imports finds it half-filled
    module = sys.modules.get(module_name)
    tree = module_tree(module) if module is not None else None
    package = getattr(module, "__package__", None) or ""
    for block in statements(tree.body if tree is not None else []):
        if not isinstance(block, ast.If) or not _is_type_checking(block.test):
            continue
        for statement in statements(block.body):
            if isinstance(statement, ast.Import):
                for alias in statement.names:
                    if alias.asname:
                        names[alias.asname] = _imported_object(alias.name, None)
                    else:
                        top = alias.name.split(".")[0]
                        names[top] = _imported_object(top, None)
            elif isinstance(statement, ast.ImportFrom):
                base = statement.module or ""
                if statement.level:
                    try:
                        base = importlib.util.resolve_name("." * statement.level + base,
                                                           package)
                    except (ImportError, ValueError):
                        continue
                for alias in statement.names:
                    names[alias.asname or alias.name] = _imported_object(base, alias.name)
    for name in [name for name, obj in names.items() if obj is _MISSING]:
        del names[name]
    return names


def convert_annotation(
    annotation: Any,
    globalns: Mapping[str, Any],
    location: Optional[Location] = None,
    context: str = "",
    self_type: str = "",
) -> Tuple[Optional[PyType], TypeSource, List[Diagnostic]]:
    """Converts one annotation (inspect's `empty` when there is none).

    `globalns` resolves names in string annotations (a function's __globals__, a module's
    dict). `location` and `context` ("parameter 'x' of 'm.f'") go into the
    warning diagnostics for names that cannot be resolved. `self_type` is the qualified name
    of the class `typing.Self` means (inside a class body).
    """
    if annotation is inspect.Parameter.empty:
        return None, TypeSource("missing"), []
    if isinstance(annotation, typing.ForwardRef):
        annotation = annotation.__forward_arg__
    converter = _Converter(globalns, location, context, self_type)
    if isinstance(annotation, str):
        pytype = converter.from_string(annotation)
        return pytype, TypeSource("string", annotation_text(annotation)), converter.diagnostics
    pytype = converter.from_object(annotation)
    return pytype, TypeSource("annotation", render_annotation(annotation)), converter.diagnostics


QUALIFIERS = ("typing.ClassVar", "typing.Final", "typing.Required", "typing.NotRequired",
              "typing.ReadOnly")


def convert_member_annotation(
    annotation: Any,
    globalns: Mapping[str, Any],
    location: Optional[Location] = None,
    context: str = "",
    self_type: str = "",
) -> Tuple[Optional[PyType], TypeSource, FrozenSet[str], List[Diagnostic]]:
    """Like convert_annotation, for the annotation of a class member or module variable.

    Returns the qualifiers it is wrapped in (names from QUALIFIERS, e.g. 'typing.Final') apart
    from the type: `Final[int]` gives builtins.int and {'typing.Final'}; a bare `Final` gives no
    type (None). TypeSource.text keeps the annotation as written, qualifiers included.
    """
    if isinstance(annotation, typing.ForwardRef):
        annotation = annotation.__forward_arg__
    converter = _Converter(globalns, location, context, self_type)
    qualifiers: List[str] = []
    if isinstance(annotation, str):
        source = TypeSource("string", annotation_text(annotation))
        pytype = _convert_qualified_string(converter, annotation, qualifiers)
        return pytype, source, frozenset(qualifiers), converter.diagnostics
    if annotation is inspect.Parameter.empty:
        return None, TypeSource("missing"), frozenset(), []
    source = TypeSource("annotation", render_annotation(annotation))
    inner = annotation
    while True:
        if isinstance(inner, typing.ForwardRef):
            inner = inner.__forward_arg__  # ClassVar["int"]
        if isinstance(inner, str):
            pytype = _convert_qualified_string(converter, inner, qualifiers)
            return pytype, source, frozenset(qualifiers), converter.diagnostics
        name = special_form_name(inner)
        if name in QUALIFIERS:
            qualifiers.append(name)  # a bare qualifier: the type is inferred from the value
            return None, source, frozenset(qualifiers), converter.diagnostics
        name = special_form_name(typing.get_origin(inner))
        args = typing.get_args(inner)
        if name not in QUALIFIERS or not args:
            break
        qualifiers.append(name)
        inner = args[0]
    return converter.from_object(inner), source, frozenset(qualifiers), converter.diagnostics


def _convert_qualified_string(converter: _Converter, text: str,
                              qualifiers: List[str]) -> Optional[PyType]:
    """convert_member_annotation for a string: qualifiers are recognised by what they name."""
    source = text.strip()
    try:
        node: ast.AST = ast.parse(source, mode="eval").body
    except SyntaxError:
        return converter.from_string(source)  # reports the syntax error
    while True:
        target = node.value if isinstance(node, ast.Subscript) else node
        if not isinstance(target, (ast.Name, ast.Attribute)):
            break
        obj, error = converter.resolve(target)
        name = None if error else special_form_name(obj)
        if name not in QUALIFIERS:
            break
        qualifiers.append(name)
        if not isinstance(node, ast.Subscript):
            return None  # a bare qualifier
        index: ast.AST = node.slice
        if INDEX is not None and isinstance(index, INDEX):
            index = index.value  # type: ignore[attr-defined]
        node = index.elts[0] if isinstance(index, ast.Tuple) and index.elts else index
    return converter.from_node(node, source)

