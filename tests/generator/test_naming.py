"""Tests for passes/macros.py and passes/naming.py: macro names asked of real compilers and
cached, notes for names renamed because of a macro, and collisions that rename, never fail."""

from __future__ import annotations

import os
import pathlib
import shutil
import stat
import subprocess
import sys
from typing import Dict, Iterator, List, Sequence, Set, Tuple

import pytest

from pyhpp.diagnostics import Diagnostic, GenerationError
from pyhpp.ir.model import (
    Api,
    Attribute,
    Class,
    EnumMember,
    Function,
    Location,
    Module,
    Parameter,
)
from pyhpp.passes import macros, naming

from discovery import target_python

REPO = pathlib.Path(__file__).resolve().parents[2]
PYHPP = REPO / "generator" / "bin" / "pyhpp"
TARGET_PYTHON = target_python()
# Macros of <Python.h> and the system headers it includes that real modules use as names.
REAL_MODULE_NAMES = {"WEXITSTATUS", "F_OK", "CLOCK_REALTIME", "NZERO", "SEEK_DATA", "st_mtime"}
COMPILERS = [c for c in ("g++", "clang++-14") if shutil.which(c)]


def include_dir() -> str:
    """The target's <Python.h> directory; the test skips without it."""
    found = macros.python_include_dir(TARGET_PYTHON)
    if found is None:
        pytest.skip(f"{TARGET_PYTHON} has no <Python.h>: install its development headers "
                    "(python3-dev for Debian's)")
    return found


def fake_compiler(directory: pathlib.Path, name: str = "fakecxx", version: str = "fake 1",
                  fails: bool = False) -> pathlib.Path:
    """A compiler script: prints the version in `<name>.version`, logs every preprocessor run to
    `<name>.log` and hands it to g++ (or fails, like a compiler without `-dM`)."""
    script = directory / name
    (directory / f"{name}.version").write_text(version + "\n")
    run = ('echo "fakecxx: error: unrecognized option" >&2\nexit 1\n' if fails
           else 'exec g++ "$@"\n')
    script.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = --version ]; then cat "{directory}/{name}.version"; exit 0; fi\n'
        f'echo "$*" >> "{directory}/{name}.log"\n' + run)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def runs(script: pathlib.Path) -> int:
    log = script.parent / f"{script.name}.log"
    return len([line for line in log.read_text().splitlines() if "-dM" in line]
               ) if log.exists() else 0




# -- macros: from the compiler --------------------------------------------------------------------


@pytest.mark.parametrize("compiler", COMPILERS)
def test_macros_come_from_the_compiler(compiler: str) -> None:
    names = macros.derive([shutil.which(compiler) or compiler], include_dir(), cache_dir=None)
    assert REAL_MODULE_NAMES <= names
    assert {"unix", "linux"} <= names  # -std=gnu++17 defines them, -std=c++17 does not
    assert {"EOF", "errno", "stdin", "assert", "offsetof"} <= names
    # Only names naming.py can produce: no `_X`, no `__`.
    assert not [n for n in names if n.startswith("_") or "__" in n]
    # Deterministic: the same compiler and headers give the same set.
    assert macros.derive([shutil.which(compiler) or compiler], include_dir(),
                         cache_dir=None) == names


def test_macros_parse_object_and_function_like_defines() -> None:
    text = ("#define F_OK 0\n#define WEXITSTATUS(status) __WEXITSTATUS (status)\n"
            "#define __GNUC__ 12\n#define _GNU_SOURCE 1\n#define a__b 1\n"
            "#define st_mtime st_mtim.tv_sec\n")
    assert macros.parse_defines(text) == {"F_OK", "WEXITSTATUS", "st_mtime"}


def test_every_header_is_guarded() -> None:
    unit = macros.translation_unit(("Python.h", "unistd.h", "no/such/header.h"))
    assert unit.startswith("#if __has_include(<Python.h>)\n#include <Python.h>\n#endif\n")
    assert "#if __has_include(<no/such/header.h>)\n#include <no/such/header.h>\n#endif\n" in unit


def test_a_missing_header_does_not_fail_the_list(tmp_path: pathlib.Path) -> None:
    names = macros.derive([shutil.which("g++") or "g++"], None,
                          ("no/such/header.h", "unistd.h"), cache_dir=None)
    assert "F_OK" in names


# -- macros: the cache ----------------------------------------------------------------------------


def test_the_cache_is_reused(tmp_path: pathlib.Path) -> None:
    compiler = fake_compiler(tmp_path)
    cache = tmp_path / "cache"
    first = macros.derive([str(compiler)], include_dir(), cache_dir=str(cache))
    assert runs(compiler) == len(macros.STANDARDS)
    (entry,) = cache.iterdir()
    assert entry.name.startswith("macros-") and entry.name.endswith(".txt")
    lines = entry.read_text().splitlines()
    assert lines[0] == macros.CACHE_FORMAT
    assert lines[1:] == sorted(first)
    # Read back, not recomputed: the preprocessor does not run again.
    assert macros.derive([str(compiler)], include_dir(), cache_dir=str(cache)) == first
    assert runs(compiler) == len(macros.STANDARDS)
    # What the file says is what is used.
    entry.write_text(f"{macros.CACHE_FORMAT}\nFROM_THE_CACHE\n")
    assert macros.derive([str(compiler)], include_dir(), cache_dir=str(cache)) == {
        "FROM_THE_CACHE"}


def test_the_cache_key_follows_the_compiler_and_its_inputs(tmp_path: pathlib.Path) -> None:
    compiler = fake_compiler(tmp_path)
    cache = tmp_path / "cache"

    def derive(headers: Sequence[str] = ("unistd.h",), include: str = "/usr/include") -> None:
        macros.derive([str(compiler)], include, tuple(headers), cache_dir=str(cache))

    derive()
    derive()
    assert (len(list(cache.iterdir())), runs(compiler)) == (1, 2)
    derive(headers=("unistd.h", "time.h"))  # another header list
    assert (len(list(cache.iterdir())), runs(compiler)) == (2, 4)
    derive(include=str(tmp_path))  # another <Python.h> directory
    assert (len(list(cache.iterdir())), runs(compiler)) == (3, 6)
    (tmp_path / "fakecxx.version").write_text("fake 2\n")  # an upgraded compiler
    derive()
    assert (len(list(cache.iterdir())), runs(compiler)) == (4, 8)
    other = fake_compiler(tmp_path, name="othercxx")  # another compiler, same version
    macros.derive([str(other)], "/usr/include", ("unistd.h",), cache_dir=str(cache))
    assert (len(list(cache.iterdir())), runs(other)) == (5, 2)


@pytest.mark.parametrize("damage", ["", "not a cache\nF_OK\n", "{format}\nF_OK", "{format}\n a b\n"])
def test_a_damaged_cache_is_recomputed_and_rewritten(tmp_path: pathlib.Path, damage: str) -> None:
    compiler = fake_compiler(tmp_path)
    cache = tmp_path / "cache"
    expected = macros.derive([str(compiler)], None, ("unistd.h",), cache_dir=str(cache))
    (entry,) = cache.iterdir()
    entry.write_text(damage.format(format=macros.CACHE_FORMAT))
    assert macros.derive([str(compiler)], None, ("unistd.h",), cache_dir=str(cache)) == expected
    assert runs(compiler) == 2 * len(macros.STANDARDS)
    assert entry.read_text().splitlines()[1:] == sorted(expected)


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path: pathlib.Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache directory would be")
    names = macros.derive([shutil.which("g++") or "g++"], None, ("unistd.h",),
                          cache_dir=str(blocked / "pyhpp"))
    assert "F_OK" in names
    assert blocked.read_text() == "a file where the cache directory would be"


def test_cache_directory_follows_xdg() -> None:
    home = os.path.expanduser("~")
    assert macros.cache_directory({"XDG_CACHE_HOME": "/x/cache"}) == "/x/cache/pyhpp"
    assert macros.cache_directory({}) == os.path.join(home, ".cache", "pyhpp")
    assert macros.cache_directory({"XDG_CACHE_HOME": "relative"}) == os.path.join(
        home, ".cache", "pyhpp")


# -- macros: which compiler, and the fallback -----------------------------------------------------


def empty_path(tmp_path: pathlib.Path) -> str:
    directory = tmp_path / "empty-bin"
    directory.mkdir(exist_ok=True)
    return str(directory)


def test_no_compiler_falls_back_to_the_built_in_list_with_one_note(tmp_path: pathlib.Path
                                                                    ) -> None:
    diagnostics: List[Diagnostic] = []
    environ = {"PATH": empty_path(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert macros.discover(None, sys.executable, diagnostics, environ) == macros.COMMON_MACROS
    assert [str(d) for d in diagnostics] == [
        "note: no C++ compiler found (tried c++, g++, clang++); C++ names avoid only pyhpp's "
        "built-in list of common macros; name one with --compiler to check against the real "
        "headers"]
    assert REAL_MODULE_NAMES <= macros.COMMON_MACROS  # the fallback knows the usual suspects
    assert not (tmp_path / "cache").exists()


def test_a_named_compiler_that_is_missing_is_a_warning(tmp_path: pathlib.Path) -> None:
    diagnostics: List[Diagnostic] = []
    environ = {"PATH": empty_path(tmp_path)}
    assert macros.discover("no-such-c++", sys.executable, diagnostics,
                           environ) == macros.COMMON_MACROS
    assert [str(d) for d in diagnostics] == [
        "warning: C++ compiler 'no-such-c++' (from --compiler) not found; C++ names avoid only "
        "pyhpp's built-in list of common macros"]


def test_a_compiler_that_cannot_list_macros_is_a_warning(tmp_path: pathlib.Path) -> None:
    compiler = fake_compiler(tmp_path, fails=True)
    diagnostics: List[Diagnostic] = []
    environ = {"PATH": empty_path(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert macros.discover(str(compiler), sys.executable, diagnostics,
                           environ) == macros.COMMON_MACROS
    (warning,) = diagnostics
    assert warning.severity == "warning"
    assert str(warning).startswith(f"warning: cannot list the macros of the C++ headers: "
                                   f"'{compiler} -dM -E -x c++ -std=c++17 ")
    assert str(warning).endswith("failed: fakecxx: error: unrecognized option; C++ names avoid "
                                 "only pyhpp's built-in list of common macros")


def test_cxx_is_used_and_the_result_is_the_union_with_the_built_in_list(
        tmp_path: pathlib.Path) -> None:
    compiler = fake_compiler(tmp_path)
    diagnostics: List[Diagnostic] = []
    environ = {"PATH": empty_path(tmp_path), "CXX": f"{compiler} -Wall",
               "XDG_CACHE_HOME": str(tmp_path / "cache")}
    names = macros.discover(None, sys.executable, diagnostics, environ)
    assert diagnostics == []
    assert runs(compiler) == len(macros.STANDARDS)
    assert "-Wall -dM -E" in (tmp_path / "fakecxx.log").read_text()
    assert REAL_MODULE_NAMES | {"min", "max", "TRUE"} <= names  # min, max: the built-in list
    assert len(list((tmp_path / "cache" / "pyhpp").iterdir())) == 1
    # --compiler wins over $CXX.
    other = fake_compiler(tmp_path, name="othercxx")
    macros.discover(str(other), sys.executable, diagnostics, environ)
    assert (runs(other), runs(compiler)) == (len(macros.STANDARDS), len(macros.STANDARDS))


# -- naming: notes for macros ---------------------------------------------------------------------

MACROS = frozenset({"F_OK", "WEXITSTATUS", "NZERO", "unix", "st_mtime", "set_flags", "CLASH"})


def loc(line: int) -> Location:
    return Location("pkg/mod.py", line)


def param(name: str, kind: str = "positional_or_keyword") -> Parameter:
    return Parameter(name=name, kind=kind)


def method(name: str, line: int, *parameters: Parameter) -> Function:
    return Function(name=name, location=loc(line), binding="method", parameters=parameters)


def run(*modules: Module, macro_names: Set[str] = MACROS) -> Tuple[Api, List[str]]:
    diagnostics: List[Diagnostic] = []
    api = naming.run(Api("3.11", modules), ("py",), diagnostics, frozenset(macro_names))
    return api, [str(d) for d in diagnostics]


def test_every_kind_of_name_avoids_macros_with_one_note_per_name() -> None:
    enum = Class(name="Mode", kind="enum", location=loc(20),
                 members=(EnumMember("F_OK", 0), EnumMember("NZERO", 1)))
    klass = Class(name="NZERO", kind="class", location=loc(30),
                  constructor=Function(name="__init__", location=loc(31),
                                       parameters=(param("F_OK"),)),
                  methods=(method("WEXITSTATUS", 32, param("unix", "keyword_only")),),
                  attributes=(Attribute(name="st_mtime", location=loc(33)),))
    module = Module(
        name="unix.mod", location=loc(1),
        functions=(Function(name="WEXITSTATUS", location=loc(10),
                            parameters=(param("F_OK"), param("st_mtime", "keyword_only"))),),
        classes=(enum, klass), constants=(Attribute(name="F_OK", location=loc(40)),))
    api, diagnostics = run(module)
    (m,) = api.modules
    assert m.cpp_namespace == ("py", "unix_", "mod")
    assert [f.cpp_name for f in m.functions] == ["WEXITSTATUS_"]
    assert [p.cpp_name for p in m.functions[0].parameters] == ["F_OK_", "st_mtime_"]
    assert [c.cpp_name for c in m.classes] == ["Mode", "NZERO_"]
    assert [e.cpp_name for e in m.classes[0].members] == ["F_OK_", "NZERO_"]
    c = m.classes[1]
    assert c.constructor is not None
    assert c.constructor.cpp_name == "NZERO_"
    assert [p.cpp_name for p in c.constructor.parameters] == ["F_OK_"]
    assert [f.cpp_name for f in c.methods] == ["WEXITSTATUS_"]
    assert [p.cpp_name for p in c.methods[0].parameters] == ["unix_"]
    assert [a.cpp_name for a in c.attributes] == ["st_mtime_"]  # and set_st_mtime_
    assert [a.cpp_name for a in m.constants] == ["F_OK_"]
    # One note per Python name and module, at its first use; notes only, no warning.
    assert sorted(diagnostics) == sorted([
        "pkg/mod.py:1: note: top-level modules: 'unix' is a macro in C or C++ headers, so its "
        "C++ name is 'unix_'",
        "pkg/mod.py:10: note: module unix.mod: 'WEXITSTATUS' is a macro in C or C++ headers, so "
        "its C++ name is 'WEXITSTATUS_'",
        "pkg/mod.py:30: note: module unix.mod: 'NZERO' is a macro in C or C++ headers, so its "
        "C++ name is 'NZERO_'",
        "pkg/mod.py:40: note: module unix.mod: 'F_OK' is a macro in C or C++ headers, so its C++ "
        "name is 'F_OK_'",
        "pkg/mod.py:10: note: unix.mod.WEXITSTATUS(): 'st_mtime' is a macro in C or C++ headers, "
        "so its C++ name is 'st_mtime_'",
        "pkg/mod.py:32: note: unix.mod.NZERO.WEXITSTATUS(): 'unix' is a macro in C or C++ "
        "headers, so its C++ name is 'unix_'",
    ])


def test_a_macro_setter_renames_the_attribute() -> None:
    klass = Class(name="Box", kind="class", location=loc(3),
                  attributes=(Attribute(name="flags", location=loc(4)),
                              Attribute(name="size", location=loc(5), readonly=True)))
    api, diagnostics = run(Module(name="m", classes=(klass,)))
    assert [a.cpp_name for a in api.modules[0].classes[0].attributes] == ["flags_", "size"]
    assert diagnostics == [
        "pkg/mod.py:4: warning: class m.Box: attribute 'flags' renamed to 'flags_' (setter "
        "'set_flags_') because its setter's name 'set_flags' is a macro"]


def test_a_renamed_name_that_is_a_macro_again_is_renamed_further() -> None:
    assert naming.cpp_identifier("CLASH", frozenset({"CLASH", "CLASH_"})) == "CLASH_2"
    assert naming.cpp_identifier("max_", frozenset({"max_"})) == "max_2"


# -- naming: collisions rename, never fail --------------------------------------------------------


def handler(*attributes: Attribute) -> Class:
    """logging.Handler's shape: a property `name` and the methods get_name() and set_name()."""
    return Class(name="Handler", kind="class", location=loc(900),
                 methods=(method("get_name", 920), method("set_name", 923, param("name"))),
                 attributes=attributes or (Attribute(name="name", location=loc(926)),))


def test_setter_colliding_with_a_method_renames_the_attribute_like_logging_handler() -> None:
    api, diagnostics = run(Module(name="logging", classes=(handler(),)))
    c = api.modules[0].classes[0]
    assert [(f.name, f.cpp_name) for f in c.methods] == [
        ("get_name", "get_name"), ("set_name", "set_name")]
    assert [(a.name, a.cpp_name) for a in c.attributes] == [("name", "name_")]
    assert diagnostics == [
        "pkg/mod.py:926: warning: class logging.Handler: attribute 'name' renamed to 'name_' "
        "(setter 'set_name_') because its setter's name 'set_name' is taken by method "
        "'set_name' (defined at pkg/mod.py:923)"]


def test_an_inherited_rename_is_reported_once_for_the_defining_class() -> None:
    """Subclasses list inherited members too: each is renamed alike, with one warning."""
    base = handler()
    derived = [Class(name=n, kind="class", location=loc(line), bases=("logging.Handler",),
                     methods=base.methods, attributes=base.attributes)
               for n, line in (("FileHandler", 1150), ("StreamHandler", 1060))]
    api, diagnostics = run(Module(name="logging", classes=(derived[0], base, derived[1])))
    assert [[a.cpp_name for a in c.attributes] for c in api.modules[0].classes] == [
        ["name_"], ["name_"], ["name_"]]
    assert diagnostics == [
        "pkg/mod.py:926: warning: class logging.Handler: attribute 'name' renamed to 'name_' "
        "(setter 'set_name_') because its setter's name 'set_name' is taken by method "
        "'set_name' (defined at pkg/mod.py:923)"]


def test_a_read_only_attribute_has_no_setter_to_collide() -> None:
    api, diagnostics = run(Module(name="logging", classes=(handler(
        Attribute(name="name", location=loc(926), readonly=True)),)))
    assert [a.cpp_name for a in api.modules[0].classes[0].attributes] == ["name"]
    assert diagnostics == []


def test_a_setter_moves_past_every_taken_name() -> None:
    klass = Class(name="C", kind="class", location=loc(1), methods=(
        method("set_x", 2), method("x_", 3), method("set_x_2", 4)),
        attributes=(Attribute(name="x", location=loc(5)),))
    api, diagnostics = run(Module(name="m", classes=(klass,)))
    c = api.modules[0].classes[0]
    assert [a.cpp_name for a in c.attributes] == ["x_3"]
    assert [f.cpp_name for f in c.methods] == ["set_x", "x_", "set_x_2"]
    assert diagnostics == [
        "pkg/mod.py:5: warning: class m.C: attribute 'x' renamed to 'x_3' (setter 'set_x_3') "
        "because its setter's name 'set_x' is taken by method 'set_x' (defined at pkg/mod.py:2)"]


def test_a_renamed_spelling_yields_to_the_setter_of_a_name_usable_as_is() -> None:
    klass = Class(name="C", kind="class", location=loc(1), methods=(method("set__x", 2),),
                  attributes=(Attribute(name="x", location=loc(3)),))
    api, diagnostics = run(Module(name="m", classes=(klass,)))
    c = api.modules[0].classes[0]
    assert ([f.cpp_name for f in c.methods], [a.cpp_name for a in c.attributes]) == (
        ["set_x_"], ["x"])
    assert diagnostics == [
        "pkg/mod.py:2: warning: class m.C: method 'set__x' renamed to 'set_x_' because 'set_x' "
        "is taken by the setter of attribute 'x'"]


def test_a_spelling_left_by_a_moved_attribute_still_needs_a_free_setter() -> None:
    klass = Class(name="C", kind="class", location=loc(1), methods=(method("set_py_x", 2),),
                  attributes=(Attribute(name="py_x", location=loc(3)),
                              Attribute(name="_x", location=loc(4))))
    api, diagnostics = run(Module(name="m", classes=(klass,)))
    assert [a.cpp_name for a in api.modules[0].classes[0].attributes] == ["py_x_", "py_x_2"]
    assert diagnostics == [
        "pkg/mod.py:3: warning: class m.C: attribute 'py_x' renamed to 'py_x_' (setter "
        "'set_py_x_') because its setter's name 'set_py_x' is taken by method 'set_py_x' "
        "(defined at pkg/mod.py:2)",
        "pkg/mod.py:4: warning: class m.C: attribute '_x' renamed to 'py_x_2' (setter "
        "'set_py_x_2') because its setter's name 'set_py_x' is taken by method 'set_py_x' "
        "(defined at pkg/mod.py:2)"]


def test_a_member_named_like_its_class_is_renamed() -> None:
    klass = Class(name="Node", kind="class", location=loc(1),
                  methods=(method("Node", 2),), attributes=(Attribute(name="Node_", location=loc(3),
                                                                      readonly=True),))
    api, diagnostics = run(Module(name="m", classes=(klass,)))
    c = api.modules[0].classes[0]
    assert [f.cpp_name for f in c.methods] == ["Node_2"]
    assert [a.cpp_name for a in c.attributes] == ["Node_"]
    assert diagnostics == [
        "pkg/mod.py:2: warning: class m.Node: method 'Node' renamed to 'Node_2' because 'Node' "
        "is the class's own name, which C++ keeps for constructors"]


def test_begin_and_end_of_an_iterable_class_are_kept_for_range_for() -> None:
    klass = Class(name="Bag", kind="class", location=loc(1), methods=(
        method("__iter__", 2), method("begin", 3), method("end", 4), method("size", 5)))
    api, diagnostics = run(Module(name="m", classes=(klass,)))
    assert [f.cpp_name for f in api.modules[0].classes[0].methods] == [
        "__iter__", "begin_", "end_", "size"]
    assert diagnostics == [
        "pkg/mod.py:3: warning: class m.Bag: method 'begin' renamed to 'begin_' because 'begin' "
        "is declared by the wrapper of every iterable class",
        "pkg/mod.py:4: warning: class m.Bag: method 'end' renamed to 'end_' because 'end' is "
        "declared by the wrapper of every iterable class"]


def test_enum_member_collisions() -> None:
    enum = Class(name="E", kind="enum", location=loc(7), members=(
        EnumMember("a__b", 1), EnumMember("a_b", 2), EnumMember("class", 3),
        EnumMember("class_", 4)))
    api, diagnostics = run(Module(name="m", classes=(enum,)))
    assert [m.cpp_name for m in api.modules[0].classes[0].members] == [
        "a_b_", "a_b", "class_2", "class_"]
    assert diagnostics == [
        "pkg/mod.py:7: warning: enum m.E: member 'a__b' renamed to 'a_b_' because 'a_b' is taken "
        "by member 'a_b'",
        "pkg/mod.py:7: warning: enum m.E: member 'class' renamed to 'class_2' because 'class_' "
        "is taken by member 'class_'"]


def test_module_members_of_every_kind_share_one_scope() -> None:
    module = Module(name="m", functions=(Function(name="_Item", location=loc(1)),),
                    classes=(Class(name="py_Item", kind="class", location=loc(2)),),
                    constants=(Attribute(name="__Item", location=loc(3)),))
    api, diagnostics = run(module)
    m = api.modules[0]
    assert ([f.cpp_name for f in m.functions], [c.cpp_name for c in m.classes],
            [a.cpp_name for a in m.constants]) == (["py_Item_"], ["py_Item"], ["py_Item_2"])
    assert diagnostics == [
        "pkg/mod.py:1: warning: module m: function '_Item' renamed to 'py_Item_' because "
        "'py_Item' is taken by class 'py_Item' (defined at pkg/mod.py:2)",
        "pkg/mod.py:3: warning: module m: constant '__Item' renamed to 'py_Item_2' because "
        "'py_Item' is taken by class 'py_Item' (defined at pkg/mod.py:2)"]


def test_a_submodule_namespace_is_a_name_in_its_parent() -> None:
    parent = Module(name="pkg", functions=(Function(name="sub", location=loc(1)),))
    child = Module(name="pkg.sub", functions=(Function(name="f"),))
    api, diagnostics = run(parent, child)
    assert [m.cpp_namespace for m in api.modules] == [("py", "pkg"), ("py", "pkg", "sub")]
    assert [f.cpp_name for f in api.modules[0].functions] == ["sub_"]
    assert diagnostics == [
        "pkg/mod.py:1: warning: module pkg: function 'sub' renamed to 'sub_' because 'sub' is "
        "the namespace of module pkg.sub"]


def test_sibling_modules_get_distinct_namespaces() -> None:
    api, diagnostics = run(Module(name="a.new", location=loc(1)),
                           Module(name="a.new_", location=loc(2)))
    assert [m.cpp_namespace for m in api.modules] == [("py", "a", "new_2"), ("py", "a", "new_")]
    assert diagnostics == [
        "pkg/mod.py:1: warning: package a: module 'new' renamed to 'new_2' because 'new_' is "
        "taken by module 'new_' (defined at pkg/mod.py:2)"]


def test_names_that_are_not_ascii_identifiers_leave_their_item_out() -> None:
    klass = Class(name="C", kind="class", location=loc(5), methods=(
        method("ok", 6), method("naïve", 7), method("g", 8, param("ünïcode"))),
        attributes=(Attribute(name="größe", location=loc(9)),),
        constructor=Function(name="__init__", location=loc(10), parameters=(param("ß"),)))
    enum = Class(name="E", kind="enum", location=loc(12),
                 members=(EnumMember("A", 1), EnumMember("Ä", 2)))
    module = Module(name="m", functions=(Function(name="café", location=loc(1)),),
                    classes=(klass, enum, Class(name="Ça", kind="class", location=loc(14))))
    api, diagnostics = run(module)
    m = api.modules[0]
    assert m.functions == ()
    assert [c.name for c in m.classes] == ["C", "E"]
    c = m.classes[0]
    assert ([f.name for f in c.methods], c.attributes, c.constructor) == (["ok"], (), None)
    assert [e.name for e in m.classes[1].members] == ["A"]
    assert sorted(diagnostics) == sorted([
        "pkg/mod.py:1: warning: module m: 'café' is not an ASCII identifier, which C++ cannot "
        "name; function 'café' left out",
        "pkg/mod.py:14: warning: module m: 'Ça' is not an ASCII identifier, which C++ cannot "
        "name; class 'Ça' left out",
        "pkg/mod.py:7: warning: class m.C: 'naïve' is not an ASCII identifier, which C++ cannot "
        "name; method 'naïve' left out",
        "pkg/mod.py:9: warning: class m.C: 'größe' is not an ASCII identifier, which C++ cannot "
        "name; attribute 'größe' left out",
        "pkg/mod.py:8: warning: m.C.g(): parameter 'ünïcode' is not an ASCII identifier, which "
        "C++ cannot name; the method is left out",
        "pkg/mod.py:10: warning: m.C(): parameter 'ß' is not an ASCII identifier, which C++ "
        "cannot name; the constructor is left out",
        "pkg/mod.py:12: warning: enum m.E: 'Ä' is not an ASCII identifier, which C++ cannot "
        "name; member 'Ä' left out",
    ])


def test_a_module_name_that_is_not_an_identifier_is_an_error() -> None:
    with pytest.raises(GenerationError) as caught:
        run(Module(name="pkg.naïve"))
    assert str(caught.value) == ("error: module name 'pkg.naïve' is not usable as a C++ "
                                 "namespace: 'naïve' is not an ASCII identifier")


# -- naming: nothing escapes ----------------------------------------------------------------------

TRICKY = ["F_OK", "F_OK_", "F_OK_2", "_F_OK", "__F_OK", "py_F_OK", "class", "class_", "ptr",
          "ptr_", "name", "set_name", "set_name_", "Cls", "Cls_", "kw", "kw_", "pyhpp_x",
          "pyhpp_x_", "a__b", "a_b", "a_b_", "unix", "set_flags", "flags", "flags_", "x", "set_x",
          "set__x", "x_"]


def class_scope(c: Class) -> List[str]:
    names = [f.cpp_name for f in c.methods if not f.name.startswith("__")]
    names += [a.cpp_name for a in c.attributes]
    names += [f"set_{a.cpp_name}" for a in c.attributes if not a.readonly]
    return names + [c.cpp_name]


def check_spellable(names: Sequence[str], macro_names: Set[str]) -> None:
    for name in names:
        assert name not in macro_names and name not in naming.CPP_KEYWORDS, name
        assert "__" not in name and not name.startswith("_"), name
    assert len(set(names)) == len(names), sorted(names)


def arrangements() -> Iterator[Tuple[List[str], List[str]]]:
    """Methods and attributes split differently, in both orders."""
    for split in range(0, len(TRICKY) + 1, 3):
        for names in (TRICKY, TRICKY[::-1]):
            yield names[:split], names[split:]


@pytest.mark.parametrize("methods, attributes", list(arrangements()))
def test_no_collision_escapes_in_a_class(methods: List[str], attributes: List[str]) -> None:
    klass = Class(name="Cls", kind="class", location=loc(1),
                  methods=tuple(method(n, i) for i, n in enumerate(methods)),
                  attributes=tuple(Attribute(name=n, location=loc(100 + i), readonly=i % 3 == 0)
                                   for i, n in enumerate(attributes)))
    api, diagnostics = run(Module(name="m", classes=(klass,)))
    c = api.modules[0].classes[0]
    check_spellable(class_scope(c), set(MACROS))
    assert not [n for n in class_scope(c) if n in naming.OBJECT_MEMBERS]
    # Names usable as is keep them, except setters, which yield.
    kept = {f.name: f.cpp_name for f in c.methods}
    kept.update({a.name: a.cpp_name for a in c.attributes if a.readonly})
    for python, cpp in kept.items():
        if naming.cpp_identifier(python, MACROS) == python and python not in (
                "Cls", "ptr") and not any(
                    f"set_{a.name}" == python and not a.readonly for a in klass.attributes):
            assert cpp == python
    assert all(" warning: " in d or " note: " in d for d in diagnostics)


def test_the_result_does_not_depend_on_the_input_order() -> None:
    def named(order: Sequence[str]) -> Dict[str, str]:
        module = Module(name="m", functions=tuple(Function(name=n) for n in order),
                        classes=(Class(name="K", kind="class", attributes=tuple(
                            Attribute(name=n) for n in order)),))
        api, _ = run(module)
        m = api.modules[0]
        return ({f.name: f.cpp_name for f in m.functions}
                | {f"K.{a.name}": a.cpp_name for a in m.classes[0].attributes})

    assert named(TRICKY) == named(TRICKY[::-1]) == named(sorted(TRICKY))
    check_spellable(list(named(TRICKY).values())[:len(TRICKY)], set(MACROS))


# -- the command line -----------------------------------------------------------------------------


def test_generate_prints_notes_and_strict_does_not_fail_on_them(tmp_path: pathlib.Path) -> None:
    include_dir()  # the notes come from the macros of <Python.h>
    (tmp_path / "clashes.py").write_text(
        "F_OK = 0\n\n\nclass Handler:\n    @property\n    def name(self) -> str:\n"
        "        return ''\n\n    @name.setter\n    def name(self, value: str) -> None:\n"
        "        pass\n\n    def set_name(self, name: str) -> None:\n        pass\n\n\n"
        "def WEXITSTATUS(status: int) -> int:\n    return status\n")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [sys.executable, str(PYHPP), "generate", "clashes", "-o", str(tmp_path / "out"),
         "--python", TARGET_PYTHON, "--path", str(tmp_path), "--compiler", "g++", "--strict"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        timeout=300)
    # The setter rename is a warning, so --strict refuses it; the notes alone never fail.
    assert done.returncode == 1
    assert done.stderr == (
        "clashes.py:5: error: class clashes.Handler: attribute 'name' renamed to 'name_' "
        "(setter 'set_name_') because its setter's name 'set_name' is taken by method 'set_name' "
        "(defined at clashes.py:13) (--strict makes warnings errors)\n")
    (tmp_path / "clashes.py").write_text("F_OK = 0\n\n\ndef WEXITSTATUS(status: int) -> int:\n"
                                         "    return status\n")
    done = subprocess.run(
        [sys.executable, str(PYHPP), "generate", "clashes", "-o", str(tmp_path / "out"),
         "--python", TARGET_PYTHON, "--path", str(tmp_path), "--compiler", "g++", "--strict"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "clashes.py:1: note: module clashes: 'F_OK' is a macro in C or C++ headers, so its C++ "
        "name is 'F_OK_'",
        "clashes.py:4: note: module clashes: 'WEXITSTATUS' is a macro in C or C++ headers, so its "
        "C++ name is 'WEXITSTATUS_'"]
    header = (tmp_path / "out" / "include" / "py" / "clashes.hpp").read_text()
    assert "WEXITSTATUS_(" in header and "F_OK_()" in header
