"""A small double-entry ledger: the Python domain model the ledger sample drives from C++."""

from __future__ import annotations

import dataclasses
import enum
from typing import Callable, Iterator, Optional

__all__ = ["Kind", "Entry", "LedgerError", "OverdraftError", "Ledger", "CURRENCY"]

CURRENCY: str = "EUR"


class Kind(enum.Enum):
    """Which side of an account an entry books."""

    CREDIT = "credit"
    DEBIT = "debit"


@dataclasses.dataclass(frozen=True)
class Entry:
    """One booking."""

    account: str
    amount: float
    kind: Kind = Kind.CREDIT
    memo: Optional[str] = None


class LedgerError(ValueError):
    """Anything the ledger refuses."""


class OverdraftError(LedgerError):
    """A debit larger than the account's balance."""


class Ledger:
    """Accounts and their entries, with a callback on every change."""

    def __init__(self, owner: str, *, overdraft: float = 0.0) -> None:
        self.owner = owner
        self.overdraft = overdraft
        self._entries: list[Entry] = []
        self._listeners: list[Callable[[str, float], None]] = []

    def book(self, entry: Entry) -> float:
        """Books `entry` and returns the account's new balance."""
        if entry.amount <= 0:
            raise LedgerError(f"amount must be positive, got {entry.amount}")
        balance = self.balance(entry.account)
        change = entry.amount if entry.kind is Kind.CREDIT else -entry.amount
        if balance + change < -self.overdraft:
            raise OverdraftError(f"{entry.account}: {balance:.2f} cannot cover {entry.amount:.2f}")
        self._entries.append(entry)
        for listener in self._listeners:
            listener(entry.account, balance + change)
        return balance + change

    def balance(self, account: str) -> float:
        return sum(e.amount if e.kind is Kind.CREDIT else -e.amount
                   for e in self._entries if e.account == account)

    def on_change(self, listener: Callable[[str, float], None]) -> None:
        """Calls `listener(account, new_balance)` after every booking."""
        self._listeners.append(listener)

    def history(self, account: str) -> Iterator[Entry]:
        return (e for e in self._entries if e.account == account)

    @property
    def accounts(self) -> list[str]:
        return sorted({e.account for e in self._entries})

    def __len__(self) -> int:
        return len(self._entries)
