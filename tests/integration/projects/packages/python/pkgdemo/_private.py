"""Private: a recursive run leaves it out, yet what it defines is reachable elsewhere."""


class MissingError(KeyError):
    """Exported by pkgdemo (and pkgdemo.errors), yet Python names it pkgdemo._private.MissingError."""


def hidden() -> int:
    return 0
