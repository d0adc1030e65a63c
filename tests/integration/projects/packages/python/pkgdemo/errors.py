"""An exception class, re-exported by the package."""


class DemoError(ValueError):
    pass


def fail(message: str) -> None:
    raise DemoError(message)
