"""A package whose public API is what its submodules define, re-exported here."""

from pkgdemo.core import Color, Widget, make_widget
from pkgdemo.errors import DemoError, MissingError
from pkgdemo.shapes import Circle
from pkgdemo.shapes import Square as Box

# Imports of a package's __init__ are its API; naming them here keeps pyflakes quiet.
_REEXPORTED = (Color, Widget, make_widget, DemoError, MissingError, Circle,
               Box)

VERSION = "1.0"
