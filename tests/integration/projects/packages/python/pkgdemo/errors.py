"""Exception classes, re-exported by the package."""

from pkgdemo._private import MissingError


class DemoError(ValueError):
    pass


def fail(message: str) -> None:
    raise DemoError(message)


def lookup(key: str) -> int:
    raise MissingError(key)
