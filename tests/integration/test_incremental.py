"""Incremental builds of a consumer project (pyhpp added with add_subdirectory) with Ninja and
Makefiles: what regenerates, what recompiles, and what a failing generator leaves behind."""

from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import dataclass
from typing import Dict

import pytest

from build_support import (
    CMakeBuild,
    Toolchain,
    copy_project,
    edit,
    read,
    run,
    write,
)

GENERATORS = ["Ninja", "Unix Makefiles"]
GENERATING = "pyhpp: generating C++ bindings"  # the COMMENT of pyhpp_add_bindings' command
COMPILING = "Building CXX"
LINKING = "Linking CXX"
EXPECTED_OUTPUT = "price(20) = 141\n"  # 7 * 20 + 1, the 7 from shop/_helpers.py


@dataclass
class Consumer:
    """A built copy of tests/integration/projects/consumer."""

    build: CMakeBuild
    first_log: str

    @property
    def generator(self) -> str:
        return self.build.generator

    def source(self, *parts: str) -> str:
        return os.path.join(self.build.source, *parts)

    def generated(self, *parts: str) -> str:
        return self.build.path("consumer_bindings.pyhpp", *parts)

    @property
    def header(self) -> str:
        return self.generated("include", "py", "shop.hpp")

    @property
    def generated_source(self) -> str:
        return self.generated("src", "py", "shop.cpp")

    def output(self) -> str:
        return run([self.build.path("consumer")])

    def assert_up_to_date(self) -> None:
        """A build now must do nothing at all."""
        if self.generator == "Ninja":
            ninja = shutil.which("ninja") or "ninja"
            plan = run([ninja, "-C", self.build.binary, "-n", "-d", "explain"])
            assert "no work to do" in plan and "explain:" not in plan, plan
            log = self.build.build()
            assert "no work to do" in log, log
        else:
            log = self.build.build()
            assert GENERATING not in log, log
            assert COMPILING not in log, log
            assert LINKING not in log, log


def mtimes(*paths: str) -> Dict[str, int]:
    return {path: os.stat(path).st_mtime_ns for path in paths}


def settle() -> None:
    """Lets the clock move past the last build's outputs before a file is edited."""
    time.sleep(0.05)


@pytest.fixture(scope="module", params=GENERATORS)
def consumer(request: pytest.FixtureRequest, toolchain: Toolchain,
             tmp_path_factory: pytest.TempPathFactory) -> Consumer:
    generator: str = request.param
    root = tmp_path_factory.mktemp("consumer-" + generator.replace(" ", "-").lower())
    source = copy_project("consumer", str(root / "src"))
    build = CMakeBuild(toolchain, source, str(root / "build"), generator)
    build.configure(f"-DPYHPP_SOURCE={toolchain.source_dir}",
                    f"-DPython3_EXECUTABLE={toolchain.target_python}")
    return Consumer(build, build.build())


def test_builds_and_runs(consumer: Consumer) -> None:
    assert GENERATING in consumer.first_log
    assert "std::int64_t price(std::int64_t quantity);" in read(consumer.header)
    assert consumer.output() == EXPECTED_OUTPUT


def test_second_build_does_nothing(consumer: Consumer) -> None:
    consumer.assert_up_to_date()


def test_editing_the_wrapped_module_regenerates(consumer: Consumer) -> None:
    module = consumer.source("python", "shop", "__init__.py")
    before = mtimes(consumer.header)
    settle()
    write(module, read(module) + '\n\ndef extra(x: int) -> int:\n    """Triples x."""\n'
                                 "    return 3 * x\n")
    log = consumer.build.build()
    assert GENERATING in log, log
    assert re.search(r"Building CXX object .*shop\.cpp\.o", log), log
    assert "extra(" in read(consumer.header)
    assert mtimes(consumer.header) != before

    settle()
    edit(consumer.source("main.cpp"), "// @EXTRA@ (the tests put a call of a new function here)",
         'std::cout << "extra(5) = " << py::shop::extra(5) << "\\n";')
    log = consumer.build.build()
    assert GENERATING not in log, log
    assert re.search(r"Building CXX object .*main\.cpp\.o", log), log
    assert consumer.output() == EXPECTED_OUTPUT + "extra(5) = 15\n"
    consumer.assert_up_to_date()


@pytest.mark.parametrize("change", ["touch", "comment"])
def test_changing_an_imported_helper_regenerates_without_recompiling(
        consumer: Consumer, change: str) -> None:
    helper = consumer.source("python", "shop", "_helpers.py")
    generated = mtimes(consumer.header, consumer.generated_source)
    program = mtimes(consumer.build.path("consumer"))
    output = consumer.output()
    settle()
    if change == "touch":
        os.utime(helper)
    else:
        write(helper, read(helper) + "# A comment changes no signature.\n")
    log = consumer.build.build()
    assert GENERATING in log, f"the depfile did not make {helper} a dependency:\n{log}"
    assert COMPILING not in log, log
    assert LINKING not in log, log
    assert mtimes(consumer.header, consumer.generated_source) == generated
    assert mtimes(consumer.build.path("consumer")) == program
    assert consumer.output() == output
    consumer.assert_up_to_date()


def test_changing_modules_regenerates(consumer: Consumer) -> None:
    catalog = consumer.generated("include", "py", "catalog.hpp")
    assert not os.path.exists(catalog)
    shop = mtimes(consumer.header)
    settle()
    edit(consumer.source("CMakeLists.txt"), "set(CONSUMER_MODULES shop)",
         "set(CONSUMER_MODULES shop catalog)")
    log = consumer.build.build()
    assert GENERATING in log, log
    assert os.path.isfile(catalog), log
    assert "count_items(" in read(catalog)
    assert re.search(r"Building CXX object .*catalog\.cpp\.o", log), log
    # Write-if-changed: the header of the module that did not change is left alone.
    assert mtimes(consumer.header) == shop
    consumer.assert_up_to_date()


def test_broken_module_fails_and_keeps_the_header(consumer: Consumer) -> None:
    module = consumer.source("python", "shop", "__init__.py")
    original = read(module)
    header_text = read(consumer.header)
    header_time = mtimes(consumer.header)
    line = original.count("\n") + 1
    settle()
    write(module, original + 'raise RuntimeError("shop is broken")\n')
    failed = consumer.build.try_build()
    assert failed.returncode != 0, failed.stdout
    assert re.search(rf"shop/__init__\.py:{line}: error: .*RuntimeError: shop is broken",
                     failed.stdout), failed.stdout
    assert read(consumer.header) == header_text
    assert mtimes(consumer.header) == header_time

    # Repaired, it builds again, regenerating the very same text.
    settle()
    write(module, original)
    log = consumer.build.build()
    assert GENERATING in log, log
    assert COMPILING not in log, log
    assert mtimes(consumer.header) == header_time
    assert consumer.output().startswith(EXPECTED_OUTPUT)
    consumer.assert_up_to_date()
