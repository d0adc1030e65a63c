"""The type coverage report of `pyhpp generate --report`: how much of each module's API has C++
types, and where it fell back to pyhpp::object.

A *slot* is one parameter or one result of a wrapped callable (module functions, methods,
constructors; every @overload variant counts as a callable) as its C++ signature shows it:
special methods without a C++ member typed by their signature (__exit__, __repr__, see
passes/members.typed_in_cpp) have none. A slot is
- typed: its C++ type is not pyhpp::object at the top level (`void` results included), or,
  for a function that also has a function template (a TypeVar a parameter gives), its type in
  the template is not;
- dynamic by declaration: annotated `Any` or `object` (or an unbounded TypeVar, or a union
  with `Any` in it), or a parameter annotated `None`, where pyhpp::object is the exact type;
- a fallback: no annotation and no stub, or an annotation pyhpp cannot map.
A callable is fully typed without fallbacks, dynamic when every slot is one, partly typed else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, List, Optional, Tuple

from .ir.model import (
    Api,
    CppType,
    Function,
    Location,
    Module,
    NamedType,
    NoneType,
    PyType,
    TypeVarType,
)
from .passes import members
from .passes.pytext import py_text

DYNAMIC = ("typing.Any", "builtins.object")
SHOWN = 5  # fallbacks listed per module


@dataclass
class Coverage:
    module: str
    callables: int = 0
    fully_typed: int = 0
    partly_typed: int = 0
    dynamic: int = 0
    slots: int = 0
    typed: int = 0
    declared_dynamic: int = 0
    fallbacks: List[Tuple[Optional[Location], str]] = field(default_factory=list)

    @property
    def fallback_count(self) -> int:
        return self.slots - self.typed - self.declared_dynamic

    def fraction(self) -> float:
        """Typed slots (not pyhpp::object at the top level) over all slots."""
        return self.typed / self.slots if self.slots else 1.0


def _declared_dynamic(t: Optional[PyType]) -> bool:
    if isinstance(t, NoneType):
        return True  # a parameter that must be None (an @overload's): pyhpp::none() is exact
    if isinstance(t, TypeVarType):
        return t.bound is None and not t.constraints
    if isinstance(t, NamedType) and t.qualname == "typing.Union":
        return any(_declared_dynamic(a) for a in t.args)  # `AnyStr | Any`: anything
    return isinstance(t, NamedType) and t.qualname in DYNAMIC and not t.args


def _callables(module: Module) -> Iterator[Tuple[str, Function]]:
    def variants(name: str, f: Function) -> Iterator[Tuple[str, Function]]:
        if f.unsupported:
            return
        if f.overloads:
            for o in f.overloads:
                yield name, o
        else:
            yield name, f

    for f in module.functions:
        yield from variants(f"{module.name}.{f.name}()", f)
    for c in module.classes:
        where = f"{module.name}.{c.name}"
        if c.constructor is not None and c.kind in ("class", "dataclass"):
            yield from variants(f"{where}()", c.constructor)
        for f in c.methods:
            if f.cpp_name and members.typed_in_cpp(f):
                yield from variants(f"{where}.{f.name}()", f)


def _slot(coverage: Coverage, what: str, t: Optional[PyType], cpp: Optional[CppType],
          location: Optional[Location]) -> bool:
    """Counts one slot; True when it is a fallback."""
    coverage.slots += 1
    if cpp is not None and cpp.kind != "object":
        coverage.typed += 1
        return False
    if _declared_dynamic(t):
        coverage.declared_dynamic += 1
        return False
    why = "has no annotation and no stub" if t is None else \
        f"is annotated '{py_text(t)}', which pyhpp does not map"
    coverage.fallbacks.append((location, f"{what} {why}: pyhpp::object"))
    return True


def module_coverage(module: Module) -> Coverage:
    coverage = Coverage(module.name)
    for name, f in _callables(module):
        coverage.callables += 1
        fallbacks = 0
        count = 0
        # A function template types what its TypeVars are (T for `heappop(heap: list[T]) -> T`).
        generic = f.generic
        for i, p in enumerate(f.parameters):
            count += 1
            fallbacks += _slot(coverage, f"{name} parameter '{p.name}'", p.type,
                               generic.parameters[i] if generic else p.cpp_type,
                               p.type_source.location or f.location)
        if f.binding != "method" or f.name != "__init__":
            count += 1
            fallbacks += _slot(coverage, f"{name} result", f.returns,
                               generic.returns if generic else f.cpp_returns,
                               f.returns_source.location or f.location)
        if not f.signature_known:
            coverage.fallbacks.append((f.location, f"{name}: its signature is unknown "
                                                   "(*args, **kwargs of pyhpp::object)"))
        if fallbacks == 0 and f.signature_known:
            coverage.fully_typed += 1
        elif fallbacks == count or not f.signature_known:
            coverage.dynamic += 1
        else:
            coverage.partly_typed += 1
    return coverage


def coverage(api: Api) -> List[Coverage]:
    return [module_coverage(m) for m in api.modules]


def format_report(found: List[Coverage]) -> str:
    lines = []
    total = Coverage("all")
    for c in found:
        lines.append(
            f"{c.module}: {c.callables} callables: {c.fully_typed} fully typed, "
            f"{c.partly_typed} partly typed, {c.dynamic} dynamic; {c.typed} of {c.slots} "
            f"parameters and results typed ({100 * c.fraction():.1f}%), "
            f"{c.declared_dynamic} declared Any/object, {c.fallback_count} fell back")
        for location, message in c.fallbacks[:SHOWN]:
            lines.append(f"  {location}: note: {message}" if location else f"  note: {message}")
        if len(c.fallbacks) > SHOWN:
            lines.append(f"  ... and {len(c.fallbacks) - SHOWN} more")
        for name in ("callables", "fully_typed", "partly_typed", "dynamic", "slots", "typed",
                     "declared_dynamic"):
            setattr(total, name, getattr(total, name) + getattr(c, name))
    if len(found) > 1:
        lines.append(
            f"total: {total.callables} callables: {total.fully_typed} fully typed, "
            f"{total.partly_typed} partly typed, {total.dynamic} dynamic; {total.typed} of "
            f"{total.slots} parameters and results typed ({100 * total.fraction():.1f}%)")
    return "\n".join(lines) + "\n"
