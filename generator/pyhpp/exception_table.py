"""The Python built-in exceptions the runtime maps to C++ classes, read from the runtime's own
table (runtime/include/pyhpp/detail/exceptions.def), so the generator and the runtime cannot
disagree. Standard library only: importing it costs no Jinja2."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Set, Tuple

# The source tree holds the runtime beside generator/; an install puts a copy of the table at the
# same place relative to the generator (CMakeLists.txt).
EXCEPTIONS_FILE = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    "runtime", "include", "pyhpp", "detail", "exceptions.def",
)

_ENTRY = re.compile(r"PYHPP_(ROOT_)?EXCEPTION\((\w+), (\w+)(?:, (\w+))?\)")


@dataclass(frozen=True)
class BuiltinException:
    python_name: str  # in builtins: "KeyError"
    cpp_class: str  # in namespace pyhpp: "key_error"
    cpp_base: Optional[str]  # None for BaseException (pyhpp::error)

    @property
    def qualified(self) -> str:
        return "builtins." + self.python_name

    @property
    def cpp_name(self) -> str:
        return "pyhpp::" + self.cpp_class


def _entry(text: str, declared: Set[str]) -> Optional[BuiltinException]:
    """The entry on one line of the table: a root entry has no base, every other one names a
    class declared before it; None for anything else."""
    match = _ENTRY.fullmatch(text)
    if match is None:
        return None
    root, python_name, cpp_class, base = match.groups()
    if (root is None) == (base is None) or (base is not None and base not in declared):
        return None
    return BuiltinException(python_name, cpp_class, base)


def read_table(path: str = EXCEPTIONS_FILE) -> Tuple[BuiltinException, ...]:
    """The entries of the table in order; ValueError names the first line that is neither a
    comment nor an entry, or an entry whose base is not declared before it."""
    entries: List[BuiltinException] = []
    with open(path, encoding="utf-8") as table:
        for number, line in enumerate(table, 1):
            text = line.strip()
            if not text or text.startswith("//"):
                continue
            entry = _entry(text, {e.cpp_class for e in entries})
            if entry is None:
                raise ValueError(f"{path}:{number}: not an exception entry with a declared "
                                 f"base: {text}")
            entries.append(entry)
    return tuple(entries)


BUILTIN_EXCEPTIONS = read_table()

# Python exception classes the runtime maps, by qualified name: "builtins.KeyError" ->
# "pyhpp::key_error".
BUILTIN_ERRORS: Dict[str, str] = {e.qualified: e.cpp_name for e in BUILTIN_EXCEPTIONS}
