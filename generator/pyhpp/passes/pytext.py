"""Readable Python spelling of a PyType tree, for messages and comments ("list[int] | None")."""

from __future__ import annotations

from ..ir.model import (
    EllipsisType,
    ListOfTypes,
    LiteralValue,
    NamedType,
    NoneType,
    PyType,
    TypeVarType,
    RecursiveType,
    UnresolvedType,
)

_SHORT_PREFIXES = ("builtins.", "typing.", "collections.abc.")


def py_text(t: PyType) -> str:
    if isinstance(t, NoneType):
        return "None"
    if isinstance(t, EllipsisType):
        return "..."
    if isinstance(t, LiteralValue):
        return repr(t.value)
    if isinstance(t, ListOfTypes):
        return "[" + ", ".join(py_text(a) for a in t.items) + "]"
    if isinstance(t, TypeVarType):
        return t.name
    if isinstance(t, (UnresolvedType, RecursiveType)):
        return t.text
    assert isinstance(t, NamedType)
    if t.qualname == "typing.Union" and t.args:
        return " | ".join(py_text(a) for a in t.args)
    name = t.qualname
    for prefix in _SHORT_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix):]
            break
    if not t.args:
        return name
    return f"{name}[" + ", ".join(py_text(a) for a in t.args) + "]"
