"""The registry of type kinds (ir/kinds.py): one row per kind, consistent with the runtime's
codecs and with the type mapping."""

from __future__ import annotations

import glob
import json
import os
import re

import pytest

from pyhpp.ir.kinds import ANNOTATIONS, KINDS, Kind, info
from pyhpp.ir.model import CPP_KINDS, CppType, NamedType
from pyhpp.passes import typemap
from pyhpp.render import cpp

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CODEC_HEADERS = glob.glob(os.path.join(ROOT, "runtime", "include", "pyhpp", "detail",
                                       "codec*.hpp"))


def runtime_codecs() -> set:
    """The codec structs the runtime declares in namespace pyhpp::detail::codec."""
    found = set()
    for path in CODEC_HEADERS:
        with open(path, encoding="utf-8") as f:
            found |= set(re.findall(r"^(?:template <[^>]*> )?struct (\w+)\b", f.read(), re.M))
    return found


def test_every_kind_has_one_row_and_the_ir_knows_it() -> None:
    assert set(KINDS) == set(Kind)
    assert CPP_KINDS == tuple(k.value for k in Kind)
    # A kind is its name, in comparisons and in the JSON form of the IR.
    assert Kind.INT == "int" and info("int") is KINDS[Kind.INT]
    assert json.loads(json.dumps({"kind": Kind.LIST_REF})) == {"kind": "list_ref"}


@pytest.mark.parametrize("kind", [k for k in Kind if KINDS[k].codec])
def test_each_codec_of_the_registry_is_one_the_runtime_has(kind: Kind) -> None:
    name = re.match(r"codec::(\w+)", KINDS[kind].codec).group(1)
    assert name in runtime_codecs(), f"{kind}: no struct {name} in {CODEC_HEADERS}"


@pytest.mark.parametrize("name, kind", sorted(ANNOTATIONS.items()))
def test_the_annotations_of_a_row_map_to_its_kind(name: str, kind: Kind) -> None:
    assert typemap.map_annotation(NamedType(name), "f()", None, [], False).kind == kind


def test_spellings_and_passing_come_from_the_rows() -> None:
    int_ = CppType("int")
    assert cpp.cpp_type(CppType("dict", (CppType("str"), CppType("list", (int_,))))) == \
        "std::map<std::string, std::vector<std::int64_t>>"
    assert cpp.cpp_type(CppType("list_ref", (int_,))) == "pyhpp::list<std::int64_t>"
    assert cpp.by_value(int_) and not cpp.by_value(CppType("str"))
    assert cpp.by_value(CppType("literal", (int_,), values=(1, 2)))
    # Kinds spelled from a name or a helper have no format to fill.
    assert not info("instance").cpp and not info("callable").codec
    with pytest.raises(ValueError, match="no codec for kind 'none'"):
        cpp.Spellings("m").codec(CppType("none"))
