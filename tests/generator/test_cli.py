"""Tests for the pyhpp command line: exit codes, one-line errors, what is (not) written."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys
from typing import Dict, List, Tuple

import pytest

from pyhpp.ir.model import Api
from pyhpp.ir.serialize import from_json
from pyhpp.pipeline import GENERATOR_DIR

from discovery import FIXTURES, target_python

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PYHPP = os.path.join(GENERATOR_DIR, "bin", "pyhpp")


TARGET = target_python()
API_FILES = ["include/py/render_cli/api.hpp", "src/py/render_cli/api.cpp"]
OLD = 1_000_000_000  # an mtime (2001) that no write of this run can produce


def pyhpp(*args: str, cwd: pathlib.Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, PYHPP, *args], cwd=str(cwd), text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)


def generate(*args: str, cwd: pathlib.Path, path: str = FIXTURES) -> subprocess.CompletedProcess:
    return pyhpp("generate", *args, "--python", TARGET, "--path", path, cwd=cwd)


def files_under(root: pathlib.Path) -> List[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def line_of(module_file: str, text: str) -> int:
    with open(os.path.join(FIXTURES, "render_cli", module_file), encoding="utf-8") as source:
        for number, line in enumerate(source, 1):
            if text in line:
                return number
    raise AssertionError(f"{text!r} not in {module_file}")


def snapshot(root: pathlib.Path) -> Dict[str, Tuple[bytes, int]]:
    """Content and mtime (ns) of every file under root."""
    return {name: ((root / name).read_bytes(), (root / name).stat().st_mtime_ns)
            for name in files_under(root)}


def age(root: pathlib.Path) -> None:
    for name in files_under(root):
        os.utime(root / name, (OLD, OLD))


def copy_render_cli(destination: pathlib.Path) -> pathlib.Path:
    shutil.copytree(os.path.join(FIXTURES, "render_cli"), str(destination / "render_cli"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    return destination


def one_error_line(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


# -- help and arguments --------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["generate", "--help"], ["inspect", "--help"]])
def test_help_exits_zero(tmp_path: pathlib.Path, args: List[str]) -> None:
    done = pyhpp(*args, cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.startswith("usage: pyhpp")
    assert done.stderr == ""
    if args == ["--help"]:
        assert "generate  write a header and a source per module" in done.stdout
        assert "inspect   print the IR of the modules as JSON" in done.stdout
    if args[0] == "generate":
        for option in ("--python EXE", "--path DIR", "--namespace NS", "-o DIR, --output DIR",
                       "--depfile FILE", "--stamp FILE", "--strict"):
            assert option in done.stdout


def test_version(tmp_path: pathlib.Path) -> None:
    done = pyhpp("--version", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "pyhpp 0.1.0\n")


def test_usage_errors_exit_two(tmp_path: pathlib.Path) -> None:
    done = pyhpp("generate", "render_cli.api", cwd=tmp_path)  # no -o
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "pyhpp generate: error: the following arguments are required: -o/--output")
    assert files_under(tmp_path) == []


# -- errors: exit 1, one line, nothing written ---------------------------------------------------


def test_missing_module(tmp_path: pathlib.Path) -> None:
    done = generate("render_cli.nosuch", "-o", "out", "--depfile", "out/deps.d",
                    "--stamp", "out/stamp", cwd=tmp_path)
    assert one_error_line(done) == (
        "pyhpp: error: cannot import module 'render_cli.nosuch': ModuleNotFoundError: "
        "No module named 'render_cli.nosuch'")
    assert list(tmp_path.iterdir()) == []  # not even the output directory


def test_missing_top_level_module(tmp_path: pathlib.Path) -> None:
    done = generate("render_cli_nosuch", "-o", "out", cwd=tmp_path)
    assert one_error_line(done) == (
        "pyhpp: error: cannot import module 'render_cli_nosuch': ModuleNotFoundError: "
        "No module named 'render_cli_nosuch'")
    assert list(tmp_path.iterdir()) == []


def test_module_raising_at_import_points_at_the_raise(tmp_path: pathlib.Path) -> None:
    done = generate("render_cli.api", "render_cli.raises", "-o", "out", cwd=tmp_path)
    line = line_of("raises.py", "raise RuntimeError")
    assert one_error_line(done) == (
        f"render_cli/raises.py:{line}: error: importing 'render_cli.raises' raised RuntimeError: "
        "render_cli.raises refuses to be imported")
    assert list(tmp_path.iterdir()) == []  # render_cli.api imported fine, but nothing is written


def test_a_function_is_not_a_module(tmp_path: pathlib.Path) -> None:
    done = generate("os.path.join", "-o", "out", cwd=tmp_path)
    assert one_error_line(done) == (
        "pyhpp: error: cannot import module 'os.path.join': ModuleNotFoundError: No module named "
        "'os.path.join'; 'os.path' is not a package ('os.path.join' is a function in module "
        "'os.path', not a module)")
    assert list(tmp_path.iterdir()) == []


def test_missing_target_python(tmp_path: pathlib.Path) -> None:
    missing = str(tmp_path / "no" / "python3")
    done = pyhpp("generate", "render_cli.api", "-o", "out", "--python", missing, cwd=tmp_path)
    assert one_error_line(done) == (
        f"pyhpp: error: cannot run Python '{missing}': No such file or directory")
    assert list(tmp_path.iterdir()) == []


def test_namespace_that_is_not_an_identifier(tmp_path: pathlib.Path) -> None:
    done = generate("render_cli.api", "-o", "out", "--namespace", "acme::my-lib", cwd=tmp_path)
    assert one_error_line(done) == (
        "pyhpp: error: namespace component 'my-lib' is not usable as a C++ name")


def test_namespace_that_is_a_keyword(tmp_path: pathlib.Path) -> None:
    done = generate("render_cli.api", "-o", "out", "--namespace", "acme::new", cwd=tmp_path)
    assert one_error_line(done) == (
        "pyhpp: error: namespace component 'new' is not usable as a C++ name")
    assert list(tmp_path.iterdir()) == []


def test_custom_namespace_sets_paths_and_namespace(tmp_path: pathlib.Path) -> None:
    done = generate("render_cli.api", "-o", "out", "--namespace", "acme::bind", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert files_under(tmp_path / "out") == [
        "include/acme/bind/render_cli/api.hpp", "src/acme/bind/render_cli/api.cpp"]
    header = (tmp_path / "out" / "include/acme/bind/render_cli/api.hpp").read_text()
    assert "\nnamespace acme::bind::render_cli::api {\n" in header
    source = (tmp_path / "out" / "src/acme/bind/render_cli/api.cpp").read_text()
    assert "#include <acme/bind/render_cli/api.hpp>\n" in source


# -- warnings and --strict -----------------------------------------------------------------------


UNMAPPABLE = ("render_cli.unmappable.either() parameter 'x': cannot map annotation "
              "'decimal.Decimal' (class decimal.Decimal is not part of this binding target); "
              "using pyhpp::object")


def test_unmappable_annotation_warns_and_still_generates(tmp_path: pathlib.Path) -> None:
    done = generate("render_cli.unmappable", "-o", "out", cwd=tmp_path)
    line = line_of("unmappable.py", "def either(")
    assert done.returncode == 0
    assert done.stderr == f"render_cli/unmappable.py:{line}: warning: {UNMAPPABLE}\n"
    assert files_under(tmp_path / "out") == [
        "include/py/render_cli/unmappable.hpp", "src/py/render_cli/unmappable.cpp"]
    header = (tmp_path / "out" / "include/py/render_cli/unmappable.hpp").read_text()
    assert "std::int64_t either(const pyhpp::object &x);" in header


def test_strict_makes_the_warning_an_error(tmp_path: pathlib.Path) -> None:
    done = generate("render_cli.unmappable", "-o", "out", "--strict", cwd=tmp_path)
    error = one_error_line(done)
    assert UNMAPPABLE in error
    assert error.endswith(" (--strict makes warnings errors)")
    assert list(tmp_path.iterdir()) == []


def test_strict_error_reads_like_an_error(tmp_path: pathlib.Path) -> None:
    done = generate("render_cli.unmappable", "-o", "out", "--strict", cwd=tmp_path)
    line = line_of("unmappable.py", "def either(")
    assert one_error_line(done) == (
        f"render_cli/unmappable.py:{line}: error: {UNMAPPABLE} (--strict makes warnings errors)")


def test_an_object_introspection_cannot_describe_is_skipped_with_a_warning(
        tmp_path: pathlib.Path) -> None:
    done = generate("render_cli.odd", "-o", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ("render_cli/odd.py: warning: render_cli.odd.odd is not wrapped: "
                           "introspection raised RuntimeError: no signature today\n")
    header = (tmp_path / "out" / "include" / "py" / "render_cli" / "odd.hpp").read_text()
    assert "std::int64_t fine();" in header
    assert " odd(" not in header
    strict = generate("render_cli.odd", "-o", "strict", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert not (tmp_path / "strict").exists()


# -- what is written -----------------------------------------------------------------------------


def test_unchanged_outputs_are_not_rewritten(tmp_path: pathlib.Path) -> None:
    python = copy_render_cli(tmp_path / "python")
    out = tmp_path / "out"
    assert generate("render_cli.api", "-o", "out", cwd=tmp_path, path=str(python)).returncode == 0
    assert files_under(out) == API_FILES
    age(out)
    before = snapshot(out)
    assert {mtime for _, mtime in before.values()} == {OLD * 10**9}
    done = generate("render_cli.api", "-o", "out", cwd=tmp_path, path=str(python))
    assert (done.returncode, done.stderr) == (0, "")
    assert snapshot(out) == before  # same bytes, same mtimes

    # A change to the module rewrites the files whose text changes, and only those.
    with open(python / "render_cli" / "api.py", "a", encoding="utf-8") as f:
        f.write("\n\ndef extra() -> int:\n    return 1\n")
    assert generate("render_cli.api", "-o", "out", cwd=tmp_path, path=str(python)).returncode == 0
    after = snapshot(out)
    assert sorted(after) == API_FILES
    for name in API_FILES:
        assert after[name][1] != OLD * 10**9, name
        assert b"extra()" in after[name][0]
        assert after[name][0] != before[name][0]


@pytest.mark.parametrize("failing, error", [
    ("render_cli.raises", "error: importing 'render_cli.raises' raised RuntimeError"),
    ("render_cli.toomany", "error: render_cli.toomany.many() has more than 64 keyword parameters"),
])
def test_failed_generation_leaves_previous_outputs_untouched(
        tmp_path: pathlib.Path, failing: str, error: str) -> None:
    python = copy_render_cli(tmp_path / "python")
    out = tmp_path / "out"
    assert generate("render_cli.api", "-o", "out", cwd=tmp_path, path=str(python)).returncode == 0
    age(out)
    before = snapshot(out)
    # render_cli.api changes, so a successful run would rewrite its files; this run fails later
    # (while importing render_cli.raises, or while rendering render_cli.toomany).
    with open(python / "render_cli" / "api.py", "a", encoding="utf-8") as f:
        f.write("\n\ndef extra() -> int:\n    return 1\n")
    done = generate("render_cli.api", failing, "-o", "out", "--depfile", "out/deps.d",
                    "--stamp", "out/stamp", cwd=tmp_path, path=str(python))
    assert error in one_error_line(done)
    assert snapshot(out) == before
    assert [p for p in tmp_path.rglob("*") if p.name.startswith(".pyhpp-")] == []


def test_unwritable_output_is_a_one_line_error(tmp_path: pathlib.Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "src").write_text("a file where a directory should be\n")
    done = generate("render_cli.api", "-o", "out", cwd=tmp_path)
    assert one_error_line(done).startswith("pyhpp: error: cannot write ")


def test_write_failure_leaves_previous_outputs_untouched(tmp_path: pathlib.Path) -> None:
    python = copy_render_cli(tmp_path / "python")
    out = tmp_path / "out"
    assert generate("render_cli.api", "-o", "out", cwd=tmp_path, path=str(python)).returncode == 0
    with open(python / "render_cli" / "api.py", "a", encoding="utf-8") as f:
        f.write("\n\ndef extra() -> int:\n    return 1\n")
    shutil.rmtree(out / "src")
    (out / "src").write_text("a file where a directory should be\n")  # src/... cannot be written
    age(out)
    before = snapshot(out)
    done = generate("render_cli.api", "-o", "out", cwd=tmp_path, path=str(python))
    assert done.returncode == 1
    assert snapshot(out) == before
    assert [p for p in tmp_path.rglob("*") if p.name.startswith(".pyhpp-")] == []


def parse_depfile(text: str) -> Tuple[str, List[str]]:
    """A make rule 'target: dep dep \\\n dep' with '\\ ', '\\#', '$$' escapes -> (target, deps)."""
    words: List[str] = []
    word = ""
    i = 0
    text = text.replace("\\\n", " ")
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in " #\\":
            word += text[i + 1]
            i += 2
            continue
        if c == "$" and text[i + 1:i + 2] == "$":
            word += "$"
            i += 2
            continue
        if c in " \n":
            if word:
                words.append(word)
            word = ""
        else:
            word += c
        i += 1
    if word:
        words.append(word)
    assert words[0].endswith(":"), words[:2]
    return words[0][:-1], words[1:]


def test_depfile_lists_the_module_and_what_it_imports(tmp_path: pathlib.Path) -> None:
    python = copy_render_cli(tmp_path / "python dir")  # a space, escaped as '\ '
    done = generate("render_cli.api", "-o", "out", "--depfile", "build/api.d", "--stamp",
                    "build/api.stamp", cwd=tmp_path, path=str(python))
    assert (done.returncode, done.stderr) == (0, "")
    text = (tmp_path / "build" / "api.d").read_text()
    assert "python\\ dir" in text
    target, deps = parse_depfile(text)
    assert target == str(tmp_path / "build" / "api.stamp")
    package = python / "render_cli"
    for name in ("__init__.py", "api.py", "_util.py", "_constants.py"):
        assert str(package / name) in deps, name  # _constants only through _util
    assert str(package / "raises.py") not in deps
    assert os.path.join(REPO, "templates", "module.hpp.j2") in deps
    assert os.path.join(GENERATOR_DIR, "pyhpp", "render", "views.py") in deps
    assert deps == sorted(deps)
    assert all(os.path.isabs(d) for d in deps)
    # The stamp lists what was generated.
    assert (tmp_path / "build" / "api.stamp").read_text() == "\n".join(API_FILES) + "\n"


def test_depfile_without_stamp_names_the_first_output(tmp_path: pathlib.Path) -> None:
    done = generate("render_cli.api", "-o", "out", "--depfile", "api.d", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    target, deps = parse_depfile((tmp_path / "api.d").read_text())
    assert target == str(tmp_path / "out" / API_FILES[0])
    assert os.path.join(FIXTURES, "render_cli", "api.py") in deps


# -- inspect -------------------------------------------------------------------------------------


def test_inspect_prints_ir_json(tmp_path: pathlib.Path) -> None:
    done = pyhpp("inspect", "render_cli.api", "--python", TARGET, "--path", FIXTURES, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    api = from_json(done.stdout)
    assert isinstance(api, Api)
    assert json.loads(done.stdout)["node"] == "Api"
    (module,) = api.modules
    assert module.name == "render_cli.api"
    assert module.cpp_namespace == ("py", "render_cli", "api")  # after the passes
    # scale_factor is imported from render_cli._util: a re-export of the same package.
    assert [f.name for f in module.functions] == ["scale_factor", "area", "tally", "ping"]
    tally = module.functions[2]
    assert [(p.name, p.kind, p.has_default) for p in tally.parameters] == [
        ("values", "positional_or_keyword", False), ("weights", "positional_or_keyword", True),
        ("label", "keyword_only", True), ("exact", "keyword_only", True)]
    assert tally.cpp_returns is not None and tally.cpp_returns.kind == "optional"
    assert list(tmp_path.iterdir()) == []  # inspect writes nothing


def test_inspect_reports_errors_like_generate(tmp_path: pathlib.Path) -> None:
    done = pyhpp("inspect", "render_cli.nosuch", "--python", TARGET, "--path", FIXTURES,
                 cwd=tmp_path)
    assert one_error_line(done) == (
        "pyhpp: error: cannot import module 'render_cli.nosuch': ModuleNotFoundError: "
        "No module named 'render_cli.nosuch'")
