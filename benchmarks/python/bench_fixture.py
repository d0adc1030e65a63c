"""The fixture of pyhpp's call-overhead benchmark: the cheapest typed function and method."""


def add(a: int, b: int) -> int:
    """Return a + b."""
    return a + b


class Counter:
    """The method-call fixture: a plain class whose add() is the cheapest typed method there is."""

    def __init__(self, start: int = 0) -> None:
        self.value = start

    def add(self, a: int, b: int) -> int:
        """Return a + b."""
        return a + b
