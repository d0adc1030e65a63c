"""The module wrapped by the installed-package consumer."""


def label(name: str, count: int) -> str:
    """A shelf label such as "pear x3"."""
    return f"{name} x{count}"


def total(counts: list[int]) -> int:
    """The sum of the counts."""
    return sum(counts)
