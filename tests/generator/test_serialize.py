"""Tests for pyhpp.ir.serialize: JSON round trips of the IR and schema version checks."""

from __future__ import annotations

import json

import pytest

from pyhpp.ir import model
from pyhpp.ir.kinds import Kind
from pyhpp.ir.model import (
    Alias,
    Api,
    Attribute,
    Class,
    CppType,
    EllipsisType,
    EnumMember,
    Function,
    Generic,
    ListOfTypes,
    LiteralValue,
    Location,
    Module,
    NamedType,
    NoneType,
    Other,
    Parameter,
    RecursiveType,
    Skipped,
    TypeSource,
    TypeVarType,
    UnresolvedType,
)
from pyhpp.ir.serialize import NODE_CLASSES, from_dict, from_json, to_dict, to_json

INT = NamedType("builtins.int")
STR = NamedType("builtins.str")


def sample_api() -> Api:
    """An Api that uses every node class and every kind of field value."""
    optional_list = NamedType("typing.Union", (NamedType("builtins.list", (INT,)), NoneType()))
    callback = NamedType("collections.abc.Callable", (ListOfTypes((INT, STR)), NoneType()))
    parameters = (
        Parameter("values", "positional_only", False, optional_list,
                  TypeSource("string", "list[int] | None"), "values",
                  CppType("optional", (CppType("list", (CppType("int"),)),))),
        Parameter("mode", "positional_or_keyword", True,
                  NamedType("typing.Literal", (LiteralValue(1), LiteralValue("a"),
                                               LiteralValue(True), LiteralValue(None))),
                  TypeSource("annotation", "typing.Literal[1, 'a', True, None]")),
        Parameter("rest", "var_positional", False,
                  NamedType("builtins.tuple", (INT, EllipsisType()))),
        Parameter("callback", "keyword_only", True, callback, TypeSource("annotation", "cb")),
        Parameter("item", "keyword_only", False,
                  TypeVarType("T", INT, (INT, STR)), TypeSource("annotation", "T")),
        Parameter("options", "var_keyword", False,
                  UnresolvedType("Nope", "name 'Nope' is not defined in module m"),
                  TypeSource("string", "Nope")),
        Parameter("tree", "keyword_only", True,
                  NamedType("builtins.list", (RecursiveType("Tree"),)),
                  TypeSource("string", "list[Tree]")),
    )
    functions = (
        Function("scale", Location("pkg/mod.py", 12), "Scales.\n\nDétails: ✓", parameters,
                 INT, TypeSource("annotation", "int"), True, "scale", CppType("int")),
        Function("log", Location("math.so"), "", (), None, TypeSource("missing"), False),
        Function("first", generic=Generic(("T",), (CppType("list_ref", (CppType(
            "typevar", name="T"),)),), CppType("typevar", name="T"), (False,))),
    )
    widget = NamedType("pkg.mod.Widget")
    method = Function("resize", Location("pkg/mod.py", 44), "",
                      (Parameter("size", "keyword_only"),), widget, TypeSource("string", "Widget"),
                      binding="method", overloads=(Function("resize", binding="method"),),
                      cpp_name="resize")
    classes = (
        Class("Widget", "dataclass", Location("pkg/mod.py", 40), "A widget.", ("pkg.base.Base",),
              Function("__init__", binding="method"), (method,),
              (Attribute("size", INT, TypeSource("annotation", "int"), Location("pkg/mod.py", 41),
                         "The size.", True, True, False, "size", CppType("int")),),
              frozen=True, total=False, cpp_name="Widget"),
        Class("Colour", "enum", bases=("enum.IntEnum",),
              members=(EnumMember("RED", 1, "1", "red"), EnumMember("ODD", None, "(1, 2)")),
              enum_base="enum.IntEnum"),
    )
    constants = (Attribute("LIMIT", readonly=True),)
    others = (Other("Vector", "alias", Location("pkg/mod.py", 50)), Other("T", "typevar"))
    aliases = (Alias("Gadget", "pkg.base.Gadget", Location("pkg/mod.py", 60), "Gadget"),)
    skipped = (Skipped("Enum", "imported from enum, another package"),)
    module = Module("pkg.mod", Location("pkg/mod.py"), "The module.", functions, classes,
                    constants, others, aliases, skipped, ("pkg", "mod"))
    return Api("3.8", (module, Module("empty")))


def test_every_node_class_is_used_by_the_sample() -> None:
    text = to_json(sample_api())
    used = {name for name in NODE_CLASSES if f'"node": "{name}"' in text}
    assert used == set(NODE_CLASSES)


def test_round_trip_rebuilds_equal_frozen_objects_with_tuples() -> None:
    api = sample_api()
    again = from_json(to_json(api))
    assert again == api
    assert isinstance(again.modules, tuple)
    assert isinstance(again.modules[0].functions[0].parameters, tuple)
    assert isinstance(again.modules[0].cpp_namespace, tuple)
    widget = again.modules[0].classes[0]
    assert isinstance(widget.bases, tuple) and isinstance(widget.methods[0].overloads, tuple)
    assert [type(member.value) for member in again.modules[0].classes[1].members] == [
        int, type(None)]
    mode = again.modules[0].functions[0].parameters[1].type
    assert isinstance(mode, NamedType)
    assert [type(arg.value) for arg in mode.args if isinstance(arg, LiteralValue)] == [
        int, str, bool, type(None)]
    assert to_json(again) == to_json(api)


def test_json_layout_is_tagged_ordered_and_deterministic() -> None:
    text = to_json(sample_api())
    assert text.startswith('{\n  "node": "Api",\n  "python_version": "3.8",\n  "modules": [\n')
    assert text.endswith("\n  \"schema_version\": 5\n}\n")
    assert "Détails: ✓" in text  # ensure_ascii=False
    data = json.loads(text)
    parameter = data["modules"][0]["functions"][0]["parameters"][0]
    assert list(parameter) == ["node", "name", "kind", "has_default", "type", "type_source",
                               "cpp_name", "cpp_type"]
    assert data["modules"][0]["functions"][1]["returns"] is None
    assert data["modules"][0]["cpp_namespace"] == ["pkg", "mod"]
    assert to_dict(NoneType()) == {"node": "NoneType"}
    assert to_dict(Location("a.py", 3)) == {"node": "Location", "file": "a.py", "line": 3}


def test_schema_version_mismatch_names_both_versions() -> None:
    data = json.loads(to_json(sample_api()))
    data["schema_version"] = 999
    with pytest.raises(ValueError) as caught:
        from_json(json.dumps(data))
    assert "999" in str(caught.value)
    assert f"schema version {model.SCHEMA_VERSION}" in str(caught.value)
    with pytest.raises(ValueError, match="999"):
        from_dict(data)
    del data["schema_version"]
    with pytest.raises(ValueError, match="None"):
        from_json(json.dumps(data))


def test_malformed_input_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown IR node 'Bogus'"):
        from_dict({"node": "Bogus"})
    with pytest.raises(ValueError, match="unknown field.*colour.*NamedType"):
        from_dict({"node": "NamedType", "qualname": "builtins.int", "colour": "red"})
    with pytest.raises(ValueError, match="without a 'node' key"):
        from_dict({"qualname": "builtins.int"})
    with pytest.raises(ValueError, match="\"node\": \"Api\""):
        from_json('{"node": "Module", "name": "m"}')
    with pytest.raises(TypeError, match="cannot serialise a dict"):
        to_dict(Other("x", "variable", {"file": "a.py"}))  # type: ignore[arg-type]
    # Kinds are enums: one nobody defined is an error, not a string passed on.
    with pytest.raises(ValueError, match="unknown kind 'str_view' in IR node CppType"):
        from_dict({"node": "CppType", "kind": "str_view"})
    with pytest.raises(ValueError, match="unknown kind 'protocol' in IR node Class"):
        from_dict({"node": "Class", "name": "P", "kind": "protocol"})


def test_kinds_come_back_as_their_enums() -> None:
    t = from_dict(to_dict(model.CppType(Kind.LIST, (model.CppType("int"),))))
    assert t.kind is Kind.LIST and t.args[0].kind is Kind.INT and t.kind == "list"
    assert to_dict(model.CppType(Kind.INT)) == to_dict(model.CppType("int"))
    c = from_dict({"node": "Class", "name": "P", "kind": "dataclass"})
    assert c.kind is model.ClassKind.DATACLASS and c.kind == "dataclass"


def test_missing_fields_take_their_defaults() -> None:
    assert from_dict({"node": "Parameter", "name": "x", "kind": "keyword_only"}) == Parameter(
        "x", "keyword_only")
