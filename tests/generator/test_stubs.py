"""Types from stubs: where stubs are found (user directories, .pyi next to the module, -stubs
packages, typeshed with its VERSIONS), how they are read (conditions for the target, names across
stub modules, aliases, TypeVars, overloads, Self, positional-only), how they meet the runtime
(the runtime decides what exists), what the passes make of them, and the coverage report."""

from __future__ import annotations

import ast
import dataclasses
import os
import sys
from typing import Dict, List, Sequence, Tuple

import pytest

from pyhpp.diagnostics import Diagnostic
from pyhpp.introspect.collect import introspect_modules
from pyhpp.introspect.from_stubs import StubTypes
from pyhpp.introspect.launch import SYSTEM_SITE, stub_options
from pyhpp.introspect.stubs import StubFinder, evaluate_condition
from pyhpp.ir.model import (
    Api,
    Class,
    CppType,
    Function,
    Generic,
    Location,
    Module,
    NamedType,
    NoneType,
    Parameter,
    TypeSource,
    TypeVarType,
)
from pyhpp.passes import generics, naming, typemap
from pyhpp.report import coverage, format_report
from discovery import FIXTURES
from test_cli import TARGET, pyhpp

STUBDIRS = os.path.join(FIXTURES, "stub_roots")
TYPESHED = os.path.join(SYSTEM_SITE, "mypy", "typeshed", "stdlib")
INT, FLOAT, STR, BYTES = (NamedType(f"builtins.{n}") for n in ("int", "float", "str", "bytes"))


def describe(names: Sequence[str], user: Sequence[str] = (), site: Sequence[str] = (),
             typeshed: str = TYPESHED) -> Tuple[Dict[str, Module], List[Diagnostic], List[str]]:
    sys.path.insert(0, FIXTURES)
    try:
        stubs = StubTypes(StubFinder(user, site, typeshed))
        api, files, diagnostics = introspect_modules(names, stubs=stubs)
    finally:
        sys.path.remove(FIXTURES)
        fixtures = ("stub_typed", "typed_by_stubs", "old_typeshed", "structural_stub")
        for name in [n for n in sys.modules if n.split(".")[0] in fixtures]:
            del sys.modules[name]
    return {m.name: m for m in api.modules}, diagnostics, files


def introspect_source(tmp_path, name: str, text: str) -> Module:
    """The IR of a module written to `tmp_path/name.py` (no stubs)."""
    (tmp_path / f"{name}.py").write_text(text)
    sys.path.insert(0, str(tmp_path))
    try:
        api, _, _ = introspect_modules([name])
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop(name, None)
    return api.modules[0]


@pytest.fixture(scope="module")
def stub_typed() -> Tuple[Dict[str, Function], List[Diagnostic], List[str], Module]:
    modules, diagnostics, files = describe(["stub_typed"])
    module = modules["stub_typed"]
    return {f.name: f for f in module.functions}, diagnostics, files, module


def types_of(f: Function) -> List[Tuple[str, str, object]]:
    return [(p.name, p.kind, p.type) for p in f.parameters]


def stub_at(file: str, line: int, text: str) -> TypeSource:
    return TypeSource("stub", text, Location(file, line))


# -- reading stubs ----------------------------------------------------------------------------


def test_conditions_are_evaluated_for_the_target() -> None:
    def verdict(text: str) -> object:
        return evaluate_condition(ast.parse(text, mode="eval").body)

    major, minor = sys.version_info[:2]
    assert verdict(f"sys.version_info >= ({major}, {minor})") is True
    assert verdict(f"sys.version_info < ({major}, {minor})") is False
    assert verdict(f"sys.version_info >= ({major}, {minor + 1})") is False
    assert verdict(f"sys.version_info[0] == {major}") is True
    assert verdict(f"sys.platform == {sys.platform!r}") is True
    assert verdict("sys.platform == 'win32' and sys.version_info >= (3, 8)") is (
        sys.platform == "win32")
    assert verdict("not sys.platform.startswith('linux')") is None  # not evaluated: both kept
    assert verdict("FLAG") is None


def test_the_branch_for_the_target_gives_the_types(stub_typed) -> None:
    functions, _, _, _ = stub_typed
    number = NamedType("typing.Union", (INT, FLOAT))
    # sys.version_info >= (3, 8), and an alias imported from another stub module expanded.
    assert types_of(functions["scale"]) == [("value", "positional_or_keyword", number),
                                            ("factor", "positional_or_keyword", INT)]
    assert functions["scale"].returns == FLOAT
    assert functions["scale"].parameters[0].type_source == stub_at(
        "stub_typed/__init__.pyi", 8, "Number")
    assert functions["scale"].returns_source == stub_at("stub_typed/__init__.pyi", 8, "float")
    # Runtime defaults stay: factor=2 has one.
    assert [p.has_default for p in functions["scale"].parameters] == [False, True]
    # sys.platform: the non-Windows branch.
    expected = [("parts", "var_positional", STR), ("sep", "keyword_only", STR)]
    assert types_of(functions["join"]) == (
        expected if sys.platform != "win32" else [(n, k, BYTES) for n, k, _ in expected])


def test_overloads_come_from_the_stub(stub_typed) -> None:
    functions, _, _, _ = stub_typed
    pick = functions["pick"]
    assert [types_of(o) for o in pick.overloads] == [
        [("flag", "positional_or_keyword", NamedType("builtins.bool"))],
        [("flag", "positional_or_keyword", NamedType("builtins.bool")),
         ("default", "positional_or_keyword", STR)]]
    assert [o.returns for o in pick.overloads] == [
        NamedType("typing.Union", (INT, NoneType())), NamedType("typing.Union", (INT, STR))]


def test_positional_only_spelling_and_runtime_names(stub_typed) -> None:
    functions, _, _, _ = stub_typed
    # typeshed's `__items` is positional-only; the runtime's name and kind are kept.
    assert types_of(functions["first"]) == [
        ("items", "positional_or_keyword",
         NamedType("collections.abc.Iterable", (INT,)))]


def test_a_constrained_typevar_is_kept_for_the_generics_pass(stub_typed) -> None:
    functions, _, _, _ = stub_typed
    text = TypeVarType("AnyText", None, (STR, BYTES))
    assert types_of(functions["swap"]) == [("data", "positional_or_keyword", text)]
    expanded = generics.function(functions["swap"])
    assert [(types_of(o), o.returns) for o in expanded.overloads] == [
        ([("data", "positional_or_keyword", STR)], STR),
        ([("data", "positional_or_keyword", BYTES)], BYTES)]


def test_the_runtime_decides_what_exists(stub_typed) -> None:
    functions, diagnostics, _, module = stub_typed
    # Parameter lists differ: types where the parameters correspond, a note. The runtime's `c`
    # is the stub's `d` (the same place, neither named by the other side).
    assert types_of(functions["differs"]) == [
        ("a", "positional_or_keyword", INT), ("b", "positional_or_keyword", INT),
        ("c", "positional_or_keyword", INT)]
    assert functions["differs"].returns == INT
    notes = [d.message for d in diagnostics if d.severity == "note"]
    assert ("stub_typed.differs: its stub (stub_typed/__init__.pyi:23) has other parameters than "
            "the runtime; types are taken where the parameters correspond") in notes
    # `**kwds` is the stub's `**kwargs`, whatever the names; a positional-only parameter is the
    # stub's in the same place.
    assert types_of(functions["renamed"]) == [
        ("items", "positional_only", NamedType("collections.abc.Iterable", (INT,))),
        ("kwds", "var_keyword", INT)]
    # The stub's first parameter is the runtime's second (`y`): `x` has no counterpart.
    assert types_of(functions["shifted"]) == [("x", "positional_or_keyword", None),
                                              ("y", "positional_or_keyword", INT)]
    # A runtime annotation wins over the stub; the stub fills what the runtime left out.
    assert types_of(functions["annotated"]) == [("x", "positional_or_keyword", INT),
                                                ("y", "positional_or_keyword", FLOAT)]
    assert functions["annotated"].parameters[0].type_source.kind == "annotation"
    # (*args, **kwargs) at run time: the stub's signature is the one to call.
    assert types_of(functions["wrapped"]) == [("count", "positional_or_keyword", INT),
                                              ("label", "keyword_only", STR)]
    # A name only the stub has is not wrapped; one without stub keeps *args/**kwargs.
    assert "only_in_stub" not in functions
    assert types_of(functions["unknown"]) == [("args", "var_positional", None),
                                              ("kwargs", "var_keyword", None)]
    assert [f.name for f in module.functions] == [
        "scale", "join", "pick", "first", "swap", "differs", "renamed", "shifted", "annotated",
        "wrapped", "unknown"]


def test_classes_methods_properties_and_self(stub_typed) -> None:
    _, _, _, module = stub_typed
    meter = next(c for c in module.classes if c.name == "Meter")
    assert types_of(meter.constructor) == [("value", "positional_or_keyword", FLOAT)]
    methods = {f.name: f for f in meter.methods}
    # typing.Self is the class, named by its identity (where it is defined).
    assert types_of(methods["plus"]) == [("other", "positional_or_keyword",
                                          NamedType("stub_typed.shapes.Meter"))]
    assert methods["plus"].returns == NamedType("stub_typed.shapes.Meter")
    # Not in the class's stub: builtins.object's stub types it.
    assert methods["__repr__"].returns == STR
    assert methods["__repr__"].returns_source.location.file == "typeshed/stdlib/builtins.pyi"
    # The stub's instance attribute is added (the runtime shows none without an instance);
    # its class variable is not.
    assert {a.name: a.type for a in meter.attributes} == {"doubled": FLOAT, "unit": STR}


def test_stub_files_are_inputs(stub_typed) -> None:
    _, _, files, _ = stub_typed
    assert os.path.join(FIXTURES, "stub_typed", "__init__.pyi") in files
    assert os.path.join(FIXTURES, "stub_typed", "_types.pyi") in files


# -- where stubs are found ----------------------------------------------------------------------


def test_user_directories_come_first() -> None:
    modules, _, files = describe(["stub_typed"], user=[os.path.join(STUBDIRS, "user")])
    scale = next(f for f in modules["stub_typed"].functions if f.name == "scale")
    assert scale.parameters[0].type == INT  # the user's Number, not the package's
    assert os.path.join(STUBDIRS, "user", "stub_typed", "_types.pyi") in files
    # The source is where the annotation is written; the alias it names is the user's.
    assert scale.parameters[0].type_source == stub_at("stub_typed/__init__.pyi", 8, "Number")


def test_stubs_packages_and_typeshed_versions() -> None:
    typeshed = os.path.join(STUBDIRS, "typeshed")
    modules, _, _ = describe(["typed_by_stubs", "old_typeshed"],
                             site=[os.path.join(STUBDIRS, "site")], typeshed=typeshed)
    area = modules["typed_by_stubs"].functions[0]
    assert types_of(area) == [("width", "positional_or_keyword", FLOAT),
                              ("height", "positional_or_keyword", FLOAT)]
    assert area.returns_source.location == Location("typed_by_stubs-stubs/__init__.pyi", 1)
    # VERSIONS says typeshed's old_typeshed stops at 3.7: not used for this interpreter.
    assert types_of(modules["old_typeshed"].functions[0]) == [("x", "positional_or_keyword", None)]


def test_stub_options_find_typeshed_and_stub_packages(tmp_path) -> None:
    (tmp_path / "mypy" / "typeshed" / "stdlib").mkdir(parents=True)
    (tmp_path / "mypy" / "typeshed" / "stdlib" / "VERSIONS").write_text("json: 3.0-\n")
    (tmp_path / "yaml-stubs").mkdir()
    assert stub_options(["mine"], search=[str(tmp_path)]) == [
        "--stubs", os.path.abspath("mine"),
        "--typeshed", str(tmp_path / "mypy" / "typeshed" / "stdlib"),
        "--stub-path", str(tmp_path)]
    assert stub_options(["mine"], use_stubs=False) == ["--no-stubs"]


# -- the standard library through typeshed --------------------------------------------------------


def require_typeshed() -> None:
    """typeshed's stdlib stubs come with Debian's python3-mypy, which tools/install-deps
    installs: without them these tests fail, and say why, rather than skip."""
    assert os.path.isfile(os.path.join(TYPESHED, "VERSIONS")), (
        f"no typeshed at {TYPESHED}: run tools/install-deps (Debian's python3-mypy)")


def test_json_and_re_are_typed_from_typeshed() -> None:
    require_typeshed()
    modules, diagnostics, _ = describe(["json", "re"])
    dumps = next(f for f in modules["json"].functions if f.name == "dumps")
    kinds = {p.name: p.kind for p in dumps.parameters}
    assert kinds["indent"] == "keyword_only" and dumps.returns == STR
    assert dumps.returns_source.location.file == "typeshed/stdlib/json/__init__.pyi"
    api = typemap.run(generics.run(Api("3.11", tuple(modules.values()))), [])
    match = next(f for f in api.modules[1].functions if f.name == "match")
    # Overloads for str and bytes; the class of the binding target for re.Pattern[str].
    first = match.overloads[0]
    assert first.parameters[0].cpp_type.kind == "variant"
    assert first.parameters[1].cpp_type == CppType("str")
    assert first.cpp_returns.kind == "optional"
    assert not [d for d in diagnostics if d.severity in ("warning", "error")]


# -- mapping ------------------------------------------------------------------------------------


def mapped(t, parameter: bool = True) -> CppType:
    return typemap.map_annotation(t, "x", None, [], not parameter, parameter=parameter)


def test_protocols_and_unions_real_code_uses() -> None:
    path_like = NamedType("os.PathLike", (STR,))
    assert mapped(NamedType("typing.Union", (STR, path_like))) == CppType("path")
    assert mapped(NamedType("typing.Union", (INT, STR, BYTES, path_like,
                                             NamedType("os.PathLike", (BYTES,))))) == CppType(
        "variant", (CppType("int"), CppType("path")))
    buffers = NamedType("typing.Union", (BYTES, NamedType("builtins.bytearray"),
                                         NamedType("builtins.memoryview")))
    assert mapped(buffers) == CppType("bytes")
    # As a result: a bytes, or what C++ has no type for as a pyhpp::other.
    assert mapped(buffers, parameter=False) == CppType("variant", (CppType("bytes"),
                                                                   CppType("other")))
    assert mapped(NamedType("typing.SupportsIndex")) == CppType("int")
    assert mapped(NamedType("typing.SupportsFloat")) == CppType("float")
    iterable = NamedType("collections.abc.Iterable", (INT,))
    assert mapped(iterable) == CppType("list", (CppType("int"),))
    assert mapped(iterable, parameter=False) == CppType("iterator", (CppType("int"),))
    assert mapped(TypeVarType("T", STR)) == CppType("str")
    assert mapped(TypeVarType("T")) == CppType("object")
    protocols = NamedType("typing.Union", (NamedType("_typeshed.SupportsDunderLT"),
                                           NamedType("_typeshed.SupportsDunderGT")))
    assert mapped(protocols) == CppType("object")


def test_unmappable_stub_types_are_notes_not_warnings() -> None:
    found: list = []
    t = NamedType("_typeshed.SupportsWrite", (STR,))
    typemap.map_annotation(t, "f() parameter 'fp'", None, found, False, from_stub=True,
                           parameter=True)
    typemap.map_annotation(t, "f() parameter 'fp'", None, found, False, parameter=True)
    assert [d.severity for d in found] == ["note", "warning"]


# -- structural classes -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def structural_stub() -> Module:
    modules, _, _ = describe(["structural_stub"])
    api = naming.run(Api("3.11", (modules["structural_stub"],)), ("py",), [], frozenset())
    return typemap.run(generics.run(api), []).modules[0]


def test_a_private_stub_class_a_function_returns_is_wrapped_structurally(structural_stub) -> None:
    classes = {c.qualname: c for c in structural_stub.classes}
    digest_class = classes["structural_stub._Digest"]
    assert digest_class.structural and digest_class.name == "Digest"
    assert digest_class.constructor is None  # no Python class to call
    assert [f.name for f in digest_class.methods] == ["update", "hexdigest", "copy"]
    assert [(a.name, a.cpp_type) for a in digest_class.attributes] == [("size", CppType("int"))]
    wrapper = CppType("instance", name="::py::structural_stub::Digest",
                      ref="structural_stub.Digest")
    functions = {f.name: f for f in structural_stub.functions}
    assert functions["digest"].returns == NamedType("structural_stub._Digest")
    assert functions["digest"].cpp_returns == wrapper
    # Its members refer to it too (copy() -> _Digest).
    assert digest_class.methods[2].cpp_returns == wrapper
    # `make = _Digest` in the stub: calling make constructs the class.
    assert functions["make"].cpp_returns == wrapper
    assert functions["make"].parameters[0].cpp_type == CppType("bytes")


def test_a_protocol_parameter_is_wrapped_and_an_operator_protocol_is_not(structural_stub) -> None:
    classes = {c.qualname: c for c in structural_stub.classes}
    assert [f.name for f in classes["structural_stub._SupportsWrite"].methods] == ["write"]
    functions = {f.name: f for f in structural_stub.functions}
    out = functions["dump"].parameters[1].cpp_type
    assert (out.kind, out.name) == ("instance", "::py::structural_stub::SupportsWrite")
    # A protocol of operators alone says nothing a C++ caller could use: pyhpp::object.
    assert "structural_stub._SupportsLess" not in classes
    assert functions["smallest"].parameters[0].cpp_type == CppType("object")
    # NoReturn: void.
    assert functions["stop"].cpp_returns == CppType("none")


def test_structural_wrappers_check_members_in_the_generated_source(tmp_path) -> None:
    done = pyhpp("generate", "structural_stub", "-o", str(tmp_path), "--path", FIXTURES,
                 "--python", TARGET, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    header = (tmp_path / "include" / "py" / "structural_stub.hpp").read_text()
    assert "class Digest : public pyhpp::object {" in header
    assert "static bool pyhpp_matches(const pyhpp::object &object) noexcept;" in header
    source = (tmp_path / "src" / "py" / "structural_stub.cpp").read_text()
    assert 'pyhpp_members_of_Digest[] = {"copy", "hexdigest", "update"};' in source
    assert "codec::structural<::py::structural_stub::Digest>" in source
    assert "pyhpp_attrs::Digest" not in source  # no Python class is looked up


# -- the report ---------------------------------------------------------------------------------


def test_report_counts_typed_dynamic_and_fallbacks() -> None:
    def param(name: str, t, cpp: str) -> Parameter:
        return Parameter(name, "positional_or_keyword", type=t, cpp_type=CppType(cpp),
                         type_source=TypeSource("stub", "", Location("m.pyi", 3)))

    full = Function("full", parameters=(param("a", INT, "int"),), returns=INT,
                    cpp_returns=CppType("int"))
    partly = Function("partly", location=Location("m.py", 7),
                      parameters=(param("a", NamedType("typing.Any"), "object"),
                                  param("b", None, "object")),
                      returns=INT, cpp_returns=CppType("int"))
    dynamic = Function("dynamic", signature_known=False, cpp_returns=CppType("object"))
    any_of = NamedType("typing.Union", (STR, NamedType("typing.Any")))
    declared = Function("declared", returns=any_of, cpp_returns=CppType("object"))
    module = Module("m", functions=(full, partly, dynamic, declared))
    [found] = coverage(Api("3.11", (module,)))
    assert (found.callables, found.fully_typed, found.partly_typed, found.dynamic) == (4, 2, 1, 1)
    assert (found.slots, found.typed, found.declared_dynamic, found.fallback_count) == (
        7, 3, 2, 2)
    assert format_report([found]).splitlines() == [
        "m: 4 callables: 2 fully typed, 1 partly typed, 1 dynamic; 3 of 7 parameters and "
        "results typed (42.9%), 2 declared Any/object, 2 fell back",
        "  m.pyi:3: note: m.partly() parameter 'b' has no annotation and no stub: pyhpp::object",
        "  note: m.dynamic() result has no annotation and no stub: pyhpp::object",
        "  note: m.dynamic(): its signature is unknown (*args, **kwargs of pyhpp::object)"]


def test_generate_report_and_no_stubs(tmp_path) -> None:
    env_path = ["--path", FIXTURES, "--python", TARGET]
    done = pyhpp("generate", "typed_by_stubs", "-o", str(tmp_path / "a"), "--report",
                 "--stubs", os.path.join(STUBDIRS, "site"), *env_path, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("typed_by_stubs: 1 callables: 1 fully typed, 0 partly typed, "
                                  "0 dynamic; 3 of 3 parameters and results typed (100.0%)")
    header = (tmp_path / "a" / "include" / "py" / "typed_by_stubs.hpp").read_text()
    assert "double area(double width, double height);" in header
    done = pyhpp("generate", "typed_by_stubs", "-o", str(tmp_path / "b"), "--no-stubs", *env_path,
                 cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    header = (tmp_path / "b" / "include" / "py" / "typed_by_stubs.hpp").read_text()
    assert "pyhpp::object area(const pyhpp::object &width, const pyhpp::object &height);" \
        in header


def test_an_enum_base_without_members_is_no_cpp_value() -> None:
    # Stubs type enum.Flag's methods with Self: enum.Flag itself has no members, so no enum.
    from pyhpp.ir.model import Class, EnumMember

    flag = Class("Flag", "enum", cpp_name="Flag", qualname="enum.Flag")
    color = Class("Color", "enum", cpp_name="Color", qualname="enum.Color",
                  members=(EnumMember("RED", 1, cpp_name="RED"),))
    index = typemap.class_index(Api("3.11", (Module("enum", classes=(flag, color),
                                                    cpp_namespace=("py", "enum_")),)))
    assert "enum.Flag" not in index
    assert index["enum.Color"] == CppType("enum", name="::py::enum_::Color", ref="enum.Color")


def test_a_constructor_takes_what_any_of_its_overloads_takes(stub_typed) -> None:
    # One C++ constructor: the runtime's parameters, each taking what any variant takes.
    _, _, _, module = stub_typed
    box = next(c for c in module.classes if c.name == "Box")
    assert types_of(box.constructor) == [
        ("width", "positional_or_keyword", NamedType("typing.Union", (INT, STR))),
        ("height", "positional_or_keyword", INT)]
    assert [p.has_default for p in box.constructor.parameters] == [True, True]
    # The keywords the variants pass through the untyped **kwds are parameters of their own
    # (required only where every variant requires it); *args and **kwds, which no variant
    # passes anything through, go.
    reader = next(c for c in module.classes if c.name == "Reader")
    assert types_of(reader.constructor) == [
        ("source", "positional_or_keyword", STR),
        ("names", "positional_or_keyword", NamedType("typing.Union", (
            NamedType("builtins.list", (STR,)), NoneType()))),
        ("sep", "keyword_only", NamedType("typing.Union", (STR, BYTES))),
        ("strict", "keyword_only", NamedType("builtins.bool"))]
    assert [p.has_default for p in reader.constructor.parameters] == [False, True, True, True]


def test_self_typevars_and_classmethods_of_c_classes() -> None:
    require_typeshed()
    modules, _, _ = describe(["datetime"])
    date = next(c for c in modules["datetime"].classes if c.name == "date")
    methods = {f.name: f for f in date.methods}
    # A classmethod of a C class is one (a classmethod_descriptor), and `cls: type[Self]` /
    # `-> Self` of typeshed's older _typeshed.Self TypeVar mean the class.
    assert methods["fromtimestamp"].binding == "classmethod"
    assert methods["fromtimestamp"].returns == NamedType("datetime.date")
    assert methods["__add__"].returns == NamedType("datetime.date")
    assert types_of(methods["fromtimestamp"]) == [("timestamp", "positional_only", FLOAT)]


def test_stub_segments_are_the_annotation_text() -> None:
    from pyhpp.introspect.stubs import StubModule

    source = "x: 'é' | int\ndef f(a: dict[\n    str, int]) -> None: ...\n"
    stub = StubModule("m", "m.pyi", "m.pyi", False, source)
    annotation = stub.variables["x"].annotation
    assert stub.segment(annotation) == ast.get_source_segment(source, annotation)
    argument = stub.functions["f"][0].node.args.args[0].annotation
    assert stub.segment(argument) == ast.get_source_segment(source, argument)
    assert stub.text_of(argument) == "dict[str, int]"


def test_a_name_a_stub_cannot_resolve_is_a_note(tmp_path) -> None:
    from pyhpp.introspect.stubs import StubModule, StubResolver, type_of

    stub = StubModule("m", "m.pyi", "m.pyi", False, "def f(x: Missing) -> int: ...\n")
    node = stub.functions["f"][0].node.args.args[0].annotation
    pytype, _, found = type_of(StubResolver(StubFinder()), stub, node, "parameter 'x' of 'm.f'")
    assert pytype.reason == "name 'Missing' is not defined in the stub m.pyi"
    assert [(d.severity, d.location) for d in found] == [("note", Location("m.pyi", 1))]


def test_a_namedtuples_properties_are_not_struct_fields(tmp_path) -> None:
    [span] = introspect_source(tmp_path, "ntprops", (
        "from typing import NamedTuple\n\n\n"
        "class Span(NamedTuple):\n"
        "    start: int\n"
        "    end: int\n\n"
        "    @property\n"
        "    def size(self) -> int:\n"
        "        return self.end - self.start\n")).classes
    assert span.kind == "namedtuple"
    assert [a.name for a in span.attributes] == ["start", "end"]


def test_data_of_c_classes_and_slots_are_properties(tmp_path) -> None:
    require_typeshed()
    modules, _, _ = describe(["re"])
    match = next(c for c in modules["re"].classes if c.name == "Match")
    attributes = {a.name: a for a in match.attributes}
    # member descriptors of a C class, typed by the stub, read-only.
    assert attributes["pos"].type == INT and attributes["pos"].readonly
    assert attributes["pos"].type_source.kind == "stub"
    assert attributes["lastindex"].type == NamedType("typing.Union", (INT, NoneType()))
    [point] = introspect_source(tmp_path, "slotted", (
        "class Point:\n"
        "    __slots__ = ('x', 'y')\n\n"
        "    def __init__(self, x: int, y: int) -> None:\n"
        "        self.x, self.y = x, y\n")).classes
    # A slot is data a Python class may write.
    assert [(a.name, a.readonly) for a in point.attributes] == [("x", False), ("y", False)]


def test_methods_of_a_module_level_instance_are_typed_by_their_class() -> None:
    require_typeshed()
    # random.pyi: `_inst: Random` ... `shuffle = _inst.shuffle`; at run time a bound method.
    modules, _, _ = describe(["random"])
    functions = {f.name: f for f in modules["random"].functions}
    assert types_of(functions["shuffle"]) == [("x", "positional_or_keyword", NamedType(
        "collections.abc.MutableSequence", (NamedType("typing.Any"),)))]
    assert functions["shuffle"].returns == NoneType()
    assert functions["randint"].returns == INT
    assert functions["randint"].parameters[0].type_source.location.file \
        == "typeshed/stdlib/random.pyi"


def test_report_counts_what_a_function_template_types() -> None:
    t = TypeVarType("T")
    heap = Parameter("heap", "positional_only", type=NamedType("builtins.list", (t,)),
                     cpp_type=CppType("list_ref", (CppType("object"),)))
    item = Parameter("item", "positional_only", type=t, cpp_type=CppType("object"))
    typevar = CppType("typevar", name="T")
    pushpop = Function("heappushpop", parameters=(heap, item), returns=t,
                       cpp_returns=CppType("object"))
    templated = dataclasses.replace(pushpop, generic=Generic(
        ("T",), (CppType("list_ref", (typevar,)), typevar), typevar, (False, True)))
    [plain] = coverage(Api("3.11", (Module("m", functions=(pushpop,)),)))
    [generic] = coverage(Api("3.11", (Module("m", functions=(templated,)),)))
    # Without a template T is pyhpp::object (declared so); with one, it is the template's T.
    assert (plain.slots, plain.typed, plain.declared_dynamic) == (3, 1, 2)
    assert (generic.slots, generic.typed, generic.declared_dynamic) == (3, 3, 0)


def test_stub_bases_through_typing_aliases() -> None:
    require_typeshed()
    # collections.pyi: `class UserDict(MutableMapping[_KT, _VT])`, where MutableMapping is
    # typing's alias of collections.abc.MutableMapping: get() is declared by typing.Mapping.
    modules, _, _ = describe(["collections"])
    user_dict = next(c for c in modules["collections"].classes if c.name == "UserDict")
    get = next(f for f in user_dict.methods if f.name == "get")
    sources = [p.type_source for o in (get.overloads or (get,)) for p in o.parameters]
    assert sources and all(s.kind == "stub" and s.location.file == "typeshed/stdlib/typing.pyi"
                           for s in sources)


def test_orderings_of_a_c_class_its_stub_does_not_declare_are_not_wrapped() -> None:
    require_typeshed()
    modules, diagnostics, _ = describe(["re", "datetime"])
    pattern = next(c for c in modules["re"].classes if c.name == "Pattern")
    names = {f.name for f in pattern.methods}
    # re.Pattern compares for equality only: `<` raises TypeError in Python.
    assert "__eq__" in names and not names & {"__lt__", "__le__", "__gt__", "__ge__"}
    date = next(c for c in modules["datetime"].classes if c.name == "date")
    assert {"__lt__", "__ge__"} <= {f.name for f in date.methods}  # its stub declares them
    assert any(d.message.startswith("re.Pattern: __lt__, __le__, __gt__, __ge__ not wrapped")
               for d in diagnostics)


def test_callable_instances_and_other_names_of_functions_in_stubs() -> None:
    require_typeshed()
    modules, _, _ = describe(["shutil", "logging"])
    # shutil.pyi: `rmtree: _RmtreeType`, a Protocol whose __call__ gives the signature.
    rmtree = next(f for f in modules["shutil"].functions if f.name == "rmtree")
    assert rmtree.parameters[0].type_source.kind == "stub"
    assert rmtree.returns == NoneType()
    # logging.pyi: `fatal = critical`, at module level and in class Logger.
    fatal = next(f for f in modules["logging"].functions if f.name == "fatal")
    assert fatal.returns == NoneType() and fatal.parameters[0].type_source.kind == "stub"
    logger = next(c for c in modules["logging"].classes if c.name == "Logger")
    method = next(f for f in logger.methods if f.name == "fatal")
    assert method.returns == NoneType() and method.parameters[0].type_source.kind == "stub"


def test_report_counts_the_members_cpp_shows_with_their_signature() -> None:
    untyped = (Parameter("t", "positional_only"), Parameter("v", "positional_only"))

    def method(name: str) -> Function:
        return Function(name, binding="method", parameters=untyped, cpp_name=name,
                        cpp_returns=CppType("object"))

    # `with()` stands for __exit__, `repr()` for __repr__: their Python signatures are no C++
    # signature. Operators and ordinary methods are.
    cls = Class("Box", "class", methods=tuple(method(n) for n in (
        "__exit__", "__repr__", "__next__", "__add__", "__lt__", "close")), cpp_name="Box")
    [found] = coverage(Api("3.11", (Module("m", classes=(cls,)),)))
    assert (found.callables, found.slots) == (3, 9)
