"""Format: lays out rendered C++ the way clang-format 14 does with STYLE_FILE, by running it when
it is installed and with pyhpp's own layout (layout.py) when it is not."""

from __future__ import annotations

import os
from typing import Dict, Optional

from . import clang
from .layout import layout

# The generator's own style: the same as the repository's .clang-format (a test checks), and
# installed with the generator, so the output does not depend on where it is written.
STYLE_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pyhpp.clang-format")


class Formatter:
    """Collects rendered files and returns them formatted, by clang-format or by layout()."""

    def __init__(self, executable: Optional[str], jobs: Optional[int] = None) -> None:
        self.executable = executable
        self._clang = clang.ClangFormat(executable, STYLE_FILE, jobs) if executable else None
        self._done: Dict[str, str] = {}

    def submit(self, files: Dict[str, str]) -> None:
        if self._clang is not None:
            self._clang.submit(files)
        else:
            self._done.update((name, layout(text)) for name, text in files.items())

    def results(self) -> Dict[str, str]:
        if self._clang is not None:
            self._done.update(self._clang.results())
        return dict(self._done)

