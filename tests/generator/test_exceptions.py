"""Tests for the exception table the generator shares with the runtime (exceptions.def)."""

from __future__ import annotations

import builtins
import pathlib
from typing import List

import pytest

from pyhpp.exception_table import BUILTIN_ERRORS, BUILTIN_EXCEPTIONS, read_table


def test_the_table_follows_python_s_hierarchy() -> None:
    by_cpp = {e.cpp_class: e for e in BUILTIN_EXCEPTIONS}
    assert BUILTIN_EXCEPTIONS[0].python_name == "BaseException"
    assert BUILTIN_EXCEPTIONS[0].cpp_class == "error"
    for entry in BUILTIN_EXCEPTIONS[1:]:
        cls = getattr(builtins, entry.python_name)
        assert entry.cpp_base is not None, entry
        # The direct base in Python is the class the table derives the C++ class from.
        assert cls.__bases__ == (getattr(builtins, by_cpp[entry.cpp_base].python_name),), entry


def test_the_generator_maps_qualified_names_to_runtime_classes() -> None:
    assert len(BUILTIN_ERRORS) == 37
    assert BUILTIN_ERRORS["builtins.BaseException"] == "pyhpp::error"
    assert BUILTIN_ERRORS["builtins.KeyError"] == "pyhpp::key_error"
    assert BUILTIN_ERRORS["builtins.UnicodeDecodeError"] == "pyhpp::unicode_decode_error"
    assert "builtins.Warning" not in BUILTIN_ERRORS


ROOT = "PYHPP_ROOT_EXCEPTION(BaseException, error)"


@pytest.mark.parametrize("lines, bad", [
    ([ROOT, "PYHPP_EXCEPTION(KeyError key_error)"], "PYHPP_EXCEPTION(KeyError key_error)"),
    ([ROOT, "PYHPP_EXCEPTION(KeyError, key_error, lookup_error)",
      "PYHPP_EXCEPTION(LookupError, lookup_error, error)"],
     "PYHPP_EXCEPTION(KeyError, key_error, lookup_error)"),  # its base comes later
    ([ROOT, "PYHPP_EXCEPTION(Exception, exception)"], "PYHPP_EXCEPTION(Exception, exception)"),
    ([ROOT, "PYHPP_ROOT_EXCEPTION(Exception, exception, error)"],
     "PYHPP_ROOT_EXCEPTION(Exception, exception, error)"),
])
def test_a_table_the_generator_cannot_read_is_an_error(tmp_path: pathlib.Path,
                                                       lines: List[str], bad: str) -> None:
    table = tmp_path / "exceptions.def"
    table.write_text("// a comment\n\n" + "\n".join(lines) + "\n")
    with pytest.raises(ValueError) as caught:
        read_table(str(table))
    assert str(caught.value) == (f"{table}:4: not an exception entry with a declared base: "
                                 f"{bad}")


def test_comments_and_blank_lines_are_skipped(tmp_path: pathlib.Path) -> None:
    table = tmp_path / "exceptions.def"
    table.write_text("// header\n\nPYHPP_ROOT_EXCEPTION(BaseException, error)\n"
                     "// Exception\nPYHPP_EXCEPTION(Exception, exception, error)\n")
    assert [(e.python_name, e.cpp_class, e.cpp_base) for e in read_table(str(table))] == [
        ("BaseException", "error", None), ("Exception", "exception", "error")]
