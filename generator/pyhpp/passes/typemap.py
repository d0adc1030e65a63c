"""Pass: map each Python annotation (a PyType tree) to a C++ type (a CppType tree).

What cannot be mapped becomes `object` (pyhpp::object) with a warning naming the annotation (a
note when the annotation comes from a stub the user did not write). A missing annotation, `Any`,
`object` and unbounded type variables become `object` silently: that is what they mean.
Classes of the binding target map to their wrappers, by identity (Class.qualname), wherever the
target wraps them, generic ones (`re.Pattern[str]`) too; classes outside it to `object`.

What a C++ caller passes for the protocols and unions real code (and typeshed) uses:
- `str | os.PathLike[str]` (typeshed's StrPath, StrOrBytesPath: bytes and PathLike[bytes] may
  join) -> std::filesystem::path;
- a union of buffer types, bytes among them (typeshed's ReadableBuffer: bytes, bytearray,
  memoryview, array, mmap, ...) -> pyhpp::bytes, as a parameter;
- typing.SupportsIndex, typing.SupportsInt -> std::int64_t; typing.SupportsFloat -> double;
- Iterable[T] and Collection[T] as a parameter -> std::vector<T> (as a result Iterable stays a
  lazy iterator range);
- a TypeVar with a bound -> what the bound maps to, when that is not pyhpp::object;
- NoReturn / Never as a result -> void (the wrapper only ever throws).
"""

from __future__ import annotations

import dataclasses
from typing import Dict, Iterable, List, Optional, Tuple

from ..diagnostics import Diagnostic
from ..ir.kinds import ANNOTATIONS, KINDS
from ..ir.model import (
    Api,
    Attribute,
    Class,
    CppType,
    EllipsisType,
    Function,
    Generic,
    ListOfTypes,
    LiteralValue,
    Location,
    Module,
    NamedType,
    NoneType,
    Parameter,
    PyType,
    RecursiveType,
    TypeVarType,
    UnresolvedType,
)
from .overloads import shape
from .pytext import py_text

OBJECT = CppType("object")

# Python classes that are one kind when unparametrised (ir/kinds.py).
SCALARS = {name: kind.value for name, kind in ANNOTATIONS.items()}
# Those that are their kind whatever their arguments: os.PathLike[str] is a path whatever it
# holds, type[X] a class.
ANY_ARGUMENTS = {"os.PathLike", "builtins.type"}
DYNAMIC = {"typing.Any", "builtins.object"}
# The result of a function that never returns (it raises or exits): void.
NEVER = {"typing.NoReturn", "typing.Never", "typing_extensions.NoReturn",
         "typing_extensions.Never"}
SEQUENCES = {
    "builtins.list",
    "collections.abc.Sequence",
    "collections.abc.MutableSequence",
}
MAPPINGS = {"builtins.dict", "collections.abc.Mapping", "collections.abc.MutableMapping"}
SETS = {"builtins.set", "collections.abc.Set", "collections.abc.MutableSet"}
ITERATORS = {
    "collections.abc.Iterator",
    "collections.abc.Iterable",
    "collections.abc.Generator",
}
# Protocols of one scalar (and LiteralString, a str): what a C++ caller passes for them.
PROTOCOLS = {
    "typing.LiteralString": "str",
    "typing_extensions.LiteralString": "str",
    "typing.SupportsIndex": "int",
    "typing.SupportsInt": "int",
    "typing.SupportsFloat": "float",
}
# Classes that hold bytes: a union of them with `bytes` takes pyhpp::bytes as a parameter.
BUFFERS = {"builtins.bytes", "builtins.bytearray", "builtins.memoryview", "array.array",
           "mmap.mmap", "pickle.PickleBuffer", "ctypes._CData", "_ctypes._CData",
           "collections.abc.Buffer", "typing_extensions.Buffer"}
PATH_PARTS = {"builtins.str", "builtins.bytes", "os.PathLike"}
# What a C++ caller passes as a std::vector (as results they are not all sequences).
# Read-only sequences and what a parameter may take as one (typeshed's protocol of a sized,
# indexable sequence: sqlite3's query parameters, os.writev's buffers): a std::vector copy.
PARAMETER_SEQUENCES = {"collections.abc.Iterable", "collections.abc.Collection",
                       "_typeshed.SupportsLenAndGetItem"}
# Views of a mapping (what keys(), values() and items() return), copied into a std::vector as
# results.
VIEWS = {"collections.abc.KeysView", "collections.abc.ValuesView", "collections.abc.ItemsView"}
# Parameters that share the caller's container rather than copy it: mutable containers always;
# plain list/dict/set where a stub asks for them (stubs take Sequence, Iterable or Mapping for
# what they only read, so a concrete list is one the callee mutates or keeps:
# heapq.heappop(heap: list[T])), or where the function returns None (all it does is a side
# effect, which a copy would lose). Special methods (a constructor, __setitem__) copy.
MUTABLE = {"collections.abc.MutableSequence": "list_ref",
           "collections.abc.MutableMapping": "dict_ref",
           "collections.abc.MutableSet": "set_ref"}
MUTATED = {"builtins.list": "list_ref", "builtins.dict": "dict_ref", "builtins.set": "set_ref"}
# Kinds that std::map keys and std::set elements can be (they need operator<).
ORDERED = {kind.value for kind, row in KINDS.items() if row.ordered}
# Class kinds whose wrappers are handles (instances), and those that are values.
HANDLE_KINDS = {"class", "dataclass"}
VALUE_KINDS = {"enum": "enum", "namedtuple": "struct", "typeddict": "struct"}


class _Unmapped(Exception):
    def __init__(self, reason: str, reported: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reported = reported  # introspection already warned about it


def _orderable(t: CppType) -> bool:
    return t.kind in ORDERED and all(_orderable(a) for a in t.args)


class TypeMapper:
    """Maps PyType trees, knowing the classes of the binding target (Python name -> C++ type)."""

    def __init__(self, classes: Optional[Dict[str, CppType]] = None) -> None:
        self.classes = classes or {}
        self.parameter = False  # mapping a parameter (what C++ passes in), not a result
        # When set, unbounded TypeVars map to C++ template parameters, by TypeVar name.
        self.template_parameters: Optional[Dict[str, str]] = None
        # Union members that became the pyhpp::object alternative: (member, why).
        self.unmapped_members: List[Tuple[PyType, str]] = []

    def map(self, t: PyType) -> CppType:
        if isinstance(t, NoneType):
            return CppType("none")
        if isinstance(t, UnresolvedType):
            raise _Unmapped(t.reason, reported=True)
        if isinstance(t, TypeVarType):
            # generic in a TypeVar: what its bound maps to, else a dynamic object (documented)
            if t.bound is not None:
                try:
                    bound = self.map(t.bound)
                except _Unmapped:
                    bound = OBJECT
                if bound.kind != "object" or self.template_parameters is None:
                    return bound
                # A bound C++ cannot state (SupportsRichComparison): a template parameter.
            if t.constraints:
                # Not decided by a parameter (passes/generics.py expands those): one of them.
                return self._union(t.constraints)
            if self.template_parameters is not None:
                name = self.template_parameters.setdefault(t.name, t.name.lstrip("_") or "T")
                return CppType("typevar", name=name)
            return OBJECT
        if isinstance(t, RecursiveType):
            # where a recursive alias refers to itself (introspection noted it)
            return OBJECT
        if not isinstance(t, NamedType):
            raise _Unmapped("not a type")
        name, args = t.qualname, t.args
        if name in self.classes:
            return self.classes[name]  # a generic class's wrapper holds any parametrisation
        if name in PROTOCOLS:
            return CppType(PROTOCOLS[name])
        if name in SCALARS and (not args or name in ANY_ARGUMENTS):
            return CppType(SCALARS[name])
        if name in DYNAMIC:
            return OBJECT
        if name in NEVER and not self.parameter:
            return CppType("none")  # the call never returns normally: it always raises
        if name == "typing.Union":
            return self._union(args)
        if name == "typing.Literal":
            return self._literal(args)
        if name in SEQUENCES:
            return CppType("list", (self._element(args, 1),))
        if name == "builtins.tuple":
            if not args:
                return CppType("tuple_var", (OBJECT,))
            if len(args) == 2 and isinstance(args[1], EllipsisType):
                return CppType("tuple_var", (self._value(args[0]),))
            return CppType("tuple", tuple(self._value(a) for a in args))
        if name in MAPPINGS:
            if not args:
                raise _Unmapped("a dict without key and value types has no C++ map type")
            if len(args) != 2:
                raise _Unmapped("expected two type arguments")
            key = self._value(args[0])
            if not _orderable(key):
                raise _Unmapped(f"key type {py_text(args[0])} cannot key a std::map")
            return CppType("dict", (key, self._value(args[1])))
        if name in SETS or name == "builtins.frozenset":
            if not args:
                raise _Unmapped("a set without an element type has no C++ set type")
            element = self._element(args, 1)
            if not _orderable(element):
                raise _Unmapped(f"element type {py_text(args[0])} cannot be a std::set element")
            return CppType("frozenset" if name == "builtins.frozenset" else "set", (element,))
        if name in PARAMETER_SEQUENCES and self.parameter:
            return CppType("list", (self._element(args[:1], 1),))
        if name in VIEWS and not self.parameter:
            if name == "collections.abc.ItemsView":
                pair = (self._value(args[0]), self._value(args[1])) if len(args) == 2 \
                    else (OBJECT, OBJECT)
                return CppType("list", (CppType("tuple", pair),))
            return CppType("list", (self._element(args, 1),))
        if name in ITERATORS:
            return CppType("iterator", (self._element(args[:1], 1),))
        if name == "collections.abc.Callable":
            return self._callable(args)
        if "." in name and not name.startswith(("builtins.", "typing.", "collections.")):
            raise _Unmapped(f"class {name} is not part of this binding target")
        raise _Unmapped(f"{name} is not mapped to a C++ type yet")

    def _element(self, args: Tuple[PyType, ...], count: int) -> CppType:
        if not args:
            return OBJECT
        if len(args) != count:
            raise _Unmapped(f"expected {count} type argument(s)")
        return self._value(args[0])

    def _value(self, t: PyType) -> CppType:
        """A type used as a value inside a container: None alone is not a value type."""
        mapped = self.map(t)
        if mapped.kind == "none":
            raise _Unmapped("None is only a result type or part of an Optional")
        return mapped

    def _union(self, args: Tuple[PyType, ...]) -> CppType:
        flat = _flatten(args)
        has_none = any(isinstance(a, NoneType) for a in flat)
        members = list(dict.fromkeys(a for a in flat if not isinstance(a, NoneType)))
        if not members:
            return CppType("none")
        members = self._special_unions(members)
        if any(isinstance(m, NamedType) and m.qualname in DYNAMIC for m in members):
            return OBJECT  # `X | Any` takes anything
        if len(members) == 1:
            inner = self._value(members[0])
        else:
            # A member that is itself one of several (a constrained TypeVar) adds its own; the
            # members C++ cannot name (`numbers.Real` in `int | float | numbers.Real`) are one
            # pyhpp::other alternative, last, so the variant still takes what they take.
            mapped: List[CppType] = []
            unmapped: Optional[_Unmapped] = None
            for m in members:
                try:
                    v = self._value(m)
                except _Unmapped as exc:
                    unmapped = unmapped or exc
                    if not exc.reported:
                        self.unmapped_members.append((m, exc.reason))
                    continue
                mapped.extend(v.args if v.kind == "variant" else (v,))
            if unmapped is not None:
                if not mapped:
                    raise unmapped
                mapped.append(CppType("other"))
            alternatives = _distinct(mapped)
            if all(a.kind == "object" for a in alternatives):
                return OBJECT  # nothing better: any value (SupportsDunderLT | SupportsDunderGT)
            if any(a.kind == "object" for a in alternatives[:-1]):
                raise _Unmapped("an unmapped member before the last would take every value")
            inner = (alternatives[0] if len(alternatives) == 1
                     else CppType("variant", tuple(alternatives)))
        return CppType("optional", (inner,)) if has_none else inner

    def _special_unions(self, members: List[PyType]) -> List[PyType]:
        """Paths (str | PathLike[str]) and buffers (bytes | bytearray | memoryview | ...)
        become one member: a path, or bytes for a parameter."""
        def named(t: PyType) -> str:
            return t.qualname if isinstance(t, NamedType) else ""

        paths = [m for m in members if named(m) in PATH_PARTS]
        if any(named(m) == "os.PathLike" for m in paths) \
                and any(named(m) == "builtins.str" for m in paths):
            kept = [m for m in members if m not in paths]
            return kept + [NamedType("os.PathLike")]
        buffers = [m for m in members if named(m) in BUFFERS]
        if self.parameter and len(buffers) > 1 and NamedType("builtins.bytes") in buffers:
            first = members.index(buffers[0])
            kept = [m for m in members if m not in buffers]
            return kept[:first] + [NamedType("builtins.bytes")] + kept[first:]
        return members

    def _literal(self, args: Tuple[PyType, ...]) -> CppType:
        if any(isinstance(a, NoneType) or (isinstance(a, LiteralValue) and a.value is None)
               for a in args):
            # Literal[False, None] is Literal[False] | None.
            rest = tuple(a for a in args if not isinstance(a, NoneType)
                         and not (isinstance(a, LiteralValue) and a.value is None))
            return CppType("optional", (self._literal(rest),)) if rest else CppType("none")
        values = [a.value for a in args if isinstance(a, LiteralValue)]
        if len(values) != len(args) or not values:
            raise _Unmapped("a Literal of values other than int, str and bool")
        kinds = {type(v) for v in values}
        if kinds == {str}:
            base = CppType("str")
        elif kinds == {int}:
            base = CppType("int")
        elif kinds == {bool}:
            base = CppType("bool")
        else:
            raise _Unmapped("a Literal mixing value types")
        return CppType("literal", (base,), values=tuple(values))  # type: ignore[arg-type]

    def _callable(self, args: Tuple[PyType, ...]) -> CppType:
        if len(args) == 2 and isinstance(args[0], EllipsisType):
            return CppType("callable_any", (self.map(args[1]),))
        if len(args) != 2 or not isinstance(args[0], ListOfTypes):
            raise _Unmapped("a Callable without a parameter list ([A, B]) has no C++ signature")
        result = self.map(args[1])
        parameters = tuple(self._value(p) for p in args[0].items)
        return CppType("callable", (result,) + parameters)


def _distinct(alternatives: Iterable[CppType]) -> List[CppType]:
    """Variant alternatives that C++ spells differently (a std::variant cannot hold one type
    twice): the first of those spelled alike, and a Literal's base type rather than the Literal
    (`bool | Literal[True]` is a bool)."""
    kept: List[CppType] = []
    for a in alternatives:
        same = next((i for i, k in enumerate(kept) if shape(k) == shape(a)), None)
        if same is None:
            kept.append(a)
        elif kept[same].kind == "literal" and a.kind != "literal":
            kept[same] = a
    return kept


def _typevars(t: CppType) -> set:
    found = {t.name} if t.kind == "typevar" else set()
    for a in t.args:
        found |= _typevars(a)
    return found


def _in_callable(t: CppType) -> bool:
    """A template parameter inside a std::function, which C++ cannot deduce from a lambda."""
    if t.kind in ("callable", "callable_any"):
        return bool(_typevars(t))
    return any(_in_callable(a) for a in t.args)


def _flatten(args: Tuple[PyType, ...]) -> List[PyType]:
    """Union members with nested unions (Optional[Optional[X]]) spliced in, NoReturn left out,
    and the values of its Literals in one Literal (`Literal[True] | Literal[False, None]`), None
    as a member."""
    out: List[PyType] = []
    values: List[PyType] = []
    at = -1  # where the Literal goes: where the first one was
    for a in args:
        if isinstance(a, NamedType) and a.qualname == "typing.Union":
            out.extend(_flatten(a.args))
        elif isinstance(a, NamedType) and a.qualname in NEVER:
            continue  # no value: `date | NoReturn` is a date
        elif isinstance(a, NamedType) and a.qualname == "typing.Literal":
            at = len(out) if at < 0 else at
            for v in a.args:
                if isinstance(v, LiteralValue) and v.value is None:
                    out.append(NoneType())
                elif v not in values:
                    values.append(v)
        else:
            out.append(a)
    if values:
        out.insert(at, NamedType("typing.Literal", tuple(values)))
    return out


def shared_kind(t: Optional[PyType], mapped: CppType, plain_shares: bool) -> CppType:
    """A parameter's type as a live handle when the callee may mutate the container the caller
    passes (see MUTABLE and MUTATED); else `mapped` unchanged."""
    if not isinstance(t, NamedType) or mapped.kind not in ("list", "dict", "set"):
        return mapped
    kind = MUTABLE.get(t.qualname) or (MUTATED.get(t.qualname) if plain_shares else None)
    return CppType(kind, mapped.args) if kind else mapped


def map_annotation(
    t: Optional[PyType], what: str, location: Optional[Location], diagnostics: List[Diagnostic],
    is_result: bool, mapper: Optional[TypeMapper] = None, from_stub: bool = False,
    parameter: bool = False, plain_shares: bool = False,
) -> CppType:
    """The C++ type of one annotation; `parameter`: what a C++ caller passes in;
    `plain_shares`: a plain list/dict/set parameter shares the caller's container (see MUTATED);
    `from_stub`: it comes from a stub, where an annotation pyhpp cannot map is a note (the user
    cannot change typeshed), not a warning."""
    if t is None:
        return OBJECT
    mapper = mapper or TypeMapper()
    mapper.parameter = parameter
    mapper.unmapped_members = []
    try:
        mapped = mapper.map(t)
    except _Unmapped as exc:
        if exc.reported:
            return OBJECT
        diagnostics.append(
            Diagnostic(
                "note" if from_stub else "warning",
                f"{what}: cannot map annotation '{py_text(t)}' ({exc.reason}); "
                "using pyhpp::object",
                location,
            )
        )
        return OBJECT
    for member, reason in dict.fromkeys(mapper.unmapped_members):
        diagnostics.append(Diagnostic(
            "note", f"{what}: '{py_text(member)}' in '{py_text(t)}' is the pyhpp::other "
            f"alternative ({reason})", location))
    if mapped.kind == "none" and not is_result:
        return OBJECT
    return shared_kind(t, mapped, plain_shares) if parameter else mapped


def class_index(api: Api) -> Dict[str, CppType]:
    """The classes of the binding target that have a C++ type, by Python qualified name.
    PRECONDITION: passes/naming.py has run (C++ names are filled)."""
    index: Dict[str, CppType] = {}
    for m in api.modules:
        for c in m.classes:
            qualified = "::" + "::".join(m.cpp_namespace + (c.cpp_name,))
            ref = f"{m.name}.{c.name}"  # where the generated code gets the class from
            if c.kind in HANDLE_KINDS:
                mapped = CppType("instance", name=qualified, ref=ref)
            elif c.kind == "enum" and not c.members:
                continue  # an enum base without members (enum.Flag itself): no C++ value
            elif c.kind in VALUE_KINDS:
                mapped = CppType(VALUE_KINDS[c.kind], name=qualified, ref=ref)
            else:
                continue
            # Annotations name a class by its identity (jinja2.environment.Template), which
            # is the export path too when the class is wrapped where it is defined.
            index.setdefault(ref, mapped)
            if c.qualname:
                index[c.qualname] = mapped
    return index


class _Context:
    def __init__(self, mapper: TypeMapper, diagnostics: List[Diagnostic]) -> None:
        self.mapper = mapper
        self.diagnostics = diagnostics

    def function(self, function: Function, where: str) -> Function:
        parameters: List[Parameter] = []
        special = function.name.startswith("__") and function.name.endswith("__")
        side_effects_only = isinstance(function.returns, NoneType)
        for p in function.parameters:
            from_stub = p.type_source.kind == "stub"
            cpp = map_annotation(p.type, f"{where} parameter '{p.name}'",
                                 p.type_source.location or function.location,
                                 self.diagnostics, False, self.mapper, from_stub, parameter=True,
                                 plain_shares=not special and (from_stub or side_effects_only))
            parameters.append(dataclasses.replace(p, cpp_type=cpp))
        returns = map_annotation(function.returns, f"{where} result",
                                 function.returns_source.location or function.location,
                                 self.diagnostics, True, self.mapper,
                                 function.returns_source.kind == "stub")
        overloads = tuple(self.function(o, where) for o in function.overloads)
        generic = self.generic(function, tuple(parameters), returns) \
            if function.binding == "function" and not overloads else None
        unsupported = ""
        if function.async_kind:
            what = "an async generator" if function.async_kind == "async_generator" \
                else "a coroutine function (async def)"
            unsupported = (f"{where} is {what}; calling it from C++ is not supported yet, so "
                           "its wrapper raises pyhpp::not_implemented_error")
            self.diagnostics.append(Diagnostic("warning", unsupported, function.location))
        return dataclasses.replace(function, parameters=tuple(parameters), cpp_returns=returns,
                                   overloads=overloads, unsupported=unsupported,
                                   generic=None if unsupported else generic)

    def generic(self, function: Function, parameters: Tuple[Parameter, ...], returns: CppType
                ) -> Optional[Generic]:
        """The function template of a function generic in unbounded TypeVars, where each is
        deduced from a parameter: `T heappop(const pyhpp::list<T> &heap)`. The TypeVars must
        sit in required positional parameters (which come first in C++ too); the others take
        what the plain wrapper takes (`bisect_left(const std::vector<T> &a, const T &x,
        pyhpp::opt<std::int64_t> lo = {}, ...)`). None where there is nothing to deduce or a
        TypeVar sits where C++ cannot deduce it (a std::function)."""
        self.mapper.template_parameters = names = {}
        try:
            self.mapper.parameter = True
            types = [self.mapper.map(p.type) if p.type is not None else OBJECT
                     for p in parameters]
            self.mapper.parameter = False
            result = self.mapper.map(function.returns) if function.returns is not None \
                else OBJECT
        except _Unmapped:
            return None
        finally:
            self.mapper.template_parameters = None
            self.mapper.parameter = False
        types = [shared_kind(p.type, t, p.cpp_type is not None and p.cpp_type.kind.endswith(
            "_ref")) for p, t in zip(parameters, types)]
        if not names or any(_in_callable(t) for t in types + [result]):
            return None
        for i, (p, t) in enumerate(zip(parameters, types)):
            if not _typevars(t):
                types[i] = p.cpp_type or OBJECT  # as the plain wrapper takes it
            elif p.kind not in ("positional_only", "positional_or_keyword") or p.has_default:
                return None
        if {p.cpp_name for p in parameters} & set(names.values()):
            return None  # a parameter would hide its template parameter
        deduced: set = set()
        repeated = []
        for t in types:
            used = _typevars(t)
            repeated.append(bool(used) and used <= deduced)
            deduced |= used
        if deduced != set(names.values()) or not _typevars(result) <= deduced:
            return None
        return Generic(tuple(dict.fromkeys(names.values())), tuple(types),
                       CppType("none") if isinstance(function.returns, NoneType) else result,
                       tuple(repeated))

    def attribute(self, a: Attribute, where: str) -> Attribute:
        cpp = map_annotation(a.type, f"{where} '{a.name}'", a.type_source.location or a.location,
                             self.diagnostics, False, self.mapper, a.type_source.kind == "stub")
        return dataclasses.replace(a, cpp_type=cpp)

    def cls(self, c: Class, module: Module) -> Class:
        where = f"{module.name}.{c.name}"
        constructor = (self.function(c.constructor, f"{where}()")
                       if c.constructor is not None else None)
        methods = tuple(self.function(f, f"{where}.{f.name}()") for f in c.methods)
        attributes = tuple(self.attribute(a, f"{where} attribute") for a in c.attributes)
        if c.kind == "typeddict":
            # A key that may be missing is a std::optional (None is then not a valid value).
            attributes = tuple(
                a if a.required or (a.cpp_type and a.cpp_type.kind == "optional")
                else dataclasses.replace(a, cpp_type=CppType("optional", (a.cpp_type or OBJECT,)))
                for a in attributes)
        return dataclasses.replace(c, constructor=constructor, methods=methods,
                                   attributes=attributes)


def run(api: Api, diagnostics: List[Diagnostic]) -> Api:
    context = _Context(TypeMapper(class_index(api)), diagnostics)
    modules = []
    for m in api.modules:
        functions = tuple(context.function(f, f"{m.name}.{f.name}()") for f in m.functions)
        classes = tuple(context.cls(c, m) for c in m.classes)
        constants = tuple(context.attribute(a, f"{m.name} constant") for a in m.constants)
        modules.append(dataclasses.replace(m, functions=functions, classes=classes,
                                           constants=constants))
    return dataclasses.replace(api, modules=tuple(modules))
