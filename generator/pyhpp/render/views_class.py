"""View models of a module as a whole: its functions, classes, enums, exception classes and
constants, in the order the header declares them."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple

from ..exception_table import BUILTIN_ERRORS
from ..ir.model import Api, Attribute, Class, CppType, Function, Module
from ..passes import members, typemap
from ..passes.pytext import py_text
from . import cpp
from . import depends
from . import order
from .cpp import ClassRef, EnumTraits, LiteralSet, Spellings
from .views import FunctionView, doc_lines, function_view
from .views_member import (COMPARISONS, ComparisonView, comparison_views,
                           drop_repeated_overloads, member, special_view)


@dataclass
class AttributeView:
    name: str
    python_name: str
    display: str  # "shop.Item.name"
    type: str
    declaration_type: str  # how the setter takes it
    codec: str
    result_text: str
    readonly: bool
    doc_lines: List[str]
    pyhpp_name: str  # helper name in the source

    @property
    def pyhpp_local(self) -> str:
        return self.pyhpp_name.rsplit("::", 1)[-1]


@dataclass
class ClassView:
    name: str
    python_name: str
    doc_lines: List[str]
    location: str
    base: str  # C++ base class
    constructor: Optional[FunctionView]
    methods: List[FunctionView]  # public methods and special members
    attributes: List[AttributeView]
    comparisons: List[ComparisonView] = field(default_factory=list)
    has_bool: bool = False
    has_hash: bool = False
    has_str: bool = False
    qualified_name: str = ""
    # How a constructor names its class to delegate to another: qualified where a parameter
    # has the class's name and would hide it (numpy's `dtype(dtype, align, copy)`).
    delegate: str = ""
    inherits_hash: bool = False  # std::hash through a base's pyhpp_hash()
    iterates: str = ""  # with a typed __iter__: the item type of begin() / end()
    context: str = ""  # with __enter__ and __exit__: what __enter__ gives the `with` body
    # Structural classes: the Python names an instance must have (introspect/structural.py).
    structural: bool = False
    member_names: List[str] = field(default_factory=list)
    declaration_kind = "class"

    @property
    def callables(self) -> List[FunctionView]:
        return ([self.constructor] if self.constructor else []) + self.methods


@dataclass
class EnumView:
    name: str
    python_name: str
    doc_lines: List[str]
    location: str
    by_value: bool
    flags: bool
    members: List[Dict[str, str]]  # {"name": C++ name, "value": C++ value or "", "python": ...}
    mask: int = 0  # flags: every member's bits


@dataclass
class ConversionView:
    """The conversion functions of an enum or value struct that pyhpp::to_object and
    pyhpp::object::cast find by argument-dependent lookup."""

    name: str  # C++ name in the module's namespace
    qualified: str  # for error messages: "py::mod::Color"
    codec: str  # the codec the source converts with


@dataclass
class StructView:
    name: str
    python_name: str
    kind: str
    doc_lines: List[str]
    location: str
    fields: List[Dict[str, str]]  # {"name", "type", "init"}
    declaration_kind = "struct"


def _contains_instance(t: CppType) -> bool:
    return t.kind == "instance" or any(_contains_instance(a) for a in t.args)


def struct_view(module: Module, c: Class, spell: Spellings) -> StructView:
    fields = []
    for a in c.attributes:
        t = a.cpp_type or CppType("object")
        spell.use(t)
        value = cpp.cpp_type(t)
        init = f" = pyhpp::detail::blank<{value}>()" if _contains_instance(t) else "{}"
        if _contains_instance(t):
            spell.headers.add("<pyhpp/detail/blank.hpp>")
        fields.append({"name": a.cpp_name, "type": value, "init": init,
                       "doc": a.doc.splitlines()[0] if a.doc else ""})
    return StructView(name=c.cpp_name, python_name=f"{module.name}.{c.name}", kind=c.kind,
                      doc_lines=doc_lines(c.doc), location=str(c.location) if c.location else "",
                      fields=fields)


@dataclass
class ExceptionView:
    name: str
    python_name: str
    module: str
    qualname: str
    base: str
    doc_lines: List[str]
    location: str


@dataclass
class ModuleView:
    name: str
    namespace: str
    header_path: str  # relative to the include directory: "NS/a/b.hpp"
    source_path: str
    location: str
    doc_lines: List[str]
    functions: List[FunctionView]
    std_headers: List[str]
    keyword_tags: List[str]
    python_version: str
    pyhpp_version: str
    classes: List[ClassView] = field(default_factory=list)
    enums: List[EnumView] = field(default_factory=list)
    exceptions: List[ExceptionView] = field(default_factory=list)
    constants: List[AttributeView] = field(default_factory=list)
    includes: List[str] = field(default_factory=list)  # headers of other modules of the target
    # Headers of other modules whose types the header only names: included after its own
    # declarations (see depends.py); the source includes what its header does not.
    late_includes: List[str] = field(default_factory=list)
    # When set, the declarations go to this header, and header_path holds only the includes
    # (see split_modules).
    decl_path: str = ""
    source_includes: List[str] = field(default_factory=list)
    # {"namespace": "py::a::b", "declarations": ["class X;", ...]}: types named before their
    # headers are included.
    foreign_declarations: List[Dict[str, object]] = field(default_factory=list)
    aliases: List[Dict[str, str]] = field(default_factory=list)  # {"name", "target"}
    class_refs: List[ClassRef] = field(default_factory=list)
    foreign_modules: List[Dict[str, str]] = field(default_factory=list)
    enum_traits: List[EnumTraits] = field(default_factory=list)
    literals: List[LiteralSet] = field(default_factory=list)
    forward_declarations: List[str] = field(default_factory=list)  # "class X;", "struct Y;"
    structs: List[StructView] = field(default_factory=list)
    # Class wrappers and value structs in the order the header defines them (see order.py).
    types: List[object] = field(default_factory=list)
    # {"name": C++ name, "python": name in the module}: the classes the source reads.
    type_attrs: List[Dict[str, str]] = field(default_factory=list)
    uses_module: bool = False  # whether the source reads anything from the module itself
    pyhpp_headers: List[str] = field(default_factory=list)  # runtime headers beyond pyhpp.hpp

    @property
    def project_headers(self) -> List[str]:
        """The runtime's and other bindings' headers, one sorted block (as clang-format sorts)."""
        return sorted(["<pyhpp/pyhpp.hpp>"] + self.pyhpp_headers
                      + [f"<{h}>" for h in self.includes])
    struct_codecs: List[cpp.StructCodec] = field(default_factory=list)
    conversions: List[ConversionView] = field(default_factory=list)

    @property
    def all_callables(self) -> List[FunctionView]:
        return self.functions + [f for c in self.classes for f in c.callables]


def _attribute_view(a: Attribute, owner_python: str, helper: str, spell: Spellings
                    ) -> AttributeView:
    t = a.cpp_type or CppType("object")
    spell.use(t)
    value = cpp.cpp_type(t)
    return AttributeView(
        name=a.cpp_name, python_name=a.name, display=f"{owner_python}.{a.name}", type=value,
        declaration_type=f"{value} " if cpp.by_value(t) else f"const {value} &",
        codec=spell.codec(t), result_text=py_text(a.type) if a.type is not None else "object",
        readonly=a.readonly, doc_lines=doc_lines(a.doc), pyhpp_name=helper)


def _inherited_classmethods(module: Module, c: Class, everything: Dict[str, Class]
                            ) -> List[Function]:
    """Classmethods of wrapped bases that `c` does not define: C++ would call them on the base
    class (`Base::make()` gives a Base), Python on the class they are looked up on."""
    own = {f.name for f in c.methods}
    found: List[Function] = []
    ref = f"{module.name}.{c.name}"
    pending = list(c.bases)
    seen = set()
    while pending:
        base_ref = pending.pop(0)
        base = everything.get(base_ref)
        if base is None or base_ref in seen:
            continue
        seen.add(base_ref)
        for f in base.methods:
            if f.binding == "classmethod" and f.name not in own:
                own.add(f.name)
                returns = f.cpp_returns
                if returns is not None and returns.kind == "instance" and returns.ref == base_ref:
                    qualified = "::" + "::".join(module.cpp_namespace + (c.cpp_name,))
                    returns = CppType("instance", name=qualified, ref=ref)
                found.append(dataclasses.replace(f, cpp_returns=returns))
        pending.extend(base.bases)
    return found


def class_view(module: Module, c: Class, spell: Spellings, bases: Dict[str, str],
               everything: Optional[Dict[str, Class]] = None) -> ClassView:
    python_name = f"{module.name}.{c.name}"
    base = bases.get(c.cpp_base, "pyhpp::object")
    constructor = None
    if c.constructor is not None:
        constructor = member(function_view(module, c.constructor, spell, c.cpp_name,
                                            python_name))
        constructor.name = c.cpp_name
        constructor.binding = "init"
    methods: List[FunctionView] = []
    comparisons: List[ComparisonView] = []
    names = {f.cpp_name for f in c.methods if not f.name.startswith("__")}
    names |= {a.cpp_name for a in c.attributes}
    flags = {"has_bool": False, "has_hash": False, "has_str": False}
    for f in c.methods:
        if f.name in COMPARISONS:
            comparisons.extend(comparison_views(module, c, f, spell))
        elif f.name in members.SPECIALS:
            if f.cpp_name:  # empty: not wrapped (see passes/members.py)
                names.add(f.cpp_name)
                methods.append(special_view(module, c, f, spell))
        elif f.name == "__bool__":
            flags["has_bool"] = True
        elif f.name == "__hash__":
            flags["has_hash"] = True
        elif f.name == "__str__":
            flags["has_str"] = True
        elif not f.name.startswith("__") and f.overloads:
            # @typing.overload signatures: one C++ overload each, sharing the method's name.
            for i, o in enumerate(f.overloads):
                view = function_view(module, dataclasses.replace(o, cpp_name=f.cpp_name), spell,
                                     c.cpp_name, python_name,
                                     helper=f"pyhpp_{i}_{f.cpp_name}" if i else "")
                view.overload_of = f"{c.cpp_name}::{f.cpp_name}" if i else ""
                methods.append(member(view))
        elif not f.name.startswith("__"):
            methods.append(member(function_view(module, f, spell, c.cpp_name, python_name)))
    for f in _inherited_classmethods(module, c, everything or {}):
        if f.cpp_name not in names:
            methods.append(member(function_view(module, f, spell, c.cpp_name, python_name)))
    attributes = [_attribute_view(a, python_name, f"{c.cpp_name}::{a.cpp_name}", spell)
                  for a in c.attributes]
    prefix = "pyhpp::iterator_range<"
    iterates = next((m.returns[len(prefix):-1] for m in methods
                     if m.name == "pyhpp_iter" and m.returns.startswith(prefix)), "")
    context = ""
    if any(f.name == "__exit__" for f in c.methods):
        context = next((m.returns for m in methods if m.name == "pyhpp_enter"), "")
    checked = [f.name for f in c.methods if not f.name.startswith("_")] \
        or [a.name for a in c.attributes if not a.name.startswith("_")]
    return ClassView(
        structural=c.structural, member_names=sorted(set(checked)) if c.structural else [],
        name=c.cpp_name, python_name=python_name, doc_lines=doc_lines(c.doc),
        location=str(c.location) if c.location else "", base=base, constructor=constructor,
        methods=methods, attributes=attributes, comparisons=comparisons,
        qualified_name="::" + "::".join(module.cpp_namespace + (c.cpp_name,)),
        delegate="::" + "::".join(module.cpp_namespace + (c.cpp_name,))
        if c.constructor is not None and any(p.cpp_name == c.cpp_name
                                             for p in c.constructor.parameters) else c.cpp_name,
        iterates=iterates, context=context, **flags)


def enum_view(module: Module, c: Class) -> EnumView:
    by_value = cpp.is_by_value(c)
    members = [{"name": m.cpp_name, "python": m.name,
                "value": str(m.value) if by_value else ""} for m in c.members]
    mask = 0
    for m in c.members:
        if by_value:
            mask |= int(m.value or 0)
    return EnumView(name=c.cpp_name, python_name=f"{module.name}.{c.name}",
                    doc_lines=doc_lines(c.doc), location=str(c.location) if c.location else "",
                    by_value=by_value, flags=by_value and c.enum_base in ("enum.Flag", "enum.IntFlag"),
                    members=members, mask=mask)


def _sorted_by_bases(classes: List[Class], module: Module) -> List[Class]:
    """Classes with their C++ base, when it is of the same module, before them (C++ needs
    complete bases)."""
    own = {f"{module.name}.{c.name}": c for c in classes}
    done: Dict[str, Class] = {}

    def visit(c: Class, depth: int) -> None:
        ref = f"{module.name}.{c.name}"
        if ref in done or depth > len(classes):
            return
        if c.cpp_base in own:
            visit(own[c.cpp_base], depth + 1)
        done[ref] = c

    for c in classes:
        visit(c, 0)
    return list(done.values())


def module_view(api: Api, module: Module, python_version: str, pyhpp_version: str,
                namespace_root: List[str], split: Optional[Set[str]] = None) -> ModuleView:
    """The view of one module; `split` is split_modules(api), computed once per run by the
    caller that renders every module (computed here when not given)."""
    enums = {f"{m.name}.{c.name}": c for m in api.modules for c in m.classes if c.kind == "enum"}
    structs = {f"{m.name}.{c.name}": c for m in api.modules for c in m.classes
               if c.kind in ("namedtuple", "typeddict")}
    spell = Spellings(module.name, enums, structs=structs, cpp_names={
        f"{m.name}.{c.name}": c.cpp_name for m in api.modules for c in m.classes},
        structural={f"{m.name}.{c.name}" for m in api.modules for c in m.classes
                    if c.structural})
    # C++ spellings of the target's classes, for bases.
    wrappers = {}
    errors = dict(BUILTIN_ERRORS)
    for m in api.modules:
        for c in m.classes:
            qualified = "::" + "::".join(m.cpp_namespace + (c.cpp_name,))
            if c.kind in ("class", "dataclass"):
                wrappers[f"{m.name}.{c.name}"] = qualified
            elif c.kind == "exception":
                errors[f"{m.name}.{c.name}"] = qualified
    functions: List[FunctionView] = []
    for f in module.functions:
        if not f.overloads:
            functions.append(function_view(module, f, spell))
            continue
        # @typing.overload sets: a C++ overload per signature, all calling the one function.
        for i, o in enumerate(f.overloads):
            # The first signature owns the cached function object; the others share it.
            view = function_view(module, dataclasses.replace(o, cpp_name=f.cpp_name), spell,
                                 helper=f"pyhpp_{i}_{f.cpp_name}" if i else "")
            view.overload_of = f.cpp_name if i else ""
            functions.append(view)
    handles = _sorted_by_bases([c for c in module.classes if c.kind in ("class", "dataclass")],
                               module)
    everything = {f"{m.name}.{c.name}": c for m in api.modules for c in m.classes}
    classes = [class_view(module, c, spell, wrappers, everything) for c in handles]
    hashed = {c.python_name for c in classes if c.has_hash}
    for view, c in zip(classes, handles):
        if not view.has_hash and c.cpp_base in hashed:
            view.inherits_hash = True
            hashed.add(view.python_name)
    exceptions = []
    for c in _sorted_by_bases([c for c in module.classes if c.kind == "exception"], module):
        base = errors.get(c.cpp_base) or next((errors[b] for b in c.bases if b in errors),
                                              "pyhpp::exception")
        exceptions.append(ExceptionView(
            name=c.cpp_name, python_name=f"{module.name}.{c.name}",
            # Registered under Python's own names for the class, as the runtime finds it.
            module=c.runtime_module or module.name, qualname=c.runtime_qualname or c.name,
            base=base, doc_lines=doc_lines(c.doc),
            location=str(c.location) if c.location else ""))
    enum_views = [enum_view(module, c) for c in module.classes if c.kind == "enum"]
    struct_views = [struct_view(module, c, spell) for c in module.classes
                    if c.kind in ("namedtuple", "typeddict")]
    constants = [_attribute_view(a, module.name, f"pyhpp_constants::{a.cpp_name}", spell)
                 for a in module.constants]
    values = [c for c in module.classes if c.kind in ("namedtuple", "typeddict")]
    types, late = order.declaration_order(
        [(v.python_name, v) for v in classes] + [(v.python_name, v) for v in struct_views],
        hard={**{v.python_name: order.class_needs(c) for v, c in zip(classes, handles)},
              **{v.python_name: order.struct_needs(c) for v, c in zip(struct_views, values)}},
        soft={v.python_name: {r for f in v.callables for r in f.default_refs} for v in classes},
        conversions={v.python_name: order.conversion_needs(c) for v, c in zip(classes, handles)})
    for v in classes:
        deferred = [f for f in v.callables if f.default_refs & late.get(v.python_name, set())]
        for f in deferred:
            member(f, defaults=False)
        if deferred:
            drop_repeated_overloads(v.callables)
    # Every enum with members and every value struct converts through its codec for
    # pyhpp::to_object and object::cast (an enum without members has no C++ value).
    conversions = []
    for c in module.classes:
        kind = typemap.VALUE_KINDS.get(c.kind)
        if kind is None or (c.kind == "enum" and not c.members):
            continue
        qualified = "::".join(module.cpp_namespace + (c.cpp_name,))
        codec = spell.codec(CppType(kind, name="::" + qualified, ref=f"{module.name}.{c.name}"))
        conversions.append(ConversionView(c.cpp_name, qualified, codec))
    # The module's classes, enums and structs that the source reads from the module: class
    # wrappers check instances; enums and structs only where a conversion uses them.
    used = {r.ref for r in spell.classes.values() if r.module == module.name}
    type_attrs = [{"name": v.name, "python": v.python_name.rsplit(".", 1)[-1]}
                  for v in [v for v in classes if not v.structural] + [
                      e for e in enum_views + struct_views
                                      if e.python_name in used]]
    struct_needs = {ref: order.struct_needs(structs[ref]) for ref in spell.struct_codecs}
    everything = functions + [f for c in classes for f in c.callables]
    tags = sorted({v.tag for f in everything for v in f.keyword_struct})
    parts = list(namespace_root) + module.name.split(".")
    foreign: Dict[str, str] = {}
    for ref in spell.classes.values():
        if ref.module != module.name:
            foreign.setdefault(ref.module, ref.module_cache)
    for ref in spell.classes.values():
        if ref.module != module.name:
            ref.module_cache = foreign[ref.module]
    header = _header_layout(api, module, spell, namespace_root,
                            split_modules(api) if split is None else split)
    return ModuleView(
        name=module.name,
        namespace="::".join(module.cpp_namespace),
        header_path="/".join(parts) + ".hpp",
        source_path="/".join(parts) + ".cpp",
        location=str(module.location) if module.location else "",
        doc_lines=doc_lines(module.doc),
        functions=functions,
        std_headers=sorted(h for h in spell.headers | ({"<ostream>"} if any(
            c.has_str for c in classes) else set()) if not h.startswith("<pyhpp/")),
        pyhpp_headers=sorted(h for h in spell.headers if h.startswith("<pyhpp/")),
        keyword_tags=tags,
        python_version=python_version,
        pyhpp_version=pyhpp_version,
        classes=classes,
        enums=enum_views,
        exceptions=exceptions,
        constants=constants,
        includes=header["top"],
        late_includes=header["bottom"],
        decl_path=header["decl"],
        source_includes=header["source"],
        foreign_declarations=header["declarations"],
        aliases=header["aliases"],
        class_refs=list(spell.classes.values()),
        foreign_modules=[{"name": m, "cache": c} for m, c in sorted(foreign.items())],
        enum_traits=list(spell.enum_traits.values()),
        literals=list(spell.literals.values()),
        forward_declarations=[f"{t.declaration_kind} {t.name};" for t in types],
        structs=struct_views,
        types=types,
        type_attrs=type_attrs,
        uses_module=bool([f for f in functions if not f.unsupported] or type_attrs or constants),
        # Each codec after those of the structs its fields hold.
        struct_codecs=[spell.struct_codecs[ref] for ref in order.post_order(
            list(spell.struct_codecs), struct_needs)],
        conversions=conversions,
    )


def _header_path(namespace_root: List[str], module: str, suffix: str = ".hpp") -> str:
    return "/".join(list(namespace_root) + module.split(".")) + suffix


DECL_SUFFIX = ".decl.hpp"


def _named_only(api: Api, module: Module) -> Tuple[Set[str], Set[str]]:
    """(modules whose types the header needs complete, modules it only names)."""
    deps = depends.header_dependencies(api, module)
    complete = set(deps.modules(module.name, True))
    named = set(deps.modules(module.name, False)) - complete
    identities = {c.qualname: m.name for m in api.modules for c in m.classes if c.qualname}
    named |= {identities[a.target] for a in module.aliases if a.target in identities}
    return complete, named - complete - {module.name}


def split_modules(api: Api) -> Set[str]:
    """The modules whose header comes in two: `b.decl.hpp`, the declarations, which includes
    only the declarations of the types it needs complete, and `b.hpp`, which includes it and
    then the headers of every module whose types it only names. Headers that include each
    other (modules that import each other) then never see a half-read declaration header."""
    return {m.name for m in api.modules if _named_only(api, m)[1]}


def _header_layout(api: Api, module: Module, spell: Spellings, namespace_root: List[str],
                   split: Set[str]) -> Dict[str, list]:
    """Which headers of other modules the header includes at the top and at the bottom, the
    types it forward-declares, and its aliases of re-exported classes and functions."""
    deps = depends.header_dependencies(api, module)
    homes = {f"{m.name}.{c.name}": (m, c) for m in api.modules for c in m.classes}
    complete, named = _named_only(api, module)
    # Codecs used only in the source (struct fields of other modules' structs...) need their
    # headers there.
    source_only = set(spell.includes) - complete - named - {module.name}
    declarations: Dict[str, List[str]] = {}
    # Every type of another module it names is declared first: in a cycle of headers, the
    # other one may not have been read yet.
    for ref in sorted(set(deps.named) | set(deps.complete)):
        home = homes.get(ref)
        if home is None or depends.ref_module(ref) == module.name:
            continue
        m, c = home
        declarations.setdefault("::".join(m.cpp_namespace), []).append(
            depends.forward_declaration(c))
    identities = {c.qualname: (m, c.cpp_name) for m in api.modules for c in m.classes
                  if c.qualname}
    aliases = []
    for alias in module.aliases:
        if alias.target in identities:
            m, cpp_name = identities[alias.target]
            aliases.append({"name": alias.cpp_name,
                            "target": "::" + "::".join(m.cpp_namespace + (cpp_name,))})
    return {
        "top": sorted(_header_path(namespace_root, m, DECL_SUFFIX if m in split else ".hpp")
                      for m in complete),
        "decl": _header_path(namespace_root, module.name, DECL_SUFFIX)
        if module.name in split else "",
        "bottom": sorted(_header_path(namespace_root, m) for m in named),
        "source": sorted(_header_path(namespace_root, m) for m in source_only),
        "declarations": [{"namespace": ns, "declarations": sorted(set(items))}
                         for ns, items in sorted(declarations.items())],
        "aliases": aliases,
    }
