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
from typing import Dict, Optional, Tuple

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
        if found is None:
            continue
        kind = found[1].kind
        if (handle and kind in HANDLE_KINDS) or (c.kind == "exception" and kind == "exception"):
            return base
    return None


def run(api: Api) -> Api:
    classes: Dict[str, Tuple[Module, Class]] = {}
    for m in api.modules:
        for c in m.classes:
            classes[_identity(m, c)] = (m, c)
    resolutions = {identity: _resolution(c, identity) for identity, (_, c) in classes.items()}
    # The export path each wrapper is known by (CppType.ref), by identity.
    refs = {identity: f"{m.name}.{c.name}" for identity, (m, c) in classes.items()}
    modules = []
    for m in api.modules:
        new_classes = []
        for c in m.classes:
            identity = _identity(m, c)
            primary = _primary(c, classes)
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
