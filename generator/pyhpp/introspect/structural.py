"""Structural classes: wrappers of the classes a stub declares that the API names but no module
of the target can wrap (a Protocol of _typeshed, a stub-only class such as hashlib._Hash, a
private class such as argparse._ArgumentGroup, typing.IO).

Runs inside the target interpreter: standard library only, Python 3.8 compatible.

Such a class has no Python class to look up, so its wrapper is structural ("duck-typed"): its
members come from the stub and are called by name on the object, and an object is accepted as
one when it has every public method the wrapper declares (hasattr; properties and data
attributes are not checked, look-alike objects such as io.StringIO often lack them), or, for a
class that declares no public method, every property. A class is made only when
the API references it (and then what its members reference, SEARCH_DEPTH levels deep), and only
when it declares at least one public method or property: a protocol of operators alone
(SupportsDunderLT) tells a C++ caller nothing, and stays pyhpp::object.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from typing import Dict, Iterator, List, Optional, Set, Tuple

from pyhpp.introspect.from_stubs import StubTypes
from pyhpp.introspect.stubs import StubClass, StubFunction, type_of
from pyhpp.ir.model import (
    Attribute,
    Class,
    Function,
    ListOfTypes,
    Module,
    NamedType,
    PyType,
    TypeVarType,
)

SEARCH_DEPTH = 2  # classes referenced by structural classes' members, then by theirs
# typing's I/O classes: real file objects do not derive from them, so only their members count.
_TYPING_IO = ("typing.IO", "typing.TextIO", "typing.BinaryIO")
_TYPING_MODULES = ("typing", "typing_extensions", "_typeshed", "collections.abc", "builtins")
# Special methods a structural wrapper declares (C++ protocols that call through the object).
_SPECIALS = ("__len__", "__contains__", "__getitem__", "__iter__", "__next__", "__enter__",
             "__exit__", "__call__")
_SKIPPED_BASES = ("builtins.object", "typing.Protocol", "typing.Generic",
                  "typing_extensions.Protocol")


def _named(t: Optional[PyType]) -> Iterator[str]:
    """Qualified names of the classes a type names, outside in."""
    if isinstance(t, NamedType):
        yield t.qualname
        for a in t.args:
            yield from _named(a)
    elif isinstance(t, ListOfTypes):
        for a in t.items:
            yield from _named(a)
    elif isinstance(t, TypeVarType):
        yield from _named(t.bound)
        for c in t.constraints:
            yield from _named(c)


def _function_types(f: Function) -> Iterator[Optional[PyType]]:
    for p in f.parameters:
        yield p.type
    yield f.returns
    for o in f.overloads:
        yield from _function_types(o)


def module_types(m: Module) -> Iterator[Optional[PyType]]:
    for f in m.functions:
        yield from _function_types(f)
    for c in m.classes:
        yield from class_types(c)
    for a in m.constants:
        yield a.type


def class_types(c: Class) -> Iterator[Optional[PyType]]:
    if c.constructor is not None:
        yield from _function_types(c.constructor)
    for f in c.methods:
        yield from _function_types(f)
    for a in c.attributes:
        yield a.type


def _module_exists(name: str) -> bool:
    if name in sys.modules:
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


class StructuralClasses:
    """Finds the classes to wrap structurally and describes them from their stubs."""

    def __init__(self, stubs: StubTypes) -> None:
        self.stubs = stubs

    def run(self, modules: List[Module]) -> List[Module]:
        known: Set[str] = set()
        taken: Dict[str, Set[str]] = {}
        for m in modules:
            names = {f.name for f in m.functions} | {a.name for a in m.constants}
            names |= {o.name for o in m.others} | {a.name for a in m.aliases}
            names |= {s.name for s in m.skipped}
            for c in m.classes:
                names.add(c.name)
                known |= {f"{m.name}.{c.name}", c.qualname,
                          f"{c.runtime_module}.{c.runtime_qualname}"}
            taken[m.name] = names
        added: Dict[str, List[Class]] = {m.name: [] for m in modules}
        pending: List[Tuple[str, str, int]] = []  # (qualname, home module, depth)
        for m in modules:
            for t in module_types(m):
                pending.extend((q, m.name, 0) for q in _named(t))
        done: Set[str] = set()
        while pending:
            qualname, home, depth = pending.pop(0)
            if qualname in done or qualname in known:
                continue
            done.add(qualname)
            stub_class = self._eligible(qualname)
            if stub_class is None:
                continue
            c = self.describe(qualname, stub_class, home, taken[home])
            if c is None:
                continue
            taken[home].add(c.name)
            added[home].append(c)
            if depth < SEARCH_DEPTH:
                pending.extend((q, home, depth + 1) for t in class_types(c) for q in _named(t))
        return [dataclasses.replace(m, classes=m.classes + tuple(added[m.name]))
                if added[m.name] else m for m in modules]

    # -- which classes ------------------------------------------------------------------------

    def find(self, qualname: str) -> Optional[StubClass]:
        """The stub class of a qualified name (`a.b.C`, `a.C.Inner`)."""
        parts = qualname.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            stub = self.stubs.finder.module(".".join(parts[:cut]))
            if stub is not None:
                return self.stubs._class_in(stub, ".".join(parts[cut:]))
        return None

    def _eligible(self, qualname: str) -> Optional[StubClass]:
        """The stub class of a class no module of the target wraps, when it is stub-only,
        private, or one of typing's I/O classes; None otherwise (a public class of a module
        outside the target: wrapping that module gives a real wrapper)."""
        home, _, name = qualname.rpartition(".")
        if qualname not in _TYPING_IO:
            if home in _TYPING_MODULES and home != "_typeshed":
                return None  # mapped by passes/typemap.py, or typing machinery
            private = any(part.startswith("_") for part in qualname.split("."))
            if not private and _module_exists(home):
                module = sys.modules.get(home)
                if module is None or hasattr(module, name.split(".")[0]):
                    return None  # public (modules not imported are not imported to check)
        return self.find(qualname)

    # -- describing -------------------------------------------------------------------------------

    def describe(self, qualname: str, stub_class: StubClass, home: str,
                 taken: Set[str]) -> Optional[Class]:
        mro = [s for s in self.stubs.stub_mro(stub_class) if s.qualname not in _SKIPPED_BASES]
        functions: Dict[str, List[StubFunction]] = {}
        attributes: Dict[str, Tuple[StubClass, object]] = {}
        for s in mro:
            for name, variants in s.functions.items():
                if name not in functions and name not in attributes:
                    functions[name] = variants
            for name, node in s.attributes.items():
                if name not in functions and name not in attributes:
                    attributes[name] = (s, node)
        methods: List[Function] = []
        props: List[Attribute] = []
        where = qualname
        for name, variants in functions.items():
            if name.startswith("_") and name not in _SPECIALS:
                continue
            if variants[0].is_property:
                owner = variants[0]
                pytype, source, found = type_of(self.stubs.resolver, owner.stub,
                                                owner.node.returns, f"{where}.{name}", qualname)
                self.stubs.diagnostics.extend(found)
                props.append(Attribute(name=name, type=pytype, type_source=source,
                                       location=owner.location(), readonly=True))
                continue
            if any(v.binding != "method" for v in variants):
                continue  # no Python class to call a static or class method on
            template = Function(name=name, location=variants[0].location(), binding="method",
                                qualname=f"{qualname}.{name}")
            described = [d for d in (self.stubs.stub_signature(v, template, f"{where}.{name}",
                                                               qualname)
                                     for v in variants) if d is not None]
            if not described:
                continue
            if len(described) == 1:
                methods.append(described[0])
            else:
                methods.append(dataclasses.replace(
                    described[0], returns=None, overloads=tuple(described)))
        for name, (owner_class, node) in attributes.items():
            if name.startswith("_"):
                continue
            pytype, source, found = type_of(self.stubs.resolver, owner_class.stub,
                                            node.annotation, f"{where}.{name}",  # type: ignore
                                            qualname)
            if isinstance(pytype, NamedType) and pytype.qualname == "typing.ClassVar":
                continue
            self.stubs.diagnostics.extend(found)
            props.append(Attribute(name=name, type=pytype, type_source=source,
                                   location=owner_class.stub.line_of(node),  # type: ignore
                                   readonly=True))
        if not any(not f.name.startswith("_") for f in methods) and not props:
            return None
        stub_name = qualname.rsplit(".", 1)[-1]
        name = stub_name.lstrip("_") or stub_name
        if name in taken:
            name = f"{qualname.rsplit('.', 1)[0].split('.')[-1].strip('_')}_{name}"
        doc = (f"Structural wrapper of the stub class `{qualname}` "
               f"({stub_class.stub.line_of(stub_class.node)}): its members are called by name, "
               "and any object that has its methods is accepted as one.")
        return Class(name=name, kind="class", location=stub_class.stub.line_of(stub_class.node),
                     doc=doc, methods=tuple(methods), attributes=tuple(props),
                     qualname=qualname, structural=True)
