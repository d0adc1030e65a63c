"""Golden case `naming`: Python names that are C++ keywords, common macros or reserved names,
and names that collide once spelled in C++."""

import enum

__all__ = [
    "delete", "new", "max", "min", "errno", "EOF", "NULL", "unix", "linux", "__hidden",
    "_private", "pyhpp_call", "kw", "keywords", "detail", "options", "Max",
    "F_OK", "WEXITSTATUS", "wait_status", "max_", "Seek", "Handler",
]

F_OK: int = 0
"""Macros of <unistd.h>, <sys/wait.h> and <time.h>, which <Python.h> includes."""


def delete(this: int, template: str, *, namespace: str = "", register: bool = False) -> None:
    """C++ keywords as function and parameter names, and as keyword argument names."""


def new(default: int = 0, explicit: int = 0, *, union: int = 0, operator: str = "") -> int:
    return 0


def max(errno: int, EOF: int = -1) -> int:
    """Macros of <cerrno>, <cstdio> and <windows.h> get a trailing underscore."""
    return 0


def min(NULL: object, unix: int, linux: int) -> int:
    return 0


def errno() -> int:
    return 0


def EOF() -> int:
    return -1


def NULL() -> None:
    pass


def unix(*, offsetof: int = 0, NDEBUG: bool = False) -> None:
    pass


def linux(stdin: str, stdout: str, stderr: str) -> None:
    pass


def __hidden(__x: int, _y: int, a__b: int) -> None:
    """Reserved spellings: `__` anywhere and `_` before a capital at the start."""


def _private(_X: int) -> None:
    pass


def pyhpp_call(pyhpp_args: int, pyhpp_result: int = 0, *, pyhpp_keywords: int = 0) -> None:
    """Names with the generator's own prefix."""


def kw(keywords: int, detail: int, codec: int, std: int) -> None:
    """Names the generated code uses itself."""


def keywords(*, kw: int = 0) -> None:
    pass


def detail(*args: int, **kw: int) -> None:
    pass


def options(*, float: float = 0.0, int: int = 0, bool: bool = False, char: str = "") -> None:
    """Keyword-only parameters named like C++ types."""


def Max(x: int) -> int:
    """Not a macro: case matters."""
    return x


def WEXITSTATUS(status: int) -> int:
    return status >> 8


def wait_status(status: int, *, CLOCK_REALTIME: int = 0, st_mtime: float = 0.0) -> int:
    """Macros as keyword names: `kw::CLOCK_REALTIME_`, `kw::st_mtime_`."""
    return status


def max_(a: int, b: int) -> int:
    """Usable as is: keeps `max_`, so `max` becomes `max_2`."""
    return a if a > b else b


class Seek(enum.IntEnum):
    SEEK_SET = 0
    SEEK_DATA = 3
    other = 4


class Handler:
    """logging.Handler's shape: the setter of `name` would collide with set_name()."""

    def __init__(self, level: int = 0) -> None:
        self._name = ""

    @property
    def name(self) -> str:
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        self._name = value

    def get_name(self) -> str:
        return self._name

    def set_name(self, name: str) -> None:
        self._name = name

    def Handler(self) -> int:
        """Named like its class, which C++ keeps for constructors."""
        return 0
