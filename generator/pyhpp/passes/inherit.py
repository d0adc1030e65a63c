"""Pass: the C++ base of each class wrapper, and the inherited members it must declare itself.

Introspection lists every method and property a Python user reaches on a class, inherited ones
included, each with the class that defines it. A class wrapper derives from the wrapper of its
first base that is a class of the binding target (its primary base); what that base's wrapper
already provides, resolved the same way, is dropped. Everything else stays: members of the other
bases of a multiply-inherited class, of bases outside the target, and members the class
resolves differently from its primary base (a mixin's override).

Classmethods stay too: Python calls them on the class they are looked up on, so the subclass's
wrapper calls `Sub.make()`, and a result annotated as the defining class becomes the subclass.
Exception classes get their primary base the same way (their members are not wrapped).
"""

from __future__ import annotations

import dataclasses
from typing import Dict, List, Optional, Set, Tuple

from ..diagnostics import Diagnostic
from ..ir.model import Api, Class, CppType, Function, Module

HANDLE_KINDS = ("class", "dataclass")


def _identity(m: Module, c: Class) -> str:
    return c.qualname or f"{m.name}.{c.name}"


def _resolution(c: Class, identity: str) -> Dict[str, str]:
    """Member name -> the class that defines it, as `c` resolves it."""
    found = {f.name: f.defined_in or identity for f in c.methods}
    found.update({a.name: a.defined_in or identity for a in c.attributes})
    return found


def _primary(c: Class, classes: Dict[str, Tuple[Module, Class]]) -> Optional[str]:
    handle = c.kind in HANDLE_KINDS
    for base in c.bases:
        found = classes.get(base)
        if found is None or found[1] is c or base == c.qualname:
            continue  # a base that names the class itself (typing_extensions re-exports)
        kind = found[1].kind
        if (handle and kind in HANDLE_KINDS) or (c.kind == "exception" and kind == "exception"):
            return base
    return None


def _reaches(graph: Dict[str, Set[str]], start: str, goal: str) -> bool:
    seen: Set[str] = set()
    pending = [start]
    while pending:
        node = pending.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            pending.extend(graph.get(node, ()))
    return False


def _primaries(classes: Dict[str, Tuple[Module, Class]],
               diagnostics: List[Diagnostic]) -> Dict[str, Optional[str]]:
    """The primary base of each class. A C++ base must be complete, so a header includes its
    base's header first; where bases of two modules would need each other's headers first
    (anyio's classes derive from anyio.abc's, and anyio.abc's from anyio's), the base whose
    module sorts after the class's is given up, with a note: that wrapper derives from
    pyhpp::object and declares all the members itself."""
    primaries = {identity: _primary(c, classes) for identity, (_, c) in classes.items()}
    graph: Dict[str, Set[str]] = {}
    for identity, base in primaries.items():
        if base is not None:
            own, other = classes[identity][0].name, classes[base][0].name
            if own != other:
                graph.setdefault(own, set()).add(other)
    for identity, base in sorted(primaries.items()):
        if base is None:
            continue
        (m, c), other = classes[identity], classes[base][0].name
        if other != m.name and other > m.name and _reaches(graph, other, m.name):
            primaries[identity] = None
            diagnostics.append(Diagnostic(
                "note", f"{m.name}.{c.name}: its C++ wrapper does not derive from the wrapper "
                f"of {base}, because modules {m.name} and {other} need each other's classes "
                "as bases; it declares the inherited members itself", c.location))
    return primaries


def run(api: Api, diagnostics: Optional[List[Diagnostic]] = None) -> Api:
    classes: Dict[str, Tuple[Module, Class]] = {}
    for m in api.modules:
        for c in m.classes:
            # A structural wrapper is no base: it has no Python class that classes derive from
            # (their members are their own, see introspect/structural.py).
            if not c.structural:
                classes[_identity(m, c)] = (m, c)
    primaries = _primaries(classes, diagnostics if diagnostics is not None else [])
    resolutions = {identity: _resolution(c, identity) for identity, (_, c) in classes.items()}
    # The export path each wrapper is known by (CppType.ref), by identity.
    refs = {identity: f"{m.name}.{c.name}" for identity, (m, c) in classes.items()}
    modules = []
    for m in api.modules:
        new_classes = []
        for c in m.classes:
            identity = _identity(m, c)
            primary = None if c.structural else primaries[identity]
            if primary is None:
                new_classes.append(c)
                continue
            provided = resolutions[primary]
            own = resolutions[identity]

            def kept(name: str, is_classmethod: bool = False) -> bool:
                return is_classmethod or provided.get(name) != own.get(name)

            subclass = CppType("instance", name="::" + "::".join(m.cpp_namespace + (c.cpp_name,)),
                               ref=refs[identity])
            methods = tuple(
                _reref(f, refs, subclass) if f.binding == "classmethod" else f
                for f in c.methods if kept(f.name, f.binding == "classmethod"))
            attributes = tuple(a for a in c.attributes if kept(a.name))
            new_classes.append(dataclasses.replace(
                c, cpp_base=refs[primary], methods=methods, attributes=attributes))
        modules.append(dataclasses.replace(m, classes=tuple(new_classes)))
    return dataclasses.replace(api, modules=tuple(modules))


def _reref(f: Function, refs: Dict[str, str], subclass: CppType) -> Function:
    """An inherited classmethod whose result is an instance of the class defining it gives an
    instance of the subclass it is called on."""
    returns = f.cpp_returns
    if not f.defined_in or returns is None or returns.kind != "instance":
        return f
    if returns.ref != refs.get(f.defined_in):
        return f
    return dataclasses.replace(f, cpp_returns=subclass)
