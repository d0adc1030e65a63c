"""Names and texts of annotation objects: typing special forms, public class names, and the
canonical text of annotations kept in TypeSource.text.

Runs inside the target interpreter: standard library only, Python 3.8 compatible.
TypeSource.text is stable across Python versions: string annotations are rewritten in the
canonical form Python 3.9+ uses under the future import (annotation_text), objects are rendered
by render_annotation ('typing.List[int]', 'typing.Optional[int]', 'int | None').
"""

from __future__ import annotations

import ast
import sys
import types
import typing
from typing import Any, List, Optional, Tuple

_UNION_TYPE: Optional[type] = getattr(types, "UnionType", None)  # `int | None`, 3.10+
# The 3.8 subscript wrapper (later versions keep a deprecated, never-produced class).
INDEX: Optional[type] = getattr(ast, "Index", None) if sys.version_info < (3, 9) else None

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


def _is_private(component: str) -> bool:
    return component.startswith("_") and not component.endswith("__")


def _reachable(module_name: str, qualname: str, cls: type) -> bool:
    obj: Any = sys.modules.get(module_name)
    for attribute in qualname.split("."):
        obj = getattr(obj, attribute, None) if obj is not None else None
    return obj is cls


def _public_module(cls: type, module_name: str) -> str:
    """The public module `cls` is reachable from when its __module__ has a private part.

    pathlib._local -> pathlib (3.13), _io -> io, _collections -> collections. Only modules
    already imported are tried, and only a candidate that really holds `cls` is taken.
    """
    components = module_name.split(".")
    private = [index for index, component in enumerate(components) if _is_private(component)]
    if not private:
        return module_name
    candidates = [".".join(components[:end]) for end in range(private[0], 0, -1)]
    if private[0] == 0:
        candidates.append(".".join([components[0].lstrip("_")] + components[1:]))
    for candidate in candidates:
        if candidate and _reachable(candidate, cls.__qualname__, cls):
            return candidate
    return module_name


def class_qualname(cls: type) -> str:
    """The fully qualified public name of a class: 'builtins.int', 'pathlib.Path'."""
    module_name = getattr(cls, "__module__", None) or "builtins"
    return f"{_public_module(cls, module_name)}.{cls.__qualname__}"


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
        if INDEX is not None and isinstance(index, INDEX):
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
