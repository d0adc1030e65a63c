"""Golden case `containers`: every container mapping, and containers of containers."""

from typing import (
    Any,
    Dict,
    FrozenSet,
    List,
    Mapping,
    MutableMapping,
    MutableSequence,
    Optional,
    Sequence,
    Set,
    Tuple,
)


def optionals(a: Optional[int], b: "str | None", c: Optional[bytes] = None) -> Optional[float]:
    """Optional[X] and X | None are std::optional<X>."""
    return None


def sequences(a: List[int], b: list, c: Sequence[str], d: MutableSequence[float],
              e: list[bool]) -> List[str]:
    """list, List, Sequence and MutableSequence are std::vector."""
    return []


def tuples(pair: Tuple[int, str], many: Tuple[float, ...], bare: tuple,
           triple: tuple[bool, bytes, int]) -> Tuple[int, int]:
    """Fixed tuples are std::tuple; tuple[T, ...] and a bare tuple are std::vector."""
    return (0, 0)


def mappings(a: Dict[str, int], b: Mapping[int, float], c: MutableMapping[str, Any],
             d: dict[bytes, str]) -> Dict[str, float]:
    """dict, Mapping and MutableMapping are std::map."""
    return {}


def sets(a: Set[int], b: FrozenSet[str], c: set[bytes], d: frozenset[float]) -> Set[str]:
    """set and frozenset are std::set."""
    return set()


def nested(a: Dict[str, List[Optional[Tuple[int, float]]]],
           b: List[Dict[str, Any]],
           c: Optional[Dict[str, List[int]]] = None,
           *,
           d: Set[Tuple[int, str]] = frozenset(),
           e: Dict[Tuple[int, int], FrozenSet[bytes]] = {},
           ) -> List[Tuple[List[int], Dict[str, bool]]]:
    """Containers of containers, as parameters and as a result."""
    return []


def results() -> Tuple[Optional[int], List[str], Dict[str, Optional[List[float]]]]:
    return (None, [], {})
