"""C++ spellings of CppType trees: the C++ type, its runtime codec, how it is passed."""

from __future__ import annotations

from typing import Set

from ..ir.model import CppType

_SCALAR_TYPES = {
    "int": "std::int64_t",
    "float": "double",
    "bool": "bool",
    "str": "std::string",
    "bytes": "pyhpp::bytes",
    "none": "void",
    "object": "pyhpp::object",
}
_CODECS = {
    "int": "int_",
    "float": "float_",
    "bool": "bool_",
    "str": "str_",
    "bytes": "bytes_",
    "object": "object_",
}
_HEADERS = {
    "int": "<cstdint>",
    "str": "<string>",
    "optional": "<optional>",
    "list": "<vector>",
    "tuple_var": "<vector>",
    "tuple": "<tuple>",
    "dict": "<map>",
    "set": "<set>",
    "frozenset": "<set>",
}
PASSED_BY_VALUE = {"int", "float", "bool"}


def cpp_type(t: CppType) -> str:
    if t.kind in _SCALAR_TYPES:
        return _SCALAR_TYPES[t.kind]
    inner = ", ".join(cpp_type(a) for a in t.args)
    if t.kind == "optional":
        return f"std::optional<{inner}>"
    if t.kind in ("list", "tuple_var"):
        return f"std::vector<{inner}>"
    if t.kind == "tuple":
        return f"std::tuple<{inner}>"
    if t.kind == "dict":
        return f"std::map<{inner}>"
    if t.kind in ("set", "frozenset"):
        return f"std::set<{inner}>"
    raise ValueError(f"no C++ type for kind {t.kind!r}")


def codec(t: CppType) -> str:
    if t.kind in _CODECS:
        return "codec::" + _CODECS[t.kind]
    return f"codec::{t.kind}<" + ", ".join(codec(a) for a in t.args) + ">"


def headers(t: CppType, into: Set[str]) -> None:
    if t.kind in _HEADERS:
        into.add(_HEADERS[t.kind])
    for a in t.args:
        headers(a, into)
