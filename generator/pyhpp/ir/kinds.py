"""The kinds of C++ types (CppType.kind): one row per kind with all that the passes and the
renderer know of it: its C++ spelling, its runtime codec, the headers it needs, how it is
passed, whether it can key a std::map, and the Python classes that map to it.

Adding a kind: add its Kind member and its row here, its codec to the runtime
(runtime/include/pyhpp/detail/codec_*.hpp, and object::cast in <pyhpp/cast.hpp>), and, unless
an annotation of `annotations` maps to it, the rule that produces it in passes/typemap.py.

Runs inside the target interpreter too (the IR is shared): standard library only, Python 3.8.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Dict, Tuple


class Kind(str, enum.Enum):
    """A kind compares equal to its name ("int"), which is what the JSON form holds."""

    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    STR = "str"
    BYTES = "bytes"
    COMPLEX = "complex"
    NONE = "none"
    OBJECT = "object"
    OTHER = "other"
    TYPE = "type"
    DATETIME = "datetime"
    DATE = "date"
    TIME = "time"
    TIMEDELTA = "timedelta"
    PATH = "path"
    OPTIONAL = "optional"
    LIST = "list"
    TUPLE_VAR = "tuple_var"
    TUPLE = "tuple"
    DICT = "dict"
    SET = "set"
    FROZENSET = "frozenset"
    LIST_REF = "list_ref"
    DICT_REF = "dict_ref"
    SET_REF = "set_ref"
    VARIANT = "variant"
    LITERAL = "literal"
    INSTANCE = "instance"
    ENUM = "enum"
    STRUCT = "struct"
    CALLABLE = "callable"
    CALLABLE_ANY = "callable_any"
    ITERATOR = "iterator"
    TYPEVAR = "typevar"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class KindInfo:
    """What one kind is. `cpp` and `codec` are formats in which `{args}` stands for the C++
    spellings (codecs) of the arguments, comma-separated; empty where the renderer spells the
    kind from the CppType's name or a helper it defines (classes, enums, literals, callables)."""

    doc: str  # the Python side <-> the C++ side, for readers
    cpp: str = ""
    codec: str = ""
    headers: Tuple[str, ...] = ()
    by_value: bool = False  # passed by value (cheap to copy) rather than by const reference
    ordered: bool = False  # can key a std::map or be a std::set element (has operator<)
    annotations: Tuple[str, ...] = ()  # Python classes that are this kind, unparametrised


KINDS: Dict[Kind, KindInfo] = {
    Kind.INT: KindInfo("int <-> std::int64_t", "std::int64_t", "codec::int_", ("<cstdint>",),
                       by_value=True, ordered=True, annotations=("builtins.int",)),
    Kind.FLOAT: KindInfo("float <-> double", "double", "codec::float_", by_value=True,
                         ordered=True, annotations=("builtins.float",)),
    Kind.BOOL: KindInfo("bool <-> bool", "bool", "codec::bool_", by_value=True, ordered=True,
                        annotations=("builtins.bool",)),
    Kind.STR: KindInfo("str <-> std::string (UTF-8)", "std::string", "codec::str_",
                       ("<string>",), ordered=True, annotations=("builtins.str",)),
    Kind.BYTES: KindInfo("bytes <-> pyhpp::bytes", "pyhpp::bytes", "codec::bytes_",
                         ordered=True, annotations=("builtins.bytes",)),
    Kind.COMPLEX: KindInfo("complex <-> std::complex<double>", "std::complex<double>",
                           "codec::complex", ("<complex>",), annotations=("builtins.complex",)),
    Kind.NONE: KindInfo("None <-> void (results only)", "void"),
    Kind.OBJECT: KindInfo("anything <-> pyhpp::object", "pyhpp::object", "codec::object_"),
    Kind.OTHER: KindInfo("anything <-> pyhpp::other: a variant's alternative for the union "
                         "members C++ cannot name", "pyhpp::other", "codec::other"),
    Kind.TYPE: KindInfo("a class (type[X], type) <-> pyhpp::type_object", "pyhpp::type_object",
                        "codec::type_object", annotations=("builtins.type",)),
    Kind.DATETIME: KindInfo("datetime.datetime <-> pyhpp::datetime", "pyhpp::datetime",
                            "codec::datetime", ("<pyhpp/chrono.hpp>",), by_value=True,
                            ordered=True, annotations=("datetime.datetime",)),
    Kind.DATE: KindInfo("datetime.date <-> pyhpp::date", "pyhpp::date", "codec::date",
                        ("<pyhpp/chrono.hpp>",), by_value=True, ordered=True,
                        annotations=("datetime.date",)),
    Kind.TIME: KindInfo("datetime.time <-> pyhpp::time_of_day", "pyhpp::time_of_day",
                        "codec::time", ("<pyhpp/chrono.hpp>",), by_value=True, ordered=True,
                        annotations=("datetime.time",)),
    Kind.TIMEDELTA: KindInfo("datetime.timedelta <-> std::chrono::microseconds",
                             "std::chrono::microseconds", "codec::timedelta", ("<chrono>",),
                             by_value=True, ordered=True, annotations=("datetime.timedelta",)),
    Kind.PATH: KindInfo("pathlib.Path, os.PathLike <-> std::filesystem::path",
                        "std::filesystem::path", "codec::path", ("<filesystem>",),
                        ordered=True,
                        annotations=("pathlib.Path", "pathlib.PurePath", "os.PathLike")),
    Kind.OPTIONAL: KindInfo("A | None <-> std::optional<A>", "std::optional<{args}>",
                            "codec::optional<{args}>", ("<optional>",), ordered=True),
    Kind.LIST: KindInfo("list[A] (any sequence read back) <-> std::vector<A>",
                        "std::vector<{args}>", "codec::list<{args}>", ("<vector>",),
                        ordered=True),
    Kind.TUPLE_VAR: KindInfo("tuple[A, ...] <-> std::vector<A>", "std::vector<{args}>",
                             "codec::tuple_var<{args}>", ("<vector>",), ordered=True),
    Kind.TUPLE: KindInfo("tuple[A, B] <-> std::tuple<A, B>", "std::tuple<{args}>",
                         "codec::tuple<{args}>", ("<tuple>",), ordered=True),
    Kind.DICT: KindInfo("dict[K, V] (any mapping read back) <-> std::map<K, V>",
                        "std::map<{args}>", "codec::dict<{args}>", ("<map>",), ordered=True),
    Kind.SET: KindInfo("set[A] <-> std::set<A>", "std::set<{args}>", "codec::set<{args}>",
                       ("<set>",), ordered=True),
    Kind.FROZENSET: KindInfo("frozenset[A] <-> std::set<A>", "std::set<{args}>",
                             "codec::frozenset<{args}>", ("<set>",), ordered=True),
    Kind.LIST_REF: KindInfo("the same list <-> pyhpp::list<A> (a parameter that shares)",
                            "pyhpp::list<{args}>", "codec::list_ref<{args}>",
                            ("<pyhpp/containers.hpp>",)),
    Kind.DICT_REF: KindInfo("the same dict <-> pyhpp::dict<K, V> (a parameter that shares)",
                            "pyhpp::dict<{args}>", "codec::dict_ref<{args}>",
                            ("<pyhpp/containers.hpp>",)),
    Kind.SET_REF: KindInfo("the same set <-> pyhpp::set<A> (a parameter that shares)",
                           "pyhpp::set<{args}>", "codec::set_ref<{args}>",
                           ("<pyhpp/containers.hpp>",)),
    Kind.VARIANT: KindInfo("A | B <-> std::variant<A, B> (args: the alternatives)",
                           "std::variant<{args}>", "codec::variant<{args}>", ("<variant>",),
                           ordered=True),
    Kind.LITERAL: KindInfo("Literal[...] <-> its base type (args: (base,); values: the allowed "
                           "values)", ordered=True),
    Kind.INSTANCE: KindInfo("a class of the target <-> its wrapper (name: C++, ref: Python)"),
    Kind.ENUM: KindInfo("an enum.Enum of the target <-> its enum class (name, ref)",
                        by_value=True, ordered=True),
    Kind.STRUCT: KindInfo("a NamedTuple / TypedDict of the target <-> its value struct "
                          "(name, ref)"),
    Kind.CALLABLE: KindInfo("Callable[[A, B], R] <-> std::function<R(A, B)> (args: (R, A, B))",
                            headers=("<functional>",)),
    Kind.CALLABLE_ANY: KindInfo("Callable[..., R] <-> std::function<R(const "
                                "std::vector<pyhpp::object> &)> (args: (R,))",
                                headers=("<functional>", "<vector>")),
    Kind.ITERATOR: KindInfo("Iterator[A] <-> pyhpp::iterator_range<A>",
                            "pyhpp::iterator_range<{args}>", "codec::iterator<{args}>",
                            ("<pyhpp/iterator.hpp>",)),
    Kind.TYPEVAR: KindInfo("a C++ template parameter (name), in Function.generic only",
                           ordered=True),
}

# Python class -> kind, for the kinds an unparametrised annotation names.
ANNOTATIONS: Dict[str, Kind] = {
    a: kind for kind, row in KINDS.items() for a in row.annotations}


def info(kind: str) -> KindInfo:
    return KINDS[Kind(kind)]
