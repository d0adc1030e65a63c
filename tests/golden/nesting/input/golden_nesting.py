"""Golden case `nesting`: every kind of class (class, dataclass, NamedTuple, TypedDict, enum)
used by every other kind, as fields, parameters with and without defaults, keyword-only
parameters and results, alone and in containers. Python defines them users first; the header
must define them in an order that compiles.

Each body is irrelevant: only the signatures and annotations are wrapped.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Dict, List, NamedTuple, Optional, Tuple, TypedDict, Union, overload


class Shop:
    """A class using every kind: a struct as a default argument, the others in containers."""

    owner: Owner

    def __init__(self, name: str, stock: Optional[Stock] = None, *,
                 sizes: Tuple[Size, ...] = ()) -> None:
        self.owner = Owner(name)

    def item(self, sku: Sku) -> Item:
        raise NotImplementedError

    def find(self, sku: Optional[Sku] = None, *, size: Optional[Size] = None,
             item: Optional[Item] = None) -> Optional[Tuple[Item, Sku]]:
        return None

    def prices(self, items: Optional[Dict[str, Item]] = None,
               labels: Optional[List[Label]] = None) -> Dict[str, Price]:
        return {}

    def first(self, *items: Item) -> Union[Item, Label]:
        return items[0]

    def extra(self, **labels: Label) -> List[Stock]:
        return []

    @property
    def best(self) -> Optional[Price]:
        return None


class Size(enum.Enum):
    S = "s"
    M = "m"
    L = "l"


class Sku(NamedTuple):
    """A NamedTuple holding an enum, a TypedDict and a class."""

    code: str
    size: Size
    price: Price
    maker: Optional[Owner]


class Price(TypedDict):
    amount: float
    currency: Currency


class Label(TypedDict, total=False):
    """A TypedDict holding a NamedTuple and a dataclass (keys that may be missing)."""

    text: str
    sku: Sku
    item: Item


@dataclasses.dataclass
class Item:
    """A dataclass holding every kind, with defaults: its constructor's default arguments need
    Shop complete, and Shop's need Item (through Stock): one of them loses its defaults."""

    sku: Sku
    label: Label
    size: Size = Size.M
    tags: List[Label] = dataclasses.field(default_factory=list)
    owner: Optional[Owner] = None
    shop: Optional[Shop] = None


class Owner:
    def __init__(self, name: str, size: Size = Size.L) -> None:
        self.name = name

    def buy(self, sku: Sku, *, label: Optional[Label] = None) -> Item:
        raise NotImplementedError


class Stock(NamedTuple):
    """A NamedTuple holding containers of every kind."""

    items: List[Item]
    skus: Dict[str, Sku]
    labels: Tuple[Label, Size]
    shops: Optional[List[Shop]] = None


class Currency(enum.IntEnum):
    EUR = 1
    USD = 2


class Base:
    """Its member's default argument needs Derived, whose base it is: the member declares no
    default and gets a shorter overload."""

    def clone(self, into: Optional[Derived] = None, depth: int = 1) -> Base:
        return self

    @overload
    def merge(self, other: int) -> int: ...

    @overload
    def merge(self, other: int, into: Optional[Derived] = None) -> Base: ...

    def merge(self, other: int, into: Optional[Derived] = None) -> Union[int, Base]:
        """The second signature's shorter overload would be the first one: it is left out."""
        return other


class Derived(Base):
    pass


class Transport:
    """Needs Proxy complete, and so Address: converting to Proxy looks at its constructor."""

    def __init__(self, proxy: Optional[Proxy] = None) -> None:
        self.proxy = proxy


class Proxy:
    def __init__(self, url: Union[Address, str]) -> None:
        self.url = url


class Address:
    def __init__(self, text: str) -> None:
        self.text = text


class Order(NamedTuple):
    """Holds Sku and Line, which holds Sku too: each struct's converter after its fields'."""

    line: Line
    sku: Sku


class Line(NamedTuple):
    sku: Sku
    count: int
    marker: Marker
    note: Note


class Marker(NamedTuple):
    """No fields: its converter names neither the value nor the output."""


class Note(TypedDict):
    pass


def restock(shop: Shop, stock: Optional[Stock] = None, *,
            label: Optional[Label] = None) -> Tuple[Stock, Price]:
    raise NotImplementedError


def catalogue(sizes: Dict[Size, List[Sku]], order: Order = None) -> List[Order]:
    return []
