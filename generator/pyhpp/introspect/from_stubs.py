"""Types from stubs for what the runtime left untyped: functions, methods, constructors,
properties, class attributes and module variables of a described Module.

Runs inside the target interpreter: standard library only, Python 3.8 compatible.

The runtime decides what exists; a stub gives types:
- a runtime annotation always wins over the stub;
- a stub signature (or each @overload variant of one) is used where the runtime signature
  accepts every call it describes: its positional parameters fill runtime positional slots or
  `*args`, its keyword-only ones name runtime parameters or go to `**kwargs`, and it passes
  every parameter the runtime requires. A routine inspect cannot describe at all (many C
  functions) takes the stub's signature as it is;
- where no variant fits, types are taken for the parameters the stub has a counterpart of (the
  same name and kind; `*args` and `**kwargs` whatever their names; a positional parameter
  named differently in the same place, as `hashlib.sha3_224(string)` is `__init__(data)` in
  its stub), and a note says the two differ;
- a routine no stub describes and inspect cannot either takes `*args, **kwargs` of objects, with
  a note.
"""

from __future__ import annotations

import ast
import copy
import dataclasses
import types
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

from pyhpp.diagnostics import Diagnostic
from pyhpp.introspect.stubs import (
    StubClass,
    StubClassRef,
    StubConverter,
    StubFinder,
    StubFunction,
    StubModule,
    StubResolver,
    dotted_name,
    self_variable,
    type_of,
)
from pyhpp.ir.model import (
    Attribute,
    Class,
    Function,
    Location,
    Module,
    NamedType,
    Parameter,
    TypeSource,
)

_POSITIONAL = ("positional_only", "positional_or_keyword")


# Python's ordering comparisons, which a class written in C has whenever it has __eq__.
_ORDERINGS = ("__lt__", "__le__", "__gt__", "__ge__")


def _union_of(types: Sequence[Any]) -> Any:
    """One type, or the union of several (nested unions spliced in, each member once)."""
    members: List[Any] = []
    for t in types:
        for m in (t.args if isinstance(t, NamedType) and t.qualname == "typing.Union" else (t,)):
            if m not in members:
                members.append(m)
    return members[0] if len(members) == 1 else NamedType("typing.Union", tuple(members))


def _undeclared_ordering(f: Function, mro: Sequence[StubClass]) -> bool:
    """An ordering (`__lt__`, ...) of a class written in C (no source line) that its stub does
    not declare: a C class has all six comparisons once it compares at all, and the four
    orderings then raise TypeError (re.Pattern, datetime.timezone, OrderedDict)."""
    return f.name in _ORDERINGS and not (f.location is not None and f.location.line) \
        and not any(f.name in c.functions for c in mro)


class StubTypes:
    """Applies the stubs a finder knows to described modules."""

    def __init__(self, finder: StubFinder) -> None:
        self.finder = finder
        self.resolver = StubResolver(finder)
        self.diagnostics: List[Diagnostic] = []

    def note(self, location: Optional[Location], message: str) -> None:
        self.diagnostics.append(Diagnostic("note", message, location))

    # -- modules -------------------------------------------------------------------------------

    def apply(self, module: Module, runtime: types.ModuleType) -> Module:
        stubs = [s for s in (self.finder.module(module.name),
                             self.finder.module(runtime.__name__)) if s is not None]
        functions = tuple(self._module_class_call(f, stubs, module.name)
                          or self.function(f, self._module_function(f, stubs), module.name)
                          for f in module.functions)
        classes = tuple(self.cls(c, module, stubs) for c in module.classes)
        constants = tuple(self.variable(a, stubs, module.name) for a in module.constants)
        return dataclasses.replace(module, functions=functions, classes=classes,
                                   constants=constants)

    def _module_function(self, f: Function, stubs: List[StubModule]
                         ) -> Tuple[List[StubFunction], Optional[StubModule]]:
        candidates = [(stub, f.name) for stub in stubs]
        home, _, name = f.qualname.rpartition(".")
        if home and "." not in name:
            stub = self.finder.module(home)
            if stub is not None:
                candidates.append((stub, name))
        for stub, name in candidates:
            found = self._function_in(stub, name)
            if found:
                return found, found[0].stub
        return [], None

    def _module_class_call(self, f: Function, stubs: List[StubModule], where: str
                           ) -> Optional[Function]:
        """A routine its stub declares as a class (`sha3_224 = _Hash`): calling it constructs
        that class, so it takes the constructor's parameters and returns the class."""
        for stub in stubs:
            if f.name in stub.functions:
                return None
            stub_class = self.resolver.find_class(stub, f.name)
            if stub_class is None:
                continue
            node = ast.Name(id=f.name, ctx=ast.Load())
            returns, _, found = type_of(self.resolver, stub, node, f"{where}.{f.name}")
            self.diagnostics.extend(found)
            if not isinstance(returns, NamedType):
                return None
            mro = list(self.stub_mro(stub_class))
            as_method = dataclasses.replace(f, binding="method")
            typed = self.function(as_method, self._constructor(mro), where, returns.qualname,
                                  single=True)
            location = stub.line_of(stub.aliases.get(f.name, stub_class.node))
            return dataclasses.replace(typed, binding=f.binding, returns=returns,
                                       returns_source=TypeSource("stub", f.name, location))
        return None

    def _function_in(self, stub: StubModule, name: str, depth: int = 0) -> List[StubFunction]:
        if name in stub.functions:
            return stub.functions[name]
        if name in stub.bound_methods:
            return self._bound_method(stub, *stub.bound_methods[name])
        alias = stub.aliases.get(name)
        if isinstance(alias, ast.Name) and alias.id in stub.functions:
            return stub.functions[alias.id]  # another name of a function (`fatal = critical`)
        if name in stub.variables:
            # An instance of a callable protocol (`rmtree: _RmtreeType`): its __call__.
            return self._bound_method(stub, name, "__call__")
        if depth > 8:
            return []
        if name in stub.imports:
            module, attribute = stub.imports[name]
            other = self.finder.module(module)
            if other is not None and attribute is not None:
                return self._function_in(other, attribute, depth + 1)
        for module in stub.star_imports:
            other = self.finder.module(module)
            if other is not None:
                found = self._function_in(other, name, depth + 1)
                if found:
                    return found
        return []

    def _bound_method(self, stub: StubModule, variable: str, attribute: str
                      ) -> List[StubFunction]:
        """The method `attribute` of the class the stub's `variable: C` declares, bound."""
        annotation = stub.variables[variable].annotation
        if isinstance(annotation, ast.Subscript):
            annotation = annotation.value  # `_inst: Random[int]`: the class
        cls = self._class_in(stub, dotted_name(annotation) or "?")
        for c in self.stub_mro(cls) if cls is not None else ():
            if attribute in c.functions:
                bound = [copy.copy(v) for v in c.functions[attribute]]
                for v in bound:
                    v.bound = v.binding != "staticmethod"
                return bound
        return []

    def variable(self, a: Attribute, stubs: List[StubModule], where: str) -> Attribute:
        if a.type is not None:
            return a
        for stub in stubs:
            node = stub.variables.get(a.name)
            if node is not None:
                pytype, source, found = type_of(self.resolver, stub, node.annotation,
                                                f"{where}.{a.name}")
                self.diagnostics.extend(found)
                return dataclasses.replace(a, type=_unqualified(pytype),
                                           type_source=source)
        return a

    # -- routines ------------------------------------------------------------------------------

    def function(self, f: Function, found: Tuple[List[StubFunction], Optional[StubModule]],
                 where: str, self_type: str = "", single: bool = False) -> Function:
        """`f` with the types of its stub. `single`: the wrapper has one C++ signature
        (constructors, special methods), so @overload variants are not taken as overloads."""
        variants, _ = found
        qualified = f"{where}.{f.name}"
        if not variants:
            if not f.signature_known:
                self.note(f.location,
                          f"{qualified}: neither inspect nor a stub gives its signature; it "
                          "takes *args and **kwargs of pyhpp::object")
            return f
        described = [self.stub_signature(v, f, qualified, self_type) for v in variants]
        described = [d for d in described if d is not None]
        if not described:
            return f
        if not f.signature_known or _takes_anything(f):
            return self._adopt(f, described)
        if f.overloads or _annotated(f):
            return self._fill(f, described[0], qualified) if len(described) == 1 else f
        fitting = [d for d in described if _accepts(f.parameters, d.parameters)]
        if single and len(fitting) > 1:
            return self._agreed(f, [_aligned(f.parameters, d) for d in fitting])
        if not fitting:
            if len(described) == 1:
                return self._fill(f, described[0], qualified)
            self.note(f.location,
                      f"{qualified}: no @overload of its stub ({described[0].location}) fits "
                      "the runtime signature; it stays untyped")
            return f
        return self._adopt(f, [_aligned(f.parameters, d) for d in fitting])

    def _adopt(self, f: Function, described: List[Function]) -> Function:
        if len(described) == 1:
            d = described[0]
            return dataclasses.replace(f, parameters=d.parameters, returns=d.returns,
                                       returns_source=d.returns_source, signature_known=True)
        return dataclasses.replace(f, parameters=described[0].parameters, returns=None,
                                   returns_source=TypeSource("missing"), signature_known=True,
                                   overloads=tuple(described))

    def _agreed(self, f: Function, variants: List[Function]) -> Function:
        """The runtime's parameters, each typed with what the variants that name it accept (their
        union where they differ: `Popen(text: Literal[True])` and `Popen(text: Literal[False,
        None])` take `Literal[True] | Literal[False, None]`); the result likewise. The keyword
        parameters the variants pass through an untyped `**kwargs` become parameters of their own,
        and an untyped `*args` or `**kwargs` that no variant passes anything through goes
        (`csv.DictReader(f, ..., *args, **kwds)` takes `delimiter=` and the other formatting
        keywords, and no more positional arguments)."""
        parameters: List[Parameter] = []
        for p in f.parameters:
            if p.kind == "var_keyword" and p.type is None:
                parameters.extend(_passed_by_keyword(f.parameters, variants))
            if p.kind in ("var_positional", "var_keyword") and p.type is None \
                    and not _passes_through(f.parameters, variants, p.kind):
                continue
            named = [v for v in (_counterpart(f.parameters, variant.parameters, p)
                                 for variant in variants) if v is not None]
            types = list(dict.fromkeys(v.type for v in named))
            if p.type is None and named and None not in types:
                p = dataclasses.replace(p, type=_union_of(types),
                                        type_source=named[0].type_source)
            parameters.append(p)
        results = list(dict.fromkeys(v.returns for v in variants))
        if f.returns is None and results and None not in results:
            f = dataclasses.replace(f, returns=_union_of(results),
                                    returns_source=variants[0].returns_source)
        return dataclasses.replace(f, parameters=tuple(parameters))

    def _fill(self, f: Function, d: Function, qualified: str) -> Function:
        """Types for the runtime parameters the stub has a counterpart of (see _counterpart); a
        note when the two differ."""
        parameters = []
        differ = len(d.parameters) != len(f.parameters)
        for p in f.parameters:
            s = _counterpart(f.parameters, d.parameters, p)
            if s is None:
                differ = True
                parameters.append(p)
                continue
            differ = differ or s.name != p.name
            if p.type is None:
                parameters.append(dataclasses.replace(p, type=s.type, type_source=s.type_source))
            else:
                parameters.append(p)
        if differ:
            self.note(f.location,
                      f"{qualified}: its stub ({d.location}) has other parameters than the "
                      "runtime; types are taken where the parameters correspond")
        returns, source = (f.returns, f.returns_source) if f.returns is not None \
            else (d.returns, d.returns_source)
        return dataclasses.replace(f, parameters=tuple(parameters), returns=returns,
                                   returns_source=source)

    def stub_signature(self, v: StubFunction, f: Function, qualified: str,
                       self_type: str) -> Optional[Function]:
        """The Function a stub `def` describes, bound as `f` is."""
        arguments = v.node.args
        positional = list(getattr(arguments, "posonlyargs", [])) + list(arguments.args)
        only = len(getattr(arguments, "posonlyargs", []))
        defaults = [False] * (len(positional) - len(arguments.defaults)) \
            + [True] * len(arguments.defaults)
        self_vars: Tuple[str, ...] = ()
        if (f.binding in ("method", "classmethod") or v.bound) and v.binding != "staticmethod":
            if not positional:
                return None
            self_vars = tuple(n for n in (self_variable(positional[0].annotation),) if n)
            positional, defaults, only = positional[1:], defaults[1:], max(0, only - 1)
        parameters: List[Parameter] = []
        context = f"parameter {{!r}} of {qualified!r}"

        def add(arg: ast.arg, kind: str, has_default: bool) -> None:
            name = arg.arg
            if kind == "positional_or_keyword" and name.startswith("__") \
                    and not name.endswith("__"):
                kind, name = "positional_only", name[2:]  # typeshed's pre-PEP 570 spelling
            pytype, source, found = type_of(self.resolver, v.stub, arg.annotation,
                                            context.format(name), self_type,
                                            self_vars=self_vars)
            self.diagnostics.extend(found)
            parameters.append(Parameter(name=name, kind=kind, has_default=has_default,
                                        type=_unqualified(pytype), type_source=source))

        for index, (arg, has_default) in enumerate(zip(positional, defaults)):
            add(arg, "positional_only" if index < only else "positional_or_keyword", has_default)
        if arguments.vararg is not None:
            add(arguments.vararg, "var_positional", False)
        for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults):
            add(arg, "keyword_only", default is not None)
        if arguments.kwarg is not None:
            add(arguments.kwarg, "var_keyword", False)
        returns, returns_source, found = type_of(self.resolver, v.stub, v.node.returns,
                                                 f"return type of {qualified!r}", self_type,
                                                 self_vars=self_vars)
        self.diagnostics.extend(found)
        return Function(name=f.name, location=v.location(), doc=f.doc, parameters=tuple(parameters),
                        returns=returns, returns_source=returns_source, binding=f.binding,
                        qualname=f.qualname, defined_in=f.defined_in, async_kind=f.async_kind)

    # -- classes -------------------------------------------------------------------------------

    def cls(self, c: Class, module: Module, stubs: List[StubModule]) -> Class:
        stub_class = self.stub_class(c, stubs)
        if stub_class is None:
            return c
        where = f"{module.name}.{c.name}"
        mro = list(self.stub_mro(stub_class))
        constructor = c.constructor
        if constructor is not None:
            constructor = self.function(constructor, self._constructor(mro), where, c.qualname,
                                        single=True)
        unordered = [f for f in c.methods if _undeclared_ordering(f, mro)]
        if unordered:
            self.note(unordered[0].location,
                      f"{where}: {', '.join(f.name for f in unordered)} not wrapped: the class "
                      f"is written in C and its stub ({stub_class.stub.display}) declares no "
                      "ordering, so they raise TypeError")
        methods = tuple(self.function(f, (self._member(mro, f.name), None), where, c.qualname,
                                      single=f.name.startswith("__"))
                        for f in c.methods if all(f is not u for u in unordered))
        attributes = tuple(self.attribute(a, mro, where, c.qualname) for a in c.attributes)
        if c.kind in ("class", "dataclass"):
            attributes += self.instance_attributes(c, stub_class, where)
        return dataclasses.replace(c, constructor=constructor, methods=methods,
                                   attributes=attributes)

    def instance_attributes(self, c: Class, stub_class: StubClass, where: str
                            ) -> Tuple[Attribute, ...]:
        """Attributes the class's own stub declares (`returncode: int`) that the runtime cannot
        show without an instance: __init__ sets them. Class variables and names the class
        has otherwise are not added."""
        known = {a.name for a in c.attributes} | {f.name for f in c.methods}
        added = []
        for name, node in stub_class.attributes.items():
            if name.startswith("_") or name in known or node.value is not None:
                continue
            pytype, source, found = type_of(self.resolver, stub_class.stub, node.annotation,
                                            f"{where}.{name}", c.qualname)
            if isinstance(pytype, NamedType) and pytype.qualname in ("typing.ClassVar",
                                                                     "typing.Final"):
                continue
            self.diagnostics.extend(found)
            added.append(Attribute(name=name, type=pytype, type_source=source,
                                   location=stub_class.stub.line_of(node)))
        return tuple(added)

    def stub_class(self, c: Class, stubs: List[StubModule]) -> Optional[StubClass]:
        candidates = []
        if c.runtime_module:
            candidates.append((self.finder.module(c.runtime_module), c.runtime_qualname))
        if c.qualname:
            home, _, name = c.qualname.rpartition(".")
            candidates.append((self.finder.module(home), name))
        candidates += [(stub, c.name) for stub in stubs]
        for stub, qualname in candidates:
            if stub is None or not qualname:
                continue
            found = self._class_in(stub, qualname)
            if found is not None:
                return found
        return None

    def _class_in(self, stub: StubModule, qualname: str) -> Optional[StubClass]:
        head, *rest = qualname.split(".")
        found = self.resolver.find_class(stub, head)
        for part in rest:
            found = found.classes.get(part) if found is not None else None
        return found

    def runtime_stub_class(self, cls: type) -> Optional[StubClass]:
        stub = self.finder.module(getattr(cls, "__module__", "") or "")
        return self._class_in(stub, cls.__qualname__) if stub is not None else None

    def stub_mro(self, start: StubClass) -> Iterator[StubClass]:
        """The class and its stub bases, depth first, each once, then builtins.object."""
        yield from self._bases_of(start)
        builtins_stub = self.finder.module("builtins")
        root = builtins_stub.classes.get("object") if builtins_stub is not None else None
        if root is not None and root is not start:
            yield root

    def _bases_of(self, start: StubClass) -> Iterator[StubClass]:
        seen: List[StubClass] = []
        pending = [start]
        while pending and len(seen) < 64:
            current = pending.pop(0)
            if any(current is s for s in seen) or current.qualname == "builtins.object":
                continue
            seen.append(current)
            yield current
            bases = []
            for node in current.node.bases:
                target = node.value if isinstance(node, ast.Subscript) else node
                base = self._resolve_base(current, target)
                if base is not None:
                    bases.append(base)
            pending = bases + pending

    def _resolve_base(self, owner: StubClass, node: ast.expr) -> Optional[StubClass]:
        converter = StubConverter(self.resolver, owner.stub, "")
        obj, error = converter.resolve(node)
        if error:
            return None
        if isinstance(obj, StubClassRef):
            return obj.stub_class
        # typing's aliases of the abstract classes (typing.MutableMapping) stand for the class
        # they alias (collections.abc.MutableMapping).
        origin = getattr(obj, "__origin__", None)
        if not isinstance(obj, type) and isinstance(origin, type):
            obj = origin
        if isinstance(obj, type) and obj is not object:
            return self.runtime_stub_class(obj)
        return None

    def _member(self, mro: Sequence[StubClass], name: str) -> List[StubFunction]:
        for stub_class in mro:
            if name in stub_class.functions:
                return stub_class.functions[name]
            if name in stub_class.attributes:
                return []  # an attribute holding a callable: nothing to say about a signature
        return []

    def _constructor(self, mro: Sequence[StubClass]
                     ) -> Tuple[List[StubFunction], Optional[StubModule]]:
        for stub_class in mro:
            if stub_class.qualname == "builtins.object":
                break
            for name in ("__init__", "__new__"):
                if name in stub_class.functions:
                    return stub_class.functions[name], stub_class.stub
        return [], None

    def attribute(self, a: Attribute, mro: Sequence[StubClass], where: str,
                  self_type: str) -> Attribute:
        if a.type is not None:
            return a
        for stub_class in mro:
            functions = stub_class.functions.get(a.name)
            if functions and functions[0].is_property:
                node: Optional[ast.expr] = functions[0].node.returns
            elif a.name in stub_class.attributes:
                node = stub_class.attributes[a.name].annotation
            else:
                continue
            pytype, source, found = type_of(self.resolver, stub_class.stub, node,
                                            f"{where}.{a.name}", self_type)
            self.diagnostics.extend(found)
            return dataclasses.replace(a, type=_unqualified(pytype), type_source=source)
        return a


# -- signatures -----------------------------------------------------------------------------------


def _unqualified(pytype: Any) -> Any:
    """Final[int] / ClassVar[int] in a stub say nothing about the type: int."""
    while isinstance(pytype, NamedType) and pytype.qualname in (
            "typing.Final", "typing.ClassVar") and pytype.args:
        pytype = pytype.args[0]
    if isinstance(pytype, NamedType) and pytype.qualname in ("typing.Final", "typing.ClassVar"):
        return None
    return pytype


def _kind_group(kind: str) -> str:
    return "positional" if kind in _POSITIONAL else kind


def _counterpart(runtime: Sequence[Parameter], stub: Sequence[Parameter],
                 p: Parameter) -> Optional[Parameter]:
    """The stub parameter that describes runtime parameter `p`: the one of the same name and
    kind; for `*args` and `**kwargs` the stub's, whatever its name; for a positional parameter no
    stub parameter names, the stub's positional parameter in the same place if no runtime
    parameter names that one either."""
    for s in stub:
        if s.name == p.name and _kind_group(s.kind) == _kind_group(p.kind):
            return s
    if p.kind in ("var_positional", "var_keyword"):
        return next((s for s in stub if s.kind == p.kind), None)
    if p.kind not in _POSITIONAL:
        return None
    index = [q.name for q in runtime if q.kind in _POSITIONAL].index(p.name)
    positional = [s for s in stub if s.kind in _POSITIONAL]
    if index >= len(positional):
        return None
    s = positional[index]
    return None if any(q.name == s.name for q in runtime) else s


def _annotated(f: Function) -> bool:
    return f.returns is not None or any(p.type is not None for p in f.parameters)


def _takes_anything(f: Function) -> bool:
    """`(*args, **kwargs)` (a decorator's wrapper): the runtime says nothing about parameters."""
    kinds = [p.kind for p in f.parameters]
    return kinds == ["var_positional", "var_keyword"] and not _annotated(f)


def _accepts(runtime: Sequence[Parameter], stub: Sequence[Parameter]) -> bool:
    """Whether every call the stub parameters describe is one the runtime accepts, and every
    runtime parameter without a default is passed by it."""
    positional = [p for p in runtime if p.kind in _POSITIONAL]
    has_args = any(p.kind == "var_positional" for p in runtime)
    has_kwargs = any(p.kind == "var_keyword" for p in runtime)
    keywords = {p.name for p in runtime if p.kind in ("positional_or_keyword", "keyword_only")}
    stub_positional = [p for p in stub if p.kind in _POSITIONAL]
    if len(stub_positional) > len(positional) and not has_args:
        return False
    for mine, theirs in zip(positional, stub_positional):
        if mine.kind == theirs.kind == "positional_or_keyword" and mine.name != theirs.name:
            return False  # both can be passed by name: another parameter
    for p in stub:
        if p.kind == "var_positional" and not has_args:
            return False
        if p.kind == "var_keyword" and not has_kwargs:
            return False
        if p.kind == "keyword_only" and p.name not in keywords and not has_kwargs:
            return False
    stub_keywords = {p.name for p in stub if p.kind in ("positional_or_keyword", "keyword_only")}
    stub_var_kw = any(p.kind == "var_keyword" for p in stub)
    for index, p in enumerate(positional):
        if p.has_default:
            continue
        if index < len(stub_positional) and not stub_positional[index].has_default:
            continue
        if p.kind == "positional_or_keyword" and (p.name in stub_keywords or stub_var_kw):
            continue
        return False
    for p in runtime:
        if p.kind == "keyword_only" and not p.has_default and p.name not in stub_keywords \
                and not stub_var_kw:
            return False
    return True


def _passed_by_keyword(runtime: Sequence[Parameter],
                       variants: Sequence[Function]) -> List[Parameter]:
    """The keyword parameters of `variants` the runtime has no parameter of (its `**kwargs`
    takes them): each typed with what the variants take, required where every variant
    requires it."""
    names = {p.name for p in runtime}
    found: Dict[str, List[Parameter]] = {}
    for v in variants:
        for p in v.parameters:
            if p.kind == "keyword_only" and p.name not in names:
                found.setdefault(p.name, []).append(p)
    out = []
    for name, alike in found.items():
        types = list(dict.fromkeys(p.type for p in alike))
        required = len(alike) == len(variants) and not any(p.has_default for p in alike)
        out.append(dataclasses.replace(
            alike[0], has_default=not required,
            type=None if None in types else _union_of(types)))
    return out


def _passes_through(runtime: Sequence[Parameter], variants: Sequence[Function],
                    kind: str) -> bool:
    """Whether a call some variant describes passes anything through the runtime's `*args`
    (kind "var_positional") or `**kwargs` ("var_keyword")."""
    if any(p.kind == kind for v in variants for p in v.parameters):
        return True
    if kind == "var_keyword":
        return False  # its keyword-only parameters are parameters of their own
    positional = len([p for p in runtime if p.kind in _POSITIONAL])
    return any(len([p for p in v.parameters if p.kind in _POSITIONAL]) > positional
               for v in variants)


def _aligned(runtime: Sequence[Parameter], d: Function) -> Function:
    """A fitting stub signature with the runtime's names and kinds where a positional slot is
    the runtime's own, and the runtime's annotations where it has them."""
    positional = [p for p in runtime if p.kind in _POSITIONAL]
    by_name = {p.name: p for p in runtime if p.kind in ("positional_or_keyword", "keyword_only")}
    out: List[Parameter] = []
    index = 0
    for p in d.parameters:
        mine: Optional[Parameter] = None
        if p.kind in _POSITIONAL:
            if index < len(positional):
                mine = positional[index]
                p = dataclasses.replace(p, name=mine.name, kind=mine.kind)
            else:
                p = dataclasses.replace(p, kind="positional_only")  # into *args
            index += 1
        elif p.kind == "keyword_only":
            mine = by_name.get(p.name)
        else:  # *args, **kwargs: the runtime's names
            mine = next((q for q in runtime if q.kind == p.kind), None)
            p = p if mine is None else dataclasses.replace(p, name=mine.name)
        if mine is not None and mine.type is not None:
            p = dataclasses.replace(p, type=mine.type, type_source=mine.type_source)
        out.append(p)
    return dataclasses.replace(d, parameters=tuple(out))
