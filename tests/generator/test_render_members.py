"""Generated members and declaration order: special methods, @overload sets, names C++ reserves,
what the source leaves out when nothing uses it, and headers that define every kind of class
inside every other kind. The golden cases `members` and `nesting` are the inputs; each is
generated here and compiled with warnings as errors by g++ and clang++."""

from __future__ import annotations

import os
import pathlib
import re
from typing import Dict, List

import pytest

from discovery import FIXTURES
from test_render import (
    COMPILER_STANDARDS,
    COMPILERS,
    NO_COMPILER,
    RUNTIME_INCLUDE,
    TARGET,
    compile_check,
    flat,
    python_include,
    render_files,
    run_pyhpp,
    tree,
    write_tree,
)

GOLDEN_INPUTS = os.path.join(FIXTURES, "golden")
CASES = ("members", "nesting")


def header(generated: Dict[str, Dict[str, str]], case: str) -> str:
    return generated[case][f"include/py/golden_{case}.hpp"]


def source(generated: Dict[str, Dict[str, str]], case: str) -> str:
    return generated[case][f"src/py/golden_{case}.cpp"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Dict[str, str]]:
    return {case: render_files([f"golden_{case}"], str(tmp_path_factory.mktemp(case)),
                               paths=[GOLDEN_INPUTS]) for case in CASES}


def compile_all(root: str, files: Dict[str, str], module: str, compiler: str, std: str) -> str:
    """Compiles the header alone (as a user's translation unit, without Python's include
    directory) and the source; returns the diagnostics ('' when both compile)."""
    write_tree(root, files)
    use = os.path.join(root, "use.cpp")
    with open(use, "w", encoding="utf-8") as f:
        f.write(f"#include <py/{module}.hpp>\n")
    include = os.path.join(root, "include")
    return (compile_check(compiler, std, use, [include, RUNTIME_INCLUDE])
            + compile_check(compiler, std, os.path.join(root, "src", "py", f"{module}.cpp"),
                            [include, RUNTIME_INCLUDE, python_include()]))


@pytest.mark.skipif(not COMPILERS, reason=NO_COMPILER)
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("compiler", COMPILERS or ["none"])
def test_case_compiles_with_warnings_as_errors(
        generated: Dict[str, Dict[str, str]], tmp_path: pathlib.Path, case: str,
        compiler: str) -> None:
    std = dict(COMPILER_STANDARDS).get(compiler, "c++17")
    assert compile_all(str(tmp_path), generated[case], f"golden_{case}", compiler, std) == ""


# -- special methods ------------------------------------------------------------------------------


def test_fitting_special_methods_are_operators(generated: Dict[str, Dict[str, str]]) -> None:
    text = flat(header(generated, "members"))
    for declaration in (
            "::py::golden_members::Vector operator+(const ::py::golden_members::Vector &other) "
            "const;",
            "::py::golden_members::Vector operator-() const;",
            "double operator[](std::int64_t index) const;",
            # A call operator takes defaults, *args and **kwargs; the default can be named too
            # (the keyword struct sits before **kwargs, so one overload leaves both out).
            "::py::golden_members::Vector operator()(pyhpp::opt<double> scale = {}, "
            "const std::vector<double> &args = {}) const;",
            "::py::golden_members::Vector operator()(pyhpp::opt<double> scale, "
            "const std::vector<double> &args, "
            "const keywords::Vector::pyhpp_op_call &pyhpp_keywords, "
            "const std::map<std::string, double> &kwargs = {}) const;"):
        assert declaration in text, declaration


def test_special_methods_no_operator_can_declare_are_member_functions(
        generated: Dict[str, Dict[str, str]]) -> None:
    text = flat(header(generated, "members"))
    for declaration in (
            "::py::golden_members::Path truediv_(const std::vector<std::string> &other = {}) "
            "const;",
            "::py::golden_members::Path getitem(std::int64_t indices, "
            "const std::map<std::string, pyhpp::object> &kw_args = {}) const;",
            "::py::golden_members::Path sub(const ::py::golden_members::Path &other, "
            "pyhpp::opt<bool> strict = {}) const;",
            "::py::golden_members::Path mul(std::int64_t other, "
            "const keywords::Path::pyhpp_op_mul &pyhpp_keywords) const;",
            "::py::golden_members::Path and_(const std::vector<::py::golden_members::Path> "
            "&others = {}) const;",
            "::py::golden_members::Path invert(bool deep) const;",
            "::py::golden_members::Path or_() const;",
            "void truediv() const;"):
        assert declaration in text, declaration
    assert "operator/" not in text and "operator[](std::int64_t indices" not in text
    # Called by name, like any method.
    assert 'cached_name pyhpp_op_truediv{"__truediv__"};' in source(generated, "members")


def test_set_and_del_item_return_nothing(generated: Dict[str, Dict[str, str]]) -> None:
    """Unannotated, they would return pyhpp::object from a body without a return."""
    text = flat(header(generated, "members"))
    assert "void set_item(const pyhpp::object &index, const pyhpp::object &value) const;" in text
    assert "void del_item(const pyhpp::object &index) const;" in text
    body = flat(source(generated, "members")).split("void Vector::set_item(")[1].split("}")[0]
    assert "pyhpp::detail::set_item_of(*this," in body and "return" not in body


def test_an_attribute_whose_value_is_a_function_is_one_member(
        generated: Dict[str, Dict[str, str]]) -> None:
    text = flat(header(generated, "members"))
    assert text.count(" json_loads(") == 1
    assert "std::function<pyhpp::object(std::string)> json_loads() const;" in text


# -- @overload sets -------------------------------------------------------------------------------


def test_overloads_cpp_cannot_tell_apart_are_one(generated: Dict[str, Dict[str, str]]) -> None:
    text = flat(header(generated, "members"))

    def plain(name: str) -> List[str]:
        """The declarations of `name` but the keyword machinery's overloads."""
        return [d for d in re.findall(rf" {name}\([^)]*\)", text)
                if "pyhpp_K" not in d and "pyhpp_keywords" not in d]

    assert plain("dump") == [" dump(pyhpp::opt<bool> pretty = {})"]
    assert "std::variant<std::string, pyhpp::bytes> dump(pyhpp::opt<bool> pretty = {}) const;" \
        in text
    assert "/// Python: `golden_members.Reader.dump(pretty: Literal[True, False] = ...) -> " \
           "str | bytes`" in header(generated, "members")
    # `parse(text, /)` and `parse(text)` differ in a kind C++ does not see.
    assert text.count(" parse(") == 1
    assert "std::variant<std::int64_t, double> parse(const std::string &text);" in text
    # Different C++ parameters: both stay.
    assert "std::optional<std::int64_t> get(const std::string &key) const;" in text
    assert "std::int64_t get(const std::string &key, std::int64_t default_) const;" in text


# -- names and what the source reads --------------------------------------------------------------


def test_classes_named_like_keywords_use_their_cpp_names_in_the_source(
        generated: Dict[str, Dict[str, str]]) -> None:
    text = source(generated, "members")
    assert 'pyhpp::detail::cached_attr auto_{pyhpp_module, "auto"};' in text
    assert 'pyhpp::detail::cached_attr new_{pyhpp_module, "new"};' in text
    assert "return pyhpp_attrs::auto_.get();" in text
    assert "pyhpp_attrs::auto." not in text and "pyhpp_attrs::new." not in text


def test_every_struct_converts_for_to_object_and_cast(
        generated: Dict[str, Dict[str, str]]) -> None:
    # No signature uses Unused: it still converts, through the hooks pyhpp::object::cast and
    # pyhpp::to_object find by argument-dependent lookup.
    assert "struct Unused {" in header(generated, "members")
    assert ("Unused pyhpp_from_object(pyhpp::type_tag<Unused>, const pyhpp::object &value);"
            in header(generated, "members"))
    assert 'return pyhpp::detail::from_object_with<pyhpp_struct_golden_members_Unused>(\n' \
        '        value, "py::golden_members::Unused");' in source(generated, "members")


def test_literal_strings_keep_their_line_breaks_escaped(
        generated: Dict[str, Dict[str, str]]) -> None:
    assert 'return value == "\\n" || value == "\\r\\n" || value == "\\r" || value == "?\\?=";' \
        in source(generated, "members")


@pytest.mark.parametrize("text, absent", [
    pytest.param('"""Nothing public."""\n_private = 1\n', ["pyhpp_module"], id="empty"),
])
def test_the_source_defines_only_what_it_uses(tmp_path: pathlib.Path, text: str,
                                              absent: List[str]) -> None:
    root = str(tmp_path)
    with open(os.path.join(root, "m.py"), "w", encoding="utf-8") as f:
        f.write(text)
    files = render_files(["m"], os.path.join(root, "out"), paths=[root])
    for name in absent:
        assert name not in files["src/py/m.cpp"], name
    # clang++ reports unused variables of the source's anonymous namespace.
    for compiler in [c for c in COMPILERS if "clang" in c]:
        assert compile_all(os.path.join(root, compiler), files, "m", compiler, "c++17") == ""


# -- declaration order ----------------------------------------------------------------------------


def positions(text: str, *definitions: str) -> List[int]:
    return [text.index(f"\n{d} ") for d in definitions]


def test_types_are_defined_after_what_they_need(generated: Dict[str, Dict[str, str]]) -> None:
    text = header(generated, "nesting")
    # Every class and struct is declared before any is defined.
    assert text.index("\nstruct Stock;\n") < text.index("\nclass Owner :")
    # Struct fields, bases, default arguments and what converting to a class looks at.
    at = dict(zip(["Price", "Sku", "Label", "Stock", "Owner", "Item", "Shop", "Base", "Derived",
                   "Address", "Proxy", "Transport", "Line", "Order"],
                  positions(text, "struct Price", "struct Sku", "struct Label", "struct Stock",
                            "class Owner", "class Item", "class Shop", "class Base",
                            "class Derived", "class Address", "class Proxy", "class Transport",
                            "struct Line", "struct Order")))
    assert at["Price"] < at["Sku"] and at["Owner"] < at["Sku"]
    assert at["Sku"] < at["Label"] and at["Item"] < at["Label"]
    assert max(at["Item"], at["Sku"], at["Label"], at["Shop"]) < at["Stock"]
    assert at["Base"] < at["Derived"]
    assert max(at["Proxy"], at["Address"]) < at["Transport"]
    assert at["Line"] < at["Order"]
    # Each struct's converter comes after those of the structs it holds.
    src = source(generated, "nesting")
    assert src.index("struct pyhpp_struct_golden_nesting_Line {") < src.index(
        "struct pyhpp_struct_golden_nesting_Order {")


def test_members_whose_defaults_need_a_later_type_get_shorter_overloads(
        generated: Dict[str, Dict[str, str]]) -> None:
    text = flat(header(generated, "nesting"))
    # Base.clone(into: Derived | None = None, depth: int = 1): Derived derives from Base.
    clones = re.findall(r"::py::golden_nesting::Base clone\(([^;]*)\) const;", text)
    assert len(clones) == 4 and clones[0] == "" and not any("= {}" in c for c in clones)
    assert re.search(r"&into, pyhpp::opt<std::int64_t> depth$", clones[2])
    # The last takes them by name too (`kw::depth = 2`).
    assert clones[3].endswith(
        "depth, const keywords::Base::clone &pyhpp_keywords")
    src = flat(source(generated, "nesting"))
    assert "::py::golden_nesting::Base Base::clone() const { return this->clone(" in src
    # A shorter overload that another signature declares already is left out.
    assert text.count(" merge(") == 2
    assert "std::int64_t merge(std::int64_t other) const;" in text
    # Members whose defaults need nothing later keep them.
    assert "explicit Owner(const std::string &name, pyhpp::opt<::py::golden_nesting::Size> " \
           "size = {});" in text


def test_the_order_is_the_same_whatever_the_hash_seed(tmp_path: pathlib.Path) -> None:
    """Orders come from the input, never from iterating sets of names."""
    outputs = []
    for seed in ("1", "2", "3"):
        output = str(tmp_path / seed)
        done = run_pyhpp("generate", "golden_nesting", "-o", output, "--python", TARGET,
                         "--path", GOLDEN_INPUTS, cwd=str(tmp_path),
                         env=dict(os.environ, PYTHONHASHSEED=seed, PYTHONDONTWRITEBYTECODE="1"))
        assert done.returncode == 0, done.stderr
        outputs.append(tree(output))
    assert outputs[0] == outputs[1] == outputs[2]


@pytest.mark.parametrize("compiler", COMPILERS)
def test_a_class_named_like_pythons_own_types_does_not_break_the_source(
        tmp_path: pathlib.Path, compiler: str) -> None:
    # The source expands Python's macros in the module's namespace; they name `PyObject`.
    root = str(tmp_path)
    with open(os.path.join(root, "m.py"), "w", encoding="utf-8") as f:
        f.write("from typing import NamedTuple, TypedDict\n\n\n"
                "class PyObject:\n    pass\n\n\n"
                "class Point(NamedTuple):\n    x: int\n    y: int\n\n\n"
                "class Options(TypedDict, total=False):\n    verbose: bool\n\n\n"
                "def scale(p: Point, o: Options, thing: PyObject) -> Point:\n"
                "    return p\n")
    files = render_files(["m"], os.path.join(root, "out"), paths=[root])
    assert "class PyObject" in files["include/py/m.hpp"]
    assert compile_all(os.path.join(root, compiler), files, "m", compiler, "c++17") == ""
