"""C++ spellings of CppType trees: the C++ type, its runtime codec, the headers it needs, and the
helper types (class getters, enum traits, literal sets) a module's source must define."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple, Union

from ..ir.kinds import info
from ..ir.model import Class, CppType



def by_value(t: CppType) -> bool:
    """Whether a parameter of type `t` is passed by value (cheap to copy) or const reference."""
    if t.kind == "literal":
        return by_value(t.args[0])
    return info(t.kind).by_value


def names_typevar(t: CppType) -> bool:
    """Whether `t` names a template parameter (a TypeVar of a function template)."""
    return t.kind == "typevar" or any(names_typevar(a) for a in t.args)


def complete_refs(t: Optional[CppType]) -> Set[str]:
    """The classes and value structs of the target (CppType.ref) whose complete type a C++
    value of type `t` needs: all it names, except the parameters of a std::function, whose
    signature may name incomplete types. Its result may not always: clang's C++20 library
    instantiates a std::variant result (flask's `Callable[..., ResponseReturnValue]`)."""
    if t is None:
        return set()
    if t.kind in ("callable", "callable_any"):
        return complete_refs(t.args[0])
    found = {t.ref} if t.kind in ("instance", "struct") and t.ref else set()
    for a in t.args:
        found |= complete_refs(a)
    return found


def opt_type(t: CppType) -> str:
    """The C++ type of a parameter with a default: `pyhpp::opt<T>`, or, when T holds a class
    wrapper or value struct (which the header may only have declared, in a cycle of modules
    that import each other), `pyhpp::opt<T, pyhpp::boxed>`, a complete type regardless."""
    value = cpp_type(t)
    return f"pyhpp::opt<{value}, pyhpp::boxed>" if complete_refs(t) else f"pyhpp::opt<{value}>"


def cpp_type(t: CppType) -> str:
    if t.kind in ("instance", "enum", "struct", "typevar"):
        return t.name
    if t.kind == "literal":
        return cpp_type(t.args[0])
    if t.kind == "callable":
        result, *parameters = t.args
        return f"std::function<{cpp_type(result)}(" + ", ".join(cpp_type(p) for p in parameters) + ")>"
    if t.kind == "callable_any":
        return f"std::function<{cpp_type(t.args[0])}(const std::vector<pyhpp::object> &)>"
    spelling = info(t.kind).cpp
    if not spelling:
        raise ValueError(f"no C++ type for kind {t.kind!r}")
    return spelling.replace("{args}", ", ".join(cpp_type(a) for a in t.args))


@dataclass
class ClassRef:
    """A class of the binding target a module's source converts: how to get its Python class."""

    ref: str  # Python qualified name
    module: str
    name: str  # Python name in `module`
    cpp_name: str  # C++ name in the module's namespace (and of its cached_attr in pyhpp_attrs)
    helper: str  # the getter struct defined in the source
    attr: str  # the cached_attr it reads
    module_cache: str  # the cached_module the attr is read from


@dataclass
class EnumTraits:
    helper: str
    by_value: bool
    names: List[str]


@dataclass
class LiteralSet:
    helper: str
    base: str  # the C++ type of the values
    values: List[Union[int, str, bool]]
    text: str  # "Literal['a', 'b']"


@dataclass
class StructCodec:
    """A NamedTuple / TypedDict value struct: its codec is generated in each source using it."""

    helper: str
    name: str  # C++ struct
    python_name: str
    kind: str  # 'namedtuple' or 'typeddict'
    class_helper: str  # the getter of the Python class (NamedTuples are built by calling it)
    fields: List[Dict[str, object]]  # {"name", "python", "codec", "optional_key"}


@dataclass
class Spellings:
    """Per rendered module: codecs need helper types defined once in its source."""

    module: str
    enums: Dict[str, Class] = field(default_factory=dict)  # every enum of the target, by ref
    headers: Set[str] = field(default_factory=set)
    includes: Set[str] = field(default_factory=set)  # other modules of the target used here
    classes: Dict[str, ClassRef] = field(default_factory=dict)
    enum_traits: Dict[str, EnumTraits] = field(default_factory=dict)
    literals: Dict[Tuple[str, Tuple[Union[int, str, bool], ...]], LiteralSet] = field(
        default_factory=dict)
    structs: Dict[str, Class] = field(default_factory=dict)  # every value struct, by ref
    struct_codecs: Dict[str, StructCodec] = field(default_factory=dict)
    cpp_names: Dict[str, str] = field(default_factory=dict)  # every class's C++ name, by ref
    # Structural classes (no Python class to look up: see introspect/structural.py), by ref.
    structural: Set[str] = field(default_factory=set)

    def use(self, t: Optional[CppType]) -> None:
        """Records the headers and helpers `t` needs."""
        if t is None:
            return
        self.headers.update(info(t.kind).headers)
        if t.kind in ("instance", "enum", "struct"):
            module = t.ref.rsplit(".", 1)[0]
            if module != self.module:
                self.includes.add(module)  # its header declares the C++ type
            if t.ref not in self.structural:
                self.class_ref(t.ref)
        if t.kind == "enum":
            self.traits(t.ref)
        if t.kind == "struct":
            self.struct_codec(t)
        if t.kind == "literal":
            self.literal(t)
        for a in t.args:
            self.use(a)

    def class_ref(self, ref: str) -> ClassRef:
        if ref not in self.classes:
            module, name = ref.rsplit(".", 1)
            key = ref.replace(".", "_")
            cache = "pyhpp_module" if module == self.module else f"pyhpp_module_{key}"
            self.classes[ref] = ClassRef(ref, module, name, self.cpp_names.get(ref, name),
                                         f"pyhpp_class_{key}", f"pyhpp_class_attr_{key}", cache)
        return self.classes[ref]

    def struct_codec(self, t: CppType) -> StructCodec:
        if t.ref not in self.struct_codecs:
            c = self.structs[t.ref]
            helper = f"pyhpp_struct_{t.ref.replace('.', '_')}"
            # Registered before the fields, so a struct that nests itself cannot recurse.
            codec = StructCodec(helper, t.name, t.ref, c.kind, self.class_ref(t.ref).helper, [])
            self.struct_codecs[t.ref] = codec
            for a in c.attributes:
                ft = a.cpp_type or CppType("object")
                self.use(ft)
                codec.fields.append({
                    "name": a.cpp_name, "python": a.name, "codec": self.codec(ft),
                    "optional_key": c.kind == "typeddict" and not a.required,
                })
        return self.struct_codecs[t.ref]

    def traits(self, ref: str) -> EnumTraits:
        if ref not in self.enum_traits:
            c = self.enums[ref]
            by_value = is_by_value(c)
            self.enum_traits[ref] = EnumTraits(f"pyhpp_enum_{ref.replace('.', '_')}", by_value,
                                               [m.name for m in c.members])
        return self.enum_traits[ref]

    def literal(self, t: CppType) -> LiteralSet:
        key = (t.args[0].kind, t.values)
        if key not in self.literals:
            text = "Literal[" + ", ".join(repr(v) for v in t.values) + "]"
            self.literals[key] = LiteralSet(f"pyhpp_literal_{len(self.literals)}",
                                            cpp_type(t.args[0]), list(t.values), text)
        return self.literals[key]

    def codec(self, t: CppType) -> str:
        if t.kind == "instance" and t.ref in self.structural:
            return f"codec::structural<{t.name}>"
        if t.kind == "instance":
            return f"codec::instance<{t.name}, {self.class_ref(t.ref).helper}>"
        if t.kind == "enum":
            return (f"codec::enumeration<{t.name}, {self.class_ref(t.ref).helper}, "
                    f"{self.traits(t.ref).helper}>")
        if t.kind == "literal":
            return f"codec::literal<{self.codec(t.args[0])}, {self.literal(t).helper}>"
        if t.kind == "struct":
            return self.struct_codec(t).helper
        if t.kind in ("callable", "callable_any"):
            result, *parameters = t.args
            r = "codec::void_result" if result.kind == "none" else self.codec(result)
            return f"codec::{t.kind}<{r}" + "".join(", " + self.codec(p) for p in parameters) + ">"
        spelling = info(t.kind).codec
        if not spelling:
            raise ValueError(f"no codec for kind {t.kind!r}")
        return spelling.replace("{args}", ", ".join(self.codec(a) for a in t.args))


def is_by_value(c: Class) -> bool:
    """An enum converted by value: every member value an int (bools are not)."""
    return bool(c.members) and all(
        isinstance(m.value, int) and not isinstance(m.value, bool) for m in c.members)


def literal_text(value: Union[int, str, bool]) -> str:
    """A C++ literal for a Literal value (strings escaped for a C++ string literal)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"std::int64_t{{{value}}}" if value < -(2**31) else str(value)
    return f'"{escape(value)}"'


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(text: str) -> str:
    """`text` for the inside of a C++ string literal: quotes and backslashes escaped, and every
    control character and line break (which would end the line of generated code) as escapes
    of its UTF-8 bytes; no `??` trigraph."""
    out: List[str] = []
    for i, ch in enumerate(text):
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch == "?" and i and text[i - 1] == "?":
            out.append("\\?")  # `??x` is a trigraph to older compilers and -Wtrigraphs
        elif ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            out.append("".join(f"\\{b:03o}" for b in ch.encode("utf-8")))
    return "".join(out)
