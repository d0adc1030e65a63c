"""A second module, added to MODULES by a test."""


def count_items(names: list[str]) -> int:
    """How many names there are."""
    return len(names)
