"""Invoice arithmetic: the Python package the invoice sample calls from C++."""

from __future__ import annotations

from typing import Optional

__all__ = ["total", "parse_sku", "stock_report", "find_price", "tags"]

PRICES = {"apple": 0.5, "pear": 0.75, "melon": 2.25}


def total(prices: list[float], tax_rate: float = 0.2, *, discount: float = 0.0) -> float:
    """Sum of `prices` less `discount`, plus tax at `tax_rate`."""
    return round((sum(prices) - discount) * (1 + tax_rate), 2)


def parse_sku(code: str) -> tuple[str, int]:
    """Splits a stock-keeping unit such as "APL-0042" into its family and number.

    Raises ValueError when the code is malformed.
    """
    family, sep, number = code.partition("-")
    if not sep or not number.isdigit():
        raise ValueError(f"malformed SKU {code!r}: expected FAMILY-NUMBER")
    return family, int(number)


def stock_report(stock: dict[str, int], minimum: int = 1) -> list[str]:
    """Names of the items whose stock is below `minimum`, sorted."""
    return sorted(name for name, count in stock.items() if count < minimum)


def find_price(name: str) -> Optional[float]:
    """The unit price of `name`, or None when it is not sold here."""
    return PRICES.get(name)


def tags(*words: str, sep: str = ",") -> str:
    """Joins any number of tags."""
    return sep.join(words)
