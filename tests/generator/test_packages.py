"""Real-package behaviour of the generator: what a module exports (re-exports included), whole
packages (--recursive), one wrapper per class however many modules export it, inherited members,
recursive type aliases, and failures of the introspection process reported in one line."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
from typing import Dict, List

import pytest

from pyhpp.diagnostics import Diagnostic
from pyhpp.introspect.collect import introspect_modules
from pyhpp.introspect.launch import IntrospectionFailed, run_introspection
from pyhpp.ir.model import (
    Alias,
    Api,
    Class,
    CppType,
    Function,
    Module,
    NamedType,
    NoneType,
    RecursiveType,
    Skipped,
)
from pyhpp.passes import exports, inherit, naming, typemap
from discovery import FIXTURES, REPO
from test_cli import TARGET, generate, pyhpp



@pytest.fixture(scope="module")
def reexports() -> Dict[str, Module]:
    sys.path.insert(0, FIXTURES)
    try:
        api, files, diagnostics = introspect_modules(["reexports"], recursive=True)
    finally:
        sys.path.remove(FIXTURES)
    assert [d.message for d in diagnostics] == [
        "submodule reexports.sub.broken is not wrapped: importing it raised RuntimeError: "
        "broken on purpose"]
    # The package directories are inputs: a new submodule regenerates.
    assert os.path.join(FIXTURES, "reexports") in files
    return {m.name: m for m in api.modules}


# -- what a module exports ---------------------------------------------------------------------


def test_without_all_re_exports_of_the_same_package_are_exported(reexports: Dict[str, Module]
                                                                 ) -> None:
    package = reexports["reexports"]
    assert [(f.name, f.qualname) for f in package.functions] == [
        ("helper", "reexports._impl.helper"), ("make_part", "reexports.parts.make_part"),
        ("build", "reexports.parts.make_part"), ("own", "reexports.own")]
    # A class exported under another name is a class of its own name here.
    assert [(c.name, c.qualname) for c in package.classes] == [
        ("Motor", "reexports._impl.Engine"), ("Part", "reexports.parts.Part")]
    assert [a.name for a in package.constants] == ["LIMIT"]


def test_names_of_other_packages_are_listed_as_skipped_with_the_reason(
        reexports: Dict[str, Module]) -> None:
    assert reexports["reexports"].skipped == (
        Skipped("Any", "imported from typing, another package"),
        Skipped("Enum", "imported from enum, another package"),
        Skipped("IMPORTED_LIMIT", "an alias of enum.IntEnum, a class of enum"),
        Skipped("List", "imported from typing, another package"),
        Skipped("OrderedDict", "defined in collections, another package"))
    # Bound by an assignment, a class of another package is a type alias.
    assert [(o.name, o.kind) for o in reexports["reexports"].others] == [
        ("IMPORTED_LIMIT", "alias")]


def test_recursive_walks_public_submodules_and_leaves_out_tests(reexports: Dict[str, Module]
                                                                ) -> None:
    assert list(reexports) == ["reexports", "reexports.parts", "reexports.sub"]


def test_include_and_exclude_patterns() -> None:
    sys.path.insert(0, FIXTURES)
    try:
        api, _, _ = introspect_modules(["reexports"], recursive=True, excludes=["reexports.sub*"])
        assert [m.name for m in api.modules] == ["reexports", "reexports.parts"]
        api, _, _ = introspect_modules(["reexports"], recursive=True,
                                       includes=["reexports.tests*"])
        assert [m.name for m in api.modules] == ["reexports", "reexports.tests",
                                                 "reexports.tests.test_parts"]
    finally:
        sys.path.remove(FIXTURES)


def test_type_checking_imports_resolve(reexports: Dict[str, Module]) -> None:
    part = {c.name: c for c in reexports["reexports.parts"].classes}["Part"]
    assert part.methods[0].returns == NamedType("reexports._impl.Engine")


def test_a_module_alias_keeps_the_name_it_was_asked_by() -> None:
    api, _, _ = introspect_modules(["os.path"])
    assert api.modules[0].name == "os.path"
    assert "join" in [f.name for f in api.modules[0].functions]


# -- one wrapper per class ---------------------------------------------------------------------


def test_one_wrapper_per_class_the_others_are_aliases(reexports: Dict[str, Module]) -> None:
    api = exports.run(Api("3.11", tuple(reexports.values())))
    package, parts = api.modules[0], api.modules[1]
    # Part lives in reexports.parts, which defines it; reexports aliases it.
    assert [c.name for c in package.classes] == ["Motor"]
    # parts' __all__ lists collections.OrderedDict: a class of another package it exports.
    assert [c.name for c in parts.classes] == ["Part", "OrderedDict"]
    assert package.aliases == (
        Alias("Part", "reexports.parts.Part", package.aliases[0].location),)
    # Functions get a wrapper in every module that exports them.
    assert [f.name for f in package.functions] == ["helper", "make_part", "build", "own"]


def test_the_home_is_the_first_module_exporting_the_own_name_when_the_definer_is_not_wrapped(
        ) -> None:
    widget = Class("Widget", "class", qualname="pkg._impl.Widget")
    modules = (Module("pkg.b", classes=(widget,)),
               Module("pkg.a", classes=(widget,)),
               Module("pkg.c", classes=(Class("Gadget", "class", qualname="pkg._impl.Widget"),)))
    api = exports.run(Api("3.11", modules))
    assert [len(m.classes) for m in api.modules] == [1, 0, 0]
    assert api.modules[1].aliases[0].target == "pkg._impl.Widget"
    assert api.modules[2].aliases[0].name == "Gadget"


def test_annotations_by_identity_map_to_the_one_wrapper(reexports: Dict[str, Module]) -> None:
    api = exports.run(Api("3.11", tuple(reexports.values())))
    api = naming.run(api, ("py",))
    api = typemap.run(api, [])
    made = {f.name: f for f in api.modules[1].functions}["make_part"]
    assert made.cpp_returns == CppType("instance", name="::py::reexports::parts::Part",
                                       ref="reexports.parts.Part")


# -- inherited members -------------------------------------------------------------------------


def _method(name: str, defined_in: str = "", binding: str = "method") -> Function:
    return Function(name, binding=binding, defined_in=defined_in, cpp_name=name,
                    cpp_returns=CppType("none"))


def test_inherit_keeps_what_the_cpp_base_does_not_provide() -> None:
    base = Class("Base", "class", methods=(_method("a"), _method("b")), qualname="m.Base",
                 cpp_name="Base")
    derived = Class("Derived", "class", bases=("m.Base", "other.Mixin"), qualname="m.Derived",
                    cpp_name="Derived",
                    methods=(_method("b"), _method("a", "m.Base"), _method("c", "other.Mixin"),
                             _method("make", "m.Base", "classmethod")))
    api = inherit.run(Api("3.11", (Module("m", classes=(base, derived), cpp_namespace=("py",
                                                                                       "m")),)))
    result = api.modules[0].classes[1]
    assert result.cpp_base == "m.Base"
    # a comes through the C++ base; b is overridden; c is the other base's; classmethods stay.
    assert [f.name for f in result.methods] == ["b", "c", "make"]
    assert api.modules[0].classes[0].cpp_base == ""


# -- recursive type aliases and failures -------------------------------------------------------


def test_a_recursive_alias_is_expanded_exactly_once() -> None:
    sys.path.insert(0, FIXTURES)
    try:
        api, _, diagnostics = introspect_modules(["import_failures.recursive"])
    finally:
        sys.path.remove(FIXTURES)
    parse = api.modules[0].functions[0]
    # Json = Union[None, bool, int, float, str, List["Json"], Dict[str, "Json"]]: the union
    # once, its self-references as RecursiveType, nothing expanded a second time.
    assert parse.returns == NamedType("typing.Union", (
        NoneType(), NamedType("builtins.bool"), NamedType("builtins.int"),
        NamedType("builtins.float"), NamedType("builtins.str"),
        NamedType("builtins.list", (RecursiveType("Json"),)),
        NamedType("builtins.dict", (NamedType("builtins.str"), RecursiveType("Json")))))
    assert {d.severity for d in diagnostics} == {"note"}


def test_a_recursive_alias_generates_and_maps_its_recursion_to_object(
        tmp_path: pathlib.Path) -> None:
    done = generate("import_failures.recursive", "-o", "out", "--strict", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    header = (tmp_path / "out" / "include" / "py" / "import_failures" / "recursive.hpp").read_text()
    # Where clang-format breaks the line does not matter: compared without blanks.
    assert ("std::optional<std::variant<bool,std::int64_t,double,std::string,"
            "std::vector<pyhpp::object>,std::map<std::string,pyhpp::object>>>") in "".join(
        header.split())
    assert "note: " in done.stderr and "refers to itself" in done.stderr


@pytest.mark.parametrize("module, message", [
    ("import_failures.exits", "exited while importing import_failures.exits and gave no output "
                              "(does a module call os._exit() or close standard output on "
                              "import?)"),
    ("import_failures.fails", "exited with status 3 while importing import_failures.fails"),
    ("import_failures.killed", "was killed by signal 9 while importing import_failures.killed"),
])
def test_a_dying_introspection_is_one_error_line(tmp_path: pathlib.Path, module: str,
                                                 message: str) -> None:
    done = generate(module, "-o", "out", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("pyhpp: error: ") and lines[0].endswith(message), lines[0]
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_hanging_import_times_out_with_one_line() -> None:
    with pytest.raises(IntrospectionFailed) as failed:
        run_introspection(TARGET, ["import_failures.hangs"], [FIXTURES], timeout=3)
    assert failed.value.diagnostic == Diagnostic(
        "error", f"importing import_failures.hangs with {TARGET} did not finish within 3 s")


def test_the_modules_command_lists_what_generate_writes(tmp_path: pathlib.Path) -> None:
    directories = tmp_path / "dirs.txt"
    done = pyhpp("modules", "reexports", "os.path", "--recursive", "--exclude", "*.sub",
                 "--python", TARGET, "--path", FIXTURES, "--directories-file", str(directories),
                 cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["reexports", "reexports.parts", "os.path"]
    assert directories.read_text().splitlines() == [os.path.join(FIXTURES, "reexports")]


def test_the_modules_command_prints_the_warnings_of_the_walk(tmp_path: pathlib.Path) -> None:
    done = pyhpp("modules", "reexports", "--recursive", "--python", TARGET, "--path", FIXTURES,
                 cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["reexports", "reexports.parts", "reexports.sub"]
    assert done.stderr == ("reexports/sub/__init__.py: warning: submodule reexports.sub.broken is "
                           "not wrapped: importing it raised RuntimeError: broken on purpose\n")


def test_recursive_generate_writes_a_file_pair_per_module(tmp_path: pathlib.Path) -> None:
    done = generate("reexports", "--recursive", "-o", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written: List[str] = sorted(p.relative_to(tmp_path / "out").as_posix()
                                for p in (tmp_path / "out").rglob("*") if p.is_file())
    # reexports names classes of reexports.parts (and parts reexports's Motor, its Engine): their
    # declarations go to NAME.decl.hpp, and NAME.hpp includes them, then the other's header.
    assert written == [
        "include/py/reexports.decl.hpp", "include/py/reexports.hpp",
        "include/py/reexports/parts.decl.hpp", "include/py/reexports/parts.hpp",
        "include/py/reexports/sub.hpp", "src/py/reexports.cpp", "src/py/reexports/parts.cpp",
        "src/py/reexports/sub.cpp"]
    declarations = (tmp_path / "out" / "include" / "py" / "reexports.decl.hpp").read_text()
    assert "using Part = ::py::reexports::parts::Part;" in declarations
    assert "std::int64_t own(std::int64_t x);" in declarations
    header = (tmp_path / "out" / "include" / "py" / "reexports.hpp").read_text()
    assert ("#include <py/reexports.decl.hpp>\n\n// The modules whose types `reexports` names, "
            "complete.\n#include <py/reexports/parts.hpp>\n") in header
    # Compiles as a user's translation unit would see it, and as the bindings' sources.
    runtime = os.path.join(REPO, "runtime", "include")
    include = subprocess.run([TARGET, "-c", "import sysconfig; print(sysconfig.get_paths()"
                              "['include'])"], stdout=subprocess.PIPE, text=True,
                             check=True).stdout.strip()
    for source in sorted((tmp_path / "out" / "src").rglob("*.cpp")):
        compiled = subprocess.run(
            ["g++", "-std=c++17", "-fsyntax-only", "-Wall", "-Wextra", "-Werror",
             f"-I{tmp_path / 'out' / 'include'}", f"-I{os.path.abspath(runtime)}", f"-I{include}",
             str(source)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            timeout=300)
        assert compiled.returncode == 0, compiled.stdout
