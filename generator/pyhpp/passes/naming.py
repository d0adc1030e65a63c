"""Pass: give every module, class, function, attribute, enum member and parameter a C++ name.

Rules, applied in order, so a name is renamed predictably:
1. Runs of underscores collapse to one and a leading underscore gets the prefix `py`
   (C++ reserves `__` anywhere and `_X` at the start): `__x` -> `py_x`.
2. A C++ keyword, a macro (the compiler's, listed by passes/macros.py, and a built-in list:
   `errno`, `F_OK`, `WEXITSTATUS`, `st_mtime`, `unix`, `min`, ...), a name the generated code
   uses itself, or a name starting with `pyhpp_` gets a trailing underscore: `class` ->
   `class_`, `F_OK` -> `F_OK_` (with a note for macros, once per name and module).
3. Names sharing a C++ scope never collide, whatever the input order. Reserved names come first
   (a class's own name, kept for constructors; the namespace of a wrapped submodule; `begin` and
   `end` of an iterable class). Then names usable as is keep them, then the renamed ones take
   their spelling; a name already taken gets the first free of `x_`, `x_2`, `x_3`, ... (never
   `x__`, which C++ reserves); each group goes by Python name, and after each group the setters
   `set_<name>` of its writable attributes: a generated setter yields, so an attribute whose
   setter is taken is renamed, getter and setter together. Each such rename is a warning, once
   per definition (a subclass that lists an inherited member renames it alike, silently: bases
   are named first).
A name that is not an ASCII identifier cannot be spelled in C++: the item (for a parameter, its
function) is left out with a warning. Only a module name or a namespace given by the user that
cannot be spelled as is stops the run.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import (AbstractSet, Dict, Iterator, List, Mapping, Optional, Sequence, Set, Tuple,
                    Union)

from ..diagnostics import Diagnostic, GenerationError
from ..ir.model import Api, Attribute, Class, EnumMember, Function, Location, Module
from .macros import COMMON_MACROS

CPP_KEYWORDS = frozenset(
    """
    alignas alignof and and_eq asm atomic_cancel atomic_commit atomic_noexcept auto bitand bitor
    bool break case catch char char8_t char16_t char32_t class compl concept const consteval
    constexpr constinit const_cast continue co_await co_return co_yield decltype default delete
    do double dynamic_cast else enum explicit export extern false float for friend goto if inline
    int long mutable namespace new noexcept not not_eq nullptr operator or or_eq private
    protected public reflexpr register reinterpret_cast requires return short signed sizeof
    static static_assert static_cast struct switch synchronized template this thread_local throw
    true try typedef typeid typename union unsigned using virtual void volatile wchar_t while
    xor xor_eq final override import module
    """.split()
)

# Names the generated headers use in each module namespace and inside each wrapper.
GENERATED_NAMES = frozenset({"kw", "keywords", "detail", "codec", "std", "pyhpp"})

# Members of pyhpp::object (every class wrapper derives from it) that generic C++ code uses on
# any handle: a Python member of the same name gets a trailing underscore rather than hide them.
# Others (`str`, `repr`, `item`, ...) may be hidden: generated code reaches them through the
# base class.
OBJECT_MEMBERS = frozenset({"ptr", "release", "swap", "cast"})

# Members the class template declares for a class with `__iter__` (range-for support).
ITERATION_MEMBERS = ("begin", "end")

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _alternatives(name: str) -> Iterator[str]:
    """Spellings tried after `name`: `name_` (unless it ends with `_`), then `stem_2`, ...;
    none contains `__`."""
    stem = name.rstrip("_")
    if not name.endswith("_"):
        yield name + "_"
    number = 2
    while True:
        yield f"{stem}_{number}"
        number += 1


@dataclass(frozen=True)
class _Spelling:
    cpp: str
    macro: bool  # rule 2 applied because the name is a macro


def _spell(python_name: str, macros: AbstractSet[str],
           avoid: AbstractSet[str] = frozenset()) -> _Spelling:
    """Rules 1 and 2; raises ValueError for a name C++ cannot spell."""
    if not _IDENTIFIER.match(python_name):
        raise ValueError(f"'{python_name}' is not an ASCII identifier")
    name = re.sub(r"_{2,}", "_", python_name)
    if name.startswith("_"):
        name = "py" + name

    def unusable(candidate: str) -> bool:
        return (candidate in CPP_KEYWORDS or candidate in macros or candidate in GENERATED_NAMES
                or candidate in avoid)

    macro = name in macros and name not in CPP_KEYWORDS
    if unusable(name) or (name.startswith("pyhpp_") and not name.endswith("_")):
        name = next(c for c in _alternatives(name) if not unusable(c))
    return _Spelling(name, macro)


def cpp_identifier(python_name: str, macros: AbstractSet[str] = COMMON_MACROS) -> str:
    """The C++ name of a Python identifier by rules 1 and 2 (see the module docstring)."""
    return _spell(python_name, macros).cpp


@dataclass(frozen=True)
class _Entry:
    """A Python name to place in a C++ scope."""

    python: str
    kind: str  # "function", "class", "constant", "method", "attribute", "parameter", ...
    location: Optional[Location] = None
    setter: bool = False  # a writable attribute: also declares `set_<C++ name>`

    def describe(self) -> str:
        return f"{self.kind} '{self.python}'"


@dataclass(frozen=True)
class _Setter:
    attribute: _Entry

    def describe(self) -> str:
        return f"the setter of attribute '{self.attribute.python}'"


_Owner = Union[_Entry, _Setter, str]  # str: why a reserved name is reserved


def _where(location: Optional[Location]) -> str:
    return f" (defined at {location})" if location else ""


class _Namer:
    """Spells names with one macro set; collects the notes and warnings of a run."""

    def __init__(self, macros: AbstractSet[str], diagnostics: List[Diagnostic]) -> None:
        self.macros = macros
        self.diagnostics = diagnostics
        self.noted: Set[Tuple[str, str]] = set()  # (module, Python name) with a macro note
        self.warned: Set[Tuple[object, str]] = set()

    def warn(self, scope: str, text: str, location: Optional[Location]) -> None:
        """One warning per definition: a member that subclasses inherit is renamed alike in
        each of them, and said once, for the first."""
        key = (location or scope, text)
        if key not in self.warned:
            self.warned.add(key)
            self.diagnostics.append(Diagnostic("warning", f"{scope}: {text}", location))

    def assign(self, entries: Sequence[_Entry], scope: str, module: str,
               reserved: Optional[Mapping[str, str]] = None,
               avoid: AbstractSet[str] = frozenset()) -> Dict[str, str]:
        """Maps each Python name of `entries` to a C++ name free in `scope` (rule 3); names C++
        cannot spell are left out of the result, with a warning. `reserved` maps C++ names
        nobody may take to why; `avoid` are names rule 2 treats like keywords in this scope."""
        spelled: Dict[str, _Spelling] = {}
        first: Dict[str, _Entry] = {}
        for e in entries:
            if e.python in first:
                continue  # one Python name, one C++ name (a property listed twice, say)
            try:
                spelled[e.python] = _spell(e.python, self.macros, avoid)
            except ValueError as exc:
                self.warn(scope, f"{exc}, which C++ cannot name; {e.describe()} left out",
                          e.location)
                continue
            first[e.python] = e
            if spelled[e.python].macro and (module, e.python) not in self.noted:
                self.noted.add((module, e.python))
                self.diagnostics.append(Diagnostic(
                    "note", f"{scope}: '{e.python}' is a macro in C or C++ headers, so its C++ "
                            f"name is '{spelled[e.python].cpp}'", e.location))
        owners: Dict[str, _Owner] = dict(reserved or {})
        result: Dict[str, str] = {}

        def free(candidate: str) -> bool:
            return candidate not in owners and candidate not in avoid and not (
                candidate in CPP_KEYWORDS or candidate in self.macros
                or candidate in GENERATED_NAMES)

        # First every name takes its spelling where that is free, in order of priority: names
        # usable as is, the setters of their writable attributes, the renamed names, their
        # setters; each group by Python name. Then, in the same order, those that found their
        # spelling (or setter) taken move to the first free alternative.
        displaced: List[str] = []
        for as_is in (True, False):
            group = sorted(p for p in first if (spelled[p].cpp == p) == as_is)
            for python in group:
                if spelled[python].cpp in owners:
                    displaced.append(python)
                else:
                    owners[spelled[python].cpp] = first[python]
                    result[python] = spelled[python].cpp
            for python in group:
                if first[python].setter and python in result:
                    if free(f"set_{result[python]}"):
                        owners[f"set_{result[python]}"] = _Setter(first[python])
                    else:
                        displaced.append(python)  # its setter is taken: it moves
        for python in displaced:
            e = first[python]
            wanted = result.get(python, spelled[python].cpp)
            if owners.get(wanted) is e:
                del owners[wanted]  # an attribute whose setter is taken: both move

            def fits(candidate: str) -> bool:
                return free(candidate) and (not e.setter or free(f"set_{candidate}"))

            moved = wanted
            if not fits(wanted):
                moved = next(c for c in _alternatives(wanted) if fits(c))
                setter = f" (setter 'set_{moved}')" if e.setter else ""
                self.warn(scope, f"{e.describe()} renamed to '{moved}'{setter} because "
                                 f"{self._refusal(wanted, owners, e)}", e.location)
            owners[moved] = e
            if e.setter:
                owners[f"set_{moved}"] = _Setter(e)
            result[python] = moved
        return result

    @classmethod
    def _refusal(cls, cpp: str, owners: Mapping[str, _Owner], renamed: _Entry) -> str:
        """Why `renamed` cannot have the C++ name `cpp` (or its setter `set_<cpp>`)."""
        if cpp in owners:
            return cls._taken(cpp, owners[cpp], renamed)
        setter = f"set_{cpp}"
        if setter in owners:
            return f"its setter's name {cls._taken(setter, owners[setter], renamed)}"
        return f"its setter's name '{setter}' is a macro"

    @staticmethod
    def _taken(cpp: str, owner: _Owner, renamed: _Entry) -> str:
        if isinstance(owner, str):
            return f"'{cpp}' is {owner}"
        where = ""
        if isinstance(owner, _Entry) and owner.location != renamed.location:
            where = _where(owner.location)
        return f"'{cpp}' is taken by {owner.describe()}{where}"

    # -- items ------------------------------------------------------------------------------

    def function(self, f: Function, scope: str, module: str, what: str) -> Optional[Function]:
        """Names the parameters of `f` and of its overloads; None (with a warning) when C++
        cannot name one of them: `what` ("function", "method", "constructor") is left out."""
        for p in f.parameters:
            if not _IDENTIFIER.match(p.name):
                self.warn(scope, f"parameter '{p.name}' is not an ASCII identifier, which C++ "
                          f"cannot name; the {what} is left out", f.location)
                return None
        names = self.assign([_Entry(p.name, "parameter", f.location) for p in f.parameters],
                            scope, module)
        overloads = []
        for o in f.overloads:
            named = self.function(dataclasses.replace(o, cpp_name=f.cpp_name), scope, module,
                                  what)
            if named is None:
                return None
            overloads.append(named)
        parameters = tuple(dataclasses.replace(p, cpp_name=names[p.name]) for p in f.parameters)
        return dataclasses.replace(f, parameters=parameters, overloads=tuple(overloads))

    def enum(self, c: Class, cpp_name: str, module: Module) -> Class:
        scope = f"enum {module.name}.{c.name}"
        names = self.assign([_Entry(m.name, "member", c.location) for m in c.members], scope,
                            module.name)
        members: Tuple[EnumMember, ...] = tuple(
            dataclasses.replace(m, cpp_name=names[m.name]) for m in c.members if m.name in names)
        return dataclasses.replace(c, cpp_name=cpp_name, members=members)

    def class_(self, c: Class, cpp_name: str, module: Module) -> Class:
        if c.kind == "enum":
            return self.enum(c, cpp_name, module)
        scope = f"class {module.name}.{c.name}"
        reserved = {cpp_name: "the class's own name, which C++ keeps for constructors"}
        if any(f.name == "__iter__" for f in c.methods):
            for name in ITERATION_MEMBERS:
                reserved.setdefault(name, "declared by the wrapper of every iterable class")
        # Methods, attribute getters and setters `set_<name>` share the class's scope; value
        # structs (NamedTuple, TypedDict) have fields, without setters.
        struct = c.kind in ("namedtuple", "typeddict")
        public = [f for f in c.methods if not f.name.startswith("__")]
        entries = [_Entry(f.name, "method", f.location) for f in public]
        entries += [_Entry(a.name, "field" if struct else "attribute", a.location or c.location,
                           setter=not (struct or a.readonly)) for a in c.attributes]
        names = self.assign(entries, scope, module.name, reserved, OBJECT_MEMBERS)
        methods = []
        for f in c.methods:
            special = f.name.startswith("__")  # render gives them their C++ spelling
            if not special and f.name not in names:
                continue
            named = self.function(
                dataclasses.replace(f, cpp_name=f.name if special else names[f.name]),
                f"{module.name}.{c.name}.{f.name}()", module.name, "method")
            if named is not None:
                methods.append(named)
        attributes: Tuple[Attribute, ...] = tuple(
            dataclasses.replace(a, cpp_name=names[a.name]) for a in c.attributes
            if a.name in names)
        constructor = c.constructor
        if constructor is not None:
            constructor = self.function(dataclasses.replace(constructor, cpp_name=cpp_name),
                                        f"{module.name}.{c.name}()", module.name, "constructor")
        return dataclasses.replace(c, cpp_name=cpp_name, methods=tuple(methods),
                                   attributes=attributes, constructor=constructor)

    def module(self, m: Module, cpp_namespace: Tuple[str, ...],
               reserved: Mapping[str, str]) -> Module:
        # Functions, classes and constants share the module's C++ namespace.
        entries = [_Entry(f.name, "function", f.location) for f in m.functions]
        entries += [_Entry(c.name, "class", c.location) for c in m.classes]
        entries += [_Entry(a.name, "constant", a.location or m.location) for a in m.constants]
        # Re-exported classes are `using Name = ...;` in this namespace.
        entries += [_Entry(a.name, "class", a.location or m.location) for a in m.aliases]
        names = self.assign(entries, f"module {m.name}", m.name, reserved)
        aliases = tuple(dataclasses.replace(a, cpp_name=names[a.name])
                        for a in m.aliases if a.name in names)
        functions = []
        for f in m.functions:
            if f.name in names:
                named = self.function(dataclasses.replace(f, cpp_name=names[f.name]),
                                      f"{m.name}.{f.name}()", m.name, "function")
                if named is not None:
                    functions.append(named)
        # Bases before the classes that derive from them, so a rename of an inherited member is
        # reported once, for the class that defines it.
        own = {f"{m.name}.{c.name}": c for c in m.classes}

        def depth(c: Class, seen: Tuple[str, ...] = ()) -> int:
            return max((1 + depth(own[b], seen + (b,)) for b in c.bases
                        if b in own and b not in seen), default=0)

        order = sorted((i for i, c in enumerate(m.classes) if c.name in names),
                       key=lambda i: (depth(m.classes[i]), i))
        named = {i: self.class_(m.classes[i], names[m.classes[i].name], m) for i in order}
        classes = tuple(named[i] for i in sorted(named))
        constants = tuple(dataclasses.replace(a, cpp_name=names[a.name]) for a in m.constants
                          if a.name in names)
        return dataclasses.replace(m, cpp_namespace=cpp_namespace, functions=tuple(functions),
                                   classes=classes, constants=constants, aliases=aliases)

    def namespaces(self, modules: Sequence[Module], root: Tuple[str, ...]
                   ) -> Dict[str, Tuple[str, ...]]:
        """The C++ namespace of each module: the components of its dotted name, each named
        with its siblings (`a.new` and `a.new_` get two namespaces)."""
        children: Dict[Tuple[str, ...], Dict[str, Optional[Location]]] = {}
        for m in sorted(modules, key=lambda m: m.name):
            parts = tuple(m.name.split("."))
            for i, part in enumerate(parts):
                if not _IDENTIFIER.match(part):
                    raise GenerationError(f"module name '{m.name}' is not usable as a C++ "
                                          f"namespace: '{part}' is not an ASCII identifier")
                children.setdefault(parts[:i], {}).setdefault(part, m.location)
        spelled: Dict[Tuple[str, ...], Dict[str, str]] = {}
        for parent, parts in children.items():
            scope = f"package {'.'.join(parent)}" if parent else "top-level modules"
            spelled[parent] = self.assign(
                [_Entry(p, "module", location) for p, location in parts.items()], scope, scope)
        result = {}
        for m in modules:
            parts = tuple(m.name.split("."))
            result[m.name] = root + tuple(spelled[parts[:i]][p] for i, p in enumerate(parts))
        return result


def run(api: Api, namespace: Tuple[str, ...], diagnostics: Optional[List[Diagnostic]] = None,
        macros: AbstractSet[str] = COMMON_MACROS) -> Api:
    """Names every module of `api` under the root `namespace`, avoiding `macros`; renames are
    reported to `diagnostics` (notes for macros, warnings for collisions and left-out items)."""
    for part in namespace:
        try:
            usable = cpp_identifier(part, macros) == part
        except ValueError:
            usable = False
        if not usable:
            raise GenerationError(f"namespace component '{part}' is not usable as a C++ name")
    namer = _Namer(macros, diagnostics if diagnostics is not None else [])
    namespaces = namer.namespaces(api.modules, tuple(namespace))
    modules = []
    for m in api.modules:
        own = namespaces[m.name]
        # The namespace of a wrapped submodule is a name in this module's namespace.
        reserved: Dict[str, str] = {}
        for other in sorted(api.modules, key=lambda o: o.name):
            inner = namespaces[other.name]
            if len(inner) > len(own) and inner[:len(own)] == own:
                reserved.setdefault(inner[len(own)], f"the namespace of module {other.name}")
        modules.append(namer.module(m, own, reserved))
    return dataclasses.replace(api, modules=tuple(modules))
