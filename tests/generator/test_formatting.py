"""Tests for pyhpp.formatting: which clang-format lays out the files, that it runs in batches,
that comments are wrapped so clang-format leaves them alone, and that the generator's style is the
repository's."""

from __future__ import annotations

import os
import stat

import pytest

from pyhpp import formatting
from pyhpp.diagnostics import GenerationError
from pyhpp.formatting import clang
from pyhpp.formatting.comments import COLUMNS, wrap_comments

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def clang_format_14() -> str:
    found = clang.find()
    if found is None:
        pytest.skip("clang-format 14 is not installed (clang-format-14, or clang-format of "
                    "version 14, or $PYHPP_CLANG_FORMAT)")
    return found


def fake_clang_format(directory: str, name: str, version: str) -> str:
    """A program that answers --version like clang-format `version` and uppercases the files
    it is given with -i."""
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\n"
                f'if [ "$1" = --version ]; then echo "Debian clang-format version {version}"; '
                "exit 0; fi\n"
                'for f in "$@"; do case "$f" in -*) ;; *) '
                "tr a-z A-Z < \"$f\" > \"$f.up\" && mv \"$f.up\" \"$f\";; esac; done\n")
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
    return path


def test_generator_style_is_the_repository_style() -> None:
    # The generator's output passes the repository's clang-format check unchanged.
    with open(formatting.STYLE_FILE, "rb") as ours, \
            open(os.path.join(REPO, ".clang-format"), "rb") as repository:
        assert ours.read() == repository.read(), (
            "generator/pyhpp/formatting/pyhpp.clang-format and .clang-format differ: "
            "keep them the same")


def test_find_prefers_clang_format_14(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(clang.ENVIRONMENT, raising=False)
    plain = fake_clang_format(str(tmp_path), "clang-format", "15.0.7")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert clang.find() is None  # clang-format 15 formats differently: not used
    versioned = fake_clang_format(str(tmp_path), "clang-format-14", "14.0.6")
    assert clang.find() == versioned
    os.unlink(versioned)
    os.unlink(plain)
    plain = fake_clang_format(str(tmp_path), "clang-format", "14.0.0")
    assert clang.find() == plain


def test_find_takes_the_requested_one(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = fake_clang_format(str(tmp_path), "cf14", "14.0.6")
    bad = fake_clang_format(str(tmp_path), "cf13", "13.0.1")
    monkeypatch.setenv(clang.ENVIRONMENT, good)
    assert clang.find() == good
    assert clang.find("none") is None
    monkeypatch.setenv(clang.ENVIRONMENT, "none")
    assert clang.find() is None
    assert clang.find(good) == good
    with pytest.raises(GenerationError, match=r"'.*cf13' is version 13; pyhpp needs "
                                              r"clang-format 14"):
        clang.find(bad)
    with pytest.raises(GenerationError, match="cannot find clang-format 'no-such-clang-format'"):
        clang.find("no-such-clang-format")


def test_files_are_formatted_in_batches(tmp_path) -> None:
    program = fake_clang_format(str(tmp_path), "cf", "14.0.6")
    files = {f"src/m{n}.cpp": f"int value_{n};\n" * (n + 1) for n in range(7)}
    formatter = formatting.Formatter(program, jobs=3)
    formatter.submit(files)
    assert formatter.results() == {name: text.upper() for name, text in files.items()}


def test_a_failing_clang_format_is_an_error(tmp_path) -> None:
    program = os.path.join(str(tmp_path), "cf")
    with open(program, "w", encoding="utf-8") as f:
        f.write('#!/bin/sh\necho "bad style" >&2\nexit 1\n')
    os.chmod(program, 0o755)
    formatter = formatting.Formatter(program)
    formatter.submit({"include/a.hpp": "int a;\n"})
    with pytest.raises(GenerationError, match=r"clang-format failed on include/a.hpp: bad style"):
        formatter.results()


SIGNATURE = ("    /// Python: `subprocess.check_output(args: str | bytes | os.PathLike[str] | "
             "Sequence[str | bytes], bufsize: int = ..., executable: str | None = ..., "
             "env: dict[str, str] | None = {'a, b': 'c'}, timeout: float | None = None) -> "
             "float`")


def test_a_signature_breaks_between_parameters() -> None:
    lines = wrap_comments(SIGNATURE).split("\n")
    assert lines == [
        "    /// Python: `subprocess.check_output(args: str | bytes | os.PathLike[str] |",
        "    ///     Sequence[str | bytes], bufsize: int = ..., executable: str | None = ...,",
        "    ///     env: dict[str, str] | None = {'a, b': 'c'}, timeout: float | None = None) -> float`",
    ]
    # `->` moves with the return type.
    lines = wrap_comments(SIGNATURE.replace("None)", "None, flag: bool)")).split("\n")
    assert lines[-2:] == [
        "    ///     env: dict[str, str] | None = {'a, b': 'c'}, timeout: float | None = None, "
        "flag: bool)",
        "    ///     -> float`"]


def test_wrapped_comments_keep_their_words() -> None:
    text = "/// " + " ".join(f"word{n}" for n in range(60)) + "\n    ///   indented " + "x" * 120
    lines = wrap_comments(text).split("\n")
    assert all(len(line) <= COLUMNS or " " not in line.lstrip(" /") for line in lines)
    assert lines[-1] == "    ///   " + "x" * 120
    assert " ".join(line.split("///")[1].strip() for line in lines) == " ".join(
        line.split("///")[1].strip() for line in text.split("\n"))


def test_clang_format_leaves_wrapped_comments_alone() -> None:
    executable = clang_format_14()
    text = "\n".join([
        "namespace a {",
        wrap_comments(SIGNATURE),
        "void check_output();",
        wrap_comments("/// " + "words and more words " * 12 + "https://example.com/" + "p" * 90
                      + " and the end."),
        wrap_comments("    ///     >>> " + "code(1, 2) " * 12),
        "void f();",
        "} // namespace a",
        ""])
    formatter = formatting.Formatter(executable)
    formatter.submit({"include/a.hpp": text})
    assert formatter.results()["include/a.hpp"] == text.replace("\n    ///", "\n///")


# Constructs the templates produce that the own layout lays out as clang-format 14 does.
CONSTRUCTS = """namespace pyhpp_literals {
struct pyhpp_literal_0 {
    static bool contains(const std::string &value) {
        return value == "r" || value == "w";
    }
    static bool contains_many(const std::string &value) {
        return value == "r+" || value == "+r" || value == "rt+" || value == "r+t" || value == "+rt" || value == "tr+" || value == "t+r" || value == "+tr" || value == "w+";
    }
    static constexpr const char *text = "Literal['rb+', 'r+b', '+rb', 'br+', 'b+r', '+br', 'wb+', 'w+b', '+wb', 'bw+', 'b+w', '+bw', 'ab+', 'a+b', '+ab', 'ba+', 'b+a', '+ba', 'xb+', 'x+b', '+xb', 'bx+', 'b+x', '+bx', 'rb', 'br', 'rbU', 'rUb', 'Urb', 'brU', 'bUr', 'Ubr', 'wb', 'bw', 'ab', 'ba', 'xb', 'bx']";
};
struct Marker {
};
} // namespace pyhpp_literals
template <class T>
T first(const pyhpp::list<T> &items) {
    return pyhpp::convert<T>(items);
}
Handler::Handler(pyhpp::opt<std::int64_t> level)
    : pyhpp::object() {
}
explicit Handler(const std::variant<std::vector<std::filesystem::path>, std::filesystem::path> &args, pyhpp_K &&...pyhpp_kw);
void check(::PyObject *dict) {
    if (dict && value.sku && !pyhpp::detail::set_item(dict, "sku", pyhpp_struct_golden_nesting_Sku::to_python(*value.sku)))
        return;
    ::PyObject *fields[] = {nullptr, pyhpp_struct_golden_nesting_Sku::to_python(value.sku), pyhpp_struct_golden_nesting_Marker::to_python(value.marker)};
}
pyhpp::detail::keyword_names posix_spawn{"path,argv,env,file_actions,setpgroup,resetids,setsid,setsigmask,setsigdef,scheduler"};
"""


def test_own_layout_lays_out_constructs_as_clang_format_does() -> None:
    executable = clang_format_14()
    laid_out = formatting.Formatter(None)
    laid_out.submit({"src/a.cpp": CONSTRUCTS})
    formatter = formatting.Formatter(executable)
    formatter.submit({"src/a.cpp": CONSTRUCTS})
    expected = formatter.results()["src/a.cpp"]
    assert CONSTRUCTS != expected  # every construct needs laying out
    assert laid_out.results()["src/a.cpp"] == expected
