"""Pass: @typing.overload signatures that C++ cannot tell apart become one.

Each signature of an overload set becomes a C++ overload, and C++ tells overloads apart by their
parameter lists only. Signatures whose C++ parameter lists are identical (the same kinds,
defaults and C++ types, and names for keyword-only parameters: `Literal[True]` and
`Literal[False]` are both `bool`) are merged into one, whose parameters accept what each
accepted and whose result is the union of their results. After merging, a signature whose
positional C++ parameters are those of an earlier one (it differs in keyword-only or `**kwargs`
parameters only, or in kinds C++ does not see) would still declare the same C++ function, or
make every call of it ambiguous: it is dropped, and its result joins the earlier one's, since
the calls that signature described now reach that one.

A union of results is the result itself when they are equal, `object` when one is `object`,
else a `variant` of the distinct results (nested variants flattened, literals of one base
merged), made `optional` when one result is `None` or optional.

PRECONDITION: passes/typemap.py has run (C++ types are filled).
"""

from __future__ import annotations

import dataclasses
from typing import Dict, List, Optional, Sequence, Tuple

from ..diagnostics import Diagnostic
from ..ir.model import (
    Api,
    Class,
    CppType,
    Function,
    LiteralValue,
    NamedType,
    NoneType,
    Parameter,
    PyType,
)

OBJECT = CppType("object")
# Kinds that C++ spells alike: std::vector for both, std::set for both.
_SAME_SPELLING = {"tuple_var": "list", "frozenset": "set"}
_POSITIONAL = ("positional_only", "positional_or_keyword")


def shape(t: Optional[CppType]) -> CppType:
    """`t` as C++ sees it: literals are their base type; kinds spelled alike are one kind."""
    if t is None:
        return OBJECT
    if t.kind == "literal":
        return shape(t.args[0])
    return CppType(_SAME_SPELLING.get(t.kind, t.kind), tuple(shape(a) for a in t.args), t.name)


# -- C++ types -----------------------------------------------------------------------------------


def join_parameter(a: CppType, b: CppType) -> CppType:
    """One parameter type accepting what `a` and `b` (of one shape) accept."""
    if a == b:
        return a
    if (a.kind == "literal") != (b.kind == "literal"):
        return b if a.kind == "literal" else a  # the base type takes the literal's values too
    if a.kind == "literal":
        return dataclasses.replace(a, values=a.values + tuple(
            v for v in b.values if v not in a.values))
    if a.kind == b.kind and len(a.args) == len(b.args):
        return dataclasses.replace(a, args=tuple(join_parameter(x, y)
                                                 for x, y in zip(a.args, b.args)))
    return a


def union(results: Sequence[Optional[CppType]]) -> CppType:
    """The union of result types (see the module docstring)."""
    has_none = False
    members: List[CppType] = []

    def add(t: CppType) -> None:
        nonlocal has_none
        if t.kind == "none":
            has_none = True
        elif t.kind == "optional":
            has_none = True
            add(t.args[0])
        elif t.kind == "variant":
            for a in t.args:
                add(a)
        else:
            for i, m in enumerate(members):
                if shape(m) == shape(t):
                    members[i] = join_parameter(m, t)
                    return
            members.append(t)

    for r in results:
        add(r or OBJECT)
    if any(m.kind == "object" for m in members):
        return OBJECT
    if not members:
        return CppType("none")
    inner = members[0] if len(members) == 1 else CppType("variant", tuple(members))
    return CppType("optional", (inner,)) if has_none else inner


# -- Python types (what the documentation and messages show) ------------------------------------


def _py_members(t: PyType) -> List[PyType]:
    if isinstance(t, NamedType) and t.qualname == "typing.Union":
        return [m for a in t.args for m in _py_members(a)]
    return [t]


def join_py(a: Optional[PyType], b: Optional[PyType]) -> Optional[PyType]:
    """`a | b` as an annotation: Literals merged, unions flattened, duplicates dropped."""
    if a is None or b is None:
        return None  # one is not annotated: neither is the union
    if a == b:
        return a
    members: List[PyType] = []
    for m in _py_members(a) + _py_members(b):
        if m in members:
            continue
        literal = next((i for i, x in enumerate(members) if _is_literal(x) and _is_literal(m)),
                       None)
        if literal is not None:
            old = members[literal]
            assert isinstance(old, NamedType) and isinstance(m, NamedType)
            members[literal] = NamedType("typing.Literal", old.args + tuple(
                v for v in m.args if v not in old.args))
            continue
        members.append(m)
    none = [m for m in members if isinstance(m, NoneType)]
    members = [m for m in members if not isinstance(m, NoneType)] + none  # `X | None` last
    return members[0] if len(members) == 1 else NamedType("typing.Union", tuple(members))


def _is_literal(t: PyType) -> bool:
    return (isinstance(t, NamedType) and t.qualname == "typing.Literal"
            and all(isinstance(v, LiteralValue) for v in t.args))


# -- signatures ----------------------------------------------------------------------------------


def merge_key(f: Function) -> Tuple[object, ...]:
    """What makes two signatures one C++ parameter list."""
    return tuple((p.kind, p.has_default, shape(p.cpp_type),
                  p.name if p.kind == "keyword_only" else "") for p in f.parameters)


def positional_key(f: Function) -> Tuple[object, ...]:
    """The C++ parameters a call can give without keywords, in the wrapper's order: required
    ones, then optional positionals, then `*args`."""
    required = [shape(p.cpp_type) for p in f.parameters
                if p.kind in _POSITIONAL + ("keyword_only",) and not p.has_default]
    optional = [shape(p.cpp_type) for p in f.parameters
                if p.kind in _POSITIONAL and p.has_default]
    variadic = [shape(p.cpp_type) for p in f.parameters if p.kind == "var_positional"]
    return (tuple(required), tuple(optional), tuple(variadic))


def _merge(a: Function, b: Function) -> Function:
    """`a` accepting what `b` accepts too (their merge keys are equal), with both results."""
    parameters = tuple(
        dataclasses.replace(p, cpp_type=join_parameter(p.cpp_type or OBJECT, q.cpp_type or OBJECT),
                            type=join_py(p.type, q.type))
        for p, q in zip(a.parameters, b.parameters))
    return _with_result(dataclasses.replace(a, parameters=parameters), b)


def _with_result(a: Function, b: Function) -> Function:
    return dataclasses.replace(a, cpp_returns=union([a.cpp_returns, b.cpp_returns]),
                               returns=join_py(a.returns, b.returns))


def merge_overloads(overloads: Sequence[Function]) -> Tuple[Function, ...]:
    merged: Dict[Tuple[object, ...], Function] = {}
    for o in overloads:
        key = merge_key(o)
        merged[key] = _merge(merged[key], o) if key in merged else o
    kept: Dict[Tuple[object, ...], Function] = {}
    for o in _overlaps_truncated(_disambiguated(list(merged.values()))):
        key = positional_key(o)
        kept[key] = _with_result(kept[key], o) if key in kept else o
    return _declarations_merged(_prefixes_merged(list(kept.values())))


def _declaration_key(f: Function) -> Tuple[object, ...]:
    """The C++ parameter types of a signature's declaration: a parameter with a default is a
    pyhpp::opt<T>, `*args: int` a std::vector<std::int64_t> like `args: tuple[int, ...]`."""
    required, optional, variadic = positional_key(f)
    return required + tuple(CppType("opt", (o,)) for o in optional) + tuple(
        CppType("list", (v,)) for v in variadic)


def _declarations_merged(overloads: Sequence[Function]) -> Tuple[Function, ...]:
    """Signatures C++ would declare alike (ndarray.item(*args: int) and item(args: tuple[int,
    ...])) are one: the one with more defaults, with both results."""
    out: Dict[Tuple[object, ...], Function] = {}
    for o in overloads:
        key = _declaration_key(o)
        if key not in out:
            out[key] = o
            continue
        other = out[key]
        defaults = sum(p.has_default for p in o.parameters)
        keep = o if defaults > sum(p.has_default for p in other.parameters) else other
        out[key] = dataclasses.replace(
            keep, cpp_returns=union([other.cpp_returns, o.cpp_returns]),
            returns=join_py(other.returns, o.returns))
    return tuple(out.values())


def _prefixes_merged(overloads: List[Function]) -> Tuple[Function, ...]:
    """Signatures with the same required C++ parameters, where one's optional positionals
    start the other's, declare the same shorter C++ functions: the one with fewer optional
    parameters joins the other (its results too)."""
    out: List[Function] = []
    for o in overloads:
        required, optional, variadic = positional_key(o)
        for index, other in enumerate(out):
            r, opt, v = positional_key(other)
            if r != required or v != variadic:
                continue
            if opt[:len(optional)] == optional:
                out[index] = _with_result(other, o)
                break
            if optional[:len(opt)] == opt:
                # o's parameters, the results in the order the signatures came.
                out[index] = dataclasses.replace(
                    o, cpp_returns=union([other.cpp_returns, o.cpp_returns]),
                    returns=join_py(other.returns, o.returns))
                break
        else:
            out.append(o)
    return tuple(out)


def _positionals(f: Function) -> List[Parameter]:
    return [p for p in f.parameters if p.kind in _POSITIONAL]


def _agreeing(pa: List[Parameter], pb: List[Parameter]) -> int:
    """How many leading parameters two signatures declare alike in C++."""
    k = 0
    while k < min(len(pa), len(pb)) and shape(pa[k].cpp_type) == shape(pb[k].cpp_type):
        k += 1
    return k


def _disambiguated(overloads: List[Function]) -> List[Function]:
    """Signatures that agree on their first C++ parameters make a call giving only those
    ambiguous (`urlencode(query)` when two signatures differ in a later defaulted parameter).
    The longer one requires its parameters up to and including the first that differs, so
    such a call reaches the shorter one. Signatures with required keyword-only parameters
    are left alone."""
    out = list(overloads)
    for j in range(len(out)):
        for i in range(j):
            a, b = out[i], out[j]
            if any(p.kind == "keyword_only" and not p.has_default
                   for p in a.parameters + b.parameters):
                continue
            pa, pb = _positionals(a), _positionals(b)
            k = _agreeing(pa, pb)
            least = max(sum(not p.has_default for p in pa), sum(not p.has_default for p in pb))
            if least > k:
                continue  # every call one accepts with these first parameters has more
            longer = j if len(pb) >= len(pa) else i
            positional = _positionals(out[longer])
            if k >= len(positional):
                continue  # the same parameters: merged by positional_key
            required = {id(p) for p in positional[:k + 1]}
            out[longer] = dataclasses.replace(out[longer], parameters=tuple(
                dataclasses.replace(p, has_default=False) if id(p) in required else p
                for p in out[longer].parameters))
    return out


def _overlap(a: CppType, b: CppType) -> bool:
    """Whether one C++ argument could convert to both `a` and `b` by a constructor: an object
    takes anything, a variant or optional what its alternatives take."""
    a, b = shape(a), shape(b)
    if a == b or a.kind == "object" or b.kind == "object":
        return True
    if a.kind in ("variant", "optional"):
        return any(_overlap(x, b) for x in a.args)
    if b.kind in ("variant", "optional"):
        return any(_overlap(a, y) for y in b.args)
    return False


def _overlaps_truncated(overloads: List[Function]) -> List[Function]:
    """A signature whose defaulted parameters start where another takes a type accepting the
    same argument (re.Match.group(group: Literal[0] = 0) and group(group: str | int)) makes every
    call giving that argument ambiguous: both are user-defined conversions. The defaulted
    parameters are left out of it, so the call reaches the other signature and the shorter
    calls stay. Signatures with keyword-only parameters are left alone."""
    out = list(overloads)
    for i in range(len(out)):
        for j in range(len(out)):
            a, b = out[i], out[j]
            if i == j or any(p.kind == "keyword_only" for p in a.parameters + b.parameters):
                continue
            pa, pb = _positionals(a), _positionals(b)
            k = _agreeing(pa, pb)
            if k >= min(len(pa), len(pb)) or not all(p.has_default for p in pa[k:]) \
                    or pb[k].has_default or any(p.has_default for p in pa[:k]):
                continue
            if _overlap(pa[k].cpp_type or OBJECT, pb[k].cpp_type or OBJECT):
                dropped = {id(p) for p in pa[k:]}
                out[i] = dataclasses.replace(a, parameters=tuple(
                    p for p in a.parameters if id(p) not in dropped))
    return out


def _function(f: Function) -> Function:
    if len(f.overloads) < 2:
        return f
    overloads = merge_overloads(f.overloads)
    return f if overloads == f.overloads else dataclasses.replace(f, overloads=overloads)


def _class(c: Class) -> Class:
    methods = tuple(_function(f) for f in c.methods)
    return c if methods == c.methods else dataclasses.replace(c, methods=methods)


def run(api: Api, diagnostics: Optional[List[Diagnostic]] = None) -> Api:
    """`diagnostics` is unused: merging loses nothing a C++ caller could have used."""
    del diagnostics
    modules = []
    for m in api.modules:
        modules.append(dataclasses.replace(
            m, functions=tuple(_function(f) for f in m.functions),
            classes=tuple(_class(c) for c in m.classes)))
    return dataclasses.replace(api, modules=tuple(modules))
