"""Fixtures of the codec tests: enums of every kind, time zones and path-likes."""
import datetime
import enum


class Color(enum.Enum):
    """str values: mapped by name."""

    RED = "red"
    GREEN = "green"
    BLUE = "blue"


class Shade(str, enum.Enum):
    """A str subclass: `str | Shade` must still keep its members Shades."""

    DARK = "dark"
    LIGHT = "light"


class Mixed(enum.Enum):
    """Values of mixed types: mapped by name."""

    ONE = 1
    TWO = "two"
    PAIR = (1, 2)


class Grown(enum.Enum):
    """The C++ side knows X and Y only, as if Z had been added after generation."""

    X = "x"
    Y = "y"
    Z = "z"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 10
    NEG = -5


class Plain(enum.Enum):
    """int values without being an IntEnum: mapped by value through `.value`."""

    A = 1
    B = 2


class Perm(enum.Flag):
    R = 4
    W = 2
    X = 1


class Mode(enum.IntFlag):
    A = 1
    B = 2
    C = 16


class NoOffset(datetime.tzinfo):
    """A tzinfo whose utcoffset() is None: its datetimes are naive."""

    def utcoffset(self, dt: object) -> None:
        return None


class Dir:
    """os.PathLike by protocol only."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return self.path


class BadPath:
    """__fspath__ returns neither str nor bytes."""

    def __fspath__(self) -> int:
        return 42


PLUS_0530 = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
MINUS_0800 = datetime.timezone(datetime.timedelta(hours=-8))
