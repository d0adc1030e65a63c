"""Which other modules' types a module's header needs complete, and which it only names.

Modules of one package refer to each other both ways (jinja2.environment names
jinja2.runtime.Context, and jinja2.runtime names jinja2.environment.Environment), so headers
cannot simply include each other at the top. A header includes at the top only the headers of
the types it needs complete: a base class, a value-struct field, a type used in an inline
member. (A parameter with a default holds a class type in `pyhpp::opt<T, pyhpp::boxed>`,
which does not need T complete.) It
forward-declares the types it only names (parameters, results, attributes), and includes their
headers at the bottom, after its own declarations, so a user who includes one header still gets
every type complete, whichever header of a cycle comes first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, Optional

from ..ir.model import Api, Class, CppType, Function, Module
from . import order

_NAMED_KINDS = ("instance", "enum", "struct")


@dataclass
class Dependencies:
    """Types of other modules, by CppType.ref."""

    complete: Dict[str, CppType] = field(default_factory=dict)
    named: Dict[str, CppType] = field(default_factory=dict)

    def add(self, t: Optional[CppType], complete: bool) -> None:
        if t is None:
            return
        if t.kind in _NAMED_KINDS and t.ref:
            (self.complete if complete else self.named).setdefault(t.ref, t)
        for a in t.args:
            self.add(a, complete)

    def function(self, f: Function) -> None:
        # Parameters with defaults hold class types in pyhpp::opt<T, pyhpp::boxed>, which
        # a declaration of T suffices for; `*args` / `**kwargs` containers too.
        for p in f.parameters:
            self.add(p.cpp_type, False)
        self.add(f.cpp_returns, False)
        for o in f.overloads:
            self.function(o)

    def modules(self, own: str, complete: bool) -> Iterable[str]:
        refs = self.complete if complete else self.named
        return {ref_module(ref) for ref in refs} - {own}


def ref_module(ref: str) -> str:
    return ref.rsplit(".", 1)[0]


def header_dependencies(api: Api, module: Module) -> Dependencies:
    """The other modules' types the header of `module` uses, split by how it uses them."""
    found = Dependencies()
    refs = {c.qualname: f"{m.name}.{c.name}" for m in api.modules for c in m.classes
            if c.qualname}
    classes = {f"{m.name}.{c.name}": c for m in api.modules for c in m.classes}
    for f in module.functions:
        found.function(f)
    for c in module.classes:
        _class(found, c)
    # Deriving from a class (or holding it by value) makes the compiler look at its
    # constructors that one argument can call: their parameter's type must be complete too.
    pending = list(found.complete)
    while pending:
        base = classes.get(pending.pop())
        for ref in order.conversion_needs(base) if base is not None else ():
            if ref not in found.complete:
                found.complete[ref] = CppType("instance", ref=ref)
                pending.append(ref)
    for a in module.constants:
        found.add(a.cpp_type, False)
    for alias in module.aliases:
        if alias.target in refs:
            found.named.setdefault(refs[alias.target], CppType("instance", ref=refs[alias.target]))
    return found


def forward_declaration(c: Class) -> str:
    """The declaration that names the wrapper of `c` before its header is included."""
    if c.kind == "enum":
        by_value = bool(c.members) and all(
            isinstance(m.value, int) and not isinstance(m.value, bool) for m in c.members)
        return f"enum class {c.cpp_name}" + (" : std::int64_t;" if by_value else ";")
    if c.kind in ("namedtuple", "typeddict"):
        return f"struct {c.cpp_name};"
    return f"class {c.cpp_name};"


def _class(found: Dependencies, c: Class) -> None:
    needs = order.class_needs(c)
    if c.kind in ("namedtuple", "typeddict"):
        needs |= order.struct_needs(c)
    for ref in needs:
        found.complete.setdefault(ref, CppType("instance", ref=ref))
    if c.constructor is not None:
        found.function(c.constructor)
    for f in c.methods:
        found.function(f)
    for a in c.attributes:
        found.add(a.cpp_type, False)
