"""Golden case `members`: what special methods and @overload sets become in C++.

Special methods become C++ operators when their signature fits one, else member functions named
after them; __setitem__ and __delitem__ return nothing; @overload signatures that C++ cannot
tell apart are merged. Each body is irrelevant: only the signatures are wrapped.
"""

from __future__ import annotations

import enum
from typing import Any, Callable, Dict, Literal, NamedTuple, Optional, Union, overload


class Vector:
    """Operators whose signatures fit, and special methods without annotations."""

    def __init__(self, x: float, y: float) -> None:
        self.x, self.y = x, y

    def __add__(self, other: Vector) -> Vector:
        return Vector(self.x + other.x, self.y + other.y)

    def __neg__(self) -> Vector:
        return Vector(-self.x, -self.y)

    def __getitem__(self, index: int) -> float:
        return (self.x, self.y)[index]

    def __setitem__(self, index, value):
        pass

    def __delitem__(self, index):
        pass

    def __call__(self, scale: float = 1.0, *args: float, **kwargs: float) -> Vector:
        return self


class Path:
    """Special methods whose signatures no C++ operator can declare: member functions."""

    def __truediv__(self, *other: str) -> Path:
        return self

    def __getitem__(self, indices: int, **kw_args: Any) -> Path:
        return self

    def __sub__(self, other: Path, strict: bool = False) -> Path:
        return self

    def __mul__(self, other: int, *, repeat: bool = False) -> Path:
        return self

    def __and__(self, *others: Path) -> Path:
        return self

    def __invert__(self, deep: bool) -> Path:
        return self

    def __or__(self) -> Path:
        return self

    def truediv(self) -> None:
        """Takes the name `truediv`: __truediv__ becomes `truediv_`."""


def _loads(text: str) -> Any:
    return text


class Config:
    """An annotated attribute whose value is a function: one member, the attribute."""

    json_loads: Callable[[str], Any] = _loads

    def json_dumps(self, value: Any) -> str:
        return ""


class new:
    """A class named after a C++ keyword."""

    def copy(self) -> new:
        return self


class auto(enum.Enum):
    """An enum named after a C++ keyword."""

    ON = "on"
    OFF = "off"


class Unused(NamedTuple):
    """A NamedTuple nothing uses: its source reads nothing for it."""

    a: int


class Reader:
    @overload
    def read(self, raw: Literal[True]) -> bytes: ...

    @overload
    def read(self, raw: Literal[False] = ...) -> str: ...

    def read(self, raw: bool = False) -> Union[str, bytes]:
        return b"" if raw else ""

    @overload
    def dump(self, pretty: Literal[True] = ...) -> str: ...

    @overload
    def dump(self, pretty: Literal[False] = ...) -> bytes: ...

    def dump(self, pretty: bool = True) -> Union[str, bytes]:
        """Both signatures are `dump(pyhpp::opt<bool>)` in C++: one, giving either result."""
        return ""

    @overload
    def get(self, key: str) -> Optional[int]: ...

    @overload
    def get(self, key: str, default: int) -> int: ...

    def get(self, key: str, default: Optional[int] = None) -> Optional[int]:
        return default


@overload
def load(data: str, *, strict: Literal[True]) -> Dict[str, int]: ...


@overload
def load(data: str, *, strict: Literal[False] = ...) -> Any: ...


def load(data: str, *, strict: bool = False) -> Any:
    return {}


@overload
def parse(text: str, /) -> int: ...


@overload
def parse(text: str) -> float: ...


def parse(text: str) -> Union[int, float]:
    return 0


def toggle(state: auto, other: new) -> auto:
    return state


def newline(mode: Literal["\n", "\r\n", "\r", "??="]) -> str:
    """Literal strings with line breaks and a trigraph."""
    return mode
