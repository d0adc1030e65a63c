"""Golden case `basic`: every parameter kind and every scalar type.

Each function body is irrelevant: only the signatures and docstrings are wrapped.
"""


def nothing() -> None:
    """Takes nothing and returns nothing."""


def scalars(i: int, f: float, b: bool, s: str, data: bytes) -> str:
    """One parameter of each scalar type, by value or by const reference."""
    return ""


def to_int(x: float) -> int:
    return 0


def to_float(x: int) -> float:
    return 0.0


def to_bool(x: str) -> bool:
    return False


def to_bytes(x: str) -> bytes:
    return b""


def positional_only(a: int, b: str = "", /) -> int:
    """Positional-only parameters, one of them optional."""
    return 0


def defaults(x: int = 1, y: str = "y", z: bytes = b"") -> None:
    """Optional positional-or-keyword parameters and no keyword-only ones."""


def keyword_only(*, scale: float = 1.0, name: str = "", flag: bool = False) -> None:
    """Only optional keyword-only parameters."""


def required_keyword(x: int, *, mode: str, level: int = 0) -> float:
    """A required and an optional keyword-only parameter."""
    return 0.0


def var_positional(first: int, *rest: int) -> int:
    return first


def var_keyword(**options: str) -> None:
    pass


def kinds(a: int, b: float = 1.5, /, c: bool = True, *args: str, d: bytes, e: int = 0,
          **kwargs: float) -> None:
    """All five parameter kinds.

    Indented lines keep their indentation:
        like this one.
    """
