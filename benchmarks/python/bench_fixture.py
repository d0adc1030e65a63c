"""The fixture of pyhpp's call-overhead benchmark: the cheapest typed function there is."""


def add(a: int, b: int) -> int:
    """Return a + b."""
    return a + b
