"""Tests for pyhpp.introspect: names, signatures, types, locations, and the runner process."""

from __future__ import annotations

import io
import json
import os
import pathlib
import subprocess
import sys
import types
import typing
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

from pyhpp.diagnostics import Diagnostic
from pyhpp.introspect.annotations import convert_annotation, convert_member_annotation
from pyhpp.introspect.collect import IntrospectionError, describe_module, introspect_modules
from pyhpp.introspect.launch import RUNNER, IntrospectionFailed, run_introspection
from pyhpp.introspect.typenames import class_qualname
from pyhpp.ir.model import (
    Api,
    Attribute,
    EllipsisType,
    EnumMember,
    Function,
    ListOfTypes,
    LiteralValue,
    Location,
    Module,
    NamedType,
    NoneType,
    Parameter,
    PyType,
    TypeSource,
    TypeVarType,
    UnresolvedType,
)
from pyhpp.ir.serialize import from_json, to_json

from discovery import FIXTURES, MINORS, missing, python_for



def named(qualname: str, *args: PyType) -> NamedType:
    return NamedType(qualname, tuple(args))


INT, FLOAT, BOOL = named("builtins.int"), named("builtins.float"), named("builtins.bool")
STR, BYTES, OBJECT = named("builtins.str"), named("builtins.bytes"), named("builtins.object")
ANY = named("typing.Any")


def union(*args: PyType) -> NamedType:
    return named("typing.Union", *args)


def line_of(module_file: str, text: str) -> int:
    with open(os.path.join(FIXTURES, "signature_forms", module_file), encoding="utf-8") as source:
        for number, line in enumerate(source, 1):
            if text in line:
                return number
    raise AssertionError(f"{text!r} not in {module_file}")


@pytest.fixture(scope="module")
def introspected() -> Iterator[Tuple[Dict[str, Module], List[str], List[Diagnostic]]]:
    sys.path.insert(0, FIXTURES)
    try:
        api, files, diagnostics = introspect_modules(
            ["signature_forms.kinds", "signature_forms.exported", "signature_forms.future", "math"])
        yield {module.name: module for module in api.modules}, files, diagnostics
    finally:
        sys.path.remove(FIXTURES)


def function(module: Module, name: str) -> Function:
    return next(item for item in module.functions if item.name == name)


def types_of(item: Function) -> Dict[str, Optional[PyType]]:
    result: Dict[str, Optional[PyType]] = {p.name: p.type for p in item.parameters}
    result["return"] = item.returns
    return result


# -- in-process: names, kinds, types -------------------------------------------------------------


def test_parameter_kinds_and_defaults_without_values(introspected: Any) -> None:
    kinds = function(introspected[0]["signature_forms.kinds"], "kinds")
    assert [(p.name, p.kind, p.has_default) for p in kinds.parameters] == [
        ("a", "positional_only", False), ("b", "positional_only", True),
        ("c", "positional_or_keyword", True), ("args", "var_positional", False),
        ("d", "keyword_only", False), ("e", "keyword_only", True),
        ("kw", "var_keyword", False)]
    assert types_of(kinds) == {"a": INT, "b": FLOAT, "c": BOOL, "args": STR, "d": BYTES,
                               "e": NoneType(), "kw": OBJECT, "return": NoneType()}
    assert kinds.signature_known
    assert "1.5" not in to_json(from_json(to_json_of(introspected)))  # b's default


def to_json_of(introspected: Any) -> str:
    return to_json(Api("3.11", tuple(introspected[0].values())))


def test_scalar_optional_and_container_types(introspected: Any) -> None:
    kinds = introspected[0]["signature_forms.kinds"]
    assert types_of(function(kinds, "scalars")) == {
        "i": INT, "f": FLOAT, "b": BOOL, "s": STR, "by": BYTES, "o": OBJECT, "a": ANY,
        "return": STR}
    assert types_of(function(kinds, "optionals")) == {
        "x": union(INT, NoneType()), "y": union(INT, STR, NoneType()),
        "z": union(INT, STR, NoneType()), "return": union(STR, NoneType())}
    containers = function(kinds, "containers")
    assert types_of(containers) == {
        "lst": named("builtins.list", INT), "plain": named("builtins.list"),
        "seq": named("collections.abc.Sequence", STR),
        "pair": named("builtins.tuple", INT, STR),
        "many": named("builtins.tuple", INT, EllipsisType()),
        "d": named("builtins.dict", STR, INT),
        "m": named("collections.abc.Mapping", STR, FLOAT),
        "s": named("builtins.set", INT), "fs": named("builtins.frozenset", STR),
        "bare": named("builtins.list"), "return": named("builtins.tuple")}
    sources = {p.name: p.type_source for p in containers.parameters}
    assert sources["lst"] == TypeSource("annotation", "typing.List[int]")
    assert sources["many"] == TypeSource("annotation", "typing.Tuple[int, ...]")
    assert containers.returns_source == TypeSource("annotation", "typing.Tuple[()]")
    optionals = function(kinds, "optionals")
    assert optionals.parameters[0].type_source == TypeSource("annotation", "typing.Optional[int]")


def test_nested_callable_literal_and_typevars(introspected: Any) -> None:
    kinds = introspected[0]["signature_forms.kinds"]
    assert types_of(function(kinds, "nested")) == {
        "x": named("builtins.dict", STR, named("builtins.list", union(
            named("builtins.tuple", INT, FLOAT), NoneType()))),
        "return": named("builtins.list", named("builtins.dict", STR, ANY))}
    assert types_of(function(kinds, "callables")) == {
        "f": named("collections.abc.Callable", ListOfTypes((INT, STR)), BOOL),
        "g": named("collections.abc.Callable", EllipsisType(), STR),
        "lit": named("typing.Literal", LiteralValue(1), LiteralValue("a"), LiteralValue(True),
                     LiteralValue(None)),
        "return": named("collections.abc.Callable", ListOfTypes(()), NoneType())}
    assert types_of(function(kinds, "generics")) == {
        "xs": named("collections.abc.Sequence", TypeVarType("T")),
        "n": TypeVarType("N", FLOAT), "s": TypeVarType("S", None, (STR, BYTES)),
        "return": TypeVarType("T")}


def test_string_forward_and_missing_annotations(introspected: Any) -> None:
    kinds = introspected[0]["signature_forms.kinds"]
    item = named("signature_forms.kinds.Item")
    strings = function(kinds, "strings")
    assert types_of(strings) == {"x": union(INT, NoneType()),
                                 "y": named("builtins.list", item), "return": item}
    assert [p.type_source for p in strings.parameters] == [
        TypeSource("string", "Optional[int]"), TypeSource("string", "List[Item]")]
    assert types_of(function(kinds, "forward")) == {
        "x": named("builtins.list", item), "return": NoneType()}
    missing = function(kinds, "missing")
    assert types_of(missing) == {"a": None, "b": None, "c": None, "d": None, "return": None}
    assert {p.type_source for p in missing.parameters} == {TypeSource("missing")}
    assert missing.returns_source == TypeSource("missing")


def test_future_annotations_are_parsed_not_evaluated(introspected: Any) -> None:
    future = introspected[0]["signature_forms.future"]
    f = function(future, "f")
    assert types_of(f) == {
        "xs": named("builtins.list", INT),
        "m": union(named("builtins.dict", STR, INT), NoneType()),
        "return": named("builtins.tuple", INT, EllipsisType())}
    assert f.parameters[1].type_source == TypeSource("string", "dict[str, int] | None")
    assert types_of(function(future, "h"))["return"] == union(
        named("builtins.list", named("signature_forms.future.Item")), NoneType())
    assert types_of(function(future, "u")) == {
        "x": named("signature_forms.kinds.Item"),
        "k": named("builtins.list", named("signature_forms.kinds.Item")), "return": NoneType()}
    w = function(future, "w")
    reason = "name 'Nowhere' is not defined in module signature_forms.future"
    assert types_of(w) == {"x": UnresolvedType("Nowhere", reason),
                           "k": named("builtins.list", UnresolvedType("Nowhere", reason)),
                           "return": NoneType()}
    where = Location("signature_forms/future.py", line_of("future.py", "def w("))
    assert introspected[2] == [
        Diagnostic("warning", f"parameter {name!r} of 'signature_forms.future.w': cannot resolve type "
                              f"'Nowhere': {reason}", where) for name in ("x", "k")]


@pytest.mark.skipif(sys.version_info < (3, 10), reason="modern.py evaluates `X | Y`")
def test_string_path_matches_object_path() -> None:
    sys.path.insert(0, FIXTURES)
    try:
        api, _, diagnostics = introspect_modules(
            ["signature_forms.modern", "signature_forms.future"])
    finally:
        sys.path.remove(FIXTURES)
    modern, future = api.modules
    assert [d.message.split(":")[0] for d in diagnostics] == [
        "parameter 'x' of 'signature_forms.future.w'", "parameter 'k' of 'signature_forms.future.w'"]
    for twin in modern.functions:
        evaluated = repr(types_of(twin)).replace("signature_forms.modern.",
                                                 "signature_forms.future.")
        assert evaluated == repr(types_of(function(future, twin.name)))
        assert {p.type_source.kind for p in twin.parameters} == {"annotation"}


def test_names_without_all_exclude_imports(introspected: Any) -> None:
    kinds = introspected[0]["signature_forms.kinds"]
    assert [f.name for f in kinds.functions] == [
        "kinds", "scalars", "optionals", "containers", "nested", "callables", "generics",
        "strings", "forward", "missing", "uses_imports"]
    assert [(o.name, o.kind) for o in kinds.others] == [
        ("T", "typevar"), ("N", "typevar"), ("S", "typevar")]
    assert [(c.name, c.readonly) for c in kinds.constants] == [("LIMIT", True)]
    assert [c.name for c in kinds.classes] == ["Item"]


def test_names_follow_all(introspected: Any) -> None:
    exported = introspected[0]["signature_forms.exported"]
    assert [f.name for f in exported.functions] == ["second", "join", "first"]
    assert exported.others == ()
    # A class exported from another module keeps its own location.
    assert [(c.name, c.location) for c in exported.classes] == [
        ("Item", kinds_location("class Item"))]
    constant_line = line_of("exported.py", "CONSTANT = 3")
    assert exported.constants == (Attribute(
        "CONSTANT", location=Location("signature_forms/exported.py", constant_line),
        readonly=True),)
    join = function(exported, "join")
    assert join.location is not None and join.location.file == "posixpath.py"
    assert [p.kind for p in join.parameters] == ["positional_or_keyword", "var_positional"]


def kinds_location(text: str) -> Location:
    return Location("signature_forms/kinds.py", line_of("kinds.py", text))


def test_docstrings_and_locations(introspected: Any) -> None:
    kinds = introspected[0]["signature_forms.kinds"]
    assert kinds.doc.startswith("Fixture: every parameter kind and evaluated annotation form")
    assert kinds.location is not None and str(kinds.location) == "signature_forms/kinds.py"
    assert function(kinds, "kinds").doc == "All five parameter kinds.\n\nIndented detail line."
    assert function(kinds, "scalars").doc == ""
    for item in kinds.functions:
        assert item.location == kinds_location(f"def {item.name}(")
    assert function(introspected[0]["signature_forms.future"], "f").doc == (
        "Builtin generics and a union with None.")
    text = to_json_of(introspected)
    assert FIXTURES not in text and '"file": "/' not in text


def test_c_functions(introspected: Any) -> None:
    math = introspected[0]["math"]
    sqrt = function(math, "sqrt")
    assert sqrt.signature_known and sqrt.doc == "Return the square root of x."
    assert [(p.name, p.kind, p.has_default, p.type) for p in sqrt.parameters] == [
        ("x", "positional_only", False, None)]
    assert sqrt.location is None or sqrt.location.line == 0
    log = function(math, "log")  # no __text_signature__: two call forms
    assert (log.signature_known, log.parameters, log.returns) == (False, (), None)
    assert log.doc.startswith("log(x, [base=math.e])")
    pi = next(item for item in math.constants if item.name == "pi")
    assert (pi.type, pi.type_source, pi.readonly) == (None, TypeSource("missing"), False)


def test_files_are_absolute_and_sorted(introspected: Any) -> None:
    files = introspected[1]
    for name in ("kinds.py", "exported.py", "future.py"):
        assert os.path.join(FIXTURES, "signature_forms", name) in files
    assert files == sorted(set(files)) and all(os.path.isabs(path) for path in files)


def test_convert_annotation_directly() -> None:
    globalns = {"__name__": "m", "typing": typing, "X": int, "Alias": "list[X]"}
    assert convert_annotation("typing.Optional[X]", globalns) == (
        union(INT, NoneType()), TypeSource("string", "typing.Optional[X]"), [])
    assert convert_annotation("Alias | None", globalns)[0] == union(
        named("builtins.list", INT), NoneType())
    assert convert_annotation("typing.Literal[-1, 'x']", globalns)[0] == named(
        "typing.Literal", LiteralValue(-1), LiteralValue("x"))
    assert convert_annotation("X | X | None", globalns)[0] == union(INT, NoneType())
    assert convert_annotation("typing.Optional", globalns)[0] == named("typing.Optional")
    assert convert_annotation(typing.List, globalns)[:2] == (
        named("builtins.list"), TypeSource("annotation", "typing.List"))
    user_id = typing.NewType("user_id", int)
    assert convert_annotation(user_id, globalns)[0] == INT
    pytype, source, diagnostics = convert_annotation(
        "X.real", globalns, Location("m.py", 3), "parameter 'p' of 'm.f'")
    assert pytype == UnresolvedType("X.real", "'getset_descriptor' objects are not types")
    assert diagnostics[0].location == Location("m.py", 3)
    assert diagnostics[0].message.startswith("parameter 'p' of 'm.f': cannot resolve type")
    assert convert_annotation("list[", globalns)[0] == UnresolvedType(
        "list[", "invalid annotation syntax: " + syntax_message("list["))
    assert convert_annotation("typing.Nope", globalns)[0] == UnresolvedType(
        "typing.Nope", "'typing' has no attribute 'Nope'")
    assert convert_annotation(3, globalns)[0] == UnresolvedType(
        "3", "'int' objects are not types")
    if sys.version_info >= (3, 10):
        assert convert_annotation(int | None, globalns)[:2] == (
            union(INT, NoneType()), TypeSource("annotation", "int | None"))
    if sys.version_info >= (3, 9):
        assert convert_annotation(typing.Annotated[int, "meta"], globalns)[0] == INT


def test_class_names_are_public_names() -> None:
    assert class_qualname(pathlib.Path) == "pathlib.Path"  # pathlib._local.Path on 3.13
    assert class_qualname(io.StringIO) == "io.StringIO"  # _io.StringIO
    assert class_qualname(int) == "builtins.int"
    assert convert_annotation(typing.Iterator[int], {})[0] == named(
        "collections.abc.Iterator", INT)


def test_member_annotations_split_off_qualifiers() -> None:
    globalns = {"__name__": "m", "typing": typing, "ClassVar": typing.ClassVar,
                "Final": typing.Final, "X": int}
    x_name = "X"  # a variable: pyflakes would look up a literal "X" in ForwardRef("X")
    forward = typing.ForwardRef(x_name)
    assert convert_member_annotation("ClassVar[X]", globalns)[:3] == (
        INT, TypeSource("string", "ClassVar[X]"), frozenset({"typing.ClassVar"}))
    assert convert_member_annotation("typing.Final", globalns)[:3] == (
        None, TypeSource("string", "typing.Final"), frozenset({"typing.Final"}))
    assert convert_member_annotation(typing.Final[typing.List[forward]], globalns)[:3] == (
        named("builtins.list", INT), TypeSource("annotation", "typing.Final[typing.List['X']]"),
        frozenset({"typing.Final"}))
    assert convert_member_annotation(typing.ClassVar, globalns)[:3] == (
        None, TypeSource("annotation", "typing.ClassVar"), frozenset({"typing.ClassVar"}))
    assert convert_member_annotation(forward, globalns)[:3] == (
        INT, TypeSource("string", "X"), frozenset())
    assert convert_annotation("Final[X]", globalns)[0] == named("typing.Final", INT)
    if sys.version_info >= (3, 11):
        assert convert_annotation(typing.Self, globalns, self_type="m.C")[0] == named("m.C")
        assert convert_annotation(typing.Self, globalns)[0] == named("typing.Self")


NO_SOURCE = """
import collections, dataclasses, enum

@dataclasses.dataclass
class Cell:
    value: int = 0

class Suit(enum.Enum):
    CLUBS = 1

Pair = collections.namedtuple("Pair", "left right")
Shade = enum.Enum("Shade", "LIGHT DARK")

class Noted:
    \"\"\"Kept.\"\"\"
"""


def test_classes_without_source_drop_generated_docs() -> None:
    module = types.ModuleType("class_forms_no_source")
    sys.modules[module.__name__] = module  # dataclasses look the module up
    try:
        exec(compile(NO_SOURCE, "<no source>", "exec"), vars(module))
        described, diagnostics = describe_module(module)
    finally:
        del sys.modules[module.__name__]
    assert diagnostics == []
    assert [(c.name, c.kind, c.doc, c.location) for c in described.classes] == [
        ("Cell", "dataclass", "", None), ("Suit", "enum", "", None),
        ("Pair", "namedtuple", "", None), ("Shade", "enum", "", None),
        ("Noted", "class", "Kept.", None)]
    pair = described.classes[2]
    assert pair.constructor == Function("__init__", parameters=(
        Parameter("left", "positional_or_keyword"), Parameter("right", "positional_or_keyword")),
        binding="method")
    assert pair.attributes == (Attribute("left", readonly=True), Attribute("right", readonly=True))
    assert described.classes[3].members == (EnumMember("LIGHT", 1, "1"),
                                            EnumMember("DARK", 2, "2"))


def syntax_message(text: str) -> str:
    try:
        compile(text, "<annotation>", "eval")
    except SyntaxError as exc:
        return str(exc.msg)
    raise AssertionError("no syntax error")


def test_in_process_import_failure_raises() -> None:
    with pytest.raises(IntrospectionError) as caught:
        introspect_modules(["nosuch_module_xyz"])
    assert caught.value.diagnostic == Diagnostic(
        "error", "cannot import module 'nosuch_module_xyz': ModuleNotFoundError: No module "
                 "named 'nosuch_module_xyz'")


# -- the runner process -----------------------------------------------------------------------


@pytest.mark.parametrize("minor", MINORS)
def test_runner_gives_the_same_ir_on_every_version(minor: int, introspected: Any) -> None:
    python = python_for(minor)
    if python is None:
        pytest.skip(missing(minor))
    result = run_introspection(python, ["signature_forms.future", "signature_forms.kinds"],
                               [FIXTURES], timeout=120)
    assert result.api.python_version == f"3.{minor}"
    assert [m.name for m in result.api.modules] == [
        "signature_forms.future", "signature_forms.kinds"]
    assert result.api.modules[0] == introspected[0]["signature_forms.future"]
    assert result.api.modules[1] == introspected[0]["signature_forms.kinds"]
    assert list(result.diagnostics) == introspected[2]
    assert [path for path in result.files if path.startswith(FIXTURES)] == [
        os.path.join(FIXTURES, "signature_forms", name)
        for name in ("__init__.py", "future.py", "kinds.py")]
    assert all(os.path.isabs(path) and os.path.exists(path) for path in result.files)


def run_runner(*arguments: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run([sys.executable, RUNNER, "--path", FIXTURES, *arguments],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120)


def runner_error(completed: "subprocess.CompletedProcess[str]") -> Diagnostic:
    """The error record of a failed runner, which prints nothing of its own."""
    assert (completed.returncode, completed.stderr) == (1, "")
    document = json.loads(completed.stdout)
    assert list(document) == ["error"]
    return Diagnostic.from_record(document["error"])


@pytest.mark.parametrize("module, location, message", [
    ("nosuch_module_xyz", None, "cannot import module 'nosuch_module_xyz': "
                                "ModuleNotFoundError: No module named 'nosuch_module_xyz'"),
    ("os.path.join", None, "cannot import module 'os.path.join': ModuleNotFoundError: "
                           "No module named 'os.path.join'; 'os.path' is not a package "
                           "('os.path.join' is a function in module 'os.path', not a module)"),
    ("signature_forms.broken", Location("signature_forms/broken.py", line_of("broken.py", "raise ValueError")),
     "importing 'signature_forms.broken' raised ValueError: boom"),
    ("signature_forms.needs_missing",
     Location("signature_forms/needs_missing.py", line_of("needs_missing.py", "import nosuch")),
     "importing 'signature_forms.needs_missing' raised ModuleNotFoundError: No module named "
     "'nosuch_dependency_xyz'"),
    # runner.py's own directory is not on sys.path, so its modules are not importable.
    ("annotations", None, "cannot import module 'annotations': ModuleNotFoundError: "
                          "No module named 'annotations'"),
])
def test_runner_failures_are_one_error_record(module: str, location: Optional[Location],
                                              message: str) -> None:
    assert runner_error(run_runner("signature_forms.kinds", module)) == Diagnostic(
        "error", message, location)


def test_runner_reports_syntax_errors(tmp_path: Any) -> None:
    (tmp_path / "badsyntax.py").write_text("x = 1\ndef f(:\n    pass\n")
    error = runner_error(run_runner("--path", str(tmp_path), "badsyntax"))
    assert (error.severity, error.location) == ("error", Location("badsyntax.py", 2))
    assert error.message.startswith("importing 'badsyntax' raised SyntaxError: ")


def test_an_import_failure_reaches_the_generator_as_a_diagnostic() -> None:
    with pytest.raises(IntrospectionFailed) as failed:
        run_introspection(sys.executable, ["signature_forms.kinds", "signature_forms.broken"], [FIXTURES])
    assert failed.value.returncode == 1
    assert failed.value.diagnostic == Diagnostic(
        "error", "importing 'signature_forms.broken' raised ValueError: boom",
        Location("signature_forms/broken.py", line_of("broken.py", "raise ValueError")))


def test_what_a_module_prints_is_never_taken_for_a_diagnostic(tmp_path: Any) -> None:
    (tmp_path / "mimic.py").write_text(
        "import os, sys\n"
        "sys.stderr.write('mimic.py:7: error: not from pyhpp\\n')\n"
        "sys.stderr.flush()\n"
        "os._exit(1)\n")
    with pytest.raises(IntrospectionFailed) as failed:
        run_introspection(sys.executable, ["mimic"], [str(tmp_path)])
    assert failed.value.diagnostic == Diagnostic(
        "error", f"{sys.executable} exited with status 1 while importing mimic: "
                 "mimic.py:7: error: not from pyhpp")


def test_a_crashing_runner_is_one_line_without_its_traceback(tmp_path: Any) -> None:
    # The runner stops at anything but Exception and SystemExit: Python prints a traceback
    # and, for KeyboardInterrupt, ends by SIGINT.
    (tmp_path / "interrupted.py").write_text("raise KeyboardInterrupt('at import')\n")
    with pytest.raises(IntrospectionFailed) as failed:
        run_introspection(sys.executable, ["interrupted"], [str(tmp_path)])
    assert "Traceback (most recent call last)" in failed.value.stderr
    assert failed.value.diagnostic == Diagnostic(
        "error", f"{sys.executable} was killed by signal 2 while importing interrupted: "
                 "KeyboardInterrupt: at import")


@pytest.mark.parametrize("output", [
    '{"error": {"severity": "fatal", "message": "m", "location": null}}',
    '{"error": {"severity": "error", "message": "m", "location": "m.py:3"}}',
    '{"error": "m.py:3: error: m"}',
])
def test_a_malformed_error_record_is_a_crash(tmp_path: Any, output: str) -> None:
    fake = tmp_path / "python"
    fake.write_text(f"#!/bin/sh\necho '{output}'\nexit 1\n")
    fake.chmod(0o755)
    with pytest.raises(IntrospectionFailed) as failed:
        run_introspection(str(fake), ["m"])
    assert failed.value.diagnostic == Diagnostic(
        "error", f"{fake} exited with status 1 while importing m")


@pytest.mark.parametrize("diagnostic", [
    Diagnostic("note", "n"),
    Diagnostic("warning", "w", Location("pkg/m.py")),
    Diagnostic("error", "e: with ': error: ' inside", Location("m.py", 12)),
])
def test_diagnostic_records_round_trip(diagnostic: Diagnostic) -> None:
    record = json.loads(json.dumps(diagnostic.to_record()))
    assert Diagnostic.from_record(record) == diagnostic


@pytest.mark.parametrize("record", [
    {"severity": "error", "message": "m"},
    {"severity": "fatal", "message": "m", "location": None},
    {"severity": "error", "message": 1, "location": None},
    {"severity": "error", "message": "m", "location": {"file": "m.py"}},
    {"severity": "error", "message": "m", "location": {"file": "m.py", "line": "3"}},
    {"severity": "error", "message": "m", "location": None, "extra": 1},
    "m.py:3: error: m",
])
def test_diagnostic_records_are_checked(record: Any) -> None:
    with pytest.raises(ValueError):
        Diagnostic.from_record(record)


def test_runner_keeps_stdout_clean_and_path_order(tmp_path: Any) -> None:
    for folder, function_name in (("first", "from_first"), ("second", "from_second")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "shadow.py").write_text(f"def {function_name}() -> int:\n"
                                                     "    return 1\n")
    result = run_introspection(sys.executable, ["signature_forms.noisy", "shadow"],
                               [FIXTURES, str(tmp_path / "first"), str(tmp_path / "second")])
    noisy, shadow = result.api.modules
    assert [f.name for f in noisy.functions] == ["quiet"]
    assert [f.name for f in shadow.functions] == ["from_first"]
    assert shadow.functions[0].location is not None
    assert str(shadow.functions[0].location) == "shadow.py:1"
    assert result.stderr == "noise from print\nnoise from sys.stdout\nnoise from fd 1\n"
    assert list(result.files) == sorted([
        os.path.join(FIXTURES, "signature_forms", "__init__.py"),
        os.path.join(FIXTURES, "signature_forms", "noisy.py"),
        str(tmp_path / "first" / "shadow.py")])
