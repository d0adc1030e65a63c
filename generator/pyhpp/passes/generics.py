"""Pass: functions generic in a constrained TypeVar become one overload per constraint.

`def escape(pattern: AnyStr) -> AnyStr` (AnyStr = TypeVar("AnyStr", str, bytes)) is, for a C++
caller, two functions: `std::string escape(const std::string &)` and `pyhpp::bytes
escape(const pyhpp::bytes &)`. Each constraint is substituted for the TypeVar in the parameters
and the result, which keeps the link between them that one `pyhpp::object` signature would lose.
A function with more than one constrained TypeVar is left as it is (the variants would multiply),
and so are constructors; a TypeVar with a bound maps to its bound in passes/typemap.py.

Runs before passes/typemap.py; the overloads pass merges variants C++ cannot tell apart.
"""

from __future__ import annotations

import dataclasses
from typing import List, Optional, Set

from ..ir.model import Api, Function, ListOfTypes, NamedType, PyType, TypeVarType

_LIMIT = 4  # constraints expanded at most


def _constrained(t: Optional[PyType], found: Set[TypeVarType]) -> None:
    if isinstance(t, TypeVarType) and t.constraints:
        found.add(t)
    elif isinstance(t, NamedType):
        for a in t.args:
            _constrained(a, found)
    elif isinstance(t, ListOfTypes):
        for a in t.items:
            _constrained(a, found)


def _substitute(t: Optional[PyType], var: TypeVarType, by: PyType) -> Optional[PyType]:
    if t == var:
        return by
    if isinstance(t, NamedType) and t.args:
        return NamedType(t.qualname, tuple(_substitute(a, var, by) for a in t.args))  # type: ignore
    if isinstance(t, ListOfTypes):
        return ListOfTypes(tuple(_substitute(a, var, by) for a in t.items))  # type: ignore
    return t


def expand(f: Function) -> List[Function]:
    """The variants of one signature: itself, or one per constraint of its TypeVar."""
    found: Set[TypeVarType] = set()
    for p in f.parameters:
        _constrained(p.type, found)
    if len(found) != 1:
        return [f]
    var = next(iter(found))
    if len(var.constraints) > _LIMIT:
        return [f]
    return [dataclasses.replace(
        f, parameters=tuple(dataclasses.replace(p, type=_substitute(p.type, var, c))
                            for p in f.parameters),
        returns=_substitute(f.returns, var, c)) for c in var.constraints]


def function(f: Function) -> Function:
    if f.overloads:
        variants = [v for o in f.overloads for v in expand(o)]
        return f if len(variants) == len(f.overloads) else dataclasses.replace(
            f, overloads=tuple(variants))
    variants = expand(f)
    return f if len(variants) == 1 else dataclasses.replace(f, overloads=tuple(variants))


def run(api: Api) -> Api:
    modules = []
    for m in api.modules:
        classes = tuple(dataclasses.replace(c, methods=tuple(function(f) for f in c.methods))
                        for c in m.classes)
        modules.append(dataclasses.replace(
            m, functions=tuple(function(f) for f in m.functions), classes=classes))
    return dataclasses.replace(api, modules=tuple(modules))
