"""Pass: map each Python annotation (a PyType tree) to a C++ type (a CppType tree).

What cannot be mapped becomes `object` (pyhpp::object) with a warning naming the annotation.
A missing annotation, `Any` and `object` become `object` silently: that is what they mean.
"""

from __future__ import annotations

import dataclasses
from typing import List, Optional, Tuple

from ..diagnostics import Diagnostic
from ..ir.model import (
    Api,
    CppType,
    EllipsisType,
    Function,
    Location,
    Module,
    NamedType,
    NoneType,
    Parameter,
    PyType,
    TypeVarType,
    UnresolvedType,
)
from .pytext import py_text

OBJECT = CppType("object")

SCALARS = {
    "builtins.int": "int",
    "builtins.float": "float",
    "builtins.bool": "bool",
    "builtins.str": "str",
    "builtins.bytes": "bytes",
}
DYNAMIC = {"typing.Any", "builtins.object"}
SEQUENCES = {
    "builtins.list",
    "collections.abc.Sequence",
    "collections.abc.MutableSequence",
}
MAPPINGS = {"builtins.dict", "collections.abc.Mapping", "collections.abc.MutableMapping"}
SETS = {"builtins.set", "collections.abc.Set", "collections.abc.MutableSet"}
# Kinds that std::map keys and std::set elements can be (they need operator<).
ORDERED = {"int", "float", "bool", "str", "bytes", "optional", "list", "tuple_var", "tuple",
           "dict", "set", "frozenset"}


class _Unmapped(Exception):
    def __init__(self, reason: str, reported: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reported = reported  # introspection already warned about it


def _orderable(t: CppType) -> bool:
    return t.kind in ORDERED and all(_orderable(a) for a in t.args)


def _map(t: PyType) -> CppType:
    if isinstance(t, NoneType):
        return CppType("none")
    if isinstance(t, UnresolvedType):
        raise _Unmapped(t.reason, reported=True)
    if isinstance(t, TypeVarType):
        raise _Unmapped(f"type variable {t.name} is not mapped yet")
    if not isinstance(t, NamedType):
        raise _Unmapped("not a type")
    name, args = t.qualname, t.args
    if name in SCALARS and not args:
        return CppType(SCALARS[name])
    if name in DYNAMIC:
        return OBJECT
    if name == "typing.Union":
        return _map_union(args)
    if name in SEQUENCES:
        return CppType("list", (_element(args, 1),))
    if name == "builtins.tuple":
        if not args:
            return CppType("tuple_var", (OBJECT,))
        if len(args) == 2 and isinstance(args[1], EllipsisType):
            return CppType("tuple_var", (_value(args[0]),))
        return CppType("tuple", tuple(_value(a) for a in args))
    if name in MAPPINGS:
        if not args:
            raise _Unmapped("a dict without key and value types has no C++ map type")
        if len(args) != 2:
            raise _Unmapped("expected two type arguments")
        key = _value(args[0])
        if not _orderable(key):
            raise _Unmapped(f"key type {py_text(args[0])} cannot key a std::map")
        return CppType("dict", (key, _value(args[1])))
    if name in SETS or name == "builtins.frozenset":
        if not args:
            raise _Unmapped("a set without an element type has no C++ set type")
        element = _element(args, 1)
        if not _orderable(element):
            raise _Unmapped(f"element type {py_text(args[0])} cannot be a std::set element")
        return CppType("frozenset" if name == "builtins.frozenset" else "set", (element,))
    raise _Unmapped(f"{name} is not mapped to a C++ type yet")


def _element(args: Tuple[PyType, ...], count: int) -> CppType:
    if not args:
        return OBJECT
    if len(args) != count:
        raise _Unmapped(f"expected {count} type argument(s)")
    return _value(args[0])


def _value(t: PyType) -> CppType:
    """A type used as a value inside a container: None alone is not a value type."""
    mapped = _map(t)
    if mapped.kind == "none":
        raise _Unmapped("None is only a result type or part of an Optional")
    return mapped


def _flatten(args: Tuple[PyType, ...]) -> List[PyType]:
    """Union members with nested unions (Optional[Optional[X]]) spliced in."""
    out: List[PyType] = []
    for a in args:
        if isinstance(a, NamedType) and a.qualname == "typing.Union":
            out.extend(_flatten(a.args))
        else:
            out.append(a)
    return out


def _map_union(args: Tuple[PyType, ...]) -> CppType:
    flat = _flatten(args)
    has_none = any(isinstance(a, NoneType) for a in flat)
    members = list(dict.fromkeys(a for a in flat if not isinstance(a, NoneType)))
    if not members:
        return CppType("none")
    if len(members) == 1:
        inner = _value(members[0])
        return CppType("optional", (inner,)) if has_none else inner
    raise _Unmapped("a Union of several types is not mapped to a C++ type yet")


def map_annotation(
    t: Optional[PyType], what: str, location: Optional[Location], diagnostics: List[Diagnostic],
    is_result: bool,
) -> CppType:
    if t is None:
        return OBJECT
    try:
        mapped = _map(t)
    except _Unmapped as exc:
        if exc.reported:
            return OBJECT
        diagnostics.append(
            Diagnostic(
                "warning",
                f"{what}: cannot map annotation '{py_text(t)}' ({exc.reason}); "
                "using pyhpp::object",
                location,
            )
        )
        return OBJECT
    if mapped.kind == "none" and not is_result:
        return OBJECT
    return mapped


def _map_function(function: Function, module: Module, diagnostics: List[Diagnostic]) -> Function:
    where = f"{module.name}.{function.name}()"
    parameters: List[Parameter] = []
    for p in function.parameters:
        cpp = map_annotation(
            p.type, f"{where} parameter '{p.name}'", function.location, diagnostics, False
        )
        parameters.append(dataclasses.replace(p, cpp_type=cpp))
    returns = map_annotation(
        function.returns, f"{where} result", function.location, diagnostics, True
    )
    return dataclasses.replace(function, parameters=tuple(parameters), cpp_returns=returns)


def run(api: Api, diagnostics: List[Diagnostic]) -> Api:
    modules = []
    for m in api.modules:
        functions = tuple(_map_function(f, m, diagnostics) for f in m.functions)
        modules.append(dataclasses.replace(m, functions=functions))
    return dataclasses.replace(api, modules=tuple(modules))
