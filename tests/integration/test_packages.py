"""Whole packages through CMake: RECURSIVE wraps every public submodule, re-exported classes
are one C++ type, module aliases (os.path) work, pyhpp added with add_subdirectory() leaves
the consumer's build type alone, and a new submodule is picked up by the next build."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from build_support import CMakeBuild, Toolchain, copy_project, read, run, write

# What Python itself prints for the calls main.cpp makes.
PYTHON_SIDE = r'''
import os.path, pkgdemo, traceback
from pkgdemo import errors, shapes
w = pkgdemo.Widget(3)
print(w.name(), w.size(), w.doubled())
b = w.grow(2)
print(b.size(), pkgdemo.make_widget(4).size())
c = b.circle()
print(c.describe(), f"{c.scaled().area():.6f}", c.widget().size())
print(shapes.biggest([c, pkgdemo.Box(3.0)]).describe())
print(os.path.basename("a/b/c.txt"))
try:
    errors.fail("boom")
except pkgdemo.DemoError as e:
    print("caught", traceback.format_exception_only(type(e), e)[-1].strip())
try:
    errors.lookup("key")
except errors.MissingError as e:
    print("missing", traceback.format_exception_only(type(e), e)[-1].strip())
'''


@pytest.fixture(scope="module")
def built(toolchain: Toolchain, tmp_path_factory: pytest.TempPathFactory) -> CMakeBuild:
    root = tmp_path_factory.mktemp("packages")
    source = copy_project("packages", str(root / "src"))
    build = CMakeBuild(toolchain, source, str(root / "build"), "Ninja")
    build.configure(f"-DPYHPP_SOURCE={toolchain.source_dir}",
                    f"-DPython3_EXECUTABLE={toolchain.target_python}")
    build.build()
    return build


def python_side(toolchain: Toolchain, build: CMakeBuild) -> str:
    env = dict(os.environ, PYTHONPATH=os.path.join(build.source, "python"))
    done = subprocess.run([toolchain.target_python, "-c", PYTHON_SIDE], env=env,
                          stdout=subprocess.PIPE, check=True, timeout=60)
    return done.stdout.decode()


def test_the_program_gives_what_python_gives(toolchain: Toolchain, built: CMakeBuild) -> None:
    expected = python_side(toolchain, built)
    assert "widget 3 6\n" in expected  # the script itself ran as intended
    assert run([built.path("packages")]) == expected


def test_recursive_wraps_public_submodules_only(built: CMakeBuild) -> None:
    include = built.path("package_bindings.pyhpp", "include", "py")
    headers = sorted(os.path.relpath(os.path.join(d, f), include)
                     for d, _, files in os.walk(include) for f in files)
    # Modules that name each other's classes come in two headers: NAME.decl.hpp declares,
    # NAME.hpp includes it and the headers of those classes.
    assert headers == ["os/path.hpp", "pkgdemo.decl.hpp", "pkgdemo.hpp", "pkgdemo/core.decl.hpp",
                       "pkgdemo/core.hpp", "pkgdemo/errors.decl.hpp", "pkgdemo/errors.hpp",
                       "pkgdemo/shapes.decl.hpp", "pkgdemo/shapes.hpp"]
    package = read(os.path.join(include, "pkgdemo.decl.hpp"))
    # Re-exports are aliases of the defining module's wrappers, not second classes.
    assert "using Widget = ::py::pkgdemo::core::Widget;" in package
    assert "using Box = ::py::pkgdemo::shapes::Square;" in package
    # A re-exported function gets a wrapper of its own, of the same (aliased) types.
    assert "::py::pkgdemo::core::Widget make_widget(std::int64_t size);" in package
    assert not re.search(r"^class Widget\b.*{$", package, re.M)  # declared, not defined
    # A class defined in a private module is wrapped in the shallowest module exporting it.
    assert re.search(r"^class MissingError\b.*{$", package, re.M)
    errors = read(os.path.join(include, "pkgdemo", "errors.decl.hpp"))
    assert "using MissingError = ::py::pkgdemo::MissingError;" in errors


def test_add_subdirectory_keeps_the_consumers_build_type(built: CMakeBuild) -> None:
    cache = read(built.path("CMakeCache.txt"))
    assert re.search(r"^CMAKE_BUILD_TYPE:STRING=$", cache, re.M), \
        re.findall(r"^CMAKE_BUILD_TYPE.*$", cache, re.M)


def test_a_new_submodule_is_wrapped_by_the_next_build(built: CMakeBuild) -> None:
    package = os.path.join(built.source, "python", "pkgdemo")
    write(os.path.join(package, "extra.py"), "def hello(name: str) -> str:\n"
                                             "    return 'hello ' + name\n")
    main = os.path.join(built.source, "main.cpp")
    text = read(main)
    write(main, text.replace("#include <py/pkgdemo.hpp>",
                             "#include <py/pkgdemo.hpp>\n#include <py/pkgdemo/extra.hpp>")
          .replace("    try {", '    std::cout << py::pkgdemo::extra::hello("you") << "\\n";\n'
                                  "    try {", 1))
    built.build()
    output = run([built.path("packages")])
    assert "hello you\n" in output
