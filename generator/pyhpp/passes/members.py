"""Pass: the C++ members of class wrappers that names alone do not settle.

Special methods: each one the wrappers support becomes a C++ operator when its Python signature
is one the operator can declare (`__add__(self, other)` -> `operator+`, `__getitem__(self, key)`
-> `operator[]`), else a member function named after it without the underscores
(`__truediv__(self, *other)` -> `truediv(...)`): C++ operators take a fixed number of operands
with no defaults, so `*args`, `**kwargs`, a default, a keyword-only parameter, another arity or a
static binding rule the operator out. `__call__` stays `operator()` whatever its parameters (a
call operator takes any), unless it is static. Special methods with a name of their own
(`__len__` -> `size`, `__contains__` -> `contains`, ...) keep it, except that a Python member of
that name wins: the special method is then not wrapped (its C++ name is left empty). A fallback
name another member has takes `_` (then `_2`, ...), with a warning.

A Python name listed both as an attribute and as a method (an annotated class attribute whose
value is a function, `json_loads: Callable[[str], Any] = json.loads`) is one member: the
attribute, whose annotation says what it is.

The decision lives here alone: render spells a special method by its `cpp_name` (empty: not
wrapped), and sends it through Python's protocol when `fits()` says its signature is plain.
"""

from __future__ import annotations

import dataclasses
from typing import Dict, List, Optional, Set, Tuple

from ..diagnostics import Diagnostic
from ..ir.model import Api, Class, Function, Module
from .naming import cpp_identifier

# Special methods C++ wrappers declare: Python name -> (C++ spelling, operands besides self;
# None: any).
SPECIALS: Dict[str, Tuple[str, Optional[int]]] = {
    "__len__": ("size", 0),
    "__call__": ("operator()", None),
    "__contains__": ("contains", 1),
    "__getitem__": ("operator[]", 1),
    "__setitem__": ("set_item", 2),
    "__delitem__": ("del_item", 1),
    "__add__": ("operator+", 1),
    "__sub__": ("operator-", 1),
    "__mul__": ("operator*", 1),
    "__truediv__": ("operator/", 1),
    "__mod__": ("operator%", 1),
    "__and__": ("operator&", 1),
    "__or__": ("operator|", 1),
    "__xor__": ("operator^", 1),
    "__lshift__": ("operator<<", 1),
    "__rshift__": ("operator>>", 1),
    "__neg__": ("operator-", 0),
    "__pos__": ("operator+", 0),
    "__invert__": ("operator~", 0),
    "__iter__": ("pyhpp_iter", 0),
    "__iadd__": ("operator+=", 1),
    "__isub__": ("operator-=", 1),
    "__imul__": ("operator*=", 1),
    "__enter__": ("pyhpp_enter", 0),
}

# Rich comparisons: C++ operators whose operand type comes from the signature.
COMPARISON_NAMES = ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__")

HANDLE_KINDS = ("class", "dataclass")
_POSITIONAL = ("positional_only", "positional_or_keyword")


def typed_in_cpp(f: Function) -> bool:
    """Whether a method's wrapper takes its C++ types from its signature: an ordinary method, a
    special method of SPECIALS, or a rich comparison. The other special methods have no C++
    member of their own (`with()` stands for __enter__ and __exit__, `repr()` for __repr__,
    range-for for __next__) or one of fixed types (`operator bool`, `pyhpp_hash`)."""
    special = f.name.startswith("__") and f.name.endswith("__")
    return not special or f.name in SPECIALS or f.name in COMPARISON_NAMES


def fits(f: Function) -> bool:
    """Whether special method `f` takes exactly the operands of its C++ spelling: a method
    whose parameters are that many required positionals (any, for `__call__`)."""
    if f.binding != "method":
        return False
    arity = SPECIALS[f.name][1]
    if arity is None:
        return True
    return len(f.parameters) == arity and all(
        p.kind in _POSITIONAL and not p.has_default for p in f.parameters)


def _free(name: str, taken: Set[str]) -> str:
    if name not in taken:
        return name
    stem = name.rstrip("_")
    candidates = ([name + "_"] if not name.endswith("_") else []) + [
        f"{stem}_{n}" for n in range(2, len(taken) + 3)]
    return next(c for c in candidates if c not in taken)


def _class(m: Module, c: Class, diagnostics: List[Diagnostic]) -> Class:
    attributes = {a.name for a in c.attributes}
    methods = [f for f in c.methods if f.name not in attributes]
    taken = {f.cpp_name for f in methods if f.name not in SPECIALS and f.cpp_name}
    taken |= {a.cpp_name for a in c.attributes}
    taken |= {f"set_{a.cpp_name}" for a in c.attributes if not a.readonly}
    taken |= {c.cpp_name, "begin", "end"}  # constructors; members of iterable classes
    named: List[Function] = []
    for f in methods:
        if f.name not in SPECIALS:
            named.append(f)
            continue
        spelling = SPECIALS[f.name][0]
        if not spelling.startswith("operator"):
            cpp = "" if spelling in taken else spelling
        elif fits(f):
            cpp = spelling
        else:
            wanted = cpp_identifier(f.name.strip("_"))
            cpp = _free(wanted, taken)
            if cpp != wanted:
                diagnostics.append(Diagnostic(
                    "warning", f"class {m.name}.{c.name}: special method '{f.name}' cannot be "
                               f"a C++ operator and becomes the member function '{cpp}' because "
                               f"'{wanted}' is taken by another member", f.location))
        if cpp:
            taken.add(cpp)
        named.append(dataclasses.replace(f, cpp_name=cpp))
    return dataclasses.replace(c, methods=tuple(named))


def run(api: Api, diagnostics: List[Diagnostic]) -> Api:
    modules = []
    for m in api.modules:
        classes = tuple(_class(m, c, diagnostics) if c.kind in HANDLE_KINDS else c
                        for c in m.classes)
        modules.append(dataclasses.replace(m, classes=classes))
    return dataclasses.replace(api, modules=tuple(modules))
