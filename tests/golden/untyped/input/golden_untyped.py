"""Golden case `untyped`: missing annotations, and annotations with no C++ type.

Each becomes pyhpp::object; the unmappable ones also warn (see expected/diagnostics.txt).
"""

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Literal, TypeVar, Union

if TYPE_CHECKING:  # only type checkers see this name; at runtime it cannot be resolved
    from golden_untyped_types import Missing

T = TypeVar("T")


def untyped(a, b=1, *args, c, d=None, **kwargs):
    """No annotations at all."""


def dynamic(x: Any, y: object, z: None = None) -> Any:
    """Any and object are pyhpp::object without a warning; so is a None parameter."""


def unions(x: Union[int, str], y: "int | str | None") -> Union[int, bytes]:
    return 0


def callback(f: Callable[[int], str], g: Callable[..., None]) -> Callable[[], int]:
    return lambda: 0


def literal(mode: Literal["r", "w"]) -> None:
    pass


def generic(x: T, xs: List[T]) -> T:
    return x


def unordered(d: Dict[object, int], s: "set[Any]") -> "dict[list[object], str]":
    return {}


def unresolved(x: "Missing", y: "list[Missing]") -> "Missing":
    return x


def bare(d: dict, s: set, fs: frozenset, n: list[None]) -> None:
    pass


def mixed(a: int, b, c: Callable[[], None] = print, *, d: str = "", e=0) -> "int | None":
    """Typed, untyped and unmappable parameters side by side."""
    return None
