"""An installed pyhpp used through find_package(pyhpp CONFIG): consumers build and run, their
translation units need no Python.h, and a venv's python gives the program that venv's modules."""

from __future__ import annotations

import glob
import json
import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from typing import Dict, List

import pytest

from build_support import (
    CMakeBuild,
    Toolchain,
    clean_environment,
    copy_project,
    read,
    run,
    run_command,
)

INCLUDE_FLAGS = ("-I", "-isystem", "-iquote", "-idirafter")


@dataclass(frozen=True)
class Installed:
    prefix: str
    config_dir: str  # where pyhpp-config.cmake is


@dataclass(frozen=True)
class InstalledConsumer:
    build: CMakeBuild
    log: str


@pytest.fixture(scope="module")
def installed(toolchain: Toolchain, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("install")
    build = CMakeBuild(toolchain, toolchain.source_dir, str(root / "build"), "Ninja")
    build.configure("-DPYHPP_BUILD_TESTS=OFF", "-DPYHPP_BUILD_SAMPLES=OFF",
                    "-DPYHPP_BUILD_BENCHMARKS=OFF",
                    f"-DPython3_EXECUTABLE={toolchain.target_python}")
    build.build()
    prefix = str(root / "prefix")
    run([toolchain.cmake, "--install", build.binary, "--prefix", prefix])
    configs = glob.glob(os.path.join(prefix, "*", "cmake", "pyhpp", "pyhpp-config.cmake"))
    assert len(configs) == 1, f"pyhpp-config.cmake under {prefix}: {configs}"
    return Installed(prefix, os.path.dirname(configs[0]))


def configure_and_build(toolchain: Toolchain, installed: Installed, project: str,
                        destination: str, python: str) -> InstalledConsumer:
    source = copy_project(project, os.path.join(destination, "src"))
    build = CMakeBuild(toolchain, source, os.path.join(destination, "build"), "Ninja")
    build.configure(f"-DCMAKE_PREFIX_PATH={installed.prefix}", f"-DPython3_EXECUTABLE={python}",
                    "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON")
    return InstalledConsumer(build, build.build())


@pytest.fixture(scope="module")
def consumer(toolchain: Toolchain, installed: Installed,
             tmp_path_factory: pytest.TempPathFactory) -> InstalledConsumer:
    root = str(tmp_path_factory.mktemp("installed-consumer"))
    return configure_and_build(toolchain, installed, "installed", root, toolchain.target_python)


def compile_commands(build: CMakeBuild) -> Dict[str, List[str]]:
    """Source file name -> argument list, from compile_commands.json."""
    with open(build.path("compile_commands.json"), encoding="utf-8") as f:
        entries = json.load(f)
    commands = {}
    for entry in entries:
        arguments = entry.get("arguments") or shlex.split(entry["command"])
        commands[os.path.basename(entry["file"])] = arguments
    return commands


def include_dirs(arguments: List[str]) -> List[str]:
    dirs = []
    for i, argument in enumerate(arguments):
        for flag in INCLUDE_FLAGS:
            if argument == flag and i + 1 < len(arguments):
                dirs.append(arguments[i + 1])
            elif argument.startswith(flag) and len(argument) > len(flag):
                dirs.append(argument[len(flag):])
    return dirs


def python_h_dirs(arguments: List[str]) -> List[str]:
    """The include directories of a compile command that hold a Python.h."""
    return [d for d in include_dirs(arguments) if os.path.isfile(os.path.join(d, "Python.h"))]


def test_installed_package_builds_and_runs(toolchain: Toolchain, installed: Installed,
                                           consumer: InstalledConsumer) -> None:
    assert run([consumer.build.path("installed")]) == "label: pear x3\ntotal: 10\n"
    cache = read(consumer.build.path("CMakeCache.txt"))
    assert f"pyhpp_DIR:PATH={installed.config_dir}\n" in cache
    # The installed generator made the bindings, not the source tree's.
    depfiles = glob.glob(consumer.build.path("inventory_bindings.pyhpp", "pyhpp-*.d"))
    assert len(depfiles) == 1, depfiles
    deps = read(depfiles[0])
    assert os.path.join(installed.prefix, "share", "pyhpp", "generator", "pyhpp") in deps, deps
    assert os.path.join(toolchain.source_dir, "generator") not in deps, deps


def test_users_translation_units_get_no_python_include(toolchain: Toolchain,
                                                       consumer: InstalledConsumer) -> None:
    commands = compile_commands(consumer.build)
    assert "main.cpp" in commands and "inventory.cpp" in commands, sorted(commands)
    python_include = os.path.realpath(toolchain.python_include_dir())
    main = commands["main.cpp"]
    assert python_h_dirs(main) == [], main
    assert python_include not in [os.path.realpath(d) for d in include_dirs(main)], main
    # The generated source does see Python.h: the check above can tell.
    assert python_h_dirs(commands["inventory.cpp"]), commands["inventory.cpp"]


def test_main_compiles_with_a_python_h_guard(toolchain: Toolchain,
                                             consumer: InstalledConsumer) -> None:
    main = read(os.path.join(consumer.build.source, "main.cpp"))
    include = main.index("#include <py/inventory.hpp>")
    guard = main.index("#ifdef Py_PYTHON_H\n#error")
    assert include < guard
    assert "main.cpp.o" in consumer.log  # built with the guard: no Python.h came in
    # The guard names the macro Python.h defines, and it fires when Python.h is included.
    python_include = toolchain.python_include_dir()
    assert "#define Py_PYTHON_H" in read(os.path.join(python_include, "Python.h"))
    arguments = compile_commands(consumer.build)["main.cpp"]
    compiler = arguments[0]
    flags = [a for a in arguments[1:] if a.startswith(("-D", "-std"))]
    flags += [f"-I{d}" for d in include_dirs(arguments)]
    probe = os.path.join(consumer.build.binary, "python_h_probe.cpp")
    with open(probe, "w", encoding="utf-8") as f:
        f.write("#include <Python.h>\n" + main)
    failed = run_command([compiler, *flags, f"-I{python_include}", "-fsyntax-only", probe],
                         cwd=consumer.build.binary)
    assert failed.returncode != 0 and "Python.h reached" in failed.stdout, failed.stdout


@pytest.fixture(scope="module")
def venv(toolchain: Toolchain, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A venv of the target Python holding `venvonly` in its site-packages."""
    path = str(tmp_path_factory.mktemp("venv") / "venv")
    run([toolchain.target_python, "-m", "venv", "--without-pip", path])
    return path


def test_venv_python_gives_the_program_that_venvs_site_packages(
        toolchain: Toolchain, installed: Installed, venv: str,
        tmp_path_factory: pytest.TempPathFactory) -> None:
    python = os.path.join(venv, "bin", "python")
    site_packages = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    module = os.path.join(site_packages.strip(), "venvonly.py")
    shutil.copyfile(os.path.join(os.path.dirname(__file__), "projects", "venv_consumer",
                                 "venvonly.py"), module)
    outside = subprocess.run([toolchain.target_python, "-c", "import venvonly"],
                             env=clean_environment(), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, timeout=60)
    assert outside.returncode != 0, "venvonly must be importable from the venv only"

    root = str(tmp_path_factory.mktemp("venv-consumer"))
    consumer = configure_and_build(toolchain, installed, "venv_consumer", root, python)
    # Run outside the project, with no PYTHONPATH, VIRTUAL_ENV or PYHPP_PYTHON.
    output = run([consumer.build.path("venv_consumer")], cwd=root).splitlines()
    assert output[0] == "greeting: hello from the venv, venv", output
    assert output[1].startswith("file: "), output
    assert os.path.realpath(output[1][len("file: "):]) == os.path.realpath(module), output
    assert output[2].startswith("prefix: "), output
    assert os.path.realpath(output[2][len("prefix: "):]) == os.path.realpath(venv), output
