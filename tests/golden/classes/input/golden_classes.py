"""Golden case `classes`: classes, dataclasses, enums, exception classes, constants, rich types.

Each body is irrelevant: only the signatures, annotations and docstrings are wrapped.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import pathlib
from typing import Callable, Final, Iterator, Literal, Optional, TypeVar, Union

T = TypeVar("T")


class Mode(enum.Enum):
    """String values: converted by member name."""

    FAST = "fast"
    SAFE = "safe"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 10


class Access(enum.IntFlag):
    READ = 1
    WRITE = 2
    EXECUTE = 4


class GoldenError(ValueError):
    """Raised by the functions of this module."""


class DeeperError(GoldenError):
    pass


class Account:
    """A bank account: one member of every kind."""

    fee: float = 0.5

    def __init__(self, owner: str, balance: float = 0.0, *, level: Level = Level.LOW) -> None:
        """Opens an account; `level` is keyword-only."""
        self._owner = owner
        self._entries = [balance]
        self.nickname = owner

    def deposit(self, amount: float, *, note: str = "") -> float:
        """Adds `amount` and returns the new balance."""
        self._entries.append(amount)
        return sum(self._entries)

    def withdraw(self, amount: float) -> float:
        return self.deposit(-amount)

    @classmethod
    def open(cls, owner: str) -> Account:
        return cls(owner)

    @staticmethod
    def valid_owner(name: str) -> bool:
        return bool(name)

    @property
    def owner(self) -> str:
        """Read-only."""
        return self._owner

    @property
    def nickname(self) -> str:
        return self._nickname

    @nickname.setter
    def nickname(self, value: str) -> None:
        self._nickname = value

    def __len__(self) -> int:
        return len(self._entries)

    def __call__(self, amount: float) -> float:
        return self.deposit(amount)

    def __contains__(self, amount: float) -> bool:
        return amount in self._entries

    def __getitem__(self, index: int) -> float:
        return self._entries[index]

    def __setitem__(self, index: int, amount: float) -> None:
        self._entries[index] = amount

    def __delitem__(self, index: int) -> None:
        del self._entries[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Account) and other._owner == self._owner

    def __lt__(self, other: Account) -> bool:
        return sum(self._entries) < sum(other._entries)

    def __hash__(self) -> int:
        return hash(self._owner)

    def __bool__(self) -> bool:
        return sum(self._entries) > 0

    def __str__(self) -> str:
        return f"Account({self._owner})"

    def __add__(self, other: Account) -> Account:
        return Account(self._owner, sum(self._entries) + sum(other._entries))

    def __neg__(self) -> Account:
        return Account(self._owner, -sum(self._entries))


class Savings(Account):
    """Overrides withdraw(); everything else is inherited."""

    def withdraw(self, amount: float) -> float:
        if amount > sum(self._entries):
            raise DeeperError("no overdraft on savings")
        return super().withdraw(amount)


@dataclasses.dataclass
class Transfer:
    source: Account
    target: Account
    amount: float
    mode: Mode = Mode.SAFE
    memo: Optional[str] = None


@dataclasses.dataclass(frozen=True)
class Receipt:
    transfer: Transfer
    level: Level


RATE: float = 0.02
LIMIT: Final[int] = 1000
DEFAULT_MODE = Mode.SAFE
counter: int = 0


def execute(transfer: Transfer, level: Level = Level.LOW) -> Receipt:
    if transfer.amount <= 0:
        raise DeeperError("nothing to transfer")
    return Receipt(transfer, level)


def describe(value: Union[int, str, Account]) -> str:
    return str(value)


def find(owner: str, among: Optional[Account] = None) -> Optional[Account]:
    return among


def set_mode(mode: Literal["fast", "safe"]) -> Literal["fast", "safe"]:
    return mode


def set_level(level: Literal[1, 10]) -> int:
    return level


def audit(account: Account, check: Callable[[int, str], bool]) -> bool:
    return check(len(account), account.owner)


def entries(account: Account) -> Iterator[int]:
    yield from range(len(account))


def opened(account: Account) -> datetime.datetime:
    return datetime.datetime(2024, 1, 1)


def due(day: datetime.date, grace: datetime.timedelta) -> datetime.date:
    return day + grace


def export(account: Account, directory: pathlib.Path) -> pathlib.Path:
    return directory / f"{account.owner}.csv"


def rotate(z: complex) -> complex:
    return z * 1j


def permissions(account: Account) -> Access:
    return Access.READ | Access.WRITE


def pick(items: list[T], index: int = 0) -> T:
    """Generic in a TypeVar."""
    return items[index]
