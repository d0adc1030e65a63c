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
Anything that cannot be converted becomes UnresolvedType plus a warning diagnostic.

TypeSource.text is stable across Python versions too: string annotations are rewritten in the
canonical form Python 3.9+ uses under the future import (annotation_text), objects are rendered
by render_annotation ('typing.List[int]', 'typing.Optional[int]', 'int | None').
"""

from __future__ import annotations

import ast
import builtins
import inspect
import sys
import types
import typing
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from pyhpp.ir.model import (
    EllipsisType,
    ListOfTypes,
    LiteralValue,
    NamedType,
    NoneType,
    PyType,
    TypeSource,
    TypeVarType,
    UnresolvedType,
)

Diagnostic = Dict[str, str]

_UNION = "typing.Union"
_UNION_TYPE: Optional[type] = getattr(types, "UnionType", None)  # `int | None`, 3.10+
_ANNOTATED: Any = getattr(typing, "Annotated", None)  # 3.9+
# The 3.8 subscript wrapper (later versions keep a deprecated, never-produced class).
_INDEX: Optional[type] = getattr(ast, "Index", None) if sys.version_info < (3, 9) else None
_LITERAL_TYPES = (int, str, bool, type(None))
_MAX_DEPTH = 32  # string annotations that name strings that name strings...

# typing special forms, compared by identity (some are not hashable on old versions).
_SPECIAL_FORMS: List[Tuple[Any, str]] = [
    (getattr(typing, name), "typing." + name)
    for name in (
        "Any", "Union", "Optional", "Literal", "ClassVar", "Final", "NoReturn", "Never",
        "Self", "LiteralString", "TypeAlias", "Annotated", "Concatenate", "TypeGuard",
        "TypeIs", "Required", "NotRequired", "ReadOnly", "Unpack",
    )
    if hasattr(typing, name)
]


def special_form_name(obj: Any) -> Optional[str]:
    """'typing.X' when obj is the typing special form X, else None."""
    for form, name in _SPECIAL_FORMS:
        if obj is form:
            return name
    return None


def class_qualname(cls: type) -> str:
    """The fully qualified name of a class: 'builtins.int', 'collections.abc.Sequence'."""
    return f"{cls.__module__}.{cls.__qualname__}"


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


def render_annotation(obj: Any) -> str:
    """A readable rendering of an annotation object, stable across Python versions."""
    if obj is None or obj is type(None):
        return "None"
    if obj is Ellipsis:
        return "..."
    if isinstance(obj, str):
        return repr(obj)
    if isinstance(obj, typing.ForwardRef):
        return repr(obj.__forward_arg__)
    if isinstance(obj, typing.TypeVar):
        return obj.__name__
    if isinstance(obj, list):
        return "[" + ", ".join(render_annotation(item) for item in obj) + "]"
    args = typing.get_args(obj)
    if _UNION_TYPE is not None and isinstance(obj, _UNION_TYPE):
        return " | ".join(render_annotation(arg) for arg in args)
    origin = typing.get_origin(obj)
    if origin is typing.Union:
        if len(args) == 2 and type(None) in args:
            other = args[0] if args[1] is type(None) else args[1]
            return f"typing.Optional[{render_annotation(other)}]"
        return "typing.Union[" + ", ".join(render_annotation(arg) for arg in args) + "]"
    if origin is typing.Literal:
        return "typing.Literal[" + ", ".join(repr(arg) for arg in args) + "]"
    metadata = getattr(obj, "__metadata__", None)
    if metadata is not None and hasattr(obj, "__origin__"):
        inner = [render_annotation(obj.__origin__)] + [repr(item) for item in metadata]
        return "typing.Annotated[" + ", ".join(inner) + "]"
    if origin is not None:
        alias_name = getattr(obj, "_name", None)
        if type(obj).__module__ == "typing" and alias_name:
            head = "typing." + alias_name
        else:
            head = render_annotation(origin)
        if getattr(obj, "_special", False):
            return head  # a bare typing alias on 3.8
        if getattr(obj, "__args__", None) in ((), ((),)):
            return head + "[()]"  # Tuple[()]
        if not args:
            return head
        return head + "[" + ", ".join(render_annotation(arg) for arg in args) + "]"
    if isinstance(obj, type):
        return obj.__qualname__ if obj.__module__ == "builtins" else class_qualname(obj)
    return special_form_name(obj) or repr(obj)


def _unparse(node: ast.AST) -> Optional[str]:
    """Canonical text of an annotation expression (Python 3.9+ style), None if unsupported."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Constant):
        return "..." if node.value is Ellipsis else repr(node.value)
    parts: List[Optional[str]]
    if isinstance(node, ast.Attribute):
        base = _unparse(node.value)
        return None if base is None else f"{base}.{node.attr}"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        operand = _unparse(node.operand)
        return None if operand is None else "-" + operand
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        parts = [_unparse(node.left), _unparse(node.right)]
        return None if None in parts else " | ".join(typing.cast(List[str], parts))
    if isinstance(node, (ast.List, ast.Tuple)):
        parts = [_unparse(item) for item in node.elts]
        if None in parts:
            return None
        inner = ", ".join(typing.cast(List[str], parts))
        if isinstance(node, ast.List):
            return f"[{inner}]"
        return f"({inner},)" if len(parts) == 1 else f"({inner})"
    if isinstance(node, ast.Subscript):
        index: ast.AST = node.slice
        if _INDEX is not None and isinstance(index, _INDEX):
            index = index.value  # type: ignore[attr-defined]
        base = _unparse(node.value)
        inner_text = _unparse(index)
        if base is None or inner_text is None:
            return None
        if isinstance(index, ast.Tuple) and index.elts:
            inner_text = inner_text[1:-1].rstrip(",")  # x[(a, b)] is written x[a, b]
        return f"{base}[{inner_text}]"
    return None


def annotation_text(text: str) -> str:
    """A string annotation in canonical form, so TypeSource.text is the same on every version.

    Under `from __future__ import annotations` the compiler writes the string itself, and 3.8
    writes some forms differently (`Literal[(1, 'a')]`); this rewrites them as 3.9+ does.
    """
    source = text.strip()
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        return source
    return _unparse(tree.body) or source


class _Converter:
    """One conversion: the namespace names resolve in, and the diagnostics it produced."""

    def __init__(self, globalns: Mapping[str, Any], location: str, context: str) -> None:
        self.globalns = globalns
        self.module_name = str(globalns.get("__name__", "?"))
        self.location = location
        self.context = context
        self.diagnostics: List[Diagnostic] = []
        self.depth = 0

    def unresolved(self, text: str, reason: str) -> UnresolvedType:
        prefix = f"{self.context}: " if self.context else ""
        self.diagnostics.append({
            "severity": "warning",
            "location": self.location,
            "message": f"{prefix}cannot resolve type {text!r}: {reason}",
        })
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
        if getattr(obj, "__metadata__", None) is not None and hasattr(obj, "__origin__"):
            return self.from_object(obj.__origin__)  # Annotated[T, ...] -> T
        if hasattr(obj, "__supertype__"):
            return self.from_object(obj.__supertype__)  # NewType
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

    def from_alias(self, obj: Any, origin: Any, text: Optional[str]) -> PyType:
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

    def from_string(self, text: str) -> PyType:
        source = text.strip()
        if self.depth >= _MAX_DEPTH:
            return self.unresolved(source, "string annotations nest too deeply")
        try:
            tree = ast.parse(source, mode="eval")
        except SyntaxError as exc:
            return self.unresolved(source, f"invalid annotation syntax: {exc.msg}")
        self.depth += 1
        try:
            return self.from_node(tree.body, source)
        finally:
            self.depth -= 1

    def from_node(self, node: ast.AST, source: str) -> PyType:
        text = ast.get_source_segment(source, node) or source
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
            return self.unresolved(text, error) if error else self.from_object(obj, text)
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
        if _INDEX is not None and isinstance(index, _INDEX):
            index = index.value  # type: ignore[attr-defined]
        arg_nodes = list(index.elts) if isinstance(index, ast.Tuple) else [index]
        if base is typing.Literal:
            return NamedType("typing.Literal",
                             tuple(self.literal_node(item, source) for item in arg_nodes))
        if _ANNOTATED is not None and base is _ANNOTATED:
            return self.from_node(arg_nodes[0], source)
        args = [self.from_node(item, source) for item in arg_nodes]
        if base is typing.Union:
            return _make_union(args)
        if base is typing.Optional:
            return _make_union(args + [NoneType()])
        name = _origin_name(typing.get_origin(base) or base)
        if name is None:
            return self.unresolved(text, f"{ast.get_source_segment(source, node.value)!r} "
                                         "is not a generic type")
        return NamedType(name, tuple(args))

    def literal_node(self, node: ast.AST, source: str) -> PyType:
        if isinstance(node, ast.Constant) and _is_literal_value(node.value):
            return LiteralValue(node.value)
        if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
                and isinstance(node.operand, ast.Constant)
                and type(node.operand.value) is int):
            return LiteralValue(-node.operand.value)
        text = ast.get_source_segment(source, node) or source
        return self.unresolved(text, "Literal values must be int, str, bool or None")

    def resolve(self, node: ast.AST) -> Tuple[Any, str]:
        """The object a dotted name denotes, or (None, why it cannot be found)."""
        attributes: List[str] = []
        while isinstance(node, ast.Attribute):
            attributes.insert(0, node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None, "only dotted names can be looked up"
        if node.id in self.globalns:
            obj = self.globalns[node.id]
        elif hasattr(builtins, node.id):
            obj = getattr(builtins, node.id)
        else:
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


def convert_annotation(
    annotation: Any,
    globalns: Mapping[str, Any],
    location: str = "",
    context: str = "",
) -> Tuple[Optional[PyType], TypeSource, List[Diagnostic]]:
    """Converts one annotation (inspect's `empty` when there is none).

    `globalns` resolves names in string annotations (a function's __globals__, a module's
    dict). `location` ("file:line") and `context` ("parameter 'x' of 'm.f'") go into the
    warning diagnostics for names that cannot be resolved.
    """
    if annotation is inspect.Parameter.empty:
        return None, TypeSource("missing"), []
    converter = _Converter(globalns, location, context)
    if isinstance(annotation, str):
        pytype = converter.from_string(annotation)
        return pytype, TypeSource("string", annotation_text(annotation)), converter.diagnostics
    pytype = converter.from_object(annotation)
    return pytype, TypeSource("annotation", render_annotation(annotation)), converter.diagnostics
