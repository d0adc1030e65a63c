"""Private: a recursive run leaves it out."""


def hidden() -> int:
    return 0
